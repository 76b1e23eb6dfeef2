/**
 * A binary decision diagram of a list of cut sets
 * ===============================================
 *
 * The top event of a fault tree given by its minimal cut sets is the monotone
 * formula OR over the sets of AND over their members. Its probability is not
 * the sum of the sets' probabilities (they overlap) and inclusion–exclusion
 * has 2^m terms; a reduced ordered BDD of the formula gives it exactly in one
 * pass over its nodes, P(n) = q·P(high) + (1 − q)·P(low), because the two
 * branches of a node are disjoint (Shannon decomposition; Bryant 1986, and
 * Rauzy 1993 for fault trees). The same diagram gives every variable's
 * Birnbaum importance ∂P/∂q in one more pass, from the probability of
 * reaching each node: Σ over the nodes of v of reach(n)·(P(high) − P(low)).
 *
 * Nodes live in typed arrays with a hash-consing table, so equal sub-formulas
 * are one node; the build stops (`BddFull`) past a node cap rather than grow
 * without bound, and the caller falls back to bounds. Variables are small
 * integers, ordered by number (the caller numbers them).
 *
 * [Reference]: docs/algorithms.md#exact-unavailability-bdd-over-the-cut-sets.
 */

/** Thrown when a diagram would need more nodes than its cap. */
export class BddFull extends Error {
  constructor(readonly cap: number) {
    super(`faultline/bdd: more than ${cap} nodes`);
  }
}

const FALSE = 0;
const TRUE = 1;

/** A reduced ordered BDD under construction; node 0 is false, node 1 is true. */
export class Bdd {
  private variable: Int32Array;
  private low: Int32Array;
  private high: Int32Array;
  private table: Int32Array;
  private mask: number;
  /** Nodes made so far, the two terminals included. */
  size = 2;
  private readonly orCache = new Map<number, number>();

  constructor(
    /** Variables are 0 … variables − 1; the terminals sit below all of them. */
    readonly variables: number,
    private readonly cap = 2_000_000,
    /** Room for this many nodes at first (it grows as needed; node numbers do not depend on it). */
    expected = 1024,
  ) {
    let initial = 16;
    while (initial < Math.min(expected, 1024)) initial *= 2;
    this.variable = new Int32Array(initial).fill(variables);
    this.low = new Int32Array(initial);
    this.high = new Int32Array(initial);
    this.table = new Int32Array(initial * 2).fill(-1);
    this.mask = initial * 2 - 1;
  }

  /** The node testing `v`, with `lo` when it holds false and `hi` when true (reduced, shared). */
  node(v: number, lo: number, hi: number): number {
    if (lo === hi) return lo;
    let h = hash(v, lo, hi) & this.mask;
    for (;;) {
      const n = this.table[h]!;
      if (n < 0) break;
      if (this.variable[n] === v && this.low[n] === lo && this.high[n] === hi) return n;
      h = (h + 1) & this.mask;
    }
    if (this.size >= this.cap) throw new BddFull(this.cap);
    if (this.size === this.variable.length) {
      this.grow();
      return this.node(v, lo, hi);
    }
    const n = this.size++;
    this.variable[n] = v;
    this.low[n] = lo;
    this.high[n] = hi;
    this.table[h] = n;
    return n;
  }

  /** The conjunction of the variables `vars` (ascending, distinct). */
  conjunction(vars: readonly number[]): number {
    let n = TRUE;
    for (let i = vars.length - 1; i >= 0; i--) n = this.node(vars[i]!, FALSE, n);
    return n;
  }

  /** a OR b. Iterative over an explicit stack, so deep diagrams cannot overflow the call stack. */
  or(a: number, b: number): number {
    const stack: number[] = [a, b, 0];
    const results: number[] = [];
    while (stack.length > 0) {
      const phase = stack.pop()!;
      const y = stack.pop()!;
      const x = stack.pop()!;
      if (phase === 0) {
        if (x === TRUE || y === TRUE) {
          results.push(TRUE);
          continue;
        }
        if (x === FALSE || x === y) {
          results.push(y);
          continue;
        }
        if (y === FALSE) {
          results.push(x);
          continue;
        }
        const p = Math.min(x, y);
        const r = Math.max(x, y);
        const cached = this.orCache.get(p * 4_194_304 + r);
        if (cached !== undefined) {
          results.push(cached);
          continue;
        }
        const v = Math.min(this.variable[p]!, this.variable[r]!);
        const pl = this.variable[p] === v ? this.low[p]! : p;
        const ph = this.variable[p] === v ? this.high[p]! : p;
        const rl = this.variable[r] === v ? this.low[r]! : r;
        const rh = this.variable[r] === v ? this.high[r]! : r;
        stack.push(p, r, 1, ph, rh, 0, pl, rl, 0);
        continue;
      }
      const hi = results.pop()!;
      const lo = results.pop()!;
      const v = Math.min(this.variable[x]!, this.variable[y]!);
      const n = this.node(v, lo, hi);
      if (this.orCache.size > 4_000_000) this.orCache.clear();
      this.orCache.set(x * 4_194_304 + y, n);
      results.push(n);
    }
    return results[0]!;
  }

  /** The disjunction of many nodes, folded pairwise so intermediate diagrams stay small. */
  orAll(nodes: readonly number[]): number {
    let level = [...nodes];
    if (level.length === 0) return FALSE;
    while (level.length > 1) {
      const next: number[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? this.or(level[i]!, level[i + 1]!) : level[i]!);
      level = next;
    }
    return level[0]!;
  }

  /**
   * The probability that `root` is true when variable v is true with
   * probability q[v], independently; and each variable's Birnbaum importance
   * ∂P/∂q[v] = P(root | v) − P(root | not v).
   */
  probability(root: number, q: ArrayLike<number>): { readonly p: number; readonly birnbaum: Float64Array } {
    const birnbaum = new Float64Array(this.variables);
    if (root === FALSE || root === TRUE) return { p: root, birnbaum };
    // Nodes are made after their children: ascending index is bottom-up.
    const p = new Float64Array(root + 1);
    p[TRUE] = 1;
    for (let n = 2; n <= root; n++) {
      const qv = q[this.variable[n]!]!;
      p[n] = qv * p[this.high[n]!]! + (1 - qv) * p[this.low[n]!]!;
    }
    const reach = new Float64Array(root + 1);
    reach[root] = 1;
    for (let n = root; n >= 2; n--) {
      const r = reach[n]!;
      if (r === 0) continue;
      const v = this.variable[n]!;
      const qv = q[v]!;
      reach[this.high[n]!]! += r * qv;
      reach[this.low[n]!]! += r * (1 - qv);
      birnbaum[v]! += r * (p[this.high[n]!]! - p[this.low[n]!]!);
    }
    return { p: p[root]!, birnbaum };
  }

  private grow(): void {
    const n = this.variable.length * 2;
    const variable = new Int32Array(n).fill(this.variables);
    variable.set(this.variable);
    const low = new Int32Array(n);
    low.set(this.low);
    const high = new Int32Array(n);
    high.set(this.high);
    this.variable = variable;
    this.low = low;
    this.high = high;
    this.table = new Int32Array(n * 2).fill(-1);
    this.mask = n * 2 - 1;
    for (let m = 2; m < this.size; m++) {
      let h = hash(this.variable[m]!, this.low[m]!, this.high[m]!) & this.mask;
      while (this.table[h]! >= 0) h = (h + 1) & this.mask;
      this.table[h] = m;
    }
  }
}

function hash(v: number, lo: number, hi: number): number {
  let h = Math.imul(v, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b) ^ Math.imul(hi, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
