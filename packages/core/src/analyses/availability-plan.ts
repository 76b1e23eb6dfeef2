/**
 * The evaluation plan of the availability Monte Carlo
 * ==================================================
 *
 * Availability is about being *down* (a degraded component still serves),
 * so only hard inputs matter, and only the cone of the components asked
 * about. The plan numbers that cone in dependency order (iterative Tarjan
 * over hard inputs, `tarjan.ts`) — positions — and gives each position its
 * gate as a kind: any input suffices (OR), every input is needed (AND), or a
 * weighted threshold; cycles are runs of positions iterated to the least
 * fixpoint, as `simulate` does (docs/algorithms.md#bit-parallel-monte-carlo).
 */
import type { CompiledGraph } from '../engine/compile.js';
import { stronglyConnected } from './tarjan.js';

/** A position's gate: never trips (only its own failure downs it), … */
export const GATE_NONE = 0;
/** … any input down suffices, … */
export const GATE_OR = 1;
/** … every input must be down, … */
export const GATE_AND = 2;
/** … or the down inputs' weight must reach the threshold. */
export const GATE_THRESHOLD = 3;

/** The cone of some targets, in dependency order. */
export interface Plan {
  readonly size: number;
  /** Engine node at each position, and position of each engine node (−1 outside the cone). */
  readonly node: Int32Array;
  readonly position: Int32Array;
  /** Hard inputs of position p: `inputs[inputOffset[p] … inputOffset[p + 1]]`, as positions, with weights. */
  readonly inputOffset: Int32Array;
  readonly inputs: Int32Array;
  readonly weights: Int32Array;
  readonly threshold: Int32Array;
  readonly gate: Uint8Array;
  /** Dependents of position p in the cone: `dependents[dependentOffset[p] …]`, as positions. */
  readonly dependentOffset: Int32Array;
  readonly dependents: Int32Array;
  /** For a position on a cycle, the end (exclusive) of its cycle's run; −1 otherwise. Runs start at `cycleStart`. */
  readonly cycleEnd: Int32Array;
  readonly cycleStart: Int32Array;
}

/** Plans the evaluation of the hard cone of `targets`. */
export function evaluationPlan(graph: CompiledGraph, targets: readonly number[]): Plan {
  // Work in proportion to the cone, not the graph (`availability` plans one cone per component it
  // enumerates): the cone's nodes in engine order, its hard edges renumbered among them, and Tarjan
  // on that — the same roots and edges in the same order as over the whole graph, so the same plan.
  const position = new Int32Array(graph.size).fill(-1);
  const members = coneNodes(graph, targets, position);
  const m = members.length;
  for (let i = 0; i < m; i++) position[members[i]!] = i;
  const localOffset = new Int32Array(m + 1);
  const localTargets: number[] = [];
  for (let i = 0; i < m; i++) {
    const v = members[i]!;
    for (let e = graph.inputOffset[v]!; e < graph.inputOffset[v + 1]!; e++) if (graph.inputHard[e]) localTargets.push(position[graph.inputs[e]!]!);
    localOffset[i + 1] = localTargets.length;
  }
  const scc = stronglyConnected(m, localOffset, Int32Array.from(localTargets));
  const size = scc.order.length;
  const node = new Int32Array(size);
  for (let p = 0; p < size; p++) node[p] = members[scc.order[p]!]!;
  for (let p = 0; p < size; p++) position[node[p]!] = p;
  const inputOffset = new Int32Array(size + 1);
  const inputs: number[] = [];
  const weights: number[] = [];
  const threshold = new Int32Array(size);
  const gate = new Uint8Array(size);
  const dependentCount = new Int32Array(size + 1);
  for (let p = 0; p < size; p++) {
    const v = node[p]!;
    let total = 0;
    let minW = Infinity;
    for (let e = graph.inputOffset[v]!; e < graph.inputOffset[v + 1]!; e++) {
      if (!graph.inputHard[e]) continue;
      const u = position[graph.inputs[e]!]!;
      const w = graph.inputWeight[e]!;
      inputs.push(u);
      weights.push(w);
      dependentCount[u + 1]!++;
      total += w;
      minW = Math.min(minW, w);
    }
    inputOffset[p + 1] = inputs.length;
    const thr = graph.downThreshold[v]!;
    threshold[p] = thr;
    gate[p] = total < thr ? GATE_NONE : minW >= thr ? GATE_OR : total - minW < thr ? GATE_AND : GATE_THRESHOLD;
  }
  for (let p = 0; p < size; p++) dependentCount[p + 1]! += dependentCount[p]!;
  const dependents = new Int32Array(inputs.length);
  const fill = dependentCount.slice(0, size);
  for (let p = 0; p < size; p++) for (let i = inputOffset[p]!; i < inputOffset[p + 1]!; i++) dependents[fill[inputs[i]!]!++] = p;
  const cycleEnd = new Int32Array(size).fill(-1);
  const cycleStart = new Int32Array(size).fill(-1);
  for (let c = 0; c < scc.count; c++) {
    const from = scc.start[c]!;
    const to = scc.start[c + 1]!;
    if (to - from < 2) continue;
    cycleEnd.fill(to, from, to);
    cycleStart.fill(from, from, to);
  }
  return {
    size,
    node,
    position,
    inputOffset,
    inputs: Int32Array.from(inputs),
    weights: Int32Array.from(weights),
    threshold,
    gate,
    dependentOffset: dependentCount,
    dependents,
    cycleEnd,
    cycleStart,
  };
}

/** The nodes of the hard cone of `targets`, in engine order; `mark` (all −1) is left with −2 on them. */
function coneNodes(graph: CompiledGraph, targets: readonly number[], mark: Int32Array): Int32Array {
  const found: number[] = [];
  for (const t of targets) {
    if (mark[t] !== -1) continue;
    mark[t] = -2;
    found.push(t);
  }
  for (let k = 0; k < found.length; k++) {
    const v = found[k]!;
    for (let e = graph.inputOffset[v]!; e < graph.inputOffset[v + 1]!; e++) {
      const u = graph.inputs[e]!;
      if (mark[u] !== -1 || !graph.inputHard[e]) continue;
      mark[u] = -2;
      found.push(u);
    }
  }
  return Int32Array.from(found).sort();
}
