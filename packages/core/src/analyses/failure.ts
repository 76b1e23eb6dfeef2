/**
 * One single failure and what it does
 * ===================================
 *
 * The shape `rankFailures` returns per failure, shared by the bitset DP and
 * the simulation oracle so the two can be compared field by field.
 */
import type { ComponentId } from '../model.js';

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
  /** Critical components down, the failed component itself excluded, in model order. */
  readonly critical: readonly ComponentId[];
  /** Critical components degraded, in model order. */
  readonly criticalDegraded: readonly ComponentId[];
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
