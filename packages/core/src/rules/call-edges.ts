/**
 * Call edges: the dependencies that are requests
 * ==============================================
 *
 * The timing rules (`retry-amplification`, `timeout-inversion`) read the
 * dependency entries as calls from one component to another, with the
 * entry's `timeoutMs` and `retries`. A group contributes one call per member:
 * each request goes to one of them.
 */
import type { ComponentId, Dependency, Model, SourceRange } from '../model.js';

export interface CallEdge {
  readonly from: ComponentId;
  readonly to: ComponentId;
  readonly entry: Dependency;
  /** The entry, or the member inside a group. */
  readonly at: SourceRange;
}

/** Every dependency entry as calls, per calling component, in manifest order. */
export function callEdges(model: Model, keep: (d: Dependency) => boolean): Map<ComponentId, CallEdge[]> {
  const out = new Map<ComponentId, CallEdge[]>();
  for (const c of model.components.values()) {
    const list: CallEdge[] = [];
    for (const d of c.dependsOn) {
      if (!keep(d)) continue;
      if (d.type === 'edge') list.push({ from: c.id, to: d.target, entry: d, at: d.at });
      else d.anyOf.forEach((m, i) => list.push({ from: c.id, to: m, entry: d, at: d.memberAt[i] ?? d.at }));
    }
    if (list.length > 0) out.set(c.id, list);
  }
  return out;
}

/** Attempts per request on an edge: `retries + 1`. */
export function attempts(d: Dependency): number {
  return (d.retries ?? 0) + 1;
}
