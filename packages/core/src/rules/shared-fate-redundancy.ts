/**
 * Rule `shared-fate-redundancy`
 * =============================
 *
 * PagerDuty: three "independent" deployments behind a 2-of-3 quorum, two of
 * which shared one network peering point; DEV341: six web instances, five
 * of them in one availability zone. Redundancy protects only against
 * failures its members do not share. For every redundancy gate (an `anyOf`
 * or quorum with spare members, placements with spare replicas:
 * `analyses/redundancy`), the single failures that defeat it are found with
 * `Ranking.killersOf` (one bitset sweep for all gates), and the gate is
 * reported on its component, naming the most direct such failure.
 *
 * As for `single-point-of-failure`, failures of kinds in `ignoreKinds` are
 * left out (zones of one region share that region by design, and a region's
 * loss is judged by `single-region-critical` and `global-pinned`), and so is
 * the failure of a whole replicated component unless `includeReplicated`.
 */
import * as z from 'zod';
import { redundancyGates, type RedundancyGate } from '../analyses/redundancy.js';
import { defineRule, relatedFails } from '../lint/rule.js';
import type { FailureView, LintContext } from '../lint/context.js';
import type { RuleFinding } from '../lint/finding.js';
import { replicaCount, type SourceRange } from '../model.js';
import { listIds, possessive } from '../words.js';

export const sharedFateRedundancy = defineRule({
  id: 'shared-fate-redundancy',
  defaultSeverity: 'warn',
  description: 'The replicas or `anyOf` members of one component go down together in a single failure.',
  rationale:
    'PagerDuty: three "independent" cloud deployments behind a 2-of-3 quorum, two of which shared one network peering point; its instability took both down and the quorum with them. re:Invent DEV341: five of six web instances in one availability zone, so losing that zone left one. Redundancy only protects against failures its members do not share.',
  help: 'Give the members independent dependencies: their own network path, zone, power or config source; spread replicas so that losing any one domain leaves `minHealthy`; and make sure the members of an `anyOf` do not all depend on one thing.',
  options: z.strictObject({
    ignoreKinds: z
      .array(z.string())
      .default(['provider', 'region'])
      .describe("Kinds whose failure is not reported (zones share their region by design; region loss is `single-region-critical`'s concern)."),
    includeReplicated: z
      .boolean()
      .default(false)
      .describe('Also report the failure of a whole component that runs with two or more replicas (a logical failure such as a bad deploy).'),
  }),
  reproduce: relatedFails,
  check(context, options) {
    const gates = redundancyGates(context.graph);
    if (gates.length === 0) return [];
    const ranking = context.ranking;
    const killers = ranking.killersOf(
      gates.map((g) => g.node),
      'down',
    );
    const counts = (k: number): boolean => {
      const c = context.component(context.failureNode(k));
      return !options.ignoreKinds.includes(c.kind) && (c.isDomain || options.includeReplicated || replicaCount(c) < 2);
    };
    const size = (k: number): number => ranking.failures[k]!.downCount + ranking.failures[k]!.degradedCount;
    // Each gate's most direct cause (the failure that worsens least, then model order), grouped
    // by that failure so that each failure is simulated once for all the gates it defeats.
    const byFailure = new Map<number, { gate: RedundancyGate; others: string[] }[]>();
    for (const gate of gates) {
      const positions = (killers.get(gate.node) ?? []).filter(counts);
      if (positions.length === 0) continue;
      positions.sort((a, b) => size(a) - size(b) || context.failureNode(a) - context.failureNode(b));
      const first = context.failureNode(positions[0]!);
      const list = byFailure.get(first) ?? [];
      list.push({ gate, others: positions.slice(1).map((k) => context.graph.names[context.failureNode(k)]!) });
      byFailure.set(first, list);
    }
    const findings: RuleFinding[] = [];
    for (const [failure, list] of byFailure) {
      const failed = context.graph.names[failure]!;
      const view = context.fail([failure]);
      for (const { gate, others } of list) {
        const lost = lostMembers(context, gate, view);
        const owner = context.model.components.get(gate.owner)!;
        const what =
          gate.kind === 'anyOf'
            ? `${possessive(gate.owner)} anyOf [${gate.members.join(', ')}] (needs ${gate.need}) loses ${listIds(lost.ids)}`
            : `${possessive(gate.owner)} replicas (${lost.total} over ${listIds(gate.members)}, needs ${gate.need}) lose ${lost.count} in ${listIds(lost.ids)}`;
        const details = [view.chain(context.indexOf(gate.owner))];
        if (others.length > 0) details.push(`also defeated by: ${listIds(others, ', ', 8)}`);
        findings.push({
          target: gate.owner,
          related: [failed, ...gate.members.filter((m) => m !== failed)],
          subject: [gate.owner, ...gate.members],
          message: `${what} when ${failed} fails: the redundancy shares one fate`,
          at: gateAt(gate, owner.dependsOn, owner.placements[0]?.at ?? owner.at),
          details,
        });
      }
    }
    return findings;
  },
});

/** The members (or placement domains and replica count) the failure takes down. */
function lostMembers(context: LintContext, gate: RedundancyGate, view: FailureView): { ids: string[]; count: number; total: number } {
  const g = context.graph;
  const ids: string[] = [];
  let count = 0;
  let total = 0;
  for (let e = g.inputOffset[gate.node]!; e < g.inputOffset[gate.node + 1]!; e++) {
    const member = g.inputs[e]!;
    const weight = g.inputWeight[e]!;
    total += weight;
    if (!view.isDown(member)) continue;
    count += weight;
    ids.push(gate.kind === 'anyOf' ? g.names[member]! : g.names[g.detail[member]!]!);
  }
  return { ids, count, total };
}

function gateAt(gate: RedundancyGate, dependsOn: readonly { at: SourceRange }[], fallback: SourceRange): SourceRange {
  return gate.entry !== undefined ? (dependsOn[gate.entry]?.at ?? fallback) : fallback;
}
