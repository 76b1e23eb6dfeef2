/**
 * Lint as text: for people in a terminal
 * ======================================
 *
 * ESLint's "stylish" layout (docs/architecture.md#output-formats): findings grouped by file,
 * each as `line:col  severity  message  rule`, with the manifest line under
 * it (and a caret under the id or entry) and the chain of causes; a summary
 * line last. Suppressed findings are listed dimmed with their reason;
 * findings the baseline accepts are only counted.
 */
import type { Finding } from '../lint/finding.js';
import { lintSummary, type LintReport } from '../lint/report.js';
import type { SourceRange } from '../model.js';
import { printable, type LintFormatOptions } from './lint-options.js';
import { plain, type Paint, type Style } from './paint.js';
import { plural } from '../words.js';
import { append } from '../arrays.js';

/** One entry of a file's list: a head line in columns, then the lines under it. */
interface Item {
  readonly at: SourceRange;
  readonly severity: string;
  readonly style: Style;
  readonly message: string;
  readonly rule: string;
  readonly dim: boolean;
  readonly below: readonly string[];
}

/** The text report. */
export function formatLintText(report: LintReport, options: LintFormatOptions = {}): string {
  let text = '';
  for (const chunk of lintTextChunks(report, options)) text += chunk;
  return text;
}

/** How many findings' lines a chunk of `lintTextChunks` holds at most. */
const CHUNK_ITEMS = 1000;

/**
 * The text report in pieces, each file's findings as they are formatted (a
 * large file's in pieces of a thousand findings), then the summary: the CLI
 * writes each piece as it comes, so a report never has to be one string
 * (V8 caps a string at about 512 MB, and lint of a 100,000-component
 * manifest holds the whole report twice over otherwise). Joined, the pieces
 * are `formatLintText`.
 */
export function* lintTextChunks(report: LintReport, options: LintFormatOptions = {}): Generator<string> {
  const paint = options.paint ?? plain;
  const byFile = new Map<string, Finding[]>();
  const unused = new Map<string, LintReport['unusedSuppressions'][number][]>();
  const add = <T extends { readonly at: SourceRange }>(into: Map<string, T[]>, x: T): void => {
    const list = into.get(x.at.file);
    if (list) list.push(x);
    else into.set(x.at.file, [x]);
  };
  for (const f of report.findings) if (f.suppressed?.kind !== 'baseline') add(byFile, f);
  for (const u of report.unusedSuppressions) add(unused, u);
  const sources = new SourceLines(options.sources);

  const files = new Set(report.files);
  for (const file of byFile.keys()) files.add(file);
  for (const file of unused.keys()) files.add(file);
  for (const file of files) {
    const findings = byFile.get(file) ?? [];
    const suppressions = unused.get(file) ?? [];
    if (findings.length === 0 && suppressions.length === 0) continue;
    // Sorted by position; the items themselves are made one piece at a time.
    const heads: { readonly at: SourceRange; readonly severity: string; readonly make: () => Item }[] = [];
    for (const f of findings) heads.push({ at: f.at, severity: itemSeverity(f), make: () => findingItem(f, paint, sources) });
    for (const u of suppressions) heads.push({ at: u.at, severity: 'unused', make: () => unusedItem(u) });
    heads.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
    // Columns as in ESLint's stylish: position and severity padded within the file.
    let positionWidth = 0;
    let severityWidth = 0;
    for (const h of heads) {
      positionWidth = Math.max(positionWidth, position(h.at).length);
      severityWidth = Math.max(severityWidth, h.severity.length);
    }
    let out: string[] = [paint('bold', printable(file))];
    for (let n = 0; n < heads.length; n++) {
      const i = heads[n]!.make();
      const message = i.dim ? paint('gray', i.message) : i.message;
      out.push(`  ${position(i.at).padEnd(positionWidth)}  ${paint(i.style, i.severity.padEnd(severityWidth))}  ${message}  ${paint('gray', i.rule)}`);
      append(out, i.below);
      if ((n + 1) % CHUNK_ITEMS === 0 && n + 1 < heads.length) {
        yield `${out.join('\n')}\n`;
        out = [];
      }
    }
    out.push('');
    yield `${out.join('\n')}\n`;
  }
  const out: string[] = [];
  if (report.baseline && report.baseline.fixed.length > 0) {
    const n = report.baseline.fixed.length;
    out.push(paint('green', `✔ ${plural(n, 'finding')} in the baseline ${printable(report.baseline.file)} no longer occur${n === 1 ? 's' : ''} (fixed):`));
    for (const e of report.baseline.fixed) out.push(paint('gray', `    ${e.rule} on ${printable(e.target || e.subject.join(', '))}`));
    out.push(paint('gray', '  run with --write-baseline to drop them'), '');
  }
  out.push(summaryLine(report, paint));
  yield `${out.join('\n')}\n`;
}

