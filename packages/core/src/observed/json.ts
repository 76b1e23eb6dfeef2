/**
 * JSON exports of observed dependencies
 * =====================================
 *
 * The readers walk an export with `JsonReader` (`json-reader.ts`), one
 * link or series at a time; only an entry that breaks the schema is parsed
 * again with positions, for diagnostics at its fields.
 */
import { LineCounter, parseDocument, type Node } from 'yaml';
import type * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { type JsonError, type Mark, rangeOf } from '../json-reader.js';
import { codePointColumn, SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics, type FieldsAt } from '../load/zod-issues.js';
import type { SourceRange } from '../model.js';

/** A syntax error as the diagnostic `not valid JSON: …` at its place. */
export function jsonError(file: string, text: string, error: JsonError): Diagnostic {
  return { code: 'observed-format', message: `not valid JSON: ${error.message}`, at: rangeOf(file, text, error.mark) };
}

/** Positions inside a piece of the text that starts at `base`, in the whole text's lines and columns. */
class PieceFile extends SourceFile {
  /** `lines` count the piece's lines; `around` is the text from the start of the piece's first line to its end, for columns. */
  constructor(
    file: string,
    lines: LineCounter,
    private readonly base: Mark,
    private readonly around: string,
  ) {
    super(file, lines);
  }

  override offsets(start: number, end: number): SourceRange {
    // Offsets into `around` (the piece starts `shift` into it); lines are the piece's, then the file's.
    const shift = this.base.offset - this.base.lineStart;
    const starts = this.lines.lineStarts;
    const place = (offset: number): [number, number] => {
      let line = 0;
      while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
      const lineStart = line === 0 ? 0 : starts[line]! + shift;
      return [line + 1 + this.base.line, codePointColumn(this.around, lineStart, offset + shift)];
    };
    const [line, col] = place(start);
    const [endLine, endCol] = place(Math.max(start, end));
    return { file: this.file, line, col, endLine, endCol };
  }
}

/**
 * The schema's issues with one entry (the text from `start` to `end`) as
 * diagnostics at their places, the way a manifest's are: only a bad entry
 * is parsed again with positions, so a bad file costs no more than a good one.
 */
export function entryDiagnostics(
  file: string,
  text: string,
  start: Mark,
  end: Mark,
  issues: readonly z.core.$ZodIssue[],
  path: readonly (string | number)[],
  fields: FieldsAt,
): Diagnostic[] {
  const lines = new LineCounter();
  const doc = parseDocument(text.slice(start.offset, end.offset), { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  return issueDiagnostics(issues, doc.contents as Node, new PieceFile(file, lines, start, text.slice(start.lineStart, end.offset)), path, fields).map((d) => ({
    ...d,
    code: 'observed-format' as const,
  }));
}
