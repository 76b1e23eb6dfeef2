/**
 * The diff as text: for a terminal
 * ================================
 *
 * The same sections as the Markdown report, in lint text's manner: the
 * verdict first (✖ when the change is worse, ✔ otherwise), SPOFs gained and
 * lost each with its chain of causes, the critical components that moved,
 * findings new (`+`) and fixed (`-`), components and dependencies added
 * (`+`), removed (`-`) and changed (`~`). Manifest text passes through
 * `printable`, so no terminal escape from a file reaches the screen.
 */
import { append } from '../arrays.js';
import { chainText } from './causes.js';
import { printable } from './lint-options.js';
import { plain, type Paint } from './paint.js';
import type { Finding } from '../lint/finding.js';
import { dependencyText } from '../diff/dependencies.js';
import type { ArchitectureDiff } from '../diff/diff.js';
import type { DiffFormatOptions } from './diff-options.js';
import { blastText, fieldText, spofSentence, verdict } from './diff-words.js';

const MARK = new Map([
  ['added', '+'],
  ['removed', '-'],
  ['changed', '~'],
]);

/** `faultline diff` (text). */
export function formatDiffText(diff: ArchitectureDiff, options: DiffFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const max = options.maxItems ?? 50;
  const s = diff.summary;
  const v = verdict(diff);
  const name = diff.base.name === diff.head.name ? diff.head.name : `${diff.base.name} → ${diff.head.name}`;
  const out: string[] = [paint('bold', printable(`faultline diff ${name}: ${diff.base.label} → ${diff.head.label}`))];
  out.push(paint(v.worse ? 'red' : 'green', `${v.worse ? '✖' : '✔'} ${v.text}`));
  out.push(
    paint(
      'gray',
      `  components: ${s.componentsAdded} added, ${s.componentsRemoved} removed, ${s.componentsChanged} changed · dependencies: ${s.dependenciesAdded} added, ${s.dependenciesRemoved} removed, ${s.dependenciesChanged} changed · findings: ${s.newErrors + s.newWarnings} new, ${s.fixedFindings} fixed`,
    ),
  );

  const spofs = [
    ...diff.critical.flatMap((c) => c.gained.flatMap((g) => [`  ${paint('red', '✖')} ${spofSentence(g, true)}`, paint('gray', `      ${chainText(g.chain)}`)])),
    ...diff.critical.flatMap((c) => c.lost.map((l) => `  ${paint('green', '✔')} ${spofSentence(l, false)}`)),
  ];
  section(out, paint, 'Single points of failure', spofs, max * 2);

  const moved = diff.critical.filter((c) => c.changed);
  section(
    out,
    paint,
    `Critical components (${moved.length} of ${diff.critical.length} changed)`,
    moved.map((c) => {
      const spofCount = `SPOFs ${c.before ? c.before.spofs.length : '—'} → ${c.after ? c.after.spofs.length : '—'}`;
      const worst = (state: typeof c.before): string => (state ? blastText(state.worst) : 'not critical');
      return `  ${paint('bold', c.id)}  ${spofCount}  worst single failure: ${worst(c.before)} → ${worst(c.after)}`;
    }),
    max,
  );

  const findings = [...diff.findings.added.flatMap((f) => findingLines(f, true, paint)), ...diff.findings.fixed.flatMap((f) => findingLines(f, false, paint))];
  section(out, paint, `Findings (${s.newErrors + s.newWarnings} new, ${s.fixedFindings} fixed)`, findings, max * 4);

  section(
    out,
    paint,
    `Components (${s.componentsAdded} added, ${s.componentsRemoved} removed, ${s.componentsChanged} changed)`,
    diff.components.map((c) =>
      c.change === 'changed'
        ? `  ~ ${c.id}: ${printable(c.fields.map((f) => fieldText(f)).join('; '))}`
        : `  ${MARK.get(c.change)} ${c.id} (${printable(c.kind)})  ${paint('gray', printable(`${c.at.file}:${c.at.line}:${c.at.col}`))}`,
    ),
    max,
  );
  section(
    out,
    paint,
    `Dependencies (${s.dependenciesAdded} added, ${s.dependenciesRemoved} removed, ${s.dependenciesChanged} changed)`,
    diff.dependencies.map((d) => {
      const attributes = d.attributes && d.change !== 'changed' ? ` (${d.attributes})` : '';
      const fields = d.change === 'changed' ? `: ${d.fields.map((f) => fieldText(f)).join('; ')}` : '';
      return `  ${MARK.get(d.change)} ${printable(`${dependencyText(d)}${attributes}${fields}`)}`;
    }),
    max,
  );
  return `${out.join('\n')}\n`;
}

function section(out: string[], paint: Paint, title: string, lines: readonly string[], max: number): void {
  if (lines.length === 0) return;
  out.push('', paint('bold', title));
  append(out, lines.slice(0, max));
  if (lines.length > max) out.push(paint('gray', `  … and ${lines.length - max} more lines (--format json lists everything)`));
}

function findingLines(f: Finding, isNew: boolean, paint: Paint): string[] {
  const where = paint('gray', printable(`${f.at.file}:${f.at.line}:${f.at.col}${isNew ? '' : ' (base)'}`));
  if (!isNew) return [`  ${paint('green', '- fixed')}  ${printable(f.message)}  ${paint('gray', f.rule)}  ${where}`];
  const severity = f.severity === 'error' ? paint('red', '+ error') : paint('yellow', '+ warn ');
  return [`  ${severity}  ${printable(f.message)}  ${paint('gray', f.rule)}  ${where}`, ...f.details.map((d) => paint('gray', `      ↳ ${printable(d)}`))];
}
