/**
 * Lint as text: for people in a terminal
 * ======================================
 *
 * ESLint's "stylish" layout (ECOSYSTEM.md §A1.2): findings grouped by file,
 * each as `line:col  severity  message  rule`, with the manifest line under
 * it (and a caret under the id or entry) and the chain of causes; a summary
 * line last. Suppressed findings are listed dimmed with their reason;
 * findings the baseline accepts are only counted.
 */
import type { Finding } from '../lint/finding.js';
import { lintSummary, type LintReport } from '../lint/report.js';
import type { SourceRange } from '../model.js';
import { printable, type LintFormatOptions } from './lint-options.js';
import { plain, type Paint } from './paint.js';

interface Item {
  readonly at: SourceRange;
  readonly lines: readonly string[];
}

/** The text report. */
export function formatLintText(report: LintReport, options: LintFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const byFile = new Map<string, Item[]>();
  const add = (item: Item): void => {
    const list = byFile.get(item.at.file) ?? [];
    list.push(item);
    byFile.set(item.at.file, list);
  };
  for (const f of report.findings) if (f.suppressed?.kind !== 'baseline') add({ at: f.at, lines: findingLines(f, paint, options.sources) });
  for (const u of report.unusedSuppressions) {
    add({
      at: u.at,
      lines: [`  ${position(u.at)}  ${paint('yellow', 'unused')}  faultline-ignore ${printable(u.rule)} matches no finding on ${u.component}; remove the comment  ${paint('gray', 'unused-suppression')}`],
    });
  }

  const out: string[] = [];
  const files = [...new Set([...report.files, ...byFile.keys()])];
  for (const file of files) {
    const items = byFile.get(file);
    if (!items) continue;
    items.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
    out.push(paint('bold', printable(file)));
    for (const item of items) out.push(...item.lines);
    out.push('');
  }
  if (report.baseline && report.baseline.fixed.length > 0) {
    const n = report.baseline.fixed.length;
    out.push(paint('green', `✔ ${n} finding${n === 1 ? '' : 's'} in the baseline ${printable(report.baseline.file)} no longer occur${n === 1 ? 's' : ''} (fixed):`));
    for (const e of report.baseline.fixed) out.push(paint('gray', `    ${e.rule} on ${printable(e.target || e.subject.join(', '))}`));
    out.push(paint('gray', '  run with --write-baseline to drop them'), '');
  }
  out.push(summaryLine(report, paint));
  return `${out.join('\n')}\n`;
}

function findingLines(f: Finding, paint: Paint, sources: ReadonlyMap<string, string> | undefined): string[] {
  const severity = f.suppressed ? paint('gray', 'suppressed') : f.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warn');
  const message = f.suppressed ? paint('gray', printable(f.message)) : printable(f.message);
  const lines = [`  ${position(f.at)}  ${severity}  ${message}  ${paint('gray', f.rule)}`];
  if (f.suppressed) {
    lines.push(paint('gray', `      suppressed: ${printable(f.suppressed.reason)}`));
    return lines;
  }
  lines.push(...sourceLines(f.at, sources, paint));
  for (const d of f.details) lines.push(paint('gray', `      ↳ ${printable(d)}`));
  return lines;
}

/** The manifest line of a position and a caret under it, when the text is known. */
function sourceLines(at: SourceRange, sources: ReadonlyMap<string, string> | undefined, paint: Paint): string[] {
  const text = sources?.get(at.file);
  if (text === undefined) return [];
  const line = lineOf(text, at.line);
  if (line === undefined) return [];
  const number = String(at.line);
  const gutter = ' '.repeat(number.length);
  const width = at.endLine === at.line ? Math.max(1, at.endCol - at.col) : Math.max(1, line.length - at.col + 1);
  return [paint('gray', `      ${number} │ `) + printable(line), paint('gray', `      ${gutter} │ `) + ' '.repeat(Math.max(0, at.col - 1)) + paint('red', '^'.repeat(width))];
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function position(at: SourceRange): string {
  return `${at.line}:${at.col}`;
}

function summaryLine(report: LintReport, paint: Paint): string {
  const s = lintSummary(report);
  const extras: string[] = [];
  if (s.suppressed > 0) extras.push(`${s.suppressed} suppressed`);
  if (s.baselined > 0) extras.push(`${s.baselined} accepted by the baseline`);
  if (report.unusedSuppressions.length > 0) extras.push(`${report.unusedSuppressions.length} unused suppression${report.unusedSuppressions.length === 1 ? '' : 's'}`);
  const tail = extras.length > 0 ? ` · ${extras.join(' · ')}` : '';
  const problems = s.error + s.warn;
  if (problems === 0) return paint('green', `✔ no problems (${report.rules.size} rules, ${report.files.length} file${report.files.length === 1 ? '' : 's'})`) + tail;
  const head = `✖ ${problems} problem${problems === 1 ? '' : 's'} (${s.error} error${s.error === 1 ? '' : 's'}, ${s.warn} warning${s.warn === 1 ? '' : 's'})`;
  return paint(s.error > 0 ? 'red' : 'yellow', head) + tail;
}
