/**
 * simulate(model, faults)
 * =======================
 *
 * What breaks, and why, when the given faults happen: every worsened component
 * with its status, the causes that made it worse and one chain back to a
 * fault, plus the blast radius's impact (summed weight of critical components
 * down, degraded counting half). Slow faults follow *Release It!*: the slow
 * component is degraded; a caller whose edge has neither `timeoutMs` nor
 * `bulkhead` is down (its threads all wait), one with either is degraded.
 */
import { COMPONENT, GROUP, REPLICA, compile, type CompiledGraph } from './compile.js';
import { Explainer, type Cause, type ChainStep, type WorseStatus } from './explain.js';
import { resolveFaults, type FaultEffect, type FaultSpec, type ResolvedFault } from './faults.js';
import type { ComponentId, Model, Status } from './model.js';
import { CAUSE_FAULT, CAUSE_SLOW, Propagator, type Seed } from './propagate.js';

export interface NodeOutcome {
  readonly id: ComponentId;
  readonly kind: string;
  readonly status: WorseStatus;
  readonly critical: boolean;
  readonly weight: number;
  readonly because: readonly Cause[];
  readonly chain: readonly ChainStep[];
}

/** A component that lost placements but kept enough to stay up. */
export interface PartialLoss {
  readonly id: ComponentId;
  readonly lost: readonly ComponentId[];
  readonly replicasLeft: number;
  readonly minHealthy: number;
}

export interface Summary {
  readonly down: number;
  readonly degraded: number;
  readonly criticalDown: number;
  readonly criticalDegraded: number;
  /** Summed weight of critical components down, plus half of those degraded. */
  readonly impact: number;
}

export interface Simulation {
  readonly faults: readonly { readonly spec: string; readonly effect: FaultEffect; readonly hits: readonly string[] }[];
  readonly summary: Summary;
  /** Every worsened component: critical first, then down before degraded, then manifest order. */
  readonly nodes: readonly NodeOutcome[];
  readonly partial: readonly PartialLoss[];
  status(id: ComponentId): Status;
}

/**
 * One propagator per compiled graph, reused: its arrays are graph-sized
 * (~20 MB at 100k components) and generation stamps make a fresh run cost
 * only what it touches. A Simulation keeps its own statuses, so reuse never
 * changes an earlier result.
 */
const propagators = new WeakMap<CompiledGraph, Propagator>();

/** Simulates faults on a model (or an already compiled graph, to reuse its index). */
export function simulate(input: Model | CompiledGraph, faults: readonly FaultSpec[]): Simulation {
  const graph = 'size' in input ? input : compile(input);
  const resolved = resolveFaults(graph, faults);
  let state = propagators.get(graph);
  if (!state) propagators.set(graph, (state = new Propagator(graph)));
  const faultOf = new Map<number, { spec: string; effect: FaultEffect }>();
  state.run(seedsFor(graph, resolved, faultOf));
  return collect(graph, state, resolved, faultOf);
}

/** Turns resolved faults into propagation seeds (slow faults seed their callers too). */
export function seedsFor(graph: CompiledGraph, faults: readonly ResolvedFault[], faultOf?: Map<number, { spec: string; effect: FaultEffect }>): Seed[] {
  const seeds: Seed[] = [];
  for (const f of faults) {
    for (const node of f.nodes) {
      faultOf?.set(node, { spec: f.spec, effect: f.effect });
      seeds.push({ node, down: f.effect === 'down', cause: CAUSE_FAULT, edge: -1 });
      if (f.effect === 'slow') seeds.push(...slowCallers(graph, node));
    }
  }
  return seeds;
}

function slowCallers(graph: CompiledGraph, slow: number): Seed[] {
  const seeds: Seed[] = [];
  for (let i = graph.dependentOffset[slow]!; i < graph.dependentOffset[slow + 1]!; i++) {
    const e = graph.dependentEdges[i]!;
    const from = graph.edgeFrom[e]!;
    let caller: number;
    let entry: number;
    if (graph.type[from] === COMPONENT) {
      caller = from;
      entry = graph.inputEntry[e]!;
    } else if (graph.type[from] === GROUP) {
      caller = graph.owner[from]!;
      entry = graph.detail[from]!;
    } else continue;
    const dep = graph.componentAt[caller]!.dependsOn[entry]!;
    const guarded = dep.timeoutMs !== undefined || dep.bulkhead === true;
    seeds.push({ node: caller, down: !guarded, cause: CAUSE_SLOW, edge: e });
  }
  return seeds;
}

function collect(graph: CompiledGraph, state: Propagator, faults: readonly ResolvedFault[], faultOf: Map<number, { spec: string; effect: FaultEffect }>): Simulation {
  const explainer = new Explainer(graph, state, faultOf);
  const worsened: number[] = [];
  const partial: PartialLoss[] = [];
  for (let i = 0; i < state.touchedCount; i++) {
    const v = state.touched[i]!;
    if (graph.type[v] === COMPONENT && state.isNotUp(v)) worsened.push(v);
  }
  const seenPartial = new Set<number>();
  for (let i = 0; i < state.touchedCount; i++) {
    const r = state.touched[i]!;
    if (graph.type[r] !== REPLICA || !state.isDown(r)) continue;
    const c = graph.owner[r]!;
    if (state.isNotUp(c) || seenPartial.has(c)) continue;
    seenPartial.add(c);
    const comp = graph.componentAt[c]!;
    const lost: string[] = [];
    let left = 0;
    for (let k = graph.replicaOffset[c]!; k < graph.replicaOffset[c + 1]!; k++) {
      const replica = graph.replicaNodes[k]!;
      const p = comp.placements[k - graph.replicaOffset[c]!]!;
      if (state.isDown(replica)) lost.push(p.domain);
      else left += p.replicas;
    }
    partial.push({ id: comp.id, lost, replicasLeft: left, minHealthy: comp.minHealthy });
  }

  let down = 0, degraded = 0, criticalDown = 0, criticalDegraded = 0, impact = 0;
  const nodes: NodeOutcome[] = worsened
    .sort((a, b) => a - b)
    .map((v) => {
      const c = graph.componentAt[v]!;
      const status: WorseStatus = state.isDown(v) ? 'down' : 'degraded';
      if (status === 'down') down++;
      else degraded++;
      if (c.critical) {
        if (status === 'down') criticalDown++;
        else criticalDegraded++;
        impact += status === 'down' ? c.weight : c.weight / 2;
      }
      return { id: c.id, kind: c.kind, status, critical: c.critical, weight: c.weight, because: explainer.because(v), chain: explainer.chain(v) };
    })
    .sort((a, b) => Number(b.critical) - Number(a.critical) || Number(b.status === 'down') - Number(a.status === 'down'));

  const statusOf = new Map<ComponentId, Status>(nodes.map((n) => [n.id, n.status]));
  return {
    faults: faults.map((f) => ({ spec: f.spec, effect: f.effect, hits: f.nodes.map((n) => graph.names[n]!) })),
    summary: { down, degraded, criticalDown, criticalDegraded, impact },
    nodes,
    partial,
    status(id) {
      if (!graph.index.has(id)) throw new Error(`faultline/simulate: unknown component "${id}"`);
      return statusOf.get(id) ?? 'up';
    },
  };
}


