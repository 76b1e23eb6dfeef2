/**
 * Limits
 * ======
 *
 * The resource limits faultline keeps under hostile or careless input, in one
 * place (docs/limits.md lists them with how each is enforced and tested).
 * Numbers a manifest may hold are bounded so every sum the engine makes stays
 * exact: replica counts live in the compiled graph's 32-bit thresholds, and
 * impact sums weights in doubles.
 */

/** Replicas of one component, per placement and in all (the engine counts them in 32-bit integers). */
export const MAX_REPLICAS = 1_000_000;

/**
 * The largest `weight`: 100,000 components at this weight sum to 10^14,
 * far inside the doubles' exact range, so impact is never `Infinity`.
 */
export const MAX_WEIGHT = 1_000_000_000;

/** The largest `retries` on one edge. */
export const MAX_RETRIES = 1_000;

/** The largest `timeoutMs` on one edge: 2^31 − 1 ms (about 24.8 days), the longest timer Node keeps. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** Where the limits are explained, for hints. */
export const LIMITS_DOC = 'docs/limits.md';
