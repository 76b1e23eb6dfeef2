/**
 * Data for the "single points of failure" panel
 * =============================================
 *
 * Core's `rankFailures` (every single component and placement failure, worst
 * first) narrowed to the SPOFs (`spofs`: failures that take a critical
 * component other than themselves down). The panel only reads
 * `RankedFailure`.
 */
import { rankFailures, spofs, type Ranking } from '@faultline/core';
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
  return rankForView(engine).spofs;
}

/**
 * One ranking for both panels: the SPOFs, and the `top` worst single
 * failures of any kind (the overview's "Worst single failures").
 */
export function rankForView(engine: Engine, top = 10): { spofs: RankedFailure[]; worst: RankedFailure[] } {
  const ranking = rankFailures(engine.graph);
  return { spofs: spofs(ranking).map(viewed), worst: ranking.failures.slice(0, top).map(viewed) };
}

function viewed(f: Ranking['failures'][number]): RankedFailure {
  return {
    target: f.fault,
    down: f.downCount,
    degraded: f.degradedCount,
    impact: f.impact,
    critical: f.criticalCount,
    victims: f.first.critical,
    hidden: f.hidden,
  };
}
