/**
 * Lanes: where each component runs, for drawing
 * =============================================
 *
 * The viewer draws each region (or any top-level place: a datacenter, a zone
 * with no region) as a horizontal lane, and puts each component in the lane
 * of the places its placements lead to: a service in `use1-az1` and
 * `use1-az2` sits in the `us-east-1` lane, one in both regions in the
 * `us-east-1 + us-west-2` lane, one with no placement in the "not placed"
 * lane (SaaS, CDNs, providers). Zones and regions are components too, so they
 * sit in their own lane, where a click fails them.
 */
import type { ComponentId, Model } from '../model.js';

/** Kinds that form the place hierarchy (provider ⊃ region ⊃ zone; datacenter). */
export const PLACE_KINDS: ReadonlySet<string> = new Set(['provider', 'region', 'zone', 'datacenter']);

/** The lane of components that are placed nowhere. */
export const UNPLACED_LANE = '';

export interface Lane {
  /** Anchor ids joined by ` + `; `''` for the unplaced lane. */
  readonly id: string;
  /** What the lane header says. */
  readonly label: string;
  /** The top-level places whose components live here (empty for the unplaced lane). */
  readonly anchors: readonly ComponentId[];
  /** Place components (regions, zones, datacenters) drawn in this lane, in model order. */
  readonly places: readonly ComponentId[];
  /** Every component in the lane, in model order. */
  readonly members: readonly ComponentId[];
}

export interface Lanes {
  /** Top to bottom: unplaced first, then by the model order of their anchors. */
  readonly lanes: readonly Lane[];
  readonly laneOf: ReadonlyMap<ComponentId, string>;
}

/** Assigns every component of the model to a lane. */
export function lanesOf(model: Model): Lanes {
  const order = new Map<ComponentId, number>();
  [...model.components.keys()].forEach((id, i) => order.set(id, i));
  const memo = new Map<ComponentId, readonly ComponentId[]>();
  const visiting = new Set<ComponentId>();

  // The top-level places under which a component runs (iterative deepening is not needed: placements
  // nest a few levels, but a cycle of `in` must not loop, hence `visiting`).
  const anchorsOf = (id: ComponentId): readonly ComponentId[] => {
    const known = memo.get(id);
    if (known) return known;
    const c = model.components.get(id);
    if (!c || visiting.has(id)) return [];
    visiting.add(id);
    const found = new Set<ComponentId>();
    for (const p of c.placements) for (const a of anchorsOf(p.domain)) found.add(a);
    visiting.delete(id);
    if (found.size === 0 && PLACE_KINDS.has(c.kind) && c.kind !== 'provider') found.add(id);
    const result = [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    memo.set(id, result);
    return result;
  };

  const laneOf = new Map<ComponentId, string>();
  const byId = new Map<string, { anchors: readonly ComponentId[]; places: ComponentId[]; members: ComponentId[] }>();
  for (const c of model.components.values()) {
    const anchors = anchorsOf(c.id);
    const id = anchors.join(' + ');
    laneOf.set(c.id, id);
    let lane = byId.get(id);
    if (!lane) byId.set(id, (lane = { anchors, places: [], members: [] }));
    lane.members.push(c.id);
    if (PLACE_KINDS.has(c.kind)) lane.places.push(c.id);
  }
  const rank = (anchors: readonly ComponentId[]): number => (anchors.length === 0 ? -1 : anchors.reduce((s, a) => s + order.get(a)!, 0) / anchors.length);
  const lanes: Lane[] = [...byId]
    .map(([id, l]) => ({ id, label: id === UNPLACED_LANE ? 'not placed' : id, anchors: l.anchors, places: l.places, members: l.members }))
    .sort((a, b) => rank(a.anchors) - rank(b.anchors) || a.anchors.length - b.anchors.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { lanes, laneOf };
}
