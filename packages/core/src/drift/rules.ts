/**
 * Drift's rules
 * =============
 *
 * Drift reports findings like lint does (same `Finding` shape, same
 * formatters, same SARIF), under three rule ids of its own, each
 * documenting itself like a lint rule (id, default severity, what, why,
 * how to fix), so SARIF's `rules[]` and the docs come from here.
 */
import type { FindingSeverity } from '../lint/finding.js';

/** What a drift rule says about itself (the documentation half of a lint `Rule`). */
export interface DriftRule {
  readonly id: string;
  readonly defaultSeverity: FindingSeverity;
  /** One sentence: what the rule finds. */
  readonly description: string;
  /** Why it matters. */
  readonly rationale: string;
  /** How to fix a finding. */
  readonly help: string;
}

export const DRIFT_RULES = {
  'undeclared-dependency': {
    id: 'undeclared-dependency',
    defaultSeverity: 'error',
    description: 'A call seen in the traces between two components that the manifests connect by no declared path, or from a component to a service no manifest or catalog knows.',
    rationale:
      'The most dangerous dependencies are the ones nobody declared: a hidden shared resource fails everything that quietly uses it, and faultline cannot simulate, lint or rank what it does not know about.',
    help: "Declare the dependency (dependsOn, with mode: soft, a timeout or a fallback if the caller copes without it), or remove the call; a callee no manifest knows must be added first (or, if it is a component under another name, given that name as an alias). The finding shows what declaring it as hard would add to the callee's blast radius. For messages (a warning), declare the topic instead: the producer depending on it and each consumer reading it with mode: async.",
  },
  'unobserved-dependency': {
    id: 'unobserved-dependency',
    defaultSeverity: 'warn',
    description: 'A declared dependency between two traced services that the traces never show.',
    rationale:
      'A declared edge nobody exercises is either stale (the analyses then over-state the blast radius) or a path that rarely runs, such as a fallback or a failover, which is exactly the path that breaks when it is finally needed.',
    help: 'Remove the edge if the call is gone; if it is a rarely used path, keep it and exercise it (a game day, a synthetic check) so the traces show it.',
  },
  'unknown-service': {
    id: 'unknown-service',
    defaultSeverity: 'warn',
    description: 'A service name in the traces that matches no component id, alias or name, or that several components answer to.',
    rationale: 'Calls to or from an unmatched name cannot be compared with the manifests, so hidden dependencies behind it go unseen.',
    help: "Add the name to the matching component's aliases (faultline.dev/service-name on an entity or workload; service names in traces rarely equal catalog ids), or add the component.",
  },
} as const satisfies Record<string, DriftRule>;

/** A drift rule id. */
export type DriftRuleId = keyof typeof DRIFT_RULES;

/** Drift rule ids, in report order. */
export const DRIFT_RULE_IDS = Object.keys(DRIFT_RULES) as DriftRuleId[];
