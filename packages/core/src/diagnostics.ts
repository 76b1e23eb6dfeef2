/**
 * Diagnostics: problems in the user's input
 * =========================================
 *
 * Returned as values, never thrown: the loader collects every problem it can
 * find so a user fixes a manifest in one pass (as eslint and tsc do). Each
 * prints as one line in the `file:line:col: error: message (hint)` form that
 * editors and CI problem matchers parse.
 */
import type { SourceRange } from './model.js';

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'yaml-alias'
  | 'yaml-tag'
  | 'not-a-manifest'
  | 'schema'
  | 'unknown-field'
  | 'invalid-id'
  | 'duplicate-id'
  | 'duplicate-key'
  | 'unknown-id'
  | 'self-dependency'
  | 'duplicate-member'
  | 'need-too-large'
  | 'min-healthy-too-large'
  | 'journey-placed'
  | 'invalid-fault'
  | 'io'
  | 'conflict'
  | 'observed-format'
  | 'skipped-input'
  | 'no-zones'
  | 'no-components'
  | 'unprovided-api'
  | 'location';

/** A problem in the user's input: always has a position, never a stack trace. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  /** One line, no trailing period. */
  readonly message: string;
  /** What to do about it, e.g. `did you mean "dependsOn"?`. */
  readonly hint?: string;
  readonly at: SourceRange;
  /** Other places involved (the first definition of a duplicate id). */
  readonly related?: readonly SourceRange[];
  /**
   * `warning`: something was skipped and everything else analysed (a file that
   * is no input faultline reads, in a directory); absent: an error, which
   * stops the run (exit 2).
   */
  readonly severity?: 'warning';
}

/** `file:line:col: error: message (hint)` (or `warning:`), one line, with no control character left raw. */
export function formatDiagnostic(d: Diagnostic): string {
  const related = d.related?.length ? ` (also at ${d.related.map(formatPosition).join(', ')})` : '';
  const hint = d.hint ? ` (${visible(d.hint)})` : '';
  return `${visible(formatPosition(d.at))}: ${d.severity ?? 'error'}: ${visible(oneLine(d.message))}${visible(related)}${hint}`;
}

/**
 * Text from a manifest or the command line, safe to print on a terminal, as
 * the formatters' `printable` makes it: control characters (C0 but tab, DEL,
 * C1) become `\x1b`-style escapes, the bidirectional overrides `\u202e`-style
 * ones, so a key or an argument cannot move the cursor, clear the screen or
 * reorder what is shown.
 */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it escapes
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function formatPosition(at: SourceRange): string {
  return `${at.file}:${at.line}:${at.col}`;
}

/** A position for problems that concern a whole file. */
export function fileStart(file: string): SourceRange {
  return { file, line: 1, col: 1, endLine: 1, endCol: 1 };
}

/** Sorts diagnostics by file, line and column, keeping the files in the order given. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return [...diagnostics].sort(
    (a, b) => (order.get(a.at.file) ?? 1e9) - (order.get(b.at.file) ?? 1e9) || a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line || a.at.col - b.at.col,
  );
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
