/**
 * Rule `single-point-of-failure`
 * ==============================
 *
 * Roblox, October 2021: one Consul cluster under most services; when it
 * failed, everything did, for 73 hours. A single failure that takes a
 * critical component down is reported on the failing component, with its
 * critical victims; it is **hidden** when it gets there by defeating
 * redundancy (PagerDuty: three "independent" deployments, two of which
 * shared one network peering point).
 *
 * Built on `rankFailures` (every single failure at once, a bitset DP).
 * What counts as a lint finding is narrower than the ranking:
 * - failures of kinds in `ignoreKinds` (a whole provider; a whole region,
 *   which `single-region-critical` and `global-pinned` judge) are left out;
 * - a component that runs with two or more replicas failing *as a whole* is
 *   a logical failure (a bad deploy, a bad config, exhausted capacity):
 *   `logical-single-point-of-failure` reports it. It is left out here unless
 *   `includeReplicated` is set (kept for configs written before that rule;
 *   with it, both rules report the same component). Its zones, its shared
 *   dependencies and its single-instance dependencies are what this rule is
 *   about;
 * - a journey is a target, never the failing component.
 * `faultline spof` ranks every failure without these filters.
 */
import * as z from 'zod';
import { defineRule, targetFails } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import { replicaCount } from '../model.js';
import { gateWords, listFirstIds, plural } from '../words.js';

export const singlePointOfFailure = defineRule({
  id: 'single-point-of-failure',
  defaultSeverity: 'error',
  description: 'A single physical failure (a component with one replica, a domain, a shared dependency) takes a critical component down.',
  rationale:
    'Roblox, October 2021: one Consul cluster sat under most of the platform, including the telemetry used to diagnose it; when Consul failed, everything did, for 73 hours. PagerDuty: three "independent" deployments behind a 2-of-3 quorum, two of which shared one network peering point, so one failure broke the quorum. Redundancy that one failure can defeat is not redundancy.',
  help: 'Remove the single point: replicate it (placements in several zones with `minHealthy` below the replica count), split it into independent cells the dependents can use as an `anyOf`, or make the dependency soft with a fallback. For a hidden SPOF, find the shared dependency the chain goes through and give each redundant member its own.',
  options: z.strictObject({
    ignoreKinds: z
      .array(z.string())
      .default(['provider', 'region'])
      .describe('Kinds whose failure is not reported (a whole provider or region; `single-region-critical` and `global-pinned` cover regions).'),
    includeReplicated: z
      .boolean()
      .default(false)
      .describe(
        'Also report the failure of a whole component that runs with two or more replicas here; `logical-single-point-of-failure` reports the shared ones (used directly by `minDependents` components, 2 by default), so setting this reports them twice.',
      ),
  }),
  reproduce: targetFails,
  check(context, options) {
    const findings: RuleFinding[] = [];
    for (const { index: i, failure, component: c } of context.criticalFailures()) {
      if (c.isJourney || options.ignoreKinds.includes(c.kind)) continue;
      if (!c.isDomain && !options.includeReplicated && replicaCount(c) >= 2) continue;
      const victims = failure.first.critical;
      const count = failure.criticalCount;
      const chain = context.downChain(context.indexOf(c.id), context.indexOf(victims[0]!));
      let message = `${c.id} is a single point of failure: its failure takes down ${plural(count, 'critical component')} (${listFirstIds(victims, count)})`;
      const details: string[] = [chain];
      if (failure.hidden) {
        const { onCritical, first } = context.ranking.namedGates(i);
        const gate = onCritical ?? first;
        const looked = gate ? gateWords(gate) : 'redundancy';
        message = `${c.id} is a hidden single point of failure: it defeats ${looked} and takes down ${plural(count, 'critical component')} (${listFirstIds(victims, count)})`;
      }
      findings.push({ target: c.id, related: victims, message, at: c.at, details });
    }
    return findings;
  },
});
