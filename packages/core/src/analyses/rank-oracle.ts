/**
 * Single failures by repeated simulation: the oracle
 * ==================================================
 *
 * Runs the propagation engine once per failure: O(Σ |blast|), exact by
 * construction, and the reference the bitset DP is property-tested against
 * (docs/algorithms.md#testing-against-oracles). Also the lazy path for one failure's full
 * victim lists and the gates it defeats.
 */
import type { CompiledGraph } from '../engine/compile.js';
import type { ComponentId } from '../model.js';
import { CAUSE_FAULT, Propagator } from '../engine/propagate.js';
import { DEFAULT_LISTED, firstVictims, type Failure, type Victims } from './failure.js';
import { failureSpace, type FailureSpaceOptions } from './failure-space.js';
import { describeGate, gateHolders, isRedundancyGate, type RedundancyGate } from './redundancy.js';

/** Everything one failure worsens: every victim of each kind (in model order, the failed component excluded). */
export interface FailureDetail extends Victims {
  readonly fault: string;
  /**
   * Redundancy gates the failure defeats from below, in model order of their
   * owner: not those it holds wholly (a region around every zone of a
   * single-region component defeats its placements in plain sight).
   */
  readonly defeated: readonly RedundancyGate[];
}

/** Runs one failure of engine node `node` on `state` and reads off its outcome (`first`: `listed` of each kind). */
export function evaluateFailure(graph: CompiledGraph, state: Propagator, node: number, listed = DEFAULT_LISTED): Failure & FailureDetail {
  state.run([{ node, down: true, cause: CAUSE_FAULT, source: -1 }]);
  const components = graph.model.components;
  const worse: number[] = [];
  const gates: number[] = [];
  const holders = gateHolders(graph);
  for (let i = 0; i < state.touchedCount; i++) {
    const v = state.touched[i]!;
    if (v < graph.components && state.isNotUp(v)) worse.push(v);
    else if (state.isDown(v) && isRedundancyGate(graph, v) && !holders(v).includes(node)) gates.push(v);
  }
  worse.sort((a, b) => a - b);
  const hiddenReach = reachFromGates(graph, state, gates, node);
  const down: ComponentId[] = [];
  const degraded: ComponentId[] = [];
  const critical: ComponentId[] = [];
  const criticalDegraded: ComponentId[] = [];
  let impact = 0;
  let hidden = false;
  for (const v of worse) {
    const c = components.get(graph.names[v]!)!;
    const isDown = state.isDown(v);
    if (c.critical) impact += isDown ? c.weight : c.weight / 2;
    if (v === node) continue;
    (isDown ? down : degraded).push(c.id);
    if (!c.critical) continue;
    (isDown ? critical : criticalDegraded).push(c.id);
    if (isDown && hiddenReach.has(v)) hidden = true;
  }
  const defeated = gates
    .map((g) => describeGate(graph, g))
    .sort((a, b) => graph.index.get(a.owner)! - graph.index.get(b.owner)! || graph.modelRank[a.node]! - graph.modelRank[b.node]!);
  const all = { down, degraded, critical, criticalDegraded };
  return {
    fault: graph.names[node]!,
    impact,
    downCount: down.length,
    degradedCount: degraded.length,
    criticalCount: critical.length,
    criticalDegradedCount: criticalDegraded.length,
    first: firstVictims(all, listed),
    hidden,
    ...all,
    defeated,
  };
}

/** The gates one failure defeats that a finding names (see `namedGates`). */
export interface NamedGates {
  /** The first gate of `FailureDetail.defeated` whose owner is a critical component the failure takes down. */
  readonly onCritical?: RedundancyGate;
  /** The first gate of `FailureDetail.defeated`. */
  readonly first?: RedundancyGate;
}

/**
 * What a single-point-of-failure finding names of `evaluateFailure(…).defeated`,
 * without its victim lists: one simulation, then one pass over what it
 * touched, and only the gates named are described. A hub's failure takes
 * down tens of thousands of components, and lint asks this per hidden finding.
 */
