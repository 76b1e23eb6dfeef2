/**
 * Propagation: the least fixpoint of the model's rules
 * ====================================================
 *
 * Counter-based forward chaining over the dependents of each worsened node
 * (Dowling & Gallier 1984, linear-time Horn-SAT), run on two monotone layers:
 * first "down" (hard inputs only), then "not up" (every input, seeded with
 * everything down). Each node keeps the input that tipped it: that input was
 * worsened strictly earlier, so following tipped inputs always ends at a fault.
 *
 * O(|blast| + edges out of it) per run. Arrays are reused across runs with a
 * generation stamp, so analyses that run thousands of simulations pay only for
 * what each one touches.
 *
 * [Reference]: docs/algorithms.md#running-system-fixpoint
 */
import type { CompiledGraph } from './compile.js';

/** Why a node was seeded rather than reached. */
export const CAUSE_FAULT = -1;
export const CAUSE_SLOW = -2;
export const CAUSE_NONE = -3;

export interface Seed {
  readonly node: number;
  readonly down: boolean;
  /** CAUSE_FAULT, or CAUSE_SLOW with the slow node in `source`. */
  readonly cause: number;
  readonly source: number;
}

/**
 * What `spread` works on: the compiled graph, a queue as long as the graph,
 * the generation stamps and a way to reset a node's state the first time a
 * run reaches it. `Propagator` (both layers, with causes) and `CutCheck` (the
 * down layer, stopping at its target) are the two owners.
 */
export interface Chaining {
  readonly graph: CompiledGraph;
  readonly queue: Int32Array;
  /** The run each node was last reset in: `generation` when this run has reached it. */
  readonly stamp: Uint32Array;
  readonly generation: number;
  /** How many queued nodes the last `spread` expanded (`q[0 … expanded)`). */
  expanded: number;
  /** Resets v's state (called once per run, when v is first reached). */
  touch(v: number): void;
}

/**
 * Forward chaining of one layer from the queue `q[0 … tail)`: each dependent
 * counts the weight of its worsened inputs (hard ones only with `hardOnly`)
 * and is worsened when the count reaches its threshold, recording the input
 * that tipped it in `cause` when given. Stops after the node that tips
 * `stopAt` has been expanded (never when -1). Returns the queue's final length.
 */
export function spread(c: Chaining, tail: number, hardOnly: boolean, flag: Uint8Array, count: Int32Array, threshold: Int32Array, cause: Int32Array | null, stopAt = -1): number {
  const { inputHard, inputWeight, edgeFrom, dependentOffset, dependentEdges } = c.graph;
  const { queue: q, stamp, generation } = c;
  let stop = false;
  let head = 0;
  while (head < tail && !stop) {
    const u = q[head++]!;
    const to = dependentOffset[u + 1]!;
    for (let i = dependentOffset[u]!; i < to; i++) {
      const e = dependentEdges[i]!;
      if (hardOnly && !inputHard[e]) continue;
      const v = edgeFrom[e]!;
      if (stamp[v] !== generation) c.touch(v);
      if (flag[v]) continue;
      count[v]! += inputWeight[e]!;
      if (count[v]! >= threshold[v]!) {
        flag[v] = 1;
        if (cause !== null) cause[v] = e;
        q[tail++] = v;
        if (v === stopAt) stop = true;
      }
    }
  }
  c.expanded = head;
  return tail;
}

export class Propagator implements Chaining {
  readonly down: Uint8Array;
  readonly notUp: Uint8Array;
  /** The input edge that tipped the node, or a CAUSE_* code. */
  readonly downCause: Int32Array;
  readonly notUpCause: Int32Array;
  /** For CAUSE_SLOW seeds: the slow node the caller waits on. */
  readonly seedSource: Int32Array;
  private readonly downCount: Int32Array;
  private readonly notUpCount: Int32Array;
  readonly stamp: Uint32Array;
  readonly queue: Int32Array;
  /** Nodes touched in the last run, in the order they worsened. */
  readonly touched: Int32Array;
  touchedCount = 0;
  expanded = 0;
  generation = 0;

