/**
 * cut1: the killer-indexed bitset DP
 * ==================================
 *
 * For every engine node v, the set of single failures that take it down:
 *
 *     cut1(v) = {v} ∪ Θ_v(cut1 of its hard inputs)
 *
 * where Θ is union (a hard edge), intersection (`anyOf`) or "summed weight ≥
 * t" (quorum, weighted placements). The not-up layer is the same over every
 * input with the not-up threshold, plus cut1(v) itself; the hidden layer
 * keeps the failures whose way to v passes through a defeated redundancy
 * gate. One failure is deterministic, so v is down under u exactly when u ∈
 * cut1(v): the DP is exact (docs/algorithms.md#killers-and-the-cut1-equation).
 *
 * Nodes are swept in dependency order (Tarjan's emit order). Inside a
 * strongly connected component the rows are iterated up from empty to the
 * *least* fixpoint, which is `simulate`'s semantics (a running cycle holds
 * itself up). Failures are numbered in dependency order too and processed
 * in chunks of 32 × wb bits, so a chunk starts at its first failure's
 * position and only touches what its failures reach; an all-zero row is
 * never stored, and a row equal to its only contributing input is shared,
 * not copied.
 *
 * Cost: O(Σ over chunks of the edges its failures reach × wb) word
 * operations; memory: the non-shared rows of one chunk.
 *
 * [Reference]: docs/algorithms.md#killers-and-the-cut1-equation, docs/algorithms.md#bit-rows-and-chunks.
 */
import type { CompiledGraph } from '../engine/compile.js';
import { intersectRows, RowPool, thresholdRows, unionRows } from './bitrows.js';
import { gateHolders } from './redundancy.js';
import { sweepPlan, type SweepPlan } from './sweep-plan.js';

/** What one cut1 sweep computes. */
export interface SweepOptions {
  /** Failure nodes, one per bit; they get bits in dependency order. */
  readonly killers: Int32Array;
  /** Words per row: a chunk covers 32 × wordsPerRow failures. @default 64 */
  readonly wordsPerRow?: number;
  /** Compute the not-up layer. @default false */
  readonly notUp?: boolean;
  /** Compute the hidden layer (through a defeated redundancy gate). @default false */
  readonly hidden?: boolean;
  /** Only these nodes are computed (a cone closed under dependencies). @default every node */
  readonly active?: Uint8Array;
}

/** The rows of one chunk, valid during the `onChunk` call. */
export interface Chunk {
  readonly wb: number;
  /** The row pool; a row is `pool[p … p + wb − 1]`. */
  readonly pool: Int32Array;
  /** Row offsets per node, −1 for an empty row. */
  readonly down: Int32Array;
  readonly notUp: Int32Array;
  readonly hidden: Int32Array;
  /** Nodes with a non-empty down or not-up row (the hidden row is part of the down row), in dependency order. */
  readonly reached: Int32Array;
  readonly reachedCount: number;
  /** Bit b of this chunk stands for `killers[bitKiller[first + b]]`. */
  readonly first: number;
  readonly bits: number;
  /** Killer order: `bitKiller[slot]` is an index into `options.killers`. */
  readonly bitKiller: Int32Array;
  /** The chunk bit of node v when it is one of this chunk's failures, else −1. */
  bitOf(v: number): number;
}

/** Runs the DP chunk by chunk, handing each chunk's rows to `onChunk`. */
export function sweepCut1(graph: CompiledGraph, options: SweepOptions, onChunk: (chunk: Chunk) => void): void {
  new Sweep(graph, sweepPlan(graph), options).run(onChunk);
}

const EMPTY = -1;

class Sweep {
  private readonly wb: number;
  private readonly rows: RowPool;
  private readonly down: Int32Array;
  private readonly notUp: Int32Array;
  private readonly hidden: Int32Array;
  private readonly reached: Int32Array;
  private reachedCount = 0;
  /**
   * Per position in dependency order, one bit: visit this node in the current
   * chunk. Bits, not bytes, so a chunk skips 32 untouched positions at a time
   * (a chunk reaches a few thousand of half a million nodes at 100k components).
   */
  private readonly dirty: Int32Array;
  private readonly slot: Int32Array;
  private readonly bitKiller: Int32Array;
  private readonly slotPosition: Int32Array;
  private readonly ptrs: Int32Array;
  private readonly weights: Int32Array;
  private readonly planes = new Int32Array(32);
  private lo = 0;
  private hi = 0;
  private holders?: (v: number) => readonly number[];

