/**
 * One single failure and what it does
 * ===================================
 *
 * The shape `rankFailures` returns per failure, shared by the bitset DP and
 * the simulation oracle so the two can be compared field by field. The
 * numbers are exact; the victims are listed only up to a few per failure
 * (the first in model order), so a ranking of n failures stays linear in n
 * even when each takes down most of the model (a 10,000-long dependency
 * chain: 50 million victims in all). `Ranking.detail(i)` lists every victim
 * of one failure.
 */
import type { ComponentId } from '../model.js';

/** How many victims of each kind a ranked failure lists unless told (`RankOptions.listed`). */
export const DEFAULT_LISTED = 10;

/** Victims of one failure by kind, in model order, the failed component itself excluded. */
export interface Victims {
  /** Components down. */
  readonly down: readonly ComponentId[];
  /** Components degraded (not up, not down). */
  readonly degraded: readonly ComponentId[];
  /** Critical components down. */
  readonly critical: readonly ComponentId[];
  /** Critical components degraded. */
  readonly criticalDegraded: readonly ComponentId[];
}

/** What one single failure does (`rankFailures`). */
export interface Failure {
  /** The fault as `simulate --fail` takes it: `consul`, or `checkout@use1-az1` for one placement. */
  readonly fault: string;
  /** Summed weight of critical components down, degraded counting half; the failed component itself included (as in `simulate`). */
  readonly impact: number;
  /** Components down, the failed component itself excluded. */
  readonly downCount: number;
  /** Components degraded (not up, not down). */
  readonly degradedCount: number;
  /** Critical components down, the failed component itself excluded. */
  readonly criticalCount: number;
  /** Critical components degraded. */
  readonly criticalDegradedCount: number;
  /**
   * The first victims of each kind in model order, at most
   * `RankOptions.listed` of each (10 unless set); the counts above say how
   * many there are in all, and `Ranking.detail(i)` lists them all.
   */
  readonly first: Victims;
  /**
   * The failure takes a critical component down through a redundancy gate it
   * defeats (an `anyOf`/quorum with spare members, or placements with spare
   * replicas, on the victim or on the way to it, the failed node itself not
   * on that way): a SPOF hidden behind apparent redundancy. A gate defeated
   * by a domain that holds all its members (the region around every zone
   * of a single-region component) hides nothing: see `redundancy.ts`.
   */
  readonly hidden: boolean;
}

/** Worst first: impact, then components down, then the failure's model order (`order`). */
export function compareFailures(a: Failure, b: Failure, orderA: number, orderB: number): number {
  return b.impact - a.impact || b.downCount - a.downCount || orderA - orderB;
}

/** The first `n` of each list. */
export function firstVictims(all: Victims, n: number): Victims {
  return { down: all.down.slice(0, n), degraded: all.degraded.slice(0, n), critical: all.critical.slice(0, n), criticalDegraded: all.criticalDegraded.slice(0, n) };
}