export function namedGates(graph: CompiledGraph, state: Propagator, node: number): NamedGates {
  state.run([{ node, down: true, cause: CAUSE_FAULT, source: -1 }]);
  const holders = gateHolders(graph);
  const { owner, modelRank, componentAt } = graph;
  // The order of `defeated`: model order of the owner, then of the gate.
  const before = (a: number, b: number): boolean => b < 0 || owner[a]! < owner[b]! || (owner[a] === owner[b] && modelRank[a]! < modelRank[b]!);
  let first = -1;
  let onCritical = -1;
  for (let i = 0; i < state.touchedCount; i++) {
    const v = state.touched[i]!;
    if (v < graph.components || !state.isDown(v) || !isRedundancyGate(graph, v) || holders(v).includes(node)) continue;
    if (before(v, first)) first = v;
    const o = owner[v]!;
    if (o !== node && state.isDown(o) && componentAt[o]!.critical && before(v, onCritical)) onCritical = v;
  }
  return {
    ...(onCritical >= 0 ? { onCritical: describeGate(graph, onCritical) } : {}),
    ...(first >= 0 ? { first: describeGate(graph, first) } : {}),
  };
}

/** Some gates of `FailureDetail.defeated` and how many there are in all. */
export interface GateSample {
  /** The first `shown` of them, in the order of `defeated`. */
  readonly first: readonly RedundancyGate[];
  /** How many there are. */
  readonly count: number;
}

/** The gates one failure defeats whose owner it takes down (see `defeatedGates`). */
export interface DefeatedGates {
  /** Those of `FailureDetail.defeated` whose owner is in its `critical` (a critical component down, not the failed one). */
  readonly onCritical: GateSample;
  /** Those of `FailureDetail.defeated` whose owner is in its `down`. */
  readonly onDown: GateSample;
}

/**
 * What `spof` says of a hidden failure's defeated gates, without its victim
 * lists: `evaluateFailure(…).defeated` filtered by owner, the first `shown`
 * described and the rest counted, from one simulation and one pass over
 * what it touched (no name looked up per victim, no sort).
 */
export function defeatedGates(graph: CompiledGraph, state: Propagator, node: number, shown = 2): DefeatedGates {
  state.run([{ node, down: true, cause: CAUSE_FAULT, source: -1 }]);
  const holders = gateHolders(graph);
  const { owner, modelRank, componentAt } = graph;
  // The order of `defeated`: model order of the owner, then of the gate.
  const before = (a: number, b: number): boolean => owner[a]! < owner[b]! || (owner[a] === owner[b] && modelRank[a]! < modelRank[b]!);
  const keep = (first: number[], v: number): void => {
    let at = first.length;
    while (at > 0 && before(v, first[at - 1]!)) at--;
    if (at >= shown) return;
    first.splice(at, 0, v);
    if (first.length > shown) first.pop();
  };
  const critical: number[] = [];
  const down: number[] = [];
  let criticalCount = 0;
  let downCount = 0;
  for (let i = 0; i < state.touchedCount; i++) {
    const v = state.touched[i]!;
    if (v < graph.components || !state.isDown(v) || !isRedundancyGate(graph, v) || holders(v).includes(node)) continue;
    const o = owner[v]!;
    if (o === node || !state.isDown(o)) continue;
    downCount++;
    keep(down, v);
    if (!componentAt[o]!.critical) continue;
    criticalCount++;
    keep(critical, v);
  }
  const describe = (first: readonly number[]): RedundancyGate[] => first.map((v) => describeGate(graph, v));
  return { onCritical: { first: describe(critical), count: criticalCount }, onDown: { first: describe(down), count: downCount } };
}

/** Nodes down through a path of hard edges from a defeated gate that does not pass through the failed node. */
function reachFromGates(graph: CompiledGraph, state: Propagator, gates: readonly number[], failed: number): Set<number> {
  const seen = new Set<number>(gates);
  const stack = [...gates];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let i = graph.dependentOffset[u]!; i < graph.dependentOffset[u + 1]!; i++) {
      const e = graph.dependentEdges[i]!;
      const v = graph.edgeFrom[e]!;
      if (!graph.inputHard[e] || v === failed || seen.has(v) || !state.isDown(v)) continue;
      seen.add(v);
      stack.push(v);
    }
  }
  return seen;
}

/** Every single failure by simulation, in failure-space order (not ranked); `listed` victims of each kind (10 unless set). */
export function failuresBySimulation(graph: CompiledGraph, options: FailureSpaceOptions & { readonly listed?: number } = {}): Failure[] {
  const space = failureSpace(graph, options);
  const state = new Propagator(graph);
  const out: Failure[] = [];
  for (const node of space.nodes) {
    const { fault, impact, downCount, degradedCount, criticalCount, criticalDegradedCount, first, hidden } = evaluateFailure(graph, state, node, options.listed);
    out.push({ fault, impact, downCount, degradedCount, criticalCount, criticalDegradedCount, first, hidden });
  }
  return out;
}
