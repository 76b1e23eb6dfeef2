/**
 * The rule registry
 * =================
 *
 * One source for the rule ids, the order rules run and are listed in, the
 * config's rule names, `faultline rules` and SARIF's `rules[]` (vitest's
 * typed `ReportersMap`; see docs/architecture.md#registries).
 */
import type { FindingPlaces, Reproduction, Rule } from './rule.js';
import { hardCycle } from '../rules/hard-cycle.js';
import { monitorIndependence } from '../rules/monitor-independence.js';
import { globalPinned } from '../rules/global-pinned.js';
import { singlePointOfFailure } from '../rules/single-point-of-failure.js';
import { logicalSinglePointOfFailure } from '../rules/logical-single-point-of-failure.js';
import { sharedFateRedundancy } from '../rules/shared-fate-redundancy.js';
import { singleRegionCritical } from '../rules/single-region-critical.js';
import { controlPlaneInDataPath } from '../rules/control-plane-in-data-path.js';
import { globalConfigPush } from '../rules/global-config-push.js';
import { retryAmplification } from '../rules/retry-amplification.js';
import { timeoutInversion } from '../rules/timeout-inversion.js';
import { unguardedCrossRegion } from '../rules/unguarded-cross-region.js';

/** Every rule, in the order of the rules table in docs/lint.md#rules. */
export const RULES = {
  'hard-cycle': hardCycle,
  'monitor-independence': monitorIndependence,
  'global-pinned': globalPinned,
  'single-point-of-failure': singlePointOfFailure,
  'logical-single-point-of-failure': logicalSinglePointOfFailure,
  'shared-fate-redundancy': sharedFateRedundancy,
  'single-region-critical': singleRegionCritical,
  'control-plane-in-data-path': controlPlaneInDataPath,
  'global-config-push': globalConfigPush,
  'retry-amplification': retryAmplification,
  'timeout-inversion': timeoutInversion,
  'unguarded-cross-region': unguardedCrossRegion,
} as const satisfies Record<string, Rule>;

/** A rule id. */
export type RuleId = keyof typeof RULES;

/** The rules by id, for lookups with user input (never an object key). */
export const RULE_MAP: ReadonlyMap<string, Rule> = new Map(Object.entries(RULES) as [string, Rule][]);

/** Rule ids in registry order. */
export const RULE_IDS: readonly RuleId[] = Object.keys(RULES) as RuleId[];

/** How to reproduce a finding of rule `rule` (its module's `reproduce`); no fault for rules without one. */
export function reproduceFinding(rule: string, finding: FindingPlaces): Reproduction {
  return RULE_MAP.get(rule)?.reproduce?.(finding) ?? { fail: undefined, focus: finding.target };
}