  constructor(
    private readonly graph: CompiledGraph,
    private readonly plan: SweepPlan,
    private readonly options: SweepOptions,
  ) {
    const n = graph.size;
    this.wb = Math.max(1, options.wordsPerRow ?? 64);
    this.rows = new RowPool(this.wb);
    this.down = new Int32Array(n).fill(EMPTY);
    this.notUp = new Int32Array(n).fill(EMPTY);
    this.hidden = new Int32Array(n).fill(EMPTY);
    this.reached = new Int32Array(n);
    this.dirty = new Int32Array((n + 31) >>> 5);
    let maxIn = 1;
    for (let v = 0; v < n; v++) maxIn = Math.max(maxIn, graph.inputOffset[v + 1]! - graph.inputOffset[v]!);
    this.ptrs = new Int32Array(maxIn);
    this.weights = new Int32Array(maxIn);
    // Failures get bits in dependency order, so a chunk starts where its first failure sits.
    const killers = options.killers;
    const order = Array.from(killers.keys()).sort((a, b) => plan.position[killers[a]!]! - plan.position[killers[b]!]!);
    this.bitKiller = Int32Array.from(order);
    this.slot = new Int32Array(n).fill(-1);
    this.slotPosition = new Int32Array(order.length);
    order.forEach((k, s) => {
      this.slot[killers[k]!] = s;
      this.slotPosition[s] = plan.position[killers[k]!]!;
    });
  }

  run(onChunk: (chunk: Chunk) => void): void {
    const per = 32 * this.wb;
    const total = this.bitKiller.length;
    const { scc, cyclic } = this.plan;
    const { order, start, componentOf } = scc;
    const active = this.options.active;
    const dirty = this.dirty;
    for (this.lo = 0; this.lo < total; this.lo += per) {
      this.hi = Math.min(total, this.lo + per);
      this.rows.reset();
      this.reachedCount = 0;
      for (let s = this.lo; s < this.hi; s++) {
        const p = this.slotPosition[s]!;
        dirty[p >>> 5]! |= 1 << (p & 31);
      }
      // Only nodes with a failure of this chunk or a changed input are visited, in dependency order:
      // a visit marks only later positions (dependents; a cycle's own are cleared with it), so one pass suffices.
      for (let w = this.slotPosition[this.lo]! >>> 5; w < dirty.length; w++) {
        // `ahead` masks the positions of this word already passed, as the scan never goes back.
        for (let ahead = -1, x = dirty[w]!; x !== 0; x = dirty[w]! & ahead) {
          const low = x & -x;
          dirty[w]! ^= low;
          const b = 31 - Math.clz32(low);
          ahead = b === 31 ? 0 : -1 << (b + 1);
          const p = (w << 5) | b;
          const v = order[p]!;
          if (active && !active[v]) continue;
          const c = componentOf[v]!;
          if (cyclic[c]) {
            this.cycle(start[c]!, start[c + 1]!);
            clearBits(dirty, start[c]!, start[c + 1]!);
          } else this.node(v);
        }
      }
      onChunk(this.chunk());
      for (let i = 0; i < this.reachedCount; i++) {
        const v = this.reached[i]!;
        this.down[v] = this.notUp[v] = this.hidden[v] = EMPTY;
      }
    }
  }

  /** Marks v's dependents for a visit: v's rows are no longer empty. */
  private touch(v: number): void {
    const g = this.graph;
    const position = this.plan.position;
    this.reached[this.reachedCount++] = v;
    for (let i = g.dependentOffset[v]!; i < g.dependentOffset[v + 1]!; i++) {
      const p = position[g.edgeFrom[g.dependentEdges[i]!]!]!;
      this.dirty[p >>> 5]! |= 1 << (p & 31);
    }
  }

