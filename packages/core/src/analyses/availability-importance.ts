/**
 * Importance: what if this failure never happened?
 * ================================================
 *
 * For a basic event that failed in some trials of a pass, re-run those
 * trials without it — same random streams, everything else as drawn — and
 * see which components come back up: a conditional run with the node forced
 * up. Only what the event's absence changes is recomputed: a worklist of
 * positions, popped in dependency order from a binary heap, stops wherever
 * a recomputed word equals the old one, and a cycle is recomputed whole
 * from its own failures (the least fixpoint cannot be reached from above).
 * The pass's state is restored afterwards.
 *
 * Summed over the trials, the count of trials in which a component comes up
 * is N·(A(event never fails) − A): the rise in its availability, a
 * risk-reduction worth in difference form (docs/algorithms.md#monte-carlo-importance: importance
 * measures by conditioning the same bit-parallel runs).
 */
import { popcount, type Kernel } from './availability-kernel.js';

/** Incremental what-if runs on a kernel's current pass. */
export class WhatIf {
  private heap: Int32Array;
  private heapSize = 0;
  private readonly queued: Uint32Array;
  private readonly cycleDone: Uint32Array;
  private generation = 0;
  private undoAt = new Int32Array(64);
  private undoWord = new Int32Array(64);
  private undoSize = 0;
  private readonly before: Int32Array;
  /** The what-if in progress: the position whose failure bits `cleared` are removed, in word `j`, for event `event`. */
  private p = -1;
  private cleared = 0;
  private j = 0;
  private event = -1;
  /** Fault bits with the what-if's failure removed (for cycles). */
  private readonly ownFault = (x: number, j: number): number => {
    const f = this.kernel.fault[x * this.kernel.W + j]!;
    return x === this.p ? f & ~this.cleared : f;
  };
  /** Positions recomputed so far (a measure of the work). */
  visited = 0;

  constructor(
    private readonly kernel: Kernel,
    /** Per position: the index of the component asked about there, or −1. */
    private readonly watched: Int32Array,
    /** Called for each watched component that comes up: its index, the event, the trials it regains. */
    private readonly onUp: (watched: number, event: number, trials: number) => void,
  ) {
    const n = kernel.plan.size;
    this.heap = new Int32Array(64);
    this.queued = new Uint32Array(n);
    this.cycleDone = new Uint32Array(n);
    let longest = 1;
    for (let x = 0; x < n; x++) if (kernel.plan.cycleEnd[x]! >= 0) longest = Math.max(longest, kernel.plan.cycleEnd[x]! - kernel.plan.cycleStart[x]!);
    this.before = new Int32Array(longest);
  }

  /**
   * Clears the failure bits `bits` of event `event`, at position `p`, in
   * word `j`, and reports each watched component that comes up in some of
   * those trials through `onUp`. Leaves the pass as it found it.
   */
  measure(p: number, j: number, bits: number, event: number): void {
    const { kernel } = this;
    const { plan, W, down, fault } = kernel;
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.queued.fill(0);
      this.cycleDone.fill(0);
      this.generation = 1;
    }
    this.p = p;
    this.cleared = bits;
    this.j = j;
    this.event = event;
    this.push(p);
    while (this.heapSize > 0) {
      const x = this.pop();
      this.visited++;
      const end = plan.cycleEnd[x]!;
      if (end >= 0) {
        const start = plan.cycleStart[x]!;
        if (this.cycleDone[start] === this.generation) continue;
        this.cycleDone[start] = this.generation;
        for (let y = start; y < end; y++) this.before[y - start] = down[y * W + j]!;
        kernel.cycle(start, end, j, 1, this.ownFault);
        for (let y = start; y < end; y++) {
          const now = down[y * W + j]!;
          const old = this.before[y - start]!;
          if (now !== old) this.changed(y, old, now);
        }
        continue;
      }
      const own = x === p ? fault[x * W + j]! & ~bits : fault[x * W + j]!;
      const now = kernel.word(x, j) | own;
      const old = down[x * W + j]!;
      if (now === old) continue;
      down[x * W + j] = now;
      this.changed(x, old, now);
    }
    for (let i = this.undoSize - 1; i >= 0; i--) down[this.undoAt[i]!] = this.undoWord[i]!;
    this.undoSize = 0;
  }

  /** Position x went from `old` to `now` in the current word: remember, report, and queue its dependents. */
  private changed(x: number, old: number, now: number): void {
    const { plan, W } = this.kernel;
    if (this.undoSize === this.undoAt.length) {
      const at = new Int32Array(this.undoAt.length * 2);
      at.set(this.undoAt);
      this.undoAt = at;
      const word = new Int32Array(this.undoWord.length * 2);
      word.set(this.undoWord);
      this.undoWord = word;
    }
    this.undoAt[this.undoSize] = x * W + this.j;
    this.undoWord[this.undoSize++] = old;
    const w = this.watched[x]!;
    if (w >= 0) this.onUp(w, this.event, popcount(old & ~now));
    for (let i = plan.dependentOffset[x]!; i < plan.dependentOffset[x + 1]!; i++) this.push(plan.dependents[i]!);
  }

  private push(x: number): void {
    if (this.queued[x] === this.generation) return;
    this.queued[x] = this.generation;
    if (this.heapSize === this.heap.length) {
      const grown = new Int32Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    const h = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= x) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = x;
  }

  private pop(): number {
    const h = this.heap;
    const top = h[0]!;
    const last = h[--this.heapSize]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.heapSize) break;
      if (child + 1 < this.heapSize && h[child + 1]! < h[child]!) child++;
      if (h[child]! >= last) break;
      h[i] = h[child]!;
      i = child;
    }
    if (this.heapSize > 0) h[i] = last;
    return top;
  }
}
