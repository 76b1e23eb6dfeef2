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
 * not up, hidden): victim counts through bit-sliced vertical counters, and
 * the impact the same way, one counter per binary digit of the critical
 * weights (exact: see `scaledWeights`). Each failure lists only its first
 * few victims of each kind (`listed`), so the work and the result stay
 * linear in the failures even when each takes down most of the model (a
 * 10,000-long chain has 50 million (failure, victim) pairs). Full victim
 * lists for one failure are computed on demand by the propagation engine
 * (`detail`), which is also the DP's test oracle.
 */
import type { CompiledGraph } from '../engine/compile.js';
import type { ComponentId } from '../model.js';
import { Propagator } from '../engine/propagate.js';
import { countRow, drainCounters, forEachBit } from './bitrows.js';
import { sweepCut1 } from './cut1.js';
import { compareFailures, DEFAULT_LISTED, type Failure } from './failure.js';
import { failureSpace, type FailureSpace, type FailureSpaceOptions } from './failure-space.js';
import { graphOf, type AnalysisInput } from './graph-input.js';
import { killersOf, type KillLayer } from './killers.js';
import { defeatedGates, evaluateFailure, namedGates, type DefeatedGates, type FailureDetail, type NamedGates } from './rank-oracle.js';

/** Options of `rankFailures`. */
export interface RankOptions extends FailureSpaceOptions {
  /** Words per bitset row: each chunk of the DP covers 32 × wordsPerRow failures. @default 16 (measured best here at 100k components) */
  readonly wordsPerRow?: number;
  /**
   * Engine nodes whose killers (down layer) the ranking's own sweep records,
   * so that `killersOf` them later costs no second sweep (lint asks for every
   * redundancy gate). The answers are the same either way.
   */
  readonly recordKillers?: readonly number[];
  /** How many victims of each kind each failure lists (`Failure.first`); the counts are exact whatever this is. @default 10 */
  readonly listed?: number;
}

/** Every single failure of a model, ranked, with lazy detail and killer queries. */
export interface Ranking {
  readonly graph: CompiledGraph;
  /** Every single failure, worst first. */
  readonly failures: readonly Failure[];
  /** How many victims of each kind each failure lists (`Failure.first`). */
  readonly listed: number;
  /** Everything failure `failures[i]` worsens, every victim listed, with the redundancy it defeats (one simulation: O(its blast radius)). */
  detail(i: number): FailureDetail;
  /** The gates of `detail(i).defeated` a finding names, without listing any victim (one simulation). */
  namedGates(i: number): NamedGates;
  /** The gates of `detail(i).defeated` whose owner goes down, the first `shown` (2 unless set) described and all counted (one simulation). */
  defeatedGates(i: number, shown?: number): DefeatedGates;
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
  const wb = Math.max(1, options.wordsPerRow ?? 16);
  const listed = Math.max(0, Math.floor(options.listed ?? DEFAULT_LISTED));
  for (const t of options.recordKillers ?? []) if (!Number.isInteger(t) || t < 0 || t >= graph.size) throw new Error(`faultline/killers: no engine node ${t}`);
  const recorded = options.recordKillers && options.recordKillers.length > 0 ? new Map<number, number[]>(options.recordKillers.map((t) => [t, []])) : undefined;
  const stats = countFailures(graph, space, wb, listed, recorded);
  const order = Array.from(space.nodes.keys());
  const unsorted = order.map((k) => stats(k));
  order.sort((a, b) => compareFailures(unsorted[a]!, unsorted[b]!, a, b));
  const failures = order.map((k) => unsorted[k]!);
  const position = new Int32Array(graph.size).fill(-1);
  order.forEach((k, i) => (position[space.nodes[k]!] = i));
  const nodes = order.map((k) => space.nodes[k]!);
  let state: Propagator | undefined;

