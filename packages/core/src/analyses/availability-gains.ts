/**
 * Importance tallies: the top failures per component, exactly and cheaply
 * ======================================================================
 *
 * A what-if run reports, per component, the trials it regains without one
 * failure; summed over the trials, that is the failure's importance. Over a
 * large model these reports number tens of millions, one per component a
 * failure takes down, and almost all of them come from failures that happen
 * only once in the whole run: such a failure's total is 0 or 1 trial. So
 * only failures drawn two or more times are tallied in a map; for the rest,
 * each component keeps the `top` lowest-numbered ones that regained it a
 * trial. Ranking by gain, ties by failure order, the top `top` of the union
 * is exactly the top `top` of all tallies: a once-drawn failure left out
 * has the gain of the kept ones and comes after them.
 */

/** Per component, what each failure's absence regains. */
export class Gains {
  private readonly maps: Map<number, number>[];
  private readonly once: Int32Array;

  constructor(
    components: number,
    private readonly top: number,
    /** Per event: drawn two or more times over the run. */
    private readonly repeated: Uint8Array,
  ) {
    this.maps = Array.from({ length: components }, () => new Map<number, number>());
    this.once = new Int32Array(components * Math.max(1, top)).fill(-1);
  }

  /** Component i regains `trials` trials without event e. */
  add(i: number, e: number, trials: number): void {
    if (trials <= 0) return;
    if (this.repeated[e]) {
      const map = this.maps[i]!;
      map.set(e, (map.get(e) ?? 0) + trials);
      return;
    }
    // Keep the `top` lowest events, ascending.
    const k = this.top;
    if (k === 0) return;
    const at = i * k;
    const list = this.once;
    if (list[at + k - 1] !== -1 && list[at + k - 1]! < e) return;
    let p = k - 1;
    while (p > 0 && (list[at + p - 1] === -1 || list[at + p - 1]! > e)) {
      list[at + p] = list[at + p - 1]!;
      p--;
    }
    list[at + p] = e;
  }

  /** Component i's top events as [event, trials], largest gain first, ties by event order. */
  best(i: number): [number, number][] {
    const all: [number, number][] = [...this.maps[i]!];
    for (let p = 0; p < this.top; p++) {
      const e = this.once[i * this.top + p]!;
      if (e >= 0) all.push([e, 1]);
    }
    return all.sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, this.top);
  }
}