function itemSeverity(f: Finding): string {
  return f.suppressed ? 'suppressed' : f.severity;
}

function unusedItem(u: LintReport['unusedSuppressions'][number]): Item {
  return {
    at: u.at,
    severity: 'unused',
    style: 'yellow',
    message: `faultline-ignore ${printable(u.rule)} matches no finding on ${u.component}; remove the comment`,
    rule: 'unused-suppression',
    dim: false,
    below: [],
  };
}

function findingItem(f: Finding, paint: Paint, sources: SourceLines): Item {
  const head = { at: f.at, message: printable(f.message), rule: f.rule };
  if (f.suppressed) return { ...head, severity: 'suppressed', style: 'gray', dim: true, below: [paint('gray', `      suppressed: ${printable(f.suppressed.reason)}`)] };
  const below = [...sourceLines(f.at, sources, paint), ...f.details.map((d) => paint('gray', `      ↳ ${printable(d)}`))];
  return { ...head, severity: f.severity, style: f.severity === 'error' ? 'red' : 'yellow', dim: false, below };
}

/** The manifest line of a position and a caret under it, when the text is known. */
function sourceLines(at: SourceRange, sources: SourceLines, paint: Paint): string[] {
  const line = sources.line(at.file, at.line);
  if (line === undefined) return [];
  const number = String(at.line);
  const gutter = ' '.repeat(number.length);
  const width = at.endLine === at.line ? Math.max(1, at.endCol - at.col) : Math.max(1, line.length - at.col + 1);
  return [paint('gray', `      ${number} │ `) + printable(line), paint('gray', `      ${gutter} │ `) + ' '.repeat(Math.max(0, at.col - 1)) + paint('red', '^'.repeat(width))];
}

/** Lines of the manifest texts, indexed once per file. */
class SourceLines {
  private readonly starts = new Map<string, number[]>();

  constructor(private readonly texts: ReadonlyMap<string, string> | undefined) {}

  line(file: string, line: number): string | undefined {
    const text = this.texts?.get(file);
    if (text === undefined) return undefined;
    let starts = this.starts.get(file);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts.set(file, starts);
    }
    const start = starts[line - 1];
    if (start === undefined) return undefined;
    const end = starts[line] ?? text.length + 1;
    return text.slice(start, end - 1).replace(/\r$/, '');
  }
}

function position(at: SourceRange): string {
  return `${at.line}:${at.col}`;
}

function summaryLine(report: LintReport, paint: Paint): string {
  const s = lintSummary(report);
  const extras: string[] = [];
  if (s.suppressed > 0) extras.push(`${s.suppressed} suppressed`);
  if (s.baselined > 0) extras.push(`${s.baselined} accepted by the baseline`);
  if (report.unusedSuppressions.length > 0) extras.push(`${plural(report.unusedSuppressions.length, 'unused suppression')}`);
  const tail = extras.length > 0 ? ` · ${extras.join(' · ')}` : '';
  const problems = s.error + s.warn;
  if (problems === 0) return paint('green', `✔ no problems (${report.rules.size} rules, ${plural(report.files.length, 'file')})`) + tail;
  const head = `✖ ${plural(problems, 'problem')} (${plural(s.error, 'error')}, ${plural(s.warn, 'warning')})`;
  return paint(s.error > 0 ? 'red' : 'yellow', head) + tail;
}
