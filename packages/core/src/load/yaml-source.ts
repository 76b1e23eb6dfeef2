/**
 * YAML source positions
 * =====================
 *
 * Small helpers over the `yaml` package's AST that turn node ranges into
 * 1-based `SourceRange`s and find the node a zod issue path points at.
 */
import { isMap, isScalar, isSeq, Lexer, type LineCounter, type Node, type Pair } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';

/**
 * Positions in one file. Columns count Unicode code points, one per
 * character whatever its encoding (docs/limits.md#positions; SARIF says so
 * with `columnKind: unicodeCodePoints`): JavaScript offsets count UTF-16
 * units, two for a character outside the Basic Multilingual Plane (an
 * emoji), so given the text, a column after one on its line is one less
 * than the offset says.
 */
export class SourceFile {
  /** Whether the text has a surrogate pair at all: without one, offsets are code points already. */
  private readonly astral: boolean;

  constructor(
    readonly file: string,
    readonly lines: LineCounter,
    /** The text, when columns must be counted in it (it has a character outside the BMP). */
    readonly text?: string,
  ) {
    this.astral = text !== undefined && SURROGATE.test(text);
  }

  /** The range of a node, or the file start when the node has none. */
  range(node: Node | null | undefined): SourceRange {
    const r = node?.range;
    if (!r) return { file: this.file, line: 1, col: 1, endLine: 1, endCol: 1 };
    return this.offsets(r[0], r[1]);
  }

  offsets(start: number, end: number): SourceRange {
    // LineCounter.linePos, without its two intermediate objects per range (a 100k-component load builds ~1 M ranges).
    const starts = this.lines.lineStarts;
    const line = lineOf(starts, start);
    const endLine = end <= start ? line : lineOf(starts, end);
    const endOffset = Math.max(start, end);
    const lineStart = starts[line] ?? 0;
    const endLineStart = starts[endLine] ?? 0;
    if (this.astral) {
      const text = this.text!;
      return { file: this.file, line: line + 1, col: codePointColumn(text, lineStart, start), endLine: endLine + 1, endCol: codePointColumn(text, endLineStart, endOffset) };
    }
    return { file: this.file, line: line + 1, col: start - lineStart + 1, endLine: endLine + 1, endCol: endOffset - endLineStart + 1 };
  }
}

const SURROGATE = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** The 1-based column of `offset` on the line starting at `lineStart`, in code points (a surrogate pair counts once). */
export function codePointColumn(text: string, lineStart: number, offset: number): number {
  let col = offset - lineStart + 1;
  for (let i = lineStart; i < offset - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        col--;
        i++;
      }
    }
  }
  return col;
}

/**
 * Where the quoted string that is never closed opens, before `before`: the
 * `yaml` package reports a missing closing quote where the text ends (line
 * 504 of a 500-line file for a quote opened on line 3), which is no help.
 */
export function unclosedQuote(text: string, before: number, quote: string): number | undefined {
  let offset = 0;
  let found: number | undefined;
  for (const token of new Lexer().lex(text)) {
    if (offset > before) break;
    if (token[0] === quote && !closed(token)) found = offset;
    // The lexer's control tokens (document start, scalar, flow end) stand for no text.
    if (token !== '\x02' && token !== '\x1f' && token !== '\x18') offset += token.length;
  }
  return found;
}

/** Whether a quoted-scalar token ends with its closing quote (`\"` escapes in double quotes, `''` in single). */
function closed(token: string): boolean {
  const body = token.slice(1);
  if (token[0] === "'") return body.replace(/''/g, '').endsWith("'");
  if (!body.endsWith('"')) return false;
  let slashes = 0;
  for (let i = body.length - 2; i >= 0 && body[i] === '\\'; i--) slashes++;
  return slashes % 2 === 0;
}

/** The text without a leading byte-order mark: editors hide it and count columns from after it. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The 0-based line holding `offset`: the last line start at or before it. */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return Math.max(low, 0);
}

/** The pair of a map whose key is the scalar `key`. */
export function pairOf(map: unknown, key: PropertyKey): Pair<unknown, unknown> | undefined {
  if (!isMap(map)) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === String(key)) return pair as Pair<unknown, unknown>;
  }
  return undefined;
}

/**
 * The deepest existing node along `path` under `root`. When `keyOf` is set
 * and the final step names a map key, the key's node is returned instead of
 * the value (for "unknown field" errors the key is what is wrong).
 */
export function nodeAt(root: Node, path: readonly PropertyKey[], pointAtKey = false): Node {
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    let next: unknown;
    if (isMap(node)) {
      const pair = pairOf(node, step);
      if (!pair) break;
      if (pointAtKey && i === path.length - 1) return pair.key as Node;
      next = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      next = node.items[step];
    } else break;
    if (!next || typeof next !== 'object' || !('range' in next)) break;
    node = next as Node;
  }
  return node;
}

/** Maps this small are searched pairwise for a repeated key; larger ones through a `Map`. */
const SMALL_MAP = 8;

/**
 * Every key written twice in one map, anywhere under `root`, reported at the
 * second key with the first as related: the `yaml` package's own check is
 * quadratic (so it is off), and last-one-wins would drop a dependency
 * without a word. Linear in the nodes. Keys of the maps in `skip` are left
 * to their own check (a component id defined twice is a duplicate id).
 */
export function duplicateKeys(root: Node, file: SourceFile, skip?: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = node.items;
      if (node !== skip) {
        if (items.length <= SMALL_MAP) {
          for (let i = 1; i < items.length; i++) {
            const key = keyText(items[i]!.key);
            if (key === undefined) continue;
            for (let j = 0; j < i; j++) {
              if (keyText(items[j]!.key) === key) {
                out.push(duplicate(key, items[i]!.key as Node, items[j]!.key as Node, file));
                break;
              }
            }
          }
        } else {
          const first = new Map<string, Node>();
          for (const pair of items) {
            const key = keyText(pair.key);
            if (key === undefined) continue;
            const seen = first.get(key);
            if (seen) out.push(duplicate(key, pair.key as Node, seen, file));
            else first.set(key, pair.key as Node);
          }
        }
      }
      for (const pair of items) stack.push(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function duplicate(key: string, second: Node, first: Node, file: SourceFile): Diagnostic {
  return {
    code: 'duplicate-key',
    message: `duplicate key "${key}"`,
    hint: 'a repeated key silently replaces the first one; keep one and merge their values',
    at: file.range(second),
    related: [file.range(first)],
  };
}
