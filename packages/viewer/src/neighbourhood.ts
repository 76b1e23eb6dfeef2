/**
 * A component's n-hop neighbourhood, for the focus mode: the components
 * within `hops` dependency, anyOf-member or placement links of it, either
 * way. The same set as core's `neighbourhood` (graphology's BFS over
 * `toGraph`, with its default kinds and direction; neighbourhood.test.ts
 * checks they agree), walked here over the model so the page does not ship
 * graphology.
 */
import type { ComponentId, Model } from '@faultline/core';

/** Undirected adjacency of the model's dependency, anyOf and placement links (built once per model). */
export function adjacency(model: Model): ReadonlyMap<ComponentId, readonly ComponentId[]> {
  const adj = new Map<ComponentId, ComponentId[]>();
  const link = (a: ComponentId, b: ComponentId): void => {
    let x = adj.get(a);
    if (!x) adj.set(a, (x = []));
    x.push(b);
    let y = adj.get(b);
    if (!y) adj.set(b, (y = []));
    y.push(a);
  };
  for (const c of model.components.values()) {
    if (!adj.has(c.id)) adj.set(c.id, []);
    for (const d of c.dependsOn) {
      if (d.type === 'edge') link(c.id, d.target);
      else for (const m of d.anyOf) link(c.id, m);
    }
    for (const p of c.placements) link(c.id, p.domain);
  }
  return adj;
}

/** The components within `hops` links of `id` (itself included). */
export function neighbourhoodOf(adj: ReadonlyMap<ComponentId, readonly ComponentId[]>, id: ComponentId, hops: number): Set<ComponentId> {
  const found = new Set<ComponentId>([id]);
  let frontier: ComponentId[] = [id];
  for (let depth = 0; depth < hops && frontier.length > 0; depth++) {
    const next: ComponentId[] = [];
    for (const v of frontier)
      for (const w of adj.get(v) ?? []) {
        if (found.has(w)) continue;
        found.add(w);
        next.push(w);
      }
    frontier = next;
  }
  return found;
}

const cached = new WeakMap<Model, ReadonlyMap<ComponentId, readonly ComponentId[]>>();

/** `neighbourhoodOf` over the model's adjacency, built once per model. */
export function neighbourhoodIn(model: Model, id: ComponentId, hops: number): Set<ComponentId> {
  let adj = cached.get(model);
  if (!adj) cached.set(model, (adj = adjacency(model)));
  return neighbourhoodOf(adj, id, hops);
}
