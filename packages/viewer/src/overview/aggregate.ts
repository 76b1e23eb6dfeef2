/**
 * The overview's aggregate: one group per region, zone, system, owner or kind
 * ===========================================================================
 *
 * A model of thousands of components is read first as a handful of groups:
 * every component falls in exactly one group of the chosen grouping, every
 * dependency between two groups is counted in one bundle, and a run's
 * statuses are tallied per group (down, degraded, up) and per bundle (the
 * dependencies that carry the failure). Nothing is dropped: the members of
 * the groups add up to the model, the bundles and the edges inside the
 * groups add up to its dependencies. Pure (no DOM), so it is tested in node.
 *
 * Groupings (what the model carries):
 * - `region`: the band the detailed graph draws the component in (core's
 *   `lanesOf`: the top-level places its placements lead to, `us-east-1 +
 *   us-west-2` for both, *not placed* for none);
 * - `zone`: the zones it runs in, through its placements (`use1-az1 +
 *   use1-az2` for two); a component in no zone falls back to its region's
 *   group (a region, a region-wide service), or *not placed*;
 * - `system`: its `system` tag (a Backstage catalog sets it), *no system*;
 * - `owner`: its `owner`, *no owner*;
 * - `kind`: its kind.
 *
 * Bundles count dependencies (plain edges and each member of an `anyOf`),
 * not placements or monitors. A grouping with more than `maxGroups` groups
 * keeps the largest and puts the rest in one *other* group.
 */
import { lanesOf, OVERVIEW_GROUPINGS, PLACE_KINDS, UNPLACED_LANE, type ComponentId, type Model } from '@faultline/core';

/** The groupings, as `faultline view --overview` names them (core's viewer-page.ts). */
export const GROUPINGS = OVERVIEW_GROUPINGS;
export type GroupBy = (typeof GROUPINGS)[number];

/** The key of the group that holds what a grouping leaves out (the smaller groups past `maxGroups`). */
export const OTHER_KEY = '\u0000other';
/** At most this many groups by default; the rest share one *other* group. */
export const MAX_GROUPS = 36;

export interface Group {
  /** The grouping's value (`us-east-1`, `use1-az1 + use1-az2`, `payments`); `''` for the group with none. */
  readonly key: string;
  readonly label: string;
  /** Component indexes (model order). */
  readonly members: readonly number[];
  /** Places a click on the group can fail: those its key names, then the places among its members, in model order. */
  readonly places: readonly ComponentId[];
  readonly critical: number;
  /** The group of the components with no value (not placed, no system, no owner), or the *other* group. */
  readonly none: boolean;
}

export interface Bundle {
  /** Group indexes: the dependents' group, the dependencies' group. */
  readonly from: number;
  readonly to: number;
  /** Dependencies from a member of `from` to a member of `to`. */
  readonly count: number;
}

export interface Aggregate {
  readonly by: GroupBy;
  readonly groups: readonly Group[];
  /** Per component index: its group. */
  readonly groupOf: Int32Array;
  /** Between two different groups, biggest first. */
  readonly bundles: readonly Bundle[];
  /** Per group: dependencies between two of its own members. */
  readonly internal: Int32Array;
  /** Every dependency as (source, target) component indexes, and its bundle (−1 inside a group). */
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeBundle: Int32Array;
}

const NONE_LABEL: Record<GroupBy, string> = { region: 'not placed', zone: 'not placed', system: 'no system', owner: 'no owner', kind: 'no kind' };

/** Each component's band (core's `lanesOf(model).laneOf`; the viewer's layout has it already). */
export type LaneOf = ReadonlyMap<ComponentId, string>;

/** The groupings the model gives more than one group, in `GROUPINGS` order (always at least `region`). */
export function groupingsOf(model: Model, laneOf?: LaneOf): GroupBy[] {
  const seen: Record<GroupBy, Set<string>> = { region: new Set(), zone: new Set(), system: new Set(), owner: new Set(), kind: new Set() };
  const keys = keyFunctions(model, laneOf);
  for (const id of model.components.keys()) {
    for (const by of GROUPINGS) if (seen[by].size < 2) seen[by].add(keys[by](id));
  }
  const useful = GROUPINGS.filter((by) => seen[by].size > 1);
  return useful.includes('region') ? useful : ['region', ...useful];
}

