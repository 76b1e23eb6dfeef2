/**
 * rankFailures(model): every single failure, worst first
 * ======================================================
 *
 * Every component (domains included, journeys never: they are only victims)
 * and every placement (`id@domain`) failing alone, ranked by impact — the summed weight of critical
 * components down, degraded counting half, exactly as `simulate` sums it —
 * then by components down, then model order. A **SPOF** is a failure that
 * takes a critical component (other than itself) down; it is **hidden** when
 * it gets there by defeating redundancy (see `redundancy.ts`).
 *
 * All counts come from one chunked, killer-indexed bitset DP over the
 * compiled graph (`cut1.ts`, docs/algorithms.md#killers-and-the-cut1-equation) with three layers (down,
 * not up, hidden): victim counts through bit-sliced vertical counters, the
 * impact and critical victims by walking only the critical components'
 * rows. Full victim lists for one failure are computed on demand by the
 * propagation engine (`detail`), which is also the DP's test oracle.
 */
import type { CompiledGraph } from '../engine/compile.js';
import type { ComponentId } from '../model.js';
import { Propagator } from '../engine/propagate.js';
import { countRow, drainCounters, forEachBit } from './bitrows.js';
import { sweepCut1 } from './cut1.js';
import { compareFailures, type Failure } from './failure.js';
import { failureSpace, type FailureSpace, type FailureSpaceOptions } from './failure-space.js';
import { graphOf, type AnalysisInput } from './graph-input.js';
import { killersOf, type KillLayer } from './killers.js';
import { evaluateFailure, type FailureDetail } from './rank-oracle.js';

/** Options of `rankFailures`. */
export interface RankOptions extends FailureSpaceOptions {
  /** Words per bitset row: each chunk of the DP covers 32 × wordsPerRow failures. @default 32 (measured best here at 100k components) */
  readonly wordsPerRow?: number;
}

/** Every single failure of a model, ranked, with lazy detail and killer queries. */
export interface Ranking {
  readonly graph: CompiledGraph;
  /** Every single failure, worst first. */
  readonly failures: readonly Failure[];
  /** Everything failure `failures[i]` worsens, with the redundancy it defeats (one simulation). */
  detail(i: number): FailureDetail;
  /** The position in `failures` of the failure of a component id, a fault string (`id@domain`) or an engine node; −1 when none. */
  positionOf(failure: ComponentId | number): number;
  /**
   * The single failures that take `target` down (or leave it not up), as
   * ascending positions in `failures` — worst first. `target` is a
   * component id or an engine node (a gate from `redundancyGates`, say). A
   * component's own failure is included (a journey has none). Ask `killersOf` for many targets.
   */
  killers(target: ComponentId | number, layer?: KillLayer): number[];
  /** `killers` for many engine nodes in one sweep. */
  killersOf(targets: readonly number[], layer?: KillLayer): Map<number, number[]>;
}

/** Ranks every single failure of a model by impact. */
export function rankFailures(input: AnalysisInput, options: RankOptions = {}): Ranking {
  const graph = graphOf(input);
  const space = failureSpace(graph, options);
  const wb = Math.max(1, options.wordsPerRow ?? 32);
  const stats = countFailures(graph, space, wb);
  const order = Array.from(space.nodes.keys());
  const unsorted = order.map((k) => stats(k));
  order.sort((a, b) => compareFailures(unsorted[a]!, unsorted[b]!, a, b));
  const failures = order.map((k) => unsorted[k]!);
  const position = new Int32Array(graph.size).fill(-1);
  order.forEach((k, i) => (position[space.nodes[k]!] = i));
  const nodes = order.map((k) => space.nodes[k]!);
  let state: Propagator | undefined;

  const toPositions = (list: readonly number[]): number[] => list.map((k) => position[space.nodes[k]!]!).sort((a, b) => a - b);
  const killersOfNodes = (targets: readonly number[], layer: KillLayer = 'down'): Map<number, number[]> => {
    const found = killersOf(graph, space, targets, layer, wb);
    for (const [t, list] of found) found.set(t, toPositions(list));
    return found;
  };
  const nodeOf = (target: ComponentId | number): number => {
    const v = typeof target === 'number' ? target : (graph.index.get(target) ?? graph.names.indexOf(target));
    if (v < 0 || v >= graph.size) throw new Error(`faultline/rank: unknown component "${target}"`);
    return v;
  };
  return {
    graph,
    failures,
    detail(i) {
      const node = nodes[i];
      if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
      state ??= new Propagator(graph);
      const { fault, down, degraded, defeated } = evaluateFailure(graph, state, node);
      return { fault, down, degraded, defeated };
    },
    positionOf(failure) {
      const v = typeof failure === 'number' ? failure : (graph.index.get(failure) ?? graph.names.indexOf(failure));
      return v >= 0 && v < graph.size ? position[v]! : -1;
    },
    killers(target, layer = 'down') {
      const v = nodeOf(target);
      return killersOfNodes([v], layer).get(v)!;
    },
    killersOf: killersOfNodes,
  };
}