  private chunk(): Chunk {
    const { lo, hi, slot } = this;
    return {
      wb: this.wb,
      pool: this.rows.data,
      down: this.down,
      notUp: this.notUp,
      hidden: this.hidden,
      reached: this.reached,
      reachedCount: this.reachedCount,
      first: lo,
      bits: hi - lo,
      bitKiller: this.bitKiller,
      bitOf: (v) => (slot[v]! >= lo && slot[v]! < hi ? slot[v]! - lo : -1),
    };
  }

  private ownBit(v: number): number {
    const s = this.slot[v]!;
    return s >= this.lo && s < this.hi ? s - this.lo : -1;
  }

  /** An acyclic node: every input is final, so rows may be shared. */
  private node(v: number): void {
    const d = this.combineDown(v, true);
    this.down[v] = d;
    const nu = this.options.notUp ? this.combineNotUp(v, true) : EMPTY;
    if (d === EMPTY && nu === EMPTY) return;
    this.notUp[v] = nu;
    this.touch(v);
    if (this.options.hidden && d !== EMPTY) this.hidden[v] = this.combineHidden(v, true);
  }

  /**
   * A strongly connected component: Kleene iteration from empty rows up to
   * the least fixpoint, one layer after the other (each layer only reads
   * layers already final). Rows are owned, never shared, because they grow.
   */
  private cycle(from: number, to: number): void {
    const order = this.plan.scc.order;
    const layers: [Int32Array, (v: number) => number][] = [[this.down, (v) => this.combineDown(v, false)]];
    if (this.options.notUp) layers.push([this.notUp, (v) => this.combineNotUp(v, false)]);
    if (this.options.hidden) layers.push([this.hidden, (v) => this.combineHidden(v, false)]);
    for (const [rows, combine] of layers) {
      for (let changed = true; changed; ) {
        changed = false;
        for (let p = from; p < to; p++) {
          const v = order[p]!;
          const r = combine(v);
          if (r === EMPTY) continue;
          const pool = this.rows.data;
          const old = rows[v]!;
          if (old === EMPTY) {
            if (this.down[v] === EMPTY && this.notUp[v] === EMPTY) this.touch(v);
            rows[v] = this.rows.commit();
            changed = true;
          } else {
            let same = true;
            for (let j = 0; j < this.wb; j++) {
              if (pool[old + j] !== pool[r + j]) {
                same = false;
                pool[old + j] = pool[r + j]!;
              }
            }
            if (!same) changed = true;
          }
        }
      }
    }
  }

  /**
   * Computes a row at the pool's top. Returns EMPTY, a shared input row (when
   * `share` and one input decides alone), or the top offset, committed when
   * `share` (acyclic nodes keep it), left uncommitted otherwise (the caller
   * of an iteration copies it).
   */
  private finish(n: number, thr: number, total: number, minW: number, own: number, extra: number, share: boolean): number {
    const { ptrs, weights, wb } = this;
    const reach = total >= thr;
    if (own < 0 && !reach && (share || extra === EMPTY)) return extra;
    if (share && own < 0 && n === 1 && (extra === EMPTY || extra === ptrs[0])) return ptrs[0]!;
    const at = this.rows.reserve();
    const pool = this.rows.data;
    let any: boolean;
    if (!reach) {
      pool.fill(0, at, at + wb);
      any = false;
    } else if (minW >= thr) any = unionRows(pool, ptrs, n, pool, at, wb);
    else if (total - minW < thr) any = intersectRows(pool, ptrs, n, pool, at, wb);
    else any = thresholdRows(pool, ptrs, weights, n, thr, pool, at, wb, this.planes);
    if (extra !== EMPTY) {
      for (let j = 0; j < wb; j++) pool[at + j]! |= pool[extra + j]!;
      any = true;
    }
    if (own >= 0) {
      pool[at + (own >>> 5)]! |= 1 << (own & 31);
      any = true;
    }
    if (!any) return EMPTY;
    return share ? this.rows.commit() : at;
  }

