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
import type { UnusedSuppression } from '../lint/suppress.js';
import { lintSummary, type LintReport } from '../lint/report.js';
import type { SourceRange } from '../model.js';
import { printable, type LintFormatOptions } from './lint-options.js';
import { plain, type Paint } from './paint.js';
import { plural } from '../words.js';

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
 * are `formatLintText`. Each piece is built as one string, with no object or
 * array per finding: lint at 100k prints 130,000 findings in 416,000 lines.
 */
export function* lintTextChunks(report: LintReport, options: LintFormatOptions = {}): Generator<string> {
  const paint = options.paint ?? plain;
  const byFile = new Map<string, Entry[]>();
  const add = (x: Entry): void => {
    const list = byFile.get(x.at.file);
    if (list) list.push(x);
    else byFile.set(x.at.file, [x]);
  };
  for (const f of report.findings) if (f.suppressed?.kind !== 'baseline') add(f);
  // Unused suppressions after the findings of their file, so that the stable sort below keeps findings first on a tie.
  for (const u of report.unusedSuppressions) add(u);
  const sources = new SourceLines(options.sources);

  const files = new Set(report.files);
  for (const file of byFile.keys()) files.add(file);
  for (const file of files) {
    const entries = byFile.get(file);
    if (!entries) continue;
    // By position (findings come sorted; unused suppressions and several models' findings may not).
    if (!byPosition(entries)) entries.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
    // Columns as in ESLint's stylish: position and severity padded within the file.
    let positionWidth = 0;
    let severityWidth = 0;
    for (const e of entries) {
      positionWidth = Math.max(positionWidth, digits(e.at.line) + 1 + digits(e.at.col));
      severityWidth = Math.max(severityWidth, entrySeverity(e).length);
    }
    let out = `${paint('bold', printable(file))}\n`;
    for (let n = 0; n < entries.length; n++) {
      const e = entries[n]!;
      out += `  ${position(e.at).padEnd(positionWidth)}  `;
      if (isUnused(e)) {
        out += `${paint('yellow', 'unused'.padEnd(severityWidth))}  faultline-ignore ${printable(e.rule)} matches no finding on ${e.component}; remove the comment  ${paint('gray', 'unused-suppression')}\n`;
      } else if (e.suppressed) {
        out += `${paint('gray', 'suppressed'.padEnd(severityWidth))}  ${paint('gray', printable(e.message))}  ${paint('gray', e.rule)}\n`;
        out += `${paint('gray', `      suppressed: ${printable(e.suppressed.reason)}`)}\n`;
      } else {
        out += `${paint(e.severity === 'error' ? 'red' : 'yellow', e.severity.padEnd(severityWidth))}  ${printable(e.message)}  ${paint('gray', e.rule)}\n`;
        out += sourceLines(e.at, sources, paint);
        for (const d of e.details) out += `${paint('gray', `      ↳ ${printable(d)}`)}\n`;
      }
      if ((n + 1) % CHUNK_ITEMS === 0 && n + 1 < entries.length) {
        yield out;
        out = '';
      }
    }
    yield `${out}\n`;
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

/** One entry of a file's list: a finding, or a suppression comment that matched none. */
type Entry = Finding | UnusedSuppression;

function isUnused(e: Entry): e is UnusedSuppression {
  return (e as Partial<Finding>).severity === undefined;
}

function entrySeverity(e: Entry): string {
  return isUnused(e) ? 'unused' : e.suppressed ? 'suppressed' : e.severity;
}

/** Whether the entries are in order of line, then column. */
function byPosition(entries: readonly Entry[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1]!.at;
    const b = entries[i]!.at;
    if (a.line > b.line || (a.line === b.line && a.col > b.col)) return false;
  }
  return true;
}

/** How many decimal digits a position number prints with. */
function digits(n: number): number {
  return n >= 0 && n < 10 ? 1 : String(n).length;
}

/** The manifest line of a position and a caret under it, each ending in a newline; '' when the text is not known. */
function sourceLines(at: SourceRange, sources: SourceLines, paint: Paint): string {
  const line = sources.line(at.file, at.line);
  if (line === undefined) return '';
  const number = String(at.line);
  const gutter = ' '.repeat(number.length);
  const width = at.endLine === at.line ? Math.max(1, at.endCol - at.col) : Math.max(1, line.length - at.col + 1);
  return `${paint('gray', `      ${number} │ `)}${printable(line)}\n${paint('gray', `      ${gutter} │ `)}${' '.repeat(Math.max(0, at.col - 1))}${paint('red', '^'.repeat(width))}\n`;
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
    const end = (starts[line] ?? text.length + 1) - 1;
    return text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
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
