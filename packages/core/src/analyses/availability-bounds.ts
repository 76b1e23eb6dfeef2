/**
 * Bounds on a top event's probability from a list of its cut sets
 * ===============================================================
 *
 * The basic events fail independently; a cut set C occurs with probability
 * P(C) = Π q over its members, and the top event is the union of its
 * minimal cut sets. With only the list (no diagram):
 *
 * - **rare-event approximation** S1 = Σ P(C): Boole's inequality, an upper
 *   bound, close when every q is small;
 * - **Esary–Proschan upper bound** 1 − Π (1 − P(C)): cut-set events are
 *   increasing functions of independent events, hence positively associated
 *   (Esary, Proschan & Walkup 1967), so the union is at most what it would be
 *   were they independent. Always ≤ min(1, S1);
 * - **Bonferroni lower bound** S1 − S2, S2 = Σ_{i<j} P(C_i ∩ C_j) (the
 *   inclusion–exclusion series truncated after its second term; C_i ∩ C_j
 *   occurs when every member of both fails, Π q over C_i ∪ C_j); computed
 *   over the most probable sets only (a union of some of the sets is a lower
 *   bound too), and never below the most probable single set.
 *
 * And the mass a truncated list may miss: a minimal cut set not listed has
 * more members than the order through which the list is complete, and none
 * of them is a single point of failure (a single inside it would be a smaller
 * cut set), so it can only occur when at least k + 1 of the other events
 * fail — a Poisson-binomial tail computed exactly by a short recursion.
 *
 * [Reference]: docs/algorithms.md#bounds-from-cut-sets; Esary, Proschan &
 * Walkup, "Association of random variables" (1967); Barlow & Proschan,
 * "Statistical Theory of Reliability and Life Testing" (1975), ch. 4.
 */

/** The probability that a set of independent events all occur. */
export function setProbability(members: readonly number[], q: ArrayLike<number>): number {
  let p = 1;
  for (const e of members) p *= q[e]!;
  return p;
}

/** Bounds on P(∪ sets), from the sets (members ascending) and their probabilities. */
export interface UnionBounds {
  readonly rareEvent: number;
  readonly lower: number;
  readonly upper: number;
}

/** How many of the most probable sets enter the second Bonferroni term (pairs grow as its square). */
export const BONFERRONI_SETS = 1000;

/** Rare-event sum, Esary–Proschan upper bound and Bonferroni lower bound of the union of `sets`. */
export function unionBounds(sets: readonly (readonly number[])[], probability: readonly number[], q: ArrayLike<number>): UnionBounds {
  let rareEvent = 0;
  let logUp = 0;
  let best = 0;
  for (const p of probability) {
    rareEvent += p;
    logUp += Math.log1p(-Math.min(p, 1));
    best = Math.max(best, p);
  }
  const upper = Math.min(1, rareEvent, -Math.expm1(logUp));
  // The most probable sets (ties in list order), their members and probabilities laid out flat.
  const ranked = Array.from(probability.keys()).sort((a, b) => probability[b]! - probability[a]! || a - b);
  const n = Math.min(ranked.length, BONFERRONI_SETS);
  const start = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) start[a + 1] = start[a]! + sets[ranked[a]!]!.length;
  const member = new Int32Array(start[n]!);
  const memberQ = new Float64Array(start[n]!);
  for (let a = 0; a < n; a++) {
    const set = sets[ranked[a]!]!;
    for (let k = 0; k < set.length; k++) {
      member[start[a]! + k] = set[k]!;
      memberQ[start[a]! + k] = q[set[k]!]!;
    }
  }
  let s1 = 0;
  let s2 = 0;
  for (let a = 0; a < n; a++) {
    s1 += probability[ranked[a]!]!;
    for (let b = a + 1; b < n; b++) s2 += bothProbability(member, memberQ, start[a]!, start[a + 1]!, start[b]!, start[b + 1]!);
  }
  return { rareEvent, lower: Math.min(upper, Math.max(best, s1 - s2)), upper };
}

/** P(A and B both occur) = Π q over the union of two ascending member lists, `member[i … iEnd]` and `member[j … jEnd]`, in ascending order. */
function bothProbability(member: Int32Array, memberQ: Float64Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let p = 1;
  while (i < iEnd && j < jEnd) {
    const x = member[i]!;
    const y = member[j]!;
    if (x < y) p *= memberQ[i++]!;
    else if (y < x) p *= memberQ[j++]!;
    else {
      p *= memberQ[i++]!;
      j++;
    }
  }
  while (i < iEnd) p *= memberQ[i++]!;
  while (j < jEnd) p *= memberQ[j++]!;
  return p;
}

/** P(at least k of independent events with probabilities `q` occur), exactly (a Poisson-binomial tail). */
export function atLeast(k: number, q: Iterable<number>): number {
  if (k <= 0) return 1;
  // dist[j] = P(exactly j so far) for j < k; tail = P(k or more so far).
  const dist = new Float64Array(k);
  dist[0] = 1;
  let tail = 0;
  for (const p of q) {
    tail += dist[k - 1]! * p;
    for (let j = k - 1; j >= 1; j--) dist[j] = dist[j]! * (1 - p) + dist[j - 1]! * p;
    dist[0] = dist[0]! * (1 - p);
  }
  return Math.min(1, tail);
}