  private combineDown(v: number, share: boolean): number {
    const g = this.graph;
    let n = 0,
      total = 0,
      minW = 0x7fffffff;
    for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) {
      if (!g.inputHard[e]) continue;
      const p = this.down[g.inputs[e]!]!;
      if (p === EMPTY) continue;
      const w = g.inputWeight[e]!;
      this.ptrs[n] = p;
      this.weights[n++] = w;
      total += w;
      if (w < minW) minW = w;
    }
    return this.finish(n, g.downThreshold[v]!, total, minW, this.ownBit(v), EMPTY, share);
  }

  private combineNotUp(v: number, share: boolean): number {
    const g = this.graph;
    const down = this.down[v]!;
    if (share && g.downThreshold[v] === g.notUpThreshold[v]) {
      let same = true;
      for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]! && same; e++) {
        const u = g.inputs[e]!;
        same = g.inputHard[e] ? this.notUp[u] === this.down[u] : this.notUp[u] === EMPTY;
      }
      if (same) return down;
    }
    let n = 0,
      total = 0,
      minW = 0x7fffffff;
    for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) {
      const p = this.notUp[g.inputs[e]!]!;
      if (p === EMPTY) continue;
      const w = g.inputWeight[e]!;
      this.ptrs[n] = p;
      this.weights[n++] = w;
      total += w;
      if (w < minW) minW = w;
    }
    return this.finish(n, g.notUpThreshold[v]!, total, minW, -1, down, share);
  }

  /**
   * hidden(v) = down(v) ∩ ⋃ hidden(hard inputs), seeded with down(g) at each
   * redundancy gate g, less the failures of g's holders (a domain holding
   * all its members defeats it in plain sight: `gateHolders`). A failure
   * never passes through itself: a node drops its own failure's bit, so a
   * gate defeated only because the failed node went down first (a cycle
   * back through it) hides nothing.
   */
  private combineHidden(v: number, share: boolean): number {
    const g = this.graph;
    const down = this.down[v]!;
    if (down === EMPTY) return EMPTY;
    const own = this.ownBit(v);
    if (this.plan.gates[v]) {
      const pool = this.rows.data;
      const held = (this.holders ??= gateHolders(g))(v);
      let clear = false;
      for (const h of held) {
        const bit = this.ownBit(h);
        if (bit >= 0 && (pool[down + (bit >>> 5)]! & (1 << (bit & 31))) !== 0) clear = true;
      }
      if (!clear) {
        if (share) return down;
        const at = this.rows.reserve();
        this.rows.data.copyWithin(at, down, down + this.wb);
        return at;
      }
      // down(g) less its holders, plus what reaches g hidden from below.
      const at = this.rows.reserve();
      const rows = this.rows.data;
      rows.copyWithin(at, down, down + this.wb);
      for (const h of held) {
        const bit = this.ownBit(h);
        if (bit >= 0) rows[at + (bit >>> 5)]! &= ~(1 << (bit & 31));
      }
      for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) {
        if (!g.inputHard[e]) continue;
        const p = this.hidden[g.inputs[e]!]!;
        if (p !== EMPTY) for (let j = 0; j < this.wb; j++) rows[at + j]! |= rows[p + j]! & rows[down + j]!;
      }
      let any = 0;
      for (let j = 0; j < this.wb; j++) any |= rows[at + j]!;
      if (any === 0) return EMPTY;
      return share ? this.rows.commit() : at;
    }
    let n = 0;
    for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) {
      if (!g.inputHard[e]) continue;
      const p = this.hidden[g.inputs[e]!]!;
      if (p !== EMPTY) this.ptrs[n++] = p;
    }
    if (n === 0) return EMPTY;
    // Through a hard edge, hidden(u) ⊆ down(u) ⊆ down(v) when one input suffices: no need to intersect.
    const oneSuffices = g.downThreshold[v]! <= 1;
    if (share && oneSuffices && n === 1 && own < 0) return this.ptrs[0]!;
    const at = this.rows.reserve();
    const pool = this.rows.data;
    unionRows(pool, this.ptrs, n, pool, at, this.wb);
    if (own >= 0) pool[at + (own >>> 5)]! &= ~(1 << (own & 31));
    let any = 0;
    for (let j = 0; j < this.wb; j++) any |= pool[at + j]! &= pool[down + j]!;
    if (any === 0) return EMPTY;
    return share ? this.rows.commit() : at;
  }
}

/** Clears bits [from, to) of a bit set. */
function clearBits(bits: Int32Array, from: number, to: number): void {
  for (let p = from; p < to; p++) bits[p >>> 5]! &= ~(1 << (p & 31));
}
