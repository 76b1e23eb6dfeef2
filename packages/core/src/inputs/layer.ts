/**
 * Layers: what one source says about a component, and where
 * ==========================================================
 *
 * A component read from other inputs is assembled from several sources:
 * a Backstage entity and its `faultline.dev/…` annotations, a Kubernetes
 * workload and its annotations, a compose service and its `x-faultline`,
 * and an overlay manifest entry with the same id. Each is a `Layer`:
 * manifest-shaped fields plus the source position of every value in them,
 * by path, so that the merged component still points every placement,
 * dependency and group member at the line that wrote it (in whichever file
 * that was). merge.ts merges layers; synthetic.ts turns the result into the
 * resolver's input.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourceRange } from '../model.js';
import type { SourceFile } from '../load/yaml-source.js';

/** Manifest-shaped fields, as plain data (a `ComponentInput` in the making). */
export type Fields = Map<string, unknown>;

/** One kind of input, and the fields it is authoritative for when it describes a component another input describes too. */
export interface InputKind {
  /** How messages name it: `Backstage`, `Kubernetes`, `docker compose`. */
  readonly name: string;
  /** `pathKey`s of the fields (`in`, `tags\u0000system`) whose value from this input wins over another input's. */
  readonly authority: ReadonlySet<string>;
  /** What runs (Kubernetes, compose) rather than what is known about it (a catalog): one component runs from one runtime input at most. */
  readonly runtime: boolean;
  /** Where a user writes what this input cannot say, for hints: `a faultline.dev annotation on the workload`. */
  readonly refinedIn: string;
}

export interface Layer {
  /** How messages name the source: `the catalog`, `annotation faultline.dev/in`, `the overlay`. */
  readonly source: string;
  readonly fields: Fields;
  /** Where each value is written, by `pathKey` (a collection: where it starts). */
  readonly at: Map<string, SourceRange>;
  /** Where each map key is written, by the `pathKey` of its value; `[field]` is where a field is set. */
  readonly keyAt: Map<string, SourceRange>;
  /** How messages name the source of a value, by `pathKey` (the longest prefix that has one), when it differs from `source`. */
  readonly fieldSource: Map<string, string>;
  /**
   * `pathKey`s of values faultline derived rather than read as written (a
   * kind guessed from an image, replicas placed in a synthetic zone, the
   * attributes of an edge found in an environment value): a later layer
   * that says otherwise replaces them instead of conflicting. A path
   * covers everything under it.
   */
  readonly derived: Set<string>;
  /** The input the layer comes from, once its own layers are merged (for the precedence between inputs). */
  readonly input?: InputKind;
}

/** An empty layer. */
export function layer(source: string, input?: InputKind): Layer {
  return { source, fields: new Map(), at: new Map(), keyAt: new Map(), fieldSource: new Map(), derived: new Set(), ...(input ? { input } : {}) };
}

/** True when the value at `path` (or a value it is under) is derived. */
export function isDerived(l: Layer, path: readonly PropertyKey[]): boolean {
  for (let n = path.length; n > 0; n--) if (l.derived.has(pathKey(path.slice(0, n)))) return true;
  return false;
}

/** How messages name the source of the value at `path`. */
export function sourceOf(l: Layer, path: readonly PropertyKey[]): string {
  for (let n = path.length; n > 0; n--) {
    const named = l.fieldSource.get(pathKey(path.slice(0, n)));
    if (named !== undefined) return named;
  }
  return l.source;
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
