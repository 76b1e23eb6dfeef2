/**
 * Array helpers that stay safe at any size
 * ========================================
 *
 * `a.push(...b)` and `Math.max(...b)` pass every item as an argument, and V8
 * throws "Maximum call stack size exceeded" past roughly 120,000 of them: a
 * manifest of 100,000 components, a hostile file with 200,000 bad entries or
 * `spof --all` on a large graph gets there. These loop instead.
 */

/** Appends every item of `items` to `into`, in order; returns `into`. */
export function append<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}

/** The largest of `items`, or `floor` when none is larger (and for none at all). */
export function maxOf(items: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor;
  for (const x of items) if (x > max) max = x;
  return max;
}

/** The smallest of `items`, or `ceiling` when none is smaller (and for none at all). */
export function minOf(items: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let min = ceiling;
  for (const x of items) if (x < min) min = x;
  return min;
}