/** Groups the model's components by `by`. */
export function aggregate(model: Model, by: GroupBy, maxGroups = MAX_GROUPS, laneOf?: LaneOf): Aggregate {
  const ids = [...model.components.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const keyOf = keyFunctions(model, laneOf)[by];
  const order = placeOrder(model);

  const byKey = new Map<string, number[]>();
  ids.forEach((id, i) => {
    const key = keyOf(id);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(i);
  });
  let entries = [...byKey];
  const placeRank = (key: string): number => (key === UNPLACED_LANE ? Infinity : key.split(' + ').reduce((s, p) => s + (order.get(p) ?? 1e9), 0) / key.split(' + ').length);
  const places = (key: string): number => (key === UNPLACED_LANE ? Infinity : key.split(' + ').length);
  // Regions one by one, then the pairs; zones in place order, a pair between its two.
  if (by === 'region') entries.sort((a, b) => places(a[0]) - places(b[0]) || placeRank(a[0]) - placeRank(b[0]) || compare(a[0], b[0]));
  else if (by === 'zone') entries.sort((a, b) => placeRank(a[0]) - placeRank(b[0]) || places(a[0]) - places(b[0]) || compare(a[0], b[0]));
  else entries.sort((a, b) => Number(a[0] === '') - Number(b[0] === '') || b[1].length - a[1].length || compare(a[0], b[0]));
  if (entries.length > maxGroups) {
    // Keep the largest groups, in their order; the rest share one.
    const kept = new Set(
      [...entries]
        .sort((a, b) => b[1].length - a[1].length || compare(a[0], b[0]))
        .slice(0, Math.max(1, maxGroups - 1))
        .map((e) => e[0]),
    );
    const rest: number[] = [];
    for (const [key, members] of entries) if (!kept.has(key)) for (const m of members) rest.push(m);
    entries = entries.filter((e) => kept.has(e[0]));
    entries.push([OTHER_KEY, rest.sort((a, b) => a - b)]);
  }

  const groupOf = new Int32Array(ids.length);
  const groups: Group[] = entries.map(([key, members], g) => {
    for (const m of members) groupOf[m] = g;
    const places = new Set<ComponentId>();
    if ((by === 'region' || by === 'zone') && key !== UNPLACED_LANE && key !== OTHER_KEY) for (const p of key.split(' + ')) places.add(p);
    let critical = 0;
    for (const m of members) {
      const c = model.components.get(ids[m]!)!;
      if (PLACE_KINDS.has(c.kind)) places.add(c.id);
      if (c.critical) critical++;
    }
    const other = key === OTHER_KEY;
    const label = other ? `${entries.length > 0 ? byKey.size - (entries.length - 1) : 0} other ${by === 'kind' ? 'kinds' : `${by}s`}` : key === '' ? NONE_LABEL[by] : key;
    return { key, label, members, places: [...places].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)), critical, none: key === '' || other };
  });

  // Dependencies, bundled by pair of groups.
  const sources: number[] = [];
  const targets: number[] = [];
  for (const c of model.components.values()) {
    const s = index.get(c.id)!;
    for (const d of c.dependsOn) {
      if (d.type === 'edge') {
        sources.push(s);
        targets.push(index.get(d.target)!);
      } else
        for (const m of d.anyOf) {
          sources.push(s);
          targets.push(index.get(m)!);
        }
    }
  }
  const internal = new Int32Array(groups.length);
  const bundleIndex = new Map<number, number>();
  const counts: { from: number; to: number; count: number }[] = [];
  const edgeBundle = new Int32Array(sources.length);
  const G = groups.length;
  for (let e = 0; e < sources.length; e++) {
    const a = groupOf[sources[e]!]!;
    const b = groupOf[targets[e]!]!;
    if (a === b) {
      internal[a]!++;
      edgeBundle[e] = -1;
      continue;
    }
    const key = a * G + b;
    let k = bundleIndex.get(key);
    if (k === undefined) {
      bundleIndex.set(key, (k = counts.length));
      counts.push({ from: a, to: b, count: 0 });
    }
    counts[k]!.count++;
    edgeBundle[e] = k;
  }
  // Biggest first, so a drawing that shows only some shows those; edges keep pointing at their bundle.
  const sorted = counts.map((_, k) => k).sort((x, y) => counts[y]!.count - counts[x]!.count || counts[x]!.from - counts[y]!.from || counts[x]!.to - counts[y]!.to);
  const rank = new Int32Array(counts.length);
  sorted.forEach((k, r) => (rank[k] = r));
  for (let e = 0; e < edgeBundle.length; e++) if (edgeBundle[e]! >= 0) edgeBundle[e] = rank[edgeBundle[e]!]!;
  return {
    by,
    groups,
    groupOf,
    bundles: sorted.map((k) => counts[k]!),
    internal,
    edgeSource: Int32Array.from(sources),
    edgeTarget: Int32Array.from(targets),
    edgeBundle,
  };
}

