/**
 * Checking a candidate cut set: does it take the target down?
 * ===========================================================
 *
 * The down layer of the propagation engine (`spread` in engine/propagate.ts:
 * counter-based forward chaining, the least fixpoint:
 * docs/algorithms.md#running-system-fixpoint) on a fault tree, stopping the
 * moment the target goes down. Arrays are reused across runs with a
 * generation stamp, so a check costs only what it reaches; every node and
 * edge it visits counts as a step of the search budget.
 */
import type { CompiledGraph } from '../engine/compile.js';
import { spread, type Chaining } from '../engine/propagate.js';

/** Reusable down-only propagation over one fault tree's graph. */
export class CutCheck implements Chaining {
  private readonly down: Uint8Array;
  private readonly count: Int32Array;
  readonly stamp: Uint32Array;
  readonly queue: Int32Array;
  generation = 0;
  expanded = 0;
  private tail = 0;
  /** Nodes and edges visited by every run so far. */
  steps = 0;

  constructor(readonly graph: CompiledGraph) {
    const n = graph.size;
    this.down = new Uint8Array(n);
    this.count = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.queue = new Int32Array(n);
  }

  /** Fails the seed nodes; true when `target` goes down. With `stop`, gives up propagating once it does. */
  run(seeds: ArrayLike<number>, target: number, stop = true): boolean {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    const q = this.queue;
    let tail = 0;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      this.touch(s);
      if (this.down[s]) continue;
      this.down[s] = 1;
      q[tail++] = s;
    }
    const seeded = this.down[target] === 1 && this.stamp[target] === this.generation;
    if (!(seeded && stop)) {
      tail = spread(this, tail, false, this.down, this.count, this.graph.downThreshold, null, stop ? target : -1);
      const { dependentOffset } = this.graph;
      for (let i = 0; i < this.expanded; i++) this.steps += 1 + dependentOffset[q[i]! + 1]! - dependentOffset[q[i]!]!;
    }
    const hit = this.down[target] === 1 && this.stamp[target] === this.generation;
    this.tail = tail;
    return hit;
  }

  /** The nodes down after the last run (complete only when it ran without `stop`), as a mask. */
  downMask(): Uint8Array {
    const mask = new Uint8Array(this.graph.size);
    for (let i = 0; i < this.tail; i++) mask[this.queue[i]!] = 1;
    return mask;
  }

  /** Resets v's state if this run has not reached it yet. */
  touch(v: number): void {
    if (this.stamp[v] === this.generation) return;
    this.stamp[v] = this.generation;
    this.down[v] = 0;
    this.count[v] = 0;
  }
}
