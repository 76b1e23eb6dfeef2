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
 * at a time as a plain value (with the ranges of the members it asks for),
 * and skips everything else without building it. Memory is then the text
 * itself and what the caller keeps. The baseline file is read with it too,
 * so its problems have their line and column.
 *
 * Positions count lines as the scanner passes them, so every range is known
 * without a table of line starts; columns count code points
 * (`codePointColumn`). A syntax error is thrown as `JsonError` at its place.
 */
import { codePointColumn } from './load/yaml-source.js';
import type { SourceRange } from './model.js';

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

/** Called for each member and item read by `JsonReader.value` with its path below the value read (keys and indices), and its range. */
export type OnMember = (path: readonly (string | number)[], start: Mark, end: Mark) => void;

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
  value(onMember?: OnMember, path: readonly (string | number)[] = [], depth = 0): unknown {
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
      this.array((i) => {
        const start = this.mark();
        const inner = onMember ? [...path, i] : path;
        out.push(this.value(onMember, inner, depth + 1));
        onMember?.(inner, start, this.here());
      });
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

/** A source range from two marks in `text`, columns in code points. */
export function rangeOf(file: string, text: string, start: Mark, end: Mark = start): SourceRange {
  return { file, line: start.line + 1, col: codePointColumn(text, start.lineStart, start.offset), endLine: end.line + 1, endCol: codePointColumn(text, end.lineStart, end.offset) };
}
