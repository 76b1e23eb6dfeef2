/**
 * Data for the "single points of failure" panel
 * =============================================
 *
 * Core's `rankFailures` (every single component and placement failure, worst
 * first) narrowed to the SPOFs (`spofs`: failures that take a critical
 * component other than themselves down). The panel only reads
 * `RankedFailure`.
 */
import { rankFailures, spofs } from '@faultline/core';
import type { Engine } from '../engine.js';

export interface RankedFailure {
  /** The fault, as `--fail` takes it (`consul`, `checkout@use1-az1`). */
  readonly target: string;
  readonly down: number;
  readonly degraded: number;
  readonly impact: number;
  /** How many critical components it takes down (the failed one excluded). */
  readonly critical: number;
  /** The first of them in model order (a few: `Failure.first`). */
  readonly victims: readonly string[];
  /** It gets there by defeating redundancy (a SPOF hidden behind replicas or an anyOf). */
  readonly hidden: boolean;
}

/** The single points of failure of the engine's model, worst first. */
export function rankSingleFailures(engine: Engine): RankedFailure[] {
  return spofs(rankFailures(engine.graph)).map((f) => ({
    target: f.fault,
    down: f.downCount,
    degraded: f.degradedCount,
    impact: f.impact,
    critical: f.criticalCount,
    victims: f.first.critical,
    hidden: f.hidden,
  }));
}
