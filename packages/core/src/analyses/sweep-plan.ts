/**
 * Sweep plan: the dependency order every cut1 sweep follows
 * ========================================================
 *
 * Tarjan's strongly connected components of the whole engine graph (inputs
 * as edges), so dependencies come first and each cycle is a contiguous run
 * of positions, plus the redundancy gates. Computed once per compiled graph
 * and shared by `rankFailures` and every `killers` query on it.
 */
import type { CompiledGraph } from '../engine/compile.js';
import { redundancyMask } from './redundancy.js';
import { stronglyConnected, type SccResult } from './tarjan.js';

/** Dependency order of a graph's engine nodes, shared by every sweep over it. */
export interface SweepPlan {
  readonly scc: SccResult;
  /** Position of each node in `scc.order`. */
  readonly position: Int32Array;
  /** Per component: it has several nodes (the loader rejects self-dependencies, so no node is its own input). */
  readonly cyclic: Uint8Array;
  /** Per node: a redundancy gate (`redundancy.ts`). */
  readonly gates: Uint8Array;
}

const plans = new WeakMap<CompiledGraph, SweepPlan>();

/** The sweep plan of a graph, computed once per compiled graph. */
export function sweepPlan(graph: CompiledGraph): SweepPlan {
  let plan = plans.get(graph);
  if (plan) return plan;
  const scc = stronglyConnected(graph.size, graph.inputOffset, graph.inputs);
  const position = new Int32Array(graph.size);
  scc.order.forEach((v, p) => (position[v] = p));
  const cyclic = new Uint8Array(scc.count);
  for (let c = 0; c < scc.count; c++) {
    if (scc.start[c + 1]! - scc.start[c]! > 1) cyclic[c] = 1;
  }
  plan = { scc, position, cyclic, gates: redundancyMask(graph) };
  plans.set(graph, plan);
  return plan;
}