/** A run's statuses per group and per bundle. */
export interface Tally {
  /** Per group. */
  readonly down: Int32Array;
  readonly degraded: Int32Array;
  /** Per group: members a fault hits directly. */
  readonly faulted: Int32Array;
  /** Per bundle: dependencies whose two ends are both not up (they carry the failure), and how many of those are down at both ends. */
  readonly carries: Int32Array;
  readonly carriesDown: Int32Array;
}

/** Statuses as the viewer's engine gives them: per component, 0 up, 1 degraded, 2 down; `faulted` non-zero where a fault hits. */
export function tally(agg: Aggregate, status: Uint8Array, faulted: Uint8Array): Tally {
  const G = agg.groups.length;
  const down = new Int32Array(G);
  const degraded = new Int32Array(G);
  const hit = new Int32Array(G);
  for (let i = 0; i < agg.groupOf.length; i++) {
    const g = agg.groupOf[i]!;
    if (status[i] === 2) down[g]!++;
    else if (status[i] === 1) degraded[g]!++;
    if (faulted[i]) hit[g]!++;
  }
  const carries = new Int32Array(agg.bundles.length);
  const carriesDown = new Int32Array(agg.bundles.length);
  for (let e = 0; e < agg.edgeBundle.length; e++) {
    const b = agg.edgeBundle[e]!;
    if (b < 0) continue;
    const s = status[agg.edgeSource[e]!]!;
    const t = status[agg.edgeTarget[e]!]!;
    if (s !== 0 && t !== 0) {
      carries[b]!++;
      if (s === 2 && t === 2) carriesDown[b]!++;
    }
  }
  return { down, degraded, faulted: hit, carries, carriesDown };
}

/** The groups a chain crosses, in its order (from the victim to the fault), each once per stretch; steps that are not components are skipped. */
export function chainGroups(agg: Aggregate, index: ReadonlyMap<string, number>, chain: readonly { readonly id: string }[]): number[] {
  const groups: number[] = [];
  for (const step of chain) {
    const i = index.get(step.id);
    if (i === undefined) continue;
    const g = agg.groupOf[i]!;
    if (groups.at(-1) !== g) groups.push(g);
  }
  return groups;
}

/** Per group: how many of these failures (`id` or `id@domain`) hit one of its members. */
export function failuresPerGroup(agg: Aggregate, index: ReadonlyMap<string, number>, targets: readonly string[]): Int32Array {
  const counts = new Int32Array(agg.groups.length);
  for (const t of targets) {
    const i = index.get(t.split('@')[0]!);
    if (i !== undefined) counts[agg.groupOf[i]!]!++;
  }
  return counts;
}

/** The group of a component id, or −1. */
export function groupOfId(agg: Aggregate, index: ReadonlyMap<string, number>, id: string): number {
  const i = index.get(id);
  return i === undefined ? -1 : agg.groupOf[i]!;
}

function keyFunctions(model: Model, laneOf?: LaneOf): Record<GroupBy, (id: ComponentId) => string> {
  let known = laneOf;
  const lane = (id: ComponentId): string => (known ??= lanesOf(model).laneOf).get(id) ?? UNPLACED_LANE;
  const zoneMemo = new Map<ComponentId, readonly ComponentId[]>();
  const order = placeOrder(model);
  const visiting = new Set<ComponentId>();
  // The zones a component runs in, through its placements (a zone is in itself).
  const zonesOf = (id: ComponentId): readonly ComponentId[] => {
    const known = zoneMemo.get(id);
    if (known) return known;
    const c = model.components.get(id);
    if (!c || visiting.has(id)) return [];
    if (c.kind === 'zone') {
      zoneMemo.set(id, [id]);
      return [id];
    }
    visiting.add(id);
    const found = new Set<ComponentId>();
    for (const p of c.placements) for (const z of zonesOf(p.domain)) found.add(z);
    visiting.delete(id);
    const result = [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    zoneMemo.set(id, result);
    return result;
  };
  const c = (id: ComponentId) => model.components.get(id)!;
  return {
    region: lane,
    zone: (id) => {
      const zones = zonesOf(id);
      return zones.length > 0 ? zones.join(' + ') : lane(id);
    },
    system: (id) => c(id).tags.get('system') ?? '',
    owner: (id) => c(id).owner ?? '',
    kind: (id) => c(id).kind,
  };
}

function placeOrder(model: Model): Map<ComponentId, number> {
  const order = new Map<ComponentId, number>();
  let i = 0;
  for (const id of model.components.keys()) order.set(id, i++);
  return order;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
