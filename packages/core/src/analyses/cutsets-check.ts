/**
 * Checking a candidate cut set: does it take the target down?
 * ===========================================================
 *
 * The down layer of the propagation engine (counter-based forward chaining,
 * the least fixpoint: docs/algorithms.md#running-system-fixpoint) on a fault tree, stopping the
 * moment the target goes down. Arrays are reused across runs with a
 * generation stamp, so a check costs only what it reaches; every node and
 * edge it visits counts as a step of the search budget.
 */
import type { CompiledGraph } from '../engine/compile.js';

/** Reusable down-only propagation over one fault tree's graph. */
export class CutCheck {
  private readonly down: Uint8Array;
  private readonly count: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly queue: Int32Array;
  private generation = 0;
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
    const { dependentOffset, dependentEdges, edgeFrom, inputWeight, downThreshold } = this.graph;
    const q = this.queue;
    let head = 0;
    let tail = 0;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      this.touch(s);
      if (this.down[s]) continue;
      this.down[s] = 1;
      q[tail++] = s;
    }
    let hit = this.down[target] === 1 && this.stamp[target] === this.generation;
    while (head < tail && !(hit && stop)) {
      const u = q[head++]!;
      const to = dependentOffset[u + 1]!;
      this.steps += 1 + to - dependentOffset[u]!;
      for (let i = dependentOffset[u]!; i < to; i++) {
        const e = dependentEdges[i]!;
        const v = edgeFrom[e]!;
        this.touch(v);
        if (this.down[v]) continue;
        this.count[v]! += inputWeight[e]!;
        if (this.count[v]! >= downThreshold[v]!) {
          this.down[v] = 1;
          q[tail++] = v;
          if (v === target) hit = true;
        }
      }
    }
    this.tail = tail;
    return hit;
  }

  /** The nodes down after the last run (complete only when it ran without `stop`), as a mask. */
  downMask(): Uint8Array {
    const mask = new Uint8Array(this.graph.size);
    for (let i = 0; i < this.tail; i++) mask[this.queue[i]!] = 1;
    return mask;
  }

  private touch(v: number): void {
    if (this.stamp[v] === this.generation) return;
    this.stamp[v] = this.generation;
    this.down[v] = 0;
    this.count[v] = 0;
  }
}
