/**
 * JSON read as it goes, with positions
 * ====================================
 *
 * An export of observed dependencies can be tens of megabytes of links or
 * series, and the graph faultline keeps from it is one entry per pair of
 * services. Parsing the whole file into a tree first (the `yaml` package's
 * nodes, with their ranges) cost about 95 times the file's size: a 43 MB
 * Jaeger export took 4 GB. `JsonReader` walks the text instead: the caller
 * steps through the arrays and objects it cares about, reads one small entry
 * at a time as a plain value (with the ranges of the fields it asks for),
 * and skips everything else without building it. Memory is then the text
 * itself and what the caller keeps.
 *
 * Positions count lines as the scanner passes them, so every range is known
 * without a table of line starts. A syntax error is thrown as `JsonError`
 * at its offset; `jsonError` turns it into a diagnostic.
 */
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { SourceFile } from '../load/yaml-source.js';
import type * as z from 'zod';
import { issueDiagnostics, type FieldsAt } from '../load/zod-issues.js';
import type { SourceRange } from '../model.js';

/** A place in the text: the offset and the line it is on (0-based) with that line's start. */
export interface Mark {
  readonly offset: number;
  readonly line: number;
  readonly lineStart: number;
}

/** A JSON syntax error at `mark`. */
export class JsonError extends Error {
  constructor(
    message: string,
    readonly mark: Mark,
  ) {
    super(message);
    this.name = 'JsonError';
  }
}

/** Called for each member value read by `JsonReader.value` with its key path below the value read, and its range. */
export type OnMember = (path: readonly string[], start: Mark, end: Mark) => void;

/** Nesting deeper than this is an error, not a stack overflow. */
const MAX_DEPTH = 1000;

export class JsonReader {
  private pos = 0;
  private line = 0;
  private lineStart = 0;

  constructor(readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  /** The current place (after white space). */
  mark(): Mark {
    this.space();
    return { offset: this.pos, line: this.line, lineStart: this.lineStart };
  }

  /** The current place, white space not skipped: the end of what was just read. */
  here(): Mark {
    return { offset: this.pos, line: this.line, lineStart: this.lineStart };
  }

  /** The next character after white space, '' at the end. */
  peek(): string {
    this.space();
    return this.text[this.pos] ?? '';
  }

  /** Steps through an array: calls `item(i)` at each item, which must read or skip it. */
  array(item: (i: number) => void): void {
    this.expect('[');
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (let i = 0; ; i++) {
      item(i);
      const c = this.peek();
      this.pos++;
      if (c === ']') return;
      if (c !== ',') this.fail(c === '' ? 'unexpected end of the text in an array' : `expected "," or "]" in an array, found ${shown(c)}`, -1);
    }
  }

  /** Steps through an object: calls `member(key, keyMark)` at each member, which must read or skip its value. */
  object(member: (key: string, at: Mark) => void): void {
    this.expect('{');
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      const at = this.mark();
      if (this.text[this.pos] !== '"') this.fail(`expected a string key in an object, found ${shown(this.text[this.pos] ?? '')}`);
      const key = this.string();
      this.expect(':');
      member(key, at);
      const c = this.peek();
      this.pos++;
      if (c === '}') return;
      if (c !== ',') this.fail(c === '' ? 'unexpected end of the text in an object' : `expected "," or "}" in an object, found ${shown(c)}`, -1);
    }
  }

  /** Reads one value as JSON.parse would (keys in a `Map`-free plain object with a null prototype), reporting each member's range to `onMember`. */
  value(onMember?: OnMember, path: readonly string[] = [], depth = 0): unknown {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const c = this.peek();
    if (c === '{') {
      const out: Record<string, unknown> = Object.create(null);
      this.object((key) => {
        const start = this.mark();
        const inner = onMember ? [...path, key] : path;
        out[key] = this.value(onMember, inner, depth + 1);
        onMember?.(inner, start, this.here());
      });
      return out;
    }
    if (c === '[') {
      const out: unknown[] = [];
      this.array(() => out.push(this.value(onMember, path, depth + 1)));
      return out;
    }
    return this.scalar();
  }

  /** Skips one value without building it. */
  skip(depth = 0): void {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const c = this.peek();
    if (c === '{') this.object(() => this.skip(depth + 1));
    else if (c === '[') this.array(() => this.skip(depth + 1));
    else this.scalar();
  }

  /** Checks that only white space is left. */
  end(): void {
    const c = this.peek();
    if (c !== '') this.fail(`unexpected ${shown(c)} after the JSON value`);
  }

  private scalar(): unknown {
    const c = this.text[this.pos] ?? '';
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    this.fail(c === '' ? 'unexpected end of the text' : `unexpected ${shown(c)}`);
  }

  private string(): string {
    const text = this.text;
    let i = this.pos + 1;
    let out = '';
    let from = i;
    for (;;) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) break;
      if (Number.isNaN(ch) || ch === 0x0a || ch === 0x0d) this.fail('unterminated string');
      if (ch < 0x20) this.fail('a control character in a string (write it as an escape)', i - this.pos);
      if (ch !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(from, i);
      const e = text[i + 1] ?? '';
      const simple = ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else this.fail(`a bad escape \\${e} in a string`, i - this.pos);
      from = i;
    }
    out += text.slice(from, i);
    this.pos = i + 1;
    return out;
  }

  private number(): number {
    const m = NUMBER.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail('a malformed number');
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private expect(c: string): void {
    const found = this.peek();
    if (found !== c) this.fail(found === '' ? `unexpected end of the text, expected "${c}"` : `expected "${c}", found ${shown(found)}`);
    this.pos++;
  }

  private space(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) this.pos++;
      else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else return;
    }
  }

  /** Throws a `JsonError` at the current place moved by `delta` (strings and separators have no line breaks inside). */
  private fail(message: string, delta = 0): never {
    throw new JsonError(message, { offset: this.pos + delta, line: this.line, lineStart: this.lineStart });
  }
}

const LITERALS: readonly (readonly [string, unknown])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['\\', '\\'],
  ['/', '/'],
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
]);

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

function shown(c: string): string {
  return c === '' ? 'the end' : `'${c}'`;
}

/** A source range from two marks. */
export function rangeOf(file: string, start: Mark, end: Mark = start): SourceRange {
  return { file, line: start.line + 1, col: start.offset - start.lineStart + 1, endLine: end.line + 1, endCol: end.offset - end.lineStart + 1 };
}

/** A syntax error as the diagnostic `not valid JSON: …` at its place. */
export function jsonError(file: string, error: JsonError): Diagnostic {
  return { code: 'observed-format', message: `not valid JSON: ${error.message}`, at: rangeOf(file, error.mark) };
}

/** Positions inside a piece of the text that starts at `base`, in the whole text's lines and columns. */
class PieceFile extends SourceFile {
  constructor(
    file: string,
    lines: LineCounter,
    private readonly base: Mark,
  ) {
    super(file, lines);
  }

  override offsets(start: number, end: number): SourceRange {
    const r = super.offsets(start, end);
    const shift = this.base.offset - this.base.lineStart;
    return {
      ...r,
      line: r.line + this.base.line,
      col: r.line === 1 ? r.col + shift : r.col,
      endLine: r.endLine + this.base.line,
      endCol: r.endLine === 1 ? r.endCol + shift : r.endCol,
    };
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
  return issueDiagnostics(issues, doc.contents as Node, new PieceFile(file, lines, start), path, fields).map((d) => ({ ...d, code: 'observed-format' as const }));
}
