/**
 * "Did you mean …?"
 * =================
 *
 * Levenshtein distance, used for unknown fields and unknown ids, bounded so
 * that a hostile manifest cannot make it the slow part of a run (3,000
 * dangling references among 5,000 similar ids took 16 s when every pair was
 * compared in full):
 *
 * - only candidates whose length is within the allowed distance are compared,
 *   and only those whose bag distance (characters one has and the other
 *   lacks, a lower bound) is within it too;
 * - each comparison fills only the band of cells within that distance of the
 *   diagonal, and stops as soon as a row exceeds it (Ukkonen's cut-off);
 * - the allowed distance shrinks to the best found so far;
 * - the cells filled are counted: one call fills at most `CELLS_PER_CALL`,
 *   and a `Suggester` (one per load) at most `CELLS_PER_SUGGESTER` in all and
 *   remembers each word's answer. When the cells run out, the suggestion is
 *   the best found so far when it is one edit away, else none: a hint, never
 *   a different error;
 * - words longer than `MAX_WORD` get no suggestion.
 *
 * [Reference]: https://en.wikipedia.org/wiki/Levenshtein_distance;
 * E. Ukkonen, "Algorithms for approximate string matching" (1985).
 */

/** Cells one `closest` call may fill (a few milliseconds). */
export const CELLS_PER_CALL = 1_000_000;
/** Cells one `Suggester` may fill over all its words (a fraction of a second). */
export const CELLS_PER_SUGGESTER = 30_000_000;
/** Words longer than this get no suggestion. */
export const MAX_WORD = 256;

/** Cells filled so far by the calls sharing it. */
interface Budget {
  cells: number;
  readonly limit: number;
}

/** The closest candidate within a distance that scales with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return search(word, candidates, { cells: 0, limit: CELLS_PER_CALL });
}

/** `did you mean "x"?` or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  return phrase(closest(word, candidates));
}

/**
 * Suggestions from one set of candidates for many words (the unknown ids of
 * a load): the candidates are listed once, each word is answered once, and
 * all the words share one budget of cells.
 */
export class Suggester {
  private readonly candidates: readonly string[];
  private readonly answers = new Map<string, string | undefined>();
  private readonly budget: Budget = { cells: 0, limit: CELLS_PER_SUGGESTER };

  constructor(candidates: Iterable<string>) {
    this.candidates = [...candidates];
  }

  /** Cells filled so far, over every word. */
  get cells(): number {
    return this.budget.cells;
  }

  closest(word: string): string | undefined {
    if (this.answers.has(word)) return this.answers.get(word);
    const perCall: Budget = { cells: 0, limit: Math.min(CELLS_PER_CALL, Math.max(0, this.budget.limit - this.budget.cells)) };
    const answer = perCall.limit > 0 ? search(word, this.candidates, perCall) : undefined;
    this.budget.cells += perCall.cells;
    this.answers.set(word, answer);
    return answer;
  }

  didYouMean(word: string): string | undefined {
    return phrase(this.closest(word));
  }
}

function phrase(c: string | undefined): string | undefined {
  return c === undefined ? undefined : `did you mean "${c}"?`;
}

function search(word: string, candidates: Iterable<string>, budget: Budget): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const counts = histogram(lower);
  let best: string | undefined;
  let bestDistance = limit + 1;
  let complete = true;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    if (budget.cells >= budget.limit) {
      complete = false;
      break;
    }
    const other = candidate.toLowerCase();
    budget.cells += other.length + BUCKETS / 4;
    if (bagDistance(counts, other) >= bestDistance) continue;
    const d = bandedDistance(lower, other, bestDistance - 1, budget);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // Cut short, a farther candidate may hide a nearer one: only one edit away is sure to be worth saying.
  return complete || bestDistance <= 1 ? best : undefined;
}

/** Characters counted in this many buckets (by code mod BUCKETS): a lower bound that stays a lower bound. */
const BUCKETS = 64;
const scratch = new Int32Array(BUCKETS);

function histogram(word: string): Int32Array {
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) & (BUCKETS - 1)]!++;
  return counts;
}

/**
 * The bag distance: characters one word has that the other lacks, the larger
 * side; never more than the edit distance (each edit fixes at most one on
 * each side), so a candidate at or above the best so far is skipped unseen.
 */
function bagDistance(counts: Int32Array, other: string): number {
  scratch.set(counts);
  for (let i = 0; i < other.length; i++) scratch[other.charCodeAt(i) & (BUCKETS - 1)]!--;
  let extra = 0;
  let missing = 0;
  for (let k = 0; k < BUCKETS; k++) {
    const v = scratch[k]!;
    if (v > 0) extra += v;
    else missing -= v;
  }
  return Math.max(extra, missing);
}

/** Edit distance between a and b, or max + 1 when it exceeds max. */
export function distance(a: string, b: string, max: number): number {
  return bandedDistance(a, b, max, { cells: 0, limit: Number.POSITIVE_INFINITY });
}

// Two rows reused across calls: a comparison allocates nothing.
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Edit distance, or max + 1 when it exceeds max: only the cells within `max`
 * of the diagonal are filled (any path leaving the band costs more than
 * max), and the rows stop as soon as one is entirely above max. Counts the
 * cells filled into `budget`.
 */
function bandedDistance(a: string, b: string, max: number, budget: Budget): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (previous.length < m + 2) {
    previous = new Int32Array(m + 2);
    current = new Int32Array(m + 2);
  }
  let prev = previous;
  let cur = current;
  for (let j = 0; j <= m + 1; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1]! + cost;
      const up = prev[j]! + 1;
      if (up < v) v = up;
      const left = cur[j - 1]! + 1;
      if (left < v) v = left;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // The cell right of the band is out of reach: the next row must read it as too far.
    if (hi < m) cur[hi + 1] = over;
    budget.cells += hi - lo + 1;
    if (rowMin > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, over);
}
