/**
 * Availability statistics: Wilson intervals and nines
 * ===================================================
 *
 * A Monte Carlo estimate of an availability near 1 has few failures to go
 * on, so the normal ("Wald") interval is useless there: with no failure
 * seen it claims certainty. The Wilson score interval stays inside [0, 1]
 * and is honest at the edges (0 failures in 10,000 trials: 99.96–100 %).
 * "Nines" are −log10(1 − A): 99.95 % is 3.3 nines.
 *
 * [Reference]: E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22 (1927); docs/algorithms.md#wilson-intervals.
 */

/** The 97.5th percentile of the standard normal: a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for `successes` out of `trials`, at confidence given by `z`. */
export function wilson(successes: number, trials: number, z = Z95): { readonly low: number; readonly high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** −log10(1 − A); Infinity when A is 1. */
export function nines(availability: number): number {
  return availability >= 1 ? Infinity : -Math.log10(1 - availability);
}