  // Sorted as a typed array (numeric order, no comparator call per step): lint sorts one list per redundancy gate.
  const toPositions = (list: readonly number[]): number[] => Array.from(Int32Array.from(list, (k) => position[space.nodes[k]!]!).sort());
  const killersOfNodes = (targets: readonly number[], layer: KillLayer = 'down'): Map<number, number[]> => {
    if (recorded && layer === 'down' && targets.every((t) => recorded.has(t))) return new Map(targets.map((t) => [t, toPositions(recorded.get(t)!)]));
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
    listed,
    detail(i) {
      const node = nodes[i];
      if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
      state ??= new Propagator(graph);
      const { fault, down, degraded, critical, criticalDegraded, defeated } = evaluateFailure(graph, state, node, 0);
      return { fault, down, degraded, critical, criticalDegraded, defeated };
    },
    namedGates(i) {
      const node = nodes[i];
      if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
      state ??= new Propagator(graph);
      return namedGates(graph, state, node);
    },
    defeatedGates(i, shown) {
      const node = nodes[i];
      if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
      state ??= new Propagator(graph);
      return defeatedGates(graph, state, node, shown);
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
  return ranking.failures.filter((f) => f.criticalCount > 0);
}

/** The list of no victims, shared: most failures of a large model take nothing down. */
const NONE: readonly ComponentId[] = Object.freeze([]);

/**
 * Counts of one kind per failure of the current chunk: vertical bit-sliced
 * counters, `add`ed a row at a time and drained once per chunk.
 */
class Tally {
  private readonly counters: Int32Array;
  used = false;

  constructor(
    private readonly planes: number,
    private readonly wb: number,
  ) {
    this.counters = new Int32Array(planes * wb);
  }

  add(row: Int32Array, at: number): void {
    this.used = true;
    countRow(this.counters, this.planes, row, at, this.wb);
  }

  /** Adds each bit's count times `scale` into `into[killerAt(bit)]` and clears the counters. */
  drain(totals: Int32Array, bits: number, killerAt: (bit: number) => number, into: Float64Array | Int32Array, scale = 1): void {
    if (!this.used) return;
    this.used = false;
    totals.fill(0);
    drainCounters(this.counters, this.planes, this.wb, totals);
    for (let b = 0; b < bits; b++) if (totals[b] !== 0) into[killerAt(b)]! += totals[b]! * scale;
  }
}

/**
 * The first `listed` victims of one kind per failure, in model order: a
 * failure's bit is masked off (`full`) once it has that many, so the work
 * is one row per victim plus `listed` entries per failure.
 */
class FirstVictims {
  readonly items: Int32Array;
  readonly count: Int32Array;
  private readonly full: Int32Array;

  constructor(
    K: number,
    private readonly listed: number,
    private readonly wb: number,
  ) {
    this.items = new Int32Array(K * listed);
    this.count = new Int32Array(K);
    this.full = new Int32Array(wb);
  }

  newChunk(): void {
    this.full.fill(0);
  }

  /** Records v for every failure in `row` that has fewer than `listed` (never the failure of v itself: bit `own`). */
  add(row: Int32Array, at: number, v: number, own: number, killerAt: (bit: number) => number): void {
    for (let j = 0; j < this.wb; j++) {
      let x = row[at + j]! & ~this.full[j]!;
      if (own >>> 5 === j) x &= ~(1 << (own & 31));
      while (x !== 0) {
        const low = x & -x;
        x ^= low;
        const k = killerAt(j * 32 + 31 - Math.clz32(low));
        const n = this.count[k]!;
        this.items[k * this.listed + n] = v;
        this.count[k] = n + 1;
        if (n + 1 === this.listed) this.full[j]! |= low;
      }
    }
  }

  ids(k: number, names: readonly string[]): readonly ComponentId[] {
    if (this.count[k] === 0) return NONE;
    const out: ComponentId[] = [];
    for (let i = 0; i < this.count[k]!; i++) out.push(names[this.items[k * this.listed + i]!]!);
    return out;
  }
}

/**
 * Impact in exact integer arithmetic, when it can be: every critical weight
 * times 2^shift is an integer (weights are binary fractions: 1, 0.5, 3.25,
 * and a degraded victim counts half, hence the extra bit), and their sum is
 * below 2^53. Then every partial sum `simulate` adds in model order is
 * exact too, so counting each scaled weight's binary digits (one tally per
 * digit) gives the same impact to the last bit, in work linear in the rows
 * rather than in the (failure, victim) pairs. `undefined` when it cannot
 * (a weight of 0.1): impact is then summed pair by pair, in model order.
 */
function scaledWeights(weight: Float64Array, critical01: Uint8Array): { readonly factor: number; readonly bitStart: Int32Array; readonly bits: Uint8Array } | undefined {
  let fraction = 0;
  for (let v = 0; v < weight.length; v++) {
    if (!critical01[v]) continue;
    let x = weight[v]!;
    let t = 0;
    while (!Number.isInteger(x)) {
      if (++t > 1000) return undefined;
      x *= 2;
    }
    if (t > fraction) fraction = t;
  }
  const factor = 2 ** (fraction + 1);
  const bitStart = new Int32Array(weight.length + 1);
  const bits: number[] = [];
  let total = 0;
  for (let v = 0; v < weight.length; v++) {
    bitStart[v] = bits.length;
    if (!critical01[v]) continue;
    let x = weight[v]! * factor;
    total += x;
    if (!(total < 2 ** 53)) return undefined;
    for (let p = 0; x > 0; p++, x = Math.floor(x / 2)) if (x % 2 === 1) bits.push(p);
  }
  bitStart[weight.length] = bits.length;
  return { factor, bitStart, bits: Uint8Array.from(bits) };
}

/** Runs the three-layer DP once and returns each failure's outcome, by failure-space index. */
function countFailures(graph: CompiledGraph, space: FailureSpace, wb: number, listed: number, recorded: Map<number, number[]> | undefined): (k: number) => Failure {
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
  const criticalCount = new Int32Array(K);
  const criticalDegradedCount = new Int32Array(K);
  const impact = new Float64Array(K);
  const hidden = new Uint8Array(K);
  const planes = 32 - Math.clz32(C);
  const tally = (): Tally => new Tally(planes, wb);
  const downTally = tally();
  const degradedTally = tally();
  const criticalTally = tally();
  const criticalDegradedTally = tally();
  const scaled = scaledWeights(weight, critical01);
  const digitTallies: Tally[] = [];
  if (scaled) for (const p of scaled.bits) while (digitTallies.length <= p) digitTallies.push(tally());
  const lists =
    listed > 0
      ? {
          down: new FirstVictims(K, listed, wb),
          degraded: new FirstVictims(K, listed, wb),
          critical: new FirstVictims(K, listed, wb),
          criticalDegraded: new FirstVictims(K, listed, wb),
        }
      : undefined;
  const totals = new Int32Array(32 * wb);
  const scratch = new Int32Array(wb);
  const hiddenBits = new Int32Array(wb);
  const reachedComponents = new Int32Array(C);
  const recordAt = new Uint8Array(recorded ? graph.size : 0);
  for (const t of recorded?.keys() ?? []) recordAt[t] = 1;

  sweepCut1(graph, { killers: space.nodes, wordsPerRow: wb, notUp: true, hidden: true }, (chunk) => {
    const { pool, down, notUp, reached, first, bitKiller } = chunk;
    const killerAt = (bit: number): number => bitKiller[first + bit]!;
    const criticalReached: number[] = [];
    hiddenBits.fill(0);
    for (let i = 0; i < chunk.reachedCount; i++) {
      const v = reached[i]!;
      if (v >= C) continue;
      const d = down[v]!;
      const nu = notUp[v]!;
      const isDegraded = nu >= 0 && nu !== d;
      if (d >= 0) downTally.add(pool, d);
      if (isDegraded) {
        degradedRow(pool, d, nu, scratch, wb);
        degradedTally.add(scratch, 0);
      }
      if (!critical01[v]) continue;
      criticalReached.push(v);
      if (d >= 0) criticalTally.add(pool, d);
      if (isDegraded) criticalDegradedTally.add(scratch, 0);
      if (scaled) {
        for (let b = scaled.bitStart[v]!; b < scaled.bitStart[v + 1]!; b++) {
          const p = scaled.bits[b]!;
          if (d >= 0) digitTallies[p]!.add(pool, d);
          if (isDegraded) digitTallies[p - 1]!.add(scratch, 0);
        }
      }
      const h = chunk.hidden[v]!;
      if (h < 0) continue;
      const own = chunk.bitOf(v);
      for (let j = 0; j < wb; j++) hiddenBits[j]! |= pool[h + j]! & (own >>> 5 === j ? ~(1 << (own & 31)) : -1);
    }
    downTally.drain(totals, chunk.bits, killerAt, downCount);
    degradedTally.drain(totals, chunk.bits, killerAt, degradedCount);
    criticalTally.drain(totals, chunk.bits, killerAt, criticalCount);
    criticalDegradedTally.drain(totals, chunk.bits, killerAt, criticalDegradedCount);
    digitTallies.forEach((t, p) => t.drain(totals, chunk.bits, killerAt, impact, 2 ** p));
    forEachBit(hiddenBits, 0, wb, (b) => (hidden[killerAt(b)] = 1));
    if (recorded) {
      for (let i = 0; i < chunk.reachedCount; i++) {
        const list = recordAt[reached[i]!] === 1 ? recorded.get(reached[i]!)! : undefined;
        const d = down[reached[i]!]!;
        if (list && d >= 0) forEachBit(pool, d, wb, (b) => list.push(killerAt(b)));
      }
    }

    if (!scaled) {
      // Pair by pair in model order, so impact sums in the same order as simulate's.
      criticalReached.sort((a, b) => a - b);
      for (const v of criticalReached) {
        const w = weight[v]!;
        const d = down[v]!;
        const nu = notUp[v]!;
        if (d >= 0) forEachBit(pool, d, wb, (b) => (impact[killerAt(b)]! += w));
        if (nu >= 0 && nu !== d) {
          degradedRow(pool, d, nu, scratch, wb);
          forEachBit(scratch, 0, wb, (b) => (impact[killerAt(b)]! += w / 2));
        }
      }
    }

    if (lists) {
      // Model order over the components this chunk reached (the others have empty rows).
      for (const list of Object.values(lists)) list.newChunk();
      let n = 0;
      for (let i = 0; i < chunk.reachedCount; i++) if (reached[i]! < C) reachedComponents[n++] = reached[i]!;
      const inModelOrder = reachedComponents.subarray(0, n).sort();
      for (let i = 0; i < n; i++) {
        const v = inModelOrder[i]!;
        const d = down[v]!;
        const nu = notUp[v]!;
        if (d < 0 && nu < 0) continue;
        const own = chunk.bitOf(v);
        if (d >= 0) {
          lists.down.add(pool, d, v, own, killerAt);
          if (critical01[v]) lists.critical.add(pool, d, v, own, killerAt);
        }
        if (nu >= 0 && nu !== d) {
          degradedRow(pool, d, nu, scratch, wb);
          lists.degraded.add(scratch, 0, v, own, killerAt);
          if (critical01[v]) lists.criticalDegraded.add(scratch, 0, v, own, killerAt);
        }
      }
    }
  });

  return (k) => {
    const node = space.nodes[k]!;
    const self = node < C ? 1 : 0;
    return {
      fault: graph.names[node]!,
      impact: scaled ? impact[k]! / scaled.factor : impact[k]!,
      downCount: downCount[k]! - self,
      degradedCount: degradedCount[k]!,
      criticalCount: criticalCount[k]! - (self && critical01[node]!),
      criticalDegradedCount: criticalDegradedCount[k]!,
      first: lists
        ? {
            down: lists.down.ids(k, graph.names),
            degraded: lists.degraded.ids(k, graph.names),
            critical: lists.critical.ids(k, graph.names),
            criticalDegraded: lists.criticalDegraded.ids(k, graph.names),
          }
        : { down: NONE, degraded: NONE, critical: NONE, criticalDegraded: NONE },
      hidden: hidden[k] === 1,
    };
  };
}

/** out ← notUp ∧ ¬down. */
function degradedRow(pool: Int32Array, down: number, notUp: number, out: Int32Array, wb: number): void {
  if (down < 0) for (let j = 0; j < wb; j++) out[j] = pool[notUp + j]!;
  else for (let j = 0; j < wb; j++) out[j] = pool[notUp + j]! & ~pool[down + j]!;
}
