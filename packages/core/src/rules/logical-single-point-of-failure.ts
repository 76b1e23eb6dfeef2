/**
 * Rule `logical-single-point-of-failure`
 * ======================================
 *
 * Roblox, October 2021: Consul ran as one logical cluster of many nodes
 * under most services; a new streaming feature under high load and a BoltDB
 * freelist pathology broke the cluster as a whole, not one of its nodes, and
 * the platform was down for 73 hours. AWS S3, 28 February 2017: a mistyped
 * command removed too many servers of the index subsystem of us-east-1,
 * which every GET, LIST, PUT and DELETE in the region needed; it had to be
 * restarted as a whole, which took hours.
 *
 * Replicas protect against the loss of a node or a zone, which
 * `single-point-of-failure` judges. They do not protect against a failure of
 * the component as a whole (a bad deploy, a bad config, exhausted capacity):
 * this rule reports a non-domain component with two or more replicas whose
 * whole failure takes a critical component down, when it is *shared*: used
 * directly by at least `minDependents` components (2 by default). A shared
 * cluster (Consul, an index subsystem, IAM, a feature-flag store) is the
 * lesson; a tier that only its one caller uses (payments under checkout) is
 * the ordinary shape of every service, reported with `minDependents: 1`.
 * It reads the same ranking
 * (`rankFailures`); the two rules never report the same component with
 * their default options. Journeys are targets, never the failing component.
 */
import * as z from 'zod';
import { COMPONENT, GROUP, type CompiledGraph } from '../engine/compile.js';
import { defineRule, targetFails } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import { replicaCount } from '../model.js';
import { gateWords, listFirstIds } from '../words.js';

export const logicalSinglePointOfFailure = defineRule({
  id: 'logical-single-point-of-failure',
  defaultSeverity: 'warn',
  description: 'The whole failure of a replicated component (a bad deploy, a bad config, exhausted capacity) takes a critical component down.',
  rationale:
    'Roblox, October 2021: Consul ran as one logical cluster of many nodes under most services; a new streaming feature under high load and a BoltDB freelist pathology broke the cluster as a whole, and the platform was down for 73 hours. AWS S3, February 2017: a mistyped command removed too many servers of the us-east-1 index subsystem, which every GET, LIST, PUT and DELETE needed; S3 failed in the whole region until the subsystem was restarted, which took hours. Replicas survive the loss of a node, not a failure of the component as a whole.',
  help: 'Split the component into independent cells (separate clusters, deployed and configured one at a time) that dependents use as an `anyOf`, give the dependents a fallback that does without it (`fallback: true`, a cached answer), or move what needs it off the critical path. Accept the finding with a reason when the risk is known and rehearsed.',
  options: z.strictObject({
    ignoreKinds: z.array(z.string()).default([]).describe('Kinds whose logical failure is not reported (for example a managed service whose provider you trust as a whole).'),
    minDependents: z
      .number()
      .int()
      .min(1)
      .default(2)
      .describe(
        'Report only components that at least this many components use directly (a dependency or a group member, as a running system follows them): 2 reports shared clusters, 1 every replicated tier.',
      ),
  }),
  reproduce: targetFails,
  check(context, options) {
    const findings: RuleFinding[] = [];
    for (const { index: i, failure, component: c } of context.criticalFailures()) {
      if (c.isDomain || c.isJourney || options.ignoreKinds.includes(c.kind)) continue;
      const replicas = replicaCount(c);
      if (replicas < 2) continue;
      if (directUsers(context.graph, context.indexOf(c.id)) < options.minDependents) continue;
      const victims = failure.first.critical;
      const count = failure.criticalCount;
      const details = [context.downChain(context.indexOf(c.id), context.indexOf(victims[0]!))];
      if (count > 2) details.push(`critical components down: ${listFirstIds(victims, count, ' and ', 8)}`);
      if (failure.hidden) {
        const gate = context.ranking.namedGates(i).onCritical;
        if (gate) details.push(`on the way it defeats ${gateWords(gate)}`);
      }
      findings.push({
        target: c.id,
        related: victims,
        message: `${c.id} runs ${replicas} replicas, but one logical failure of it takes down ${victimWords(victims, count)}`,
        at: c.at,
        details,
      });
    }
    return findings;
  },
});

/** How many components use component node c directly: through a dependency or as a group member, in the graph's view. */
function directUsers(graph: CompiledGraph, c: number): number {
  const users = new Set<number>();
  for (let i = graph.dependentOffset[c]!; i < graph.dependentOffset[c + 1]!; i++) {
    const from = graph.edgeFrom[graph.dependentEdges[i]!]!;
    if (graph.type[from] === COMPONENT) users.add(from);
    else if (graph.type[from] === GROUP) users.add(graph.owner[from]!);
  }
  return users.size;
}

/** `checkout`, `checkout and payments`, `checkout and 3 more critical components`. */
function victimWords(victims: readonly string[], count: number): string {
  if (count <= 2) return listFirstIds(victims, count);
  return `${victims[0]} and ${count - 1} more critical components`;
}
