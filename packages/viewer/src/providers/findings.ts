/**
 * Data for the findings panel
 * ===========================
 *
 * The findings `faultline view` embedded (core's `lint`, with the project's
 * config or the default rules: the page does not lint, so it ships no rules),
 * each with what "Apply" does: the fault that reproduces it and the component
 * to focus, as the rule's module says (its `reproduce`, which core's
 * `viewPayload` embedded beside each finding).
 */
import type { FaultSpec, FindingJson } from '@faultline/core';

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

/** Findings as the panel shows them; suppressed findings are left out. */
export function viewFindings(findings: readonly FindingJson[]): ViewFinding[] {
  return findings
    .filter((f) => !f.suppressed)
    .map((f) => {
      const how = { fail: f.fail, focus: f.focus ?? f.target };
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
