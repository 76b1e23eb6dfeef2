/**
 * YAML source positions
 * =====================
 *
 * Small helpers over the `yaml` package's AST that turn node ranges into
 * 1-based `SourceRange`s and find the node a zod issue path points at.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
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
