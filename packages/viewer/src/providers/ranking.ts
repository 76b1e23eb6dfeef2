/**
 * Data for the "single points of failure" panel
 * =============================================
 *
 * Every single component failure, ranked by impact, worst first. Until core's
 * `rankFailures` (packages/core/src/analyses) is available to the page, this
 * provider calls core's `simulate` once per component: the same engine, in
 * slices of a few milliseconds so the page stays responsive. Swap the body
 * of `rankSingleFailures` for `rankFailures(model)` when it lands; the panel
 * only reads `RankedFailure`.
 */
import { simulate } from '@faultline/core';
import type { Engine } from '../engine.js';

export interface RankedFailure {
  /** The fault, as `--fail` takes it. */
  readonly target: string;
  readonly down: number;
  readonly degraded: number;
  readonly criticalDown: number;
  readonly impact: number;
  /** Critical components this failure takes down, other than the target itself (model order). */
  readonly victims: readonly string[];
  /** Components claiming `scope: global` that this failure takes down (other than the target). */
  readonly globalVictims: readonly string[];
}

export interface RankingProgress {
  readonly done: number;
  readonly total: number;
  /** Failures that take down at least one critical component besides themselves, worst first. */
  readonly ranked: readonly RankedFailure[];
}

/** Starts the ranking; calls `onProgress` after each slice and at the end. Returns a cancel function. */
export function rankSingleFailures(engine: Engine, onProgress: (p: RankingProgress) => void, sliceMs = 12): () => void {
  const ids = engine.ids;
  const found: RankedFailure[] = [];
  let next = 0;
  let cancelled = false;
  const step = (): void => {
    if (cancelled) return;
    const until = performance.now() + sliceMs;
    while (next < ids.length && performance.now() < until) {
      const target = ids[next++]!;
      const sim = simulate(engine.graph, [{ target }]);
      const victims: string[] = [];
      const globalVictims: string[] = [];
      for (const n of sim.nodes) {
        if (n.id === target || n.status !== 'down') continue;
        if (n.critical) victims.push(n.id);
        if (engine.model.components.get(n.id)!.scope === 'global') globalVictims.push(n.id);
      }
      if (victims.length > 0 || globalVictims.length > 0) {
        const s = sim.summary;
        found.push({ target, down: s.down, degraded: s.degraded, criticalDown: s.criticalDown, impact: s.impact, victims, globalVictims });
      }
    }
    const ranked = [...found].sort((a, b) => b.impact - a.impact || b.down - a.down || (a.target < b.target ? -1 : 1));
    onProgress({ done: next, total: ids.length, ranked });
    if (next < ids.length) setTimeout(step, 0);
  };
  setTimeout(step, 0);
  return () => (cancelled = true);
}
