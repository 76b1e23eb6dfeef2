/**
 * Layers: what one source says about a component, and where
 * ==========================================================
 *
 * A catalog component is assembled from up to three sources: the Backstage
 * entity itself, its `faultline.dev/…` annotations, and an overlay manifest
 * entry with the same id. Each is a `Layer`: manifest-shaped fields plus the
 * source position of every value in them, by path, so that the merged
 * component still points every placement, dependency and group member at
 * the line that wrote it (in whichever file that was).
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceRange } from '../model.js';
import type { SourceFile } from '../load/yaml-source.js';

/** Manifest-shaped fields, as plain data (a `ComponentInput` in the making). */
export type Fields = Map<string, unknown>;

export interface Layer {
  /** How messages name the source: `the catalog`, `annotation faultline.dev/in`, `the overlay`. */
  readonly source: string;
  readonly fields: Fields;
  /** Where each value is written, by `pathKey` (a collection: where it starts). */
  readonly at: Map<string, SourceRange>;
  /** Where each map key is written, by the `pathKey` of its value; `[field]` is where a field is set. */
  readonly keyAt: Map<string, SourceRange>;
  /** How messages name the source of one field, when it differs from `source` (`annotation faultline.dev/in`). */
  readonly fieldSource: Map<string, string>;
}

/** An empty layer. */
export function layer(source: string): Layer {
  return { source, fields: new Map(), at: new Map(), keyAt: new Map(), fieldSource: new Map() };
}

/** The key of a value's path in `Layer.at`. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

/** Records the position of `node`, of everything under it and of every map key under it, by path. */
export function recordPositions(node: unknown, path: readonly PropertyKey[], file: SourceFile, into: Pick<Layer, 'at' | 'keyAt'>): void {
  const stack: { node: unknown; path: readonly PropertyKey[] }[] = [{ node, path }];
  while (stack.length > 0) {
    const { node: n, path: p } = stack.pop()!;
    if (!n || typeof n !== 'object' || !('range' in n)) continue;
    into.at.set(pathKey(p), file.range(n as Node));
    if (isMap(n)) {
      for (const pair of n.items) {
        if (!isScalar(pair.key)) continue;
        const child = [...p, String(pair.key.value)];
        into.keyAt.set(pathKey(child), file.range(pair.key as Node));
        stack.push({ node: pair.value, path: child });
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => stack.push({ node: item, path: [...p, i] }));
    }
  }
}
