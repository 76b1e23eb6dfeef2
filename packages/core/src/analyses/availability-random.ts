/**
 * Seeded randomness for the availability Monte Carlo
 * ==================================================
 *
 * mulberry32, a tiny 32-bit generator with a full 2³² period, seeded by the
 * user so that a run is reproducible in tests, in the CLI and in the viewer
 * (d3-force seeds its own PRNG for the same reason). Failures
 * are drawn by **geometric skipping**: instead of one draw per trial, the
 * gap to a basic event's next failure is drawn directly, ⌊ln U / ln(1 − q)⌋,
 * so an event with unavailability q costs about q·N + 1 draws over N trials
 * (docs/algorithms.md#seeded-randomness-and-geometric-skipping).
 *
 * Each basic event draws from its own stream, seeded from the user's seed
 * and the event's failure-space index. So an event fails in the same trials
 * whatever else is drawn: a component's estimate does not change with the
 * batch size or with which other components are asked about.
 *
 * [Reference]: Tommy Ettinger, mulberry32 (public domain); Devroye,
 * "Non-Uniform Random Variate Generation" (1986), ch. X.2 (geometric).
 */

/** A seeded generator of uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mulberry32 stream per key, seeded from `seed` and the key (murmur3's finaliser mixes them). */
export class Streams {
  private readonly state: Uint32Array;

  constructor(seed: number, keys: ArrayLike<number>) {
    this.state = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) this.state[i] = mix(mix(seed >>> 0) ^ Math.imul(keys[i]! + 1, 0x9e3779b9));
  }

  /** The next uniform number in [0, 1) of stream i. */
  uniform(i: number): number {
    const a = (this.state[i]! + 0x6d2b79f5) >>> 0;
    this.state[i] = a;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The number of trials without failure before the next one, for an event
 * that fails with probability `q` per trial (geometric on {0, 1, …}).
 * `uniform` is a draw in [0, 1); `logUp` is ln(1 − q), precomputed.
 */
export function geometricGap(uniform: number, q: number, logUp: number): number {
  if (q >= 1) return 0;
  return Math.floor(Math.log(1 - uniform) / logUp);
}
