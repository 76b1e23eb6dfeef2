/**
 * Data for the findings panel
 * ===========================
 *
 * Lint findings, each with what "apply" does: the faults to inject and the
 * component to focus. When `faultline view` embedded lint results (core's
 * lint, packages/core/src/lint), they are shown as they are. Until then the
 * page derives the two findings the single-failure ranking already proves,
 * with the lint rule ids of DESIGN.md: `single-point-of-failure` (a single
 * failure takes a critical component down) and `global-pinned` (one region's
 * failure takes down a component that claims `scope: global`).
 */
import type { FaultSpec, Model } from '@faultline/core';
import type { FindingJson } from '../payload.js';
import type { RankedFailure } from './ranking.js';

export interface ViewFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly subject: readonly string[];
  /** Faults that reproduce the finding. */
  readonly faults: readonly FaultSpec[];
  /** The component to select after applying. */
  readonly focus: string | null;
}

/** Findings embedded by the CLI: the first subject is focused, the others failed. */
export function embeddedFindings(findings: readonly FindingJson[]): ViewFinding[] {
  return findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    subject: f.subject,
    faults: f.subject.slice(1).map((target) => ({ target })),
    focus: f.subject[0] ?? null,
  }));
}

/** Findings proven by the single-failure ranking. */
export function rankingFindings(model: Model, ranked: readonly RankedFailure[]): ViewFinding[] {
  const out: ViewFinding[] = [];
  for (const r of ranked) {
    for (const g of r.globalVictims) {
      if (model.components.get(r.target)?.kind !== 'region') continue;
      out.push({
        rule: 'global-pinned',
        severity: 'error',
        message: `${g} claims scope: global, yet ${r.target} failing takes it down`,
        subject: [g, r.target],
        faults: [{ target: r.target }],
        focus: g,
      });
    }
  }
  for (const r of ranked) {
    if (r.victims.length === 0) continue;
    const shown = r.victims.slice(0, 3).join(', ') + (r.victims.length > 3 ? ` and ${r.victims.length - 3} more` : '');
    out.push({
      rule: 'single-point-of-failure',
      severity: 'error',
      message: `${r.target} failing takes down ${r.victims.length} critical component${r.victims.length === 1 ? '' : 's'}: ${shown}`,
      subject: [r.victims[0]!, r.target],
      faults: [{ target: r.target }],
      focus: r.victims[0]!,
    });
  }
  return out;
}
