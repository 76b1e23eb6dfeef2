/**
 * Data for the findings panel
 * ===========================
 *
 * Core's `lint` (default rules and severities), or findings `faultline view`
 * embedded, each with what "Apply" does: the fault that reproduces it and the
 * component to focus. Rules report on a `target` and name `related`
 * components; which of them is the failure depends on the rule.
 */
import { findingJson, lint, type CompiledGraph, type FaultSpec, type FindingJson, type Model } from '@faultline/core';

export interface ViewFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly target: string;
  /** Faults that reproduce the finding (none for rules about static structure). */
  readonly faults: readonly FaultSpec[];
  /** The component to select after applying. */
  readonly focus: string;
}

type Apply = (f: FindingJson) => { fail: string | undefined; focus: string };

/** Per rule: which component fails and which one to look at. */
const APPLY: ReadonlyMap<string, Apply> = new Map<string, Apply>([
  // the target fails and takes the related victims down
  ['single-point-of-failure', (f) => ({ fail: f.target, focus: f.related[0] ?? f.target })],
  ['logical-single-point-of-failure', (f) => ({ fail: f.target, focus: f.related[0] ?? f.target })],
  ['global-config-push', (f) => ({ fail: f.target, focus: f.related[0] ?? f.target })],
  // a related component (a region, the shared failure, the callee) fails and takes the target down
  ['global-pinned', (f) => ({ fail: f.related[0], focus: f.target })],
  ['single-region-critical', (f) => ({ fail: f.related[0], focus: f.target })],
  ['monitor-independence', (f) => ({ fail: f.related[0], focus: f.target })],
  ['shared-fate-redundancy', (f) => ({ fail: f.related[0], focus: f.target })],
  ['unguarded-cross-region', (f) => ({ fail: f.related[0], focus: f.target })],
  // the path ends at the control plane
  ['control-plane-in-data-path', (f) => ({ fail: f.related.at(-1), focus: f.target })],
]);

/** Findings as the panel shows them; suppressed findings are left out. */
export function viewFindings(findings: readonly FindingJson[]): ViewFinding[] {
  return findings
    .filter((f) => !f.suppressed)
    .map((f) => {
      const how = APPLY.get(f.rule)?.(f) ?? { fail: undefined, focus: f.target };
      return {
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        target: f.target,
        faults: how.fail ? [{ target: how.fail }] : [],
        focus: how.focus,
      };
    })
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'));
}

/** Lints the model in the page, with the default rules. */
export function lintFindings(model: Model, graph: CompiledGraph): ViewFinding[] {
  return viewFindings(lint(model, { graph }).findings.map(findingJson));
}
