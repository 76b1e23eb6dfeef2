/**
 * The bit-parallel kernel: 32 trials per word
 * ===========================================
 *
 * One bit per trial, `W` words per position: a pass evaluates 32·W trials
 * at once, each gate as word-wise OR, AND or a bit-sliced weighted
 * threshold (`bitrows.ts`), in dependency order. A position is down in a
 * trial when its own event failed there or its gate trips. A cycle starts
 * from its own failures and is iterated until nothing changes: the least
 * fixpoint, trial by trial, since every operation is bitwise. This is
 * parallel-pattern fault simulation (Waicukauski et al. 1985) applied to
 * the failure engine's gates (docs/algorithms.md#bit-parallel-monte-carlo).
 */
import { intersectRows, thresholdRows, unionRows } from './bitrows.js';
import { GATE_AND, GATE_NONE, GATE_OR, type Plan } from './availability-plan.js';

/** The state of one pass: down bits per position and word, and the events' own failure bits. */
export class Kernel {
  /** Down bits: `down[p * W + j]`. */
  readonly down: Int32Array;
  /** Bits of the trials in which position p's own event fails. */
  readonly fault: Int32Array;
  private readonly ptrs: Int32Array;
  private readonly weights: Int32Array;
  private readonly planes = new Int32Array(32);
  private readonly scratch: Int32Array;

  constructor(
    readonly plan: Plan,
    readonly W: number,
  ) {
    this.down = new Int32Array(plan.size * W);
    this.fault = new Int32Array(plan.size * W);
    let maxIn = 1;
    for (let p = 0; p < plan.size; p++) maxIn = Math.max(maxIn, plan.inputOffset[p + 1]! - plan.inputOffset[p]!);
    this.ptrs = new Int32Array(maxIn);
    this.weights = new Int32Array(maxIn);
    this.scratch = new Int32Array(W);
  }

  /** Evaluates every position over all W words, from the fault bits. */
  run(): void {
    const { plan, W, down, fault } = this;
    for (let p = 0; p < plan.size; p++) {
      const end = plan.cycleEnd[p]!;
      if (end < 0) {
        this.gate(p, 0, W, down, p * W);
        for (let j = 0, at = p * W; j < W; j++) down[at + j]! |= fault[at + j]!;
        continue;
      }
      this.cycle(p, end, 0, W);
      p = end - 1;
    }
  }

  /** Least fixpoint of the cycle at positions [from, to) over words [j0, j0 + n), from its own failures up. */
  cycle(from: number, to: number, j0: number, n: number, fault: (p: number, j: number) => number = (p, j) => this.fault[p * this.W + j]!): void {
    const { W, down, scratch } = this;
    for (let p = from; p < to; p++) for (let j = j0; j < j0 + n; j++) down[p * W + j] = fault(p, j);
    for (let changed = true; changed; ) {
      changed = false;
      for (let p = from; p < to; p++) {
        this.gate(p, j0, n, scratch, 0);
        for (let j = 0; j < n; j++) {
          const at = p * W + j0 + j;
          const next = down[at]! | scratch[j]!;
          if (next !== down[at]) {
            down[at] = next;
            changed = true;
          }
        }
      }
    }
  }

  /** Position p's gate over its inputs' word j: `gate` for one word, without the set-up. */
  word(p: number, j: number): number {
    const { plan, W, down } = this;
    const kind = plan.gate[p]!;
    const from = plan.inputOffset[p]!;
    const to = plan.inputOffset[p + 1]!;
    if (kind === GATE_NONE || to === from) return 0;
    const inputs = plan.inputs;
    if (kind === GATE_OR) {
      let x = 0;
      for (let i = from; i < to; i++) x |= down[inputs[i]! * W + j]!;
      return x;
    }
    if (kind === GATE_AND) {
      let x = -1;
      for (let i = from; i < to; i++) x &= down[inputs[i]! * W + j]!;
      return x;
    }
    this.gate(p, j, 1, this.scratch, 0);
    return this.scratch[0]!;
  }

  /** out[at … at + n) ← position p's gate over its inputs' words [j0, j0 + n). */
  gate(p: number, j0: number, n: number, out: Int32Array, at: number): void {
    const { plan, W, down } = this;
    const kind = plan.gate[p]!;
    const from = plan.inputOffset[p]!;
    const count = plan.inputOffset[p + 1]! - from;
    if (kind === GATE_NONE || count === 0) {
      out.fill(0, at, at + n);
      return;
    }
    for (let i = 0; i < count; i++) {
      this.ptrs[i] = plan.inputs[from + i]! * W + j0;
      this.weights[i] = plan.weights[from + i]!;
    }
    if (kind === GATE_OR) unionRows(down, this.ptrs, count, out, at, n);
    else if (kind === GATE_AND) intersectRows(down, this.ptrs, count, out, at, n);
    else thresholdRows(down, this.ptrs, this.weights, count, plan.threshold[p]!, out, at, n, this.planes);
  }
}

/** Number of set bits of a 32-bit word (SWAR). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
