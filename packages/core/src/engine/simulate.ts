/**
 * simulate(model, faults)
 * =======================
 *
 * What breaks, and why, when the given faults happen: every worsened component
 * with its status, the causes that made it worse and one chain back to a
 * fault, plus the blast radius's impact (summed weight of critical components
 * down, degraded counting half). Slow faults follow *Release It!*: the slow
 * component is degraded; a caller whose edge has neither `timeoutMs` nor
 * `bulkhead` is down (its threads all wait), one with either is degraded. An
 * async consumer of a slow target is degraded (a backlog), never exhausted;
 * a caller with a fallback and a timeout or bulkhead falls back and stays up,
 * one with a fallback and neither still waits and goes down.
 *
 * `fellBack` lists the fallbacks the faults put to work: each dependency with
 * `fallback: true` whose target (or group) is not up, while its dependent is.
 */
import { COMPONENT, REPLICA, compile, inView, type CompiledGraph } from './compile.js';
import { Explainer, type Cause, type ChainStep, type WorseStatus } from './explain.js';
import { resolveFaults, type FaultEffect, type FaultSpec, type ResolvedFault } from './faults.js';
import type { ComponentId, Model, Status } from '../model.js';
import { CAUSE_FAULT, CAUSE_SLOW, Propagator, type Seed } from './propagate.js';
import { append } from '../arrays.js';

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

/** A component that kept working on a fallback: `id` fell back from `target` (a group's lost members, one entry each). */
export interface FellBack {
  readonly id: ComponentId;
  readonly target: ComponentId;
}

export interface Simulation {
  readonly faults: readonly { readonly spec: string; readonly effect: FaultEffect; readonly hits: readonly string[] }[];
  readonly summary: Summary;
  /** Fallbacks in use, in model order of the dependent, then of its dependencies. */
  readonly fellBack: readonly FellBack[];
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
      seeds.push({ node, down: f.effect === 'down', cause: CAUSE_FAULT, source: -1 });
      if (f.effect === 'slow') append(seeds, slowCallers(graph, node));
    }
  }
  return seeds;
}

/**
 * Callers of each component through the dependencies of the graph's view,
 * fallbacks included (a slow call reaches the caller before its fallback can
 * run): component → [caller, dependsOn index] pairs. Built once per graph.
 */
const callersOf = new WeakMap<CompiledGraph, Map<number, number[]>>();

function callers(graph: CompiledGraph): Map<number, number[]> {
  let map = callersOf.get(graph);
  if (map) return map;
  map = new Map();
  for (let c = 0; c < graph.components; c++) {
    graph.componentAt[c]!.dependsOn.forEach((d, entry) => {
      if (!inView(d, graph.view)) return;
      for (const target of d.type === 'edge' ? [d.target] : d.anyOf) {
        const t = graph.index.get(target)!;
        let list = map!.get(t);
        if (!list) map!.set(t, (list = []));
        list.push(c, entry);
      }
    });
  }
  callersOf.set(graph, map);
  return map;
}

function slowCallers(graph: CompiledGraph, slow: number): Seed[] {
  const seeds: Seed[] = [];
  const list = callers(graph).get(slow) ?? [];
  for (let i = 0; i < list.length; i += 2) {
    const caller = list[i]!;
    const dep = graph.componentAt[caller]!.dependsOn[list[i + 1]!]!;
    const guarded = dep.timeoutMs !== undefined || dep.bulkhead === true;
    if (dep.fallback === true && guarded) continue; // times out and falls back
    seeds.push({ node: caller, down: !guarded && dep.mode !== 'async', cause: CAUSE_SLOW, source: slow });
  }
  return seeds;
}

/** [component, dependsOn index] pairs of every fallback in the graph's view, built once per graph. */
const fallbacksOf = new WeakMap<CompiledGraph, number[]>();

function fallbacks(graph: CompiledGraph): number[] {
  let list = fallbacksOf.get(graph);
  if (list) return list;
  list = [];
  for (let c = 0; c < graph.components; c++) {
    graph.componentAt[c]!.dependsOn.forEach((d, entry) => {
      if (d.fallback === true && inView(d, graph.view)) list!.push(c, entry);
    });
  }
  fallbacksOf.set(graph, list);
  return list;
}

/** The fallbacks in use: dependencies with `fallback: true` whose target is not up, of dependents that are. */
function fallbacksInUse(graph: CompiledGraph, state: Propagator): FellBack[] {
  const out: FellBack[] = [];
  const list = fallbacks(graph);
  for (let i = 0; i < list.length; i += 2) {
    const c = list[i]!;
    if (state.isDown(c)) continue;
    const comp = graph.componentAt[c]!;
    const d = comp.dependsOn[list[i + 1]!]!;
    if (d.type === 'edge') {
      if (state.isNotUp(graph.index.get(d.target)!)) out.push({ id: comp.id, target: d.target });
      continue;
    }
    const lost = d.anyOf.filter((m) => state.isNotUp(graph.index.get(m)!));
    if (lost.length > d.anyOf.length - d.need) for (const m of lost) out.push({ id: comp.id, target: m });
  }
  return out;
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

  let down = 0,
    degraded = 0,
    criticalDown = 0,
    criticalDegraded = 0,
    impact = 0;
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
    fellBack: fallbacksInUse(graph, state),
    nodes,
    partial,
    status(id) {
      if (!graph.index.has(id)) throw new Error(`faultline/simulate: unknown component "${id}"`);
      return statusOf.get(id) ?? 'up';
    },
  };
}