/** The failures that take a critical component (other than the failed one) down, worst first. */
export function spofs(ranking: Ranking): Failure[] {
  return ranking.failures.filter((f) => f.critical.length > 0);
}

/** Runs the three-layer DP once and returns each failure's outcome, by failure-space index. */
function countFailures(graph: CompiledGraph, space: FailureSpace, wb: number): (k: number) => Failure {
  const K = space.size;
  const C = graph.components;
  const critical01 = new Uint8Array(C);
  const weight = new Float64Array(C);
  let c = 0;
  for (const component of graph.model.components.values()) {
    critical01[c] = component.critical ? 1 : 0;
    weight[c++] = component.weight;
  }
  const downCount = new Int32Array(K);
  const degradedCount = new Int32Array(K);
  const impact = new Float64Array(K);
  const hidden = new Uint8Array(K);
  const critical = new Map<number, number[]>();
  const criticalDegraded = new Map<number, number[]>();
  const planes = 32 - Math.clz32(C);
  const downCounters = new Int32Array(planes * wb);
  const degradedCounters = new Int32Array(planes * wb);
  const totals = new Int32Array(32 * wb);
  const scratch = new Int32Array(wb);
  const hiddenBits = new Int32Array(wb);
  const push = (lists: Map<number, number[]>, k: number, v: number): void => {
    const list = lists.get(k);
    if (list) list.push(v);
    else lists.set(k, [v]);
  };

  sweepCut1(graph, { killers: space.nodes, wordsPerRow: wb, notUp: true, hidden: true }, (chunk) => {
    const { pool, down, notUp, reached, first, bitKiller } = chunk;
    const criticalReached: number[] = [];
    hiddenBits.fill(0);
    for (let i = 0; i < chunk.reachedCount; i++) {
      const v = reached[i]!;
      if (v >= C) continue;
      const d = down[v]!;
      const nu = notUp[v]!;
      if (d >= 0) countRow(downCounters, planes, pool, d, wb);
      if (nu >= 0 && nu !== d) {
        degradedRow(pool, d, nu, scratch, wb);
        countRow(degradedCounters, planes, scratch, 0, wb);
      }
      if (!critical01[v]) continue;
      criticalReached.push(v);
      const h = chunk.hidden[v]!;
      if (h < 0) continue;
      const own = chunk.bitOf(v);
      for (let j = 0; j < wb; j++) hiddenBits[j]! |= pool[h + j]! & (own >>> 5 === j ? ~(1 << (own & 31)) : -1);
    }
    const killerAt = (bit: number): number => bitKiller[first + bit]!;
    totals.fill(0);
    drainCounters(downCounters, planes, wb, totals);
    for (let b = 0; b < chunk.bits; b++) downCount[killerAt(b)]! += totals[b]!;
    totals.fill(0);
    drainCounters(degradedCounters, planes, wb, totals);
    for (let b = 0; b < chunk.bits; b++) degradedCount[killerAt(b)]! += totals[b]!;
    forEachBit(hiddenBits, 0, wb, (b) => (hidden[killerAt(b)] = 1));

    // Model order per failure, so impact sums in the same order as simulate's.
    criticalReached.sort((a, b) => a - b);
    for (const v of criticalReached) {
      const w = weight[v]!;
      const d = down[v]!;
      const nu = notUp[v]!;
      if (d >= 0) {
        forEachBit(pool, d, wb, (b) => {
          const k = killerAt(b);
          impact[k]! += w;
          if (space.nodes[k] !== v) push(critical, k, v);
        });
      }
      if (nu >= 0 && nu !== d) {
        degradedRow(pool, d, nu, scratch, wb);
        forEachBit(scratch, 0, wb, (b) => {
          const k = killerAt(b);
          impact[k]! += w / 2;
          push(criticalDegraded, k, v);
        });
      }
    }
  });

  const ids = (list: number[] | undefined): ComponentId[] => (list ? list.map((v) => graph.names[v]!) : []);
  return (k) => {
    const node = space.nodes[k]!;
    return {
      fault: graph.names[node]!,
      impact: impact[k]!,
      downCount: downCount[k]! - (node < C ? 1 : 0),
      degradedCount: degradedCount[k]!,
      critical: ids(critical.get(k)),
      criticalDegraded: ids(criticalDegraded.get(k)),
      hidden: hidden[k] === 1,
    };
  };
}

/** out ← notUp ∧ ¬down. */
function degradedRow(pool: Int32Array, down: number, notUp: number, out: Int32Array, wb: number): void {
  if (down < 0) for (let j = 0; j < wb; j++) out[j] = pool[notUp + j]!;
  else for (let j = 0; j < wb; j++) out[j] = pool[notUp + j]! & ~pool[down + j]!;
}
