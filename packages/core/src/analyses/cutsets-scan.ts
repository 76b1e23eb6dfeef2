/**
 * Scanning a fault tree: single killers and pair candidates
 * ========================================================
 *
 * One cut1 sweep over the tree (`cut1.ts`) gives the target's single killers
 * and, at every redundancy gate g (a node no single input can tip: down
 * threshold ≥ 2), the failures that take an input of g down without taking
 * g down: its *private* killers.
 *
 * Pairs come only from there (docs/algorithms.md#singles-and-pairs). Let {u, w} take the
 * target down while neither does alone, and follow the propagation of
 * {u, w}: the first node down under the pair but under neither failure
 * alone has every down input from B(u) ∪ B(w) (they went down earlier), yet
 * not all from B(u) and not all from B(w) — so it is a gate with threshold
 * ≥ 2 whose inputs u and w kill privately, with enough weight together to
 * reach the threshold. The argument follows the propagation order, so it
 * holds on cycles too (the least fixpoint). Each candidate is then checked.
 * The same argument, applied to any member s of a minimal cut set of any
 * order (the first node down under the set but not under the set without s
 * has an input in B(s)), shows every member of a minimal cut set of order ≥
 * 2 is a private killer somewhere: that is the pool order 3 and beyond
 * search from.
 */
import { forEachBit } from './bitrows.js';
import { sweepCut1 } from './cut1.js';
import type { FaultTree } from './cutsets-tree.js';

/** What one sweep of a tree finds. */
export interface TreeScan {
  /** Tree failure nodes that take the target down alone (the target's own failure included). */
  readonly singles: readonly number[];
  /** Private killers of some gate above `minId`, not singles: tree failure nodes, ascending by failure id. */
  readonly pool: readonly number[];
  /** Per gate, its private killers (tree failure nodes) with the input edges each one takes down. */
  readonly gates: ReadonlyMap<number, ReadonlyMap<number, number[]>>;
  /** Work done, in word operations (for the search budget). */
  readonly steps: number;
}

/** Sweeps the tree once; only failures whose failure id exceeds `minId` are kept as private killers. */
export function scanTree(tree: FaultTree, minId: number): TreeScan {
  const { graph, target, failures, failureOf } = tree;
  const singles: number[] = [];
  const gates = new Map<number, Map<number, number[]>>();
  let steps = 0;
  if (failures.length === 0) return { singles, pool: [], gates, steps };
  const wb = Math.min(64, Math.max(1, Math.ceil(failures.length / 32)));
  const { dependentOffset, dependentEdges, edgeFrom, downThreshold } = graph;
  const scratch = new Int32Array(wb);
  sweepCut1(graph, { killers: failures, wordsPerRow: wb }, (chunk) => {
    const { pool, down, reached, reachedCount, first, bitKiller } = chunk;
    const failureAt = (bit: number): number => failures[bitKiller[first + bit]!]!;
    steps += reachedCount * wb;
    const t = down[target]!;
    if (t >= 0) forEachBit(pool, t, wb, (b) => void singles.push(failureAt(b)));
    for (let i = 0; i < reachedCount; i++) {
      const d = reached[i]!;
      const row = down[d]!;
      if (row < 0) continue;
      for (let k = dependentOffset[d]!; k < dependentOffset[d + 1]!; k++) {
        const e = dependentEdges[k]!;
        const g = edgeFrom[e]!;
        if (downThreshold[g]! < 2) continue;
        const gr = down[g]!;
        let any = 0;
        for (let j = 0; j < wb; j++) {
          const x = pool[row + j]! & ~(gr >= 0 ? pool[gr + j]! : 0) & ~(t >= 0 ? pool[t + j]! : 0);
          scratch[j] = x;
          any |= x;
        }
        steps += wb;
        if (any === 0) continue;
        forEachBit(scratch, 0, wb, (b) => {
          const f = failureAt(b);
          if (failureOf[f]! <= minId) return;
          let killers = gates.get(g);
          if (!killers) gates.set(g, (killers = new Map()));
          const edges = killers.get(f);
          if (edges) edges.push(e);
          else killers.set(f, [e]);
        });
      }
    }
  });
  const inPool = new Set<number>();
  for (const killers of gates.values()) for (const f of killers.keys()) inPool.add(f);
  const pool = [...inPool].sort((a, b) => failureOf[a]! - failureOf[b]!);
  singles.sort((a, b) => failureOf[a]! - failureOf[b]!);
  return { singles, pool, gates, steps };
}

/**
 * Candidate pairs from a scan: two private killers of one gate whose inputs
 * together reach its threshold. Calls `visit(a, b)` once per distinct pair
 * (a before b in failure-id order); stops early when `visit` returns false.
 * Returns the number of pairs examined (for the budget).
 */
export function forEachCandidatePair(tree: FaultTree, scan: TreeScan, visit: (a: number, b: number) => boolean): number {
  const { graph, failureOf } = tree;
  const { inputWeight, downThreshold } = graph;
  const seen = new Set<number>();
  const span = graph.size;
  const mark = new Int32Array(graph.inputs.length).fill(-1);
  let examined = 0;
  const gates = [...scan.gates.keys()].sort((a, b) => a - b);
  for (const g of gates) {
    const killers = scan.gates.get(g)!;
    if (killers.size < 2) continue;
    const thr = downThreshold[g]!;
    const list = [...killers.entries()].map(([f, edges]) => ({ f, edges, weight: edges.reduce((s, e) => s + inputWeight[e]!, 0) }));
    // Heaviest first, so the inner loop stops at the first partner too light to reach the threshold.
    list.sort((a, b) => b.weight - a.weight || failureOf[a.f]! - failureOf[b.f]!);
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      for (const e of x.edges) mark[e] = i;
      for (let j = i + 1; j < list.length; j++) {
        const y = list[j]!;
        examined++;
        if (x.weight + y.weight < thr) break;
        let shared = 0;
        for (const e of y.edges) if (mark[e] === i) shared += inputWeight[e]!;
        if (x.weight + y.weight - shared < thr) continue;
        const [a, b] = failureOf[x.f]! < failureOf[y.f]! ? [x.f, y.f] : [y.f, x.f];
        const key = a * span + b;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!visit(a, b)) return examined;
      }
    }
  }
  return examined;
}
