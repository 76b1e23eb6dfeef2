/**
 * Bit rows: the word kernels of the cut1 DP
 * =========================================
 *
 * A row is `wb` 32-bit words in one growable pool, one bit per failure of
 * the current chunk. A gate combines its inputs' rows by its threshold:
 * union when any one input suffices, intersection when every input is
 * needed, and otherwise a bit-sliced weighted count compared with the
 * threshold (ripple-carry adds into counter planes, then a most-significant-
 * bit-first comparison), all 32 failures at a time (docs/algorithms.md#bit-rows-and-chunks).
 * Vertical counters accumulate how many victims each failure has the same
 * way. Plain `Int32Array`s and `Math.clz32`: no BigInt (same section).
 */

/** A growable pool of rows. Offsets stay valid when it grows; the array does not. */
export class RowPool {
  data: Int32Array;
  top = 0;

  constructor(
    readonly wb: number,
    rows = 1024,
  ) {
    this.data = new Int32Array(wb * rows);
  }

  /** Makes room for one more row at `top` and returns its offset; `commit` keeps it. */
  reserve(): number {
    if (this.top + this.wb > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    return this.top;
  }

  /** Keeps the row at `top`; returns its offset. */
  commit(): number {
    const at = this.top;
    this.top += this.wb;
    return at;
  }

  /** Frees every row (the next chunk reuses the memory). */
  reset(): void {
    this.top = 0;
  }
}

/** out ← OR of rows; returns whether any bit is set. */
export function unionRows(pool: Int32Array, ptrs: Int32Array, n: number, out: Int32Array, at: number, wb: number): boolean {
  let any = 0;
  const p0 = ptrs[0]!;
  for (let j = 0; j < wb; j++) out[at + j] = pool[p0 + j]!;
  for (let i = 1; i < n; i++) {
    const p = ptrs[i]!;
    for (let j = 0; j < wb; j++) out[at + j]! |= pool[p + j]!;
  }
  for (let j = 0; j < wb; j++) any |= out[at + j]!;
  return any !== 0;
}

/** out ← AND of rows; returns whether any bit is set. */
export function intersectRows(pool: Int32Array, ptrs: Int32Array, n: number, out: Int32Array, at: number, wb: number): boolean {
  let any = 0;
  const p0 = ptrs[0]!;
  for (let j = 0; j < wb; j++) out[at + j] = pool[p0 + j]!;
  for (let i = 1; i < n; i++) {
    const p = ptrs[i]!;
    for (let j = 0; j < wb; j++) out[at + j]! &= pool[p + j]!;
  }
  for (let j = 0; j < wb; j++) any |= out[at + j]!;
  return any !== 0;
}

/**
 * out ← bits whose summed input weight reaches `thr`; returns whether any is
 * set. `planes` is scratch of at least 32 words.
 */
export function thresholdRows(
  pool: Int32Array,
  ptrs: Int32Array,
  weights: Int32Array,
  n: number,
  thr: number,
  out: Int32Array,
  at: number,
  wb: number,
  planes: Int32Array,
): boolean {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const L = 32 - Math.clz32(total);
  let any = 0;
  for (let j = 0; j < wb; j++) {
    for (let m = 0; m < L; m++) planes[m] = 0;
    for (let i = 0; i < n; i++) {
      const x = pool[ptrs[i]! + j]!;
      if (x === 0) continue;
      let w = weights[i]!;
      for (let k = 0; w !== 0; k++, w >>>= 1) {
        if ((w & 1) === 0) continue;
        let carry = x;
        for (let m = k; carry !== 0 && m < L; m++) {
          const c = planes[m]! & carry;
          planes[m]! ^= carry;
          carry = c;
        }
      }
    }
    let ge = 0;
    let eq = -1;
    for (let m = L - 1; m >= 0; m--) {
      const p = planes[m]!;
      if ((thr >>> m) & 1) eq &= p;
      else {
        ge |= eq & p;
        eq &= ~p;
      }
    }
    const r = ge | eq;
    out[at + j] = r;
    any |= r;
  }
  return any !== 0;
}

/** Adds a row (one victim per set bit) into vertical counters of `planes` planes of `wb` words. */
export function countRow(counters: Int32Array, planes: number, row: Int32Array, at: number, wb: number): void {
  for (let j = 0; j < wb; j++) {
    let carry = row[at + j]!;
    for (let m = 0; carry !== 0 && m < planes; m++) {
      const idx = m * wb + j;
      const c = counters[idx]! & carry;
      counters[idx]! ^= carry;
      carry = c;
    }
  }
}

/** Adds the vertical counters into `totals[bit]` (bit = word × 32 + position) and clears them. */
export function drainCounters(counters: Int32Array, planes: number, wb: number, totals: Int32Array): void {
  for (let m = 0; m < planes; m++) {
    for (let j = 0; j < wb; j++) {
      let x = counters[m * wb + j]!;
      counters[m * wb + j] = 0;
      while (x !== 0) {
        const low = x & -x;
        totals[j * 32 + 31 - Math.clz32(low)]! += 1 << m;
        x ^= low;
      }
    }
  }
}

/** Calls `visit` with the index of every set bit of a row. */
export function forEachBit(row: Int32Array, at: number, wb: number, visit: (bit: number) => void): void {
  for (let j = 0; j < wb; j++) {
    let x = row[at + j]!;
    while (x !== 0) {
      const low = x & -x;
      visit(j * 32 + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}
