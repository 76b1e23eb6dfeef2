/**
 * The diff as Markdown: a pull-request comment
 * ============================================
 *
 * A heading with the verdict first ("⚠️ This change adds 1 SPOF for a
 * critical component and 2 error findings" / "✅ No new single points of
 * failure …"), one line of counts, the SPOFs gained and lost with their
 * chains, then collapsible `<details>` sections: critical components
 * (SPOFs and worst single failure, before → after), findings new and
 * fixed, components, dependencies. In the lint Markdown's style, and with
 * its escaping: file names, labels, messages and field values are data and
 * never become HTML, links or table structure. Each section lists at most
 * `maxItems` entries (GitHub caps a comment at 65,536 characters).
 */
import type { Finding } from '../lint/finding.js';
import { cell } from './lint-markdown.js';
import { ruleLink } from './lint-options.js';
import { dependencyText, type DependencyChange } from '../diff/dependencies.js';
import type { ComponentChange } from '../diff/components.js';
import type { ArchitectureDiff } from '../diff/diff.js';
import type { DiffFormatOptions } from './diff-options.js';
import type { CriticalChange } from '../diff/spofs.js';
import { blastText, fieldText, spofSentence, verdict } from './diff-words.js';
import { plural } from '../words.js';
import { append } from '../arrays.js';

const code = (id: string): string => `\`${id}\``;
const CHANGE_ICON = new Map([
  ['added', '➕'],
  ['removed', '➖'],
  ['changed', '✏️'],
]);

/** `faultline diff --format markdown`. */
export function formatDiffMarkdown(diff: ArchitectureDiff, options: DiffFormatOptions = {}): string {
  const max = options.maxItems ?? 50;
  const v = verdict(diff);
  const s = diff.summary;
  const out: string[] = [`### faultline diff: ${v.worse ? '⚠️' : '✅'} ${v.text}`, ''];
  const name = diff.base.name === diff.head.name ? cell(diff.head.name) : `${cell(diff.base.name)} → ${cell(diff.head.name)}`;
  out.push(
    `**${name}**: ${cell(diff.base.label)} → ${cell(diff.head.label)} · components: ${s.componentsAdded} added, ${s.componentsRemoved} removed, ${s.componentsChanged} changed · dependencies: ${s.dependenciesAdded} added, ${s.dependenciesRemoved} removed, ${s.dependenciesChanged} changed · findings: ${s.newErrors + s.newWarnings} new, ${s.fixedFindings} fixed`,
    '',
  );
  const spofLines = [
    ...diff.critical.flatMap((c) => c.gained.map((g) => `- 🔴 ${spofSentence(g, true, code).replace(/^(\S+)/, '**$1**')}`)),
    ...diff.critical.flatMap((c) => c.lost.map((l) => `- 🟢 ${spofSentence(l, false, code).replace(/^(\S+)/, '**$1**')}`)),
  ];
  if (spofLines.length > 0) append(out, capped(spofLines, max)).push('');

  const changed = diff.critical.filter((c) => c.changed);
  append(out, details(`Critical components: ${changed.length} of ${diff.critical.length} changed`, criticalTable(diff.critical, max)));
  const findings = [...diff.findings.added.map((f) => findingRow(f, true, options)), ...diff.findings.fixed.map((f) => findingRow(f, false, options))];
  if (findings.length > 0) {
    const heading = `Findings: ${s.newErrors + s.newWarnings} new (${plural(s.newErrors, 'error')}, ${plural(s.newWarnings, 'warning')}), ${s.fixedFindings} fixed`;
    append(out, details(heading, ['| | Rule | Where | Finding |', '|---|---|---|---|', ...capped(findings, max)]));
  }
  if (diff.components.length > 0) {
    append(out, details(`Components: ${s.componentsAdded} added, ${s.componentsRemoved} removed, ${s.componentsChanged} changed`, capped(diff.components.map(componentLine), max)));
  }
  if (diff.dependencies.length > 0) {
    out.push(
      ...details(
        `Dependencies: ${s.dependenciesAdded} added, ${s.dependenciesRemoved} removed, ${s.dependenciesChanged} changed`,
        capped(diff.dependencies.map(dependencyLine), max),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function details(summary: string, body: readonly string[]): string[] {
  return [`<details><summary>${cell(summary)}</summary>`, '', ...body, '', '</details>', ''];
}

function criticalTable(critical: readonly CriticalChange[], max: number): string[] {
  if (critical.length === 0) return ['No critical components.'];
  const ordered = [...critical.filter((c) => c.changed), ...critical.filter((c) => !c.changed)];
  const rows = ordered.map((c) => {
    const icon = c.gained.length > 0 ? '🔴' : c.lost.length > 0 ? '🟢' : c.changed ? '✏️' : '';
    const spofs = c.changed ? `${c.before ? c.before.spofs.length : '—'} → ${c.after ? c.after.spofs.length : '—'}` : String(c.after?.spofs.length ?? '—');
    const worst = (state: CriticalChange['before']): string => (state ? blastText(state.worst, code) : 'not critical');
    const blast = c.changed ? `${worst(c.before)} → ${worst(c.after)}` : worst(c.after);
    return `| ${icon} | ${code(c.id)} | ${spofs} | ${blast} |`;
  });
  return ['| | Critical component | SPOFs before → after | Worst single failure |', '|---|---|---|---|', ...capped(rows, max)];
}

function findingRow(f: Finding, isNew: boolean, options: DiffFormatOptions): string {
  const icon = !isNew ? '✅ fixed' : f.severity === 'error' ? '🔴 new error' : '🟡 new warn';
  const details = isNew && f.details.length > 0 ? `<br>${f.details.map((d) => `↳ ${cell(d)}`).join('<br>')}` : '';
  const where = `${f.at.file}:${f.at.line}:${f.at.col}${isNew ? '' : ' (base)'}`;
  return `| ${icon} | ${ruleLink(f.rule, options)} | ${cell(where)} | ${cell(f.message)}${details} |`;
}

function componentLine(c: ComponentChange): string {
  const head = `- ${CHANGE_ICON.get(c.change)} ${code(c.id)} (${cell(c.kind)})`;
  if (c.change !== 'changed') return `${head} ${c.change} · ${cell(`${c.at.file}:${c.at.line}`)}`;
  return `${head}: ${c.fields.map((f) => fieldText(f, cell)).join('; ')}`;
}

function dependencyLine(d: DependencyChange): string {
  const attributes = d.attributes && d.change !== 'changed' ? ` (${cell(d.attributes)})` : '';
  const fields = d.change === 'changed' ? `: ${d.fields.map((f) => fieldText(f, cell)).join('; ')}` : '';
  return `- ${CHANGE_ICON.get(d.change)} ${cell(dependencyText(d))}${attributes}${fields}`;
}

/** The first `max` lines, then how many were left out. */
function capped(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `- … and ${lines.length - max} more (\`--format json\` lists them all)`];
}
