/**
 * YAML source positions
 * =====================
 *
 * Small helpers over the `yaml` package's AST that turn node ranges into
 * 1-based `SourceRange`s and find the node a zod issue path points at.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';

export class SourceFile {
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
  ) {}

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
    return { file: this.file, line: line + 1, col: start - (starts[line] ?? 0) + 1, endLine: endLine + 1, endCol: endOffset - (starts[endLine] ?? 0) + 1 };
  }
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
