/**
 * Call edges: the dependencies that are requests
 * ==============================================
 *
 * The timing rules (`retry-amplification`, `timeout-inversion`) read the
 * dependency entries as calls from one component to another, with the
 * entry's `timeoutMs` and `retries`. A group contributes one call per member:
 * each request goes to one of them.
 *
 * Only the calls of a running system, made while a caller waits, count:
 * - a `phase: startup` dependency is used once, to start, not per request;
 * - a `mode: async` dependency (a consumer reading a queue) holds no caller
 *   waiting: its timeouts and retries do not add to anyone's latency, and
 *   they are not multiplied into a request path.
 * A `fallback: true` dependency still counts: the caller waits for it, and
 * retries it, before it falls back.
 */
import { inView } from '../engine/compile.js';
import type { ComponentId, Dependency, Model, SourceRange } from '../model.js';

/** True for a dependency a running caller waits on: needed at runtime, and not async. */
export function isSynchronousCall(d: Dependency): boolean {
  return inView(d, 'runtime') && d.mode !== 'async';
}

export interface CallEdge {
  readonly from: ComponentId;
  readonly to: ComponentId;
  readonly entry: Dependency;
  /** The entry, or the member inside a group. */
  readonly at: SourceRange;
}

/** Every synchronous runtime dependency entry (`isSynchronousCall`) that `keep` accepts, as calls, per calling component, in manifest order. */
export function callEdges(model: Model, keep: (d: Dependency) => boolean): Map<ComponentId, CallEdge[]> {
  const out = new Map<ComponentId, CallEdge[]>();
  for (const c of model.components.values()) {
    const list: CallEdge[] = [];
    for (const d of c.dependsOn) {
      if (!isSynchronousCall(d) || !keep(d)) continue;
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
