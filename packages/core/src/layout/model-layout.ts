/**
 * Laying out a model
 * ==================
 *
 * Joins the lanes (where components run) and the layered layout (who depends
 * on whom): every dependency, `anyOf` member and placement is an edge from
 * the dependent to what it needs, so callers sit left and foundations (data
 * stores, DNS) right, and the places themselves (providers, regions, zones,
 * datacenters) share the last layer, so the foundations line up on the right
 * edge. `monitors` do not shape the layout: observing is not depending.
 */
import type { Model } from '../model.js';
import { layered, type LayeredLayout, type LayeredOptions, type LayoutEdge } from './layered.js';
import { lanesOf, PLACE_KINDS, type Lane } from './lanes.js';

export interface ModelLayout extends LayeredLayout {
  /** The lanes, top to bottom, with what they hold (the bands of `LayeredLayout.lanes` in the same order). */
  readonly laneInfo: readonly Lane[];
  readonly laneOf: ReadonlyMap<string, string>;
}

export type ModelLayoutOptions = Omit<LayeredOptions, 'laneOrder'>;

/** Lays a model out in lanes and layers. */
export function layoutModel(model: Model, options: ModelLayoutOptions = {}): ModelLayout {
  const { lanes, laneOf } = lanesOf(model);
  const edges: LayoutEdge[] = [];
  for (const c of model.components.values()) {
    for (const d of c.dependsOn) {
      if (d.type === 'edge') edges.push({ from: c.id, to: d.target });
      else for (const m of d.anyOf) edges.push({ from: c.id, to: m });
    }
    for (const p of c.placements) edges.push({ from: c.id, to: p.domain });
  }
  const nodes = [...model.components.values()].map((c) => ({ id: c.id, lane: laneOf.get(c.id)!, last: PLACE_KINDS.has(c.kind) }));
  const layout = layered(nodes, edges, { ...options, laneOrder: lanes.map((l) => l.id) });
  return { ...layout, laneInfo: lanes, laneOf };
}