  constructor(readonly graph: CompiledGraph) {
    const n = graph.size;
    this.down = new Uint8Array(n);
    this.notUp = new Uint8Array(n);
    this.downCause = new Int32Array(n);
    this.notUpCause = new Int32Array(n);
    this.seedSource = new Int32Array(n);
    this.downCount = new Int32Array(n);
    this.notUpCount = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.queue = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /** True when node v was touched by the last run (its flags are valid). */
  current(v: number): boolean {
    return this.stamp[v] === this.generation;
  }

  isDown(v: number): boolean {
    return this.stamp[v] === this.generation && this.down[v] === 1;
  }

  isNotUp(v: number): boolean {
    return this.stamp[v] === this.generation && this.notUp[v] === 1;
  }

  /** A new run: a new generation (every mark from before is stale), nothing touched; returns the queue. */
  private start(): Int32Array {
    this.generation = (this.generation + 1) >>> 0;
    if (this.generation === 0) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.touchedCount = 0;
    return this.queue;
  }

  /** Marks the down seeds down and queues them; returns the queue's length. */
  private seedDown(seeds: readonly Seed[]): number {
    const q = this.queue;
    let tail = 0;
    for (const s of seeds) {
      if (!s.down) continue;
      this.touch(s.node);
      if (this.down[s.node]) continue;
      this.down[s.node] = 1;
      this.downCause[s.node] = s.cause;
      this.seedSource[s.node] = s.source;
      q[tail++] = s.node;
    }
    return tail;
  }

  /** Runs both layers from the seeds; results stay readable until the next run. */
  run(seeds: readonly Seed[]): void {
    const q = this.start();

    // Layer 1: down, through hard inputs only.
    let tail = this.seedDown(seeds);
    const downTail = spread(this, tail, true, this.down, this.downCount, this.graph.downThreshold, this.downCause);

    // Layer 2: not up, through every input; everything down (q[0 … downTail)) is not up.
    for (let i = 0; i < downTail; i++) {
      const v = q[i]!;
      this.notUp[v] = 1;
      this.notUpCause[v] = this.downCause[v]!;
    }
    tail = downTail;
    for (const s of seeds) {
      this.touch(s.node);
      if (this.notUp[s.node]) continue;
      this.notUp[s.node] = 1;
      this.notUpCause[s.node] = s.cause;
      this.seedSource[s.node] = s.source;
      q[tail++] = s.node;
    }
    spread(this, tail, false, this.notUp, this.notUpCount, this.graph.notUpThreshold, this.notUpCause);
  }

  /**
   * The down layer only, from down seeds, stopped once `stopAt` is down:
   * enough to explain why `stopAt` is down, in work bounded by what went down
   * before it rather than by the whole blast radius. What this run marks down
   * is down in a full run too, tipped by the same input (both layers are
   * monotone and the queue order is the same), so `stopAt`'s chain is the
   * full run's. Nothing is marked merely not up.
   */
  runDownUntil(seeds: readonly Seed[], stopAt: number): void {
    const q = this.start();
    let tail = this.seedDown(seeds);
    const stopped = seeds.some((s) => s.down && s.node === stopAt);
    tail = stopped ? tail : spread(this, tail, true, this.down, this.downCount, this.graph.downThreshold, this.downCause, stopAt);
    for (let i = 0; i < tail; i++) {
      const v = q[i]!;
      this.notUp[v] = 1;
      this.notUpCause[v] = this.downCause[v]!;
    }
  }

  /** Resets v's state if this run has not reached it yet, and records it as touched. */
  touch(v: number): void {
    if (this.stamp[v] === this.generation) return;
    this.stamp[v] = this.generation;
    this.down[v] = 0;
    this.notUp[v] = 0;
    this.downCount[v] = 0;
    this.notUpCount[v] = 0;
    this.downCause[v] = CAUSE_NONE;
    this.notUpCause[v] = CAUSE_NONE;
    this.touched[this.touchedCount++] = v;
  }
}
