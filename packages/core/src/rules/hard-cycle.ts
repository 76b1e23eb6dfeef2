/**
 * Rule `hard-cycle`
 * =================
 *
 * A cycle of required dependencies cannot cold-start: every member waits for
 * the one before it. It stays up while running, so it hides until the day
 * everything has to start from nothing. The explainer on cascading failures
 * behind several incident fixtures (docs/incidents.md#roblox-2021) calls
 * recovery without a known dependency order
 * "whack-a-mole": a service restarted before what it needs fails again; a
 * cycle has no safe order at all. Each strongly connected set of hard
 * dependencies is reported once, with one concrete cycle (`analyses/cycles`).
 *
 * It is a cold-start question, so the cycles are those of the start-up
 * view: `phase: startup` edges count, while runtime-only, async and
 * fallback edges never form a hard cycle (the component starts without
 * them).
 */
import * as z from 'zod';
import { defineRule } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';

export const hardCycle = defineRule({
  id: 'hard-cycle',
  defaultSeverity: 'error',
  description: 'Components depend on each other in a cycle of hard dependencies, so none of them can start from nothing.',
  rationale:
    'A cycle of required dependencies holds itself up while it runs and never comes back once it is down: each member waits for the one before it. It stays invisible until a cold start, which is exactly when it hurts. Recovery without a known dependency order turns into whack-a-mole, where a service restarted before what it needs fails again (the explainer on cascading failures behind the incident fixtures; Roblox, October 2021, took 73 hours to bring back: docs/incidents.md#roblox-2021); a cycle has no safe order at all.',
  help: 'Break the cycle: make one of its edges soft, async or `phase: runtime` (the component starts without it and uses it once it is there), or move the shared piece out of the cycle. `faultline recovery` shows the start order once the cycle is gone.',
  options: z.strictObject({}),
  check(context) {
    const findings: RuleFinding[] = [];
    for (const cycle of context.cycles) {
      const target = cycle.path[0]!;
      findings.push({
        target,
        related: cycle.members.filter((m) => m !== target),
        subject: cycle.members,
        message: `hard dependency cycle ${cycle.path.join(' → ')}: none of ${cycle.members.length === 2 ? 'the two' : `these ${cycle.members.length}`} can start until the others are up`,
        at: cycle.links[0]?.at ?? context.model.components.get(target)!.at,
        relatedPlaces: cycle.links.slice(1).map((l) => ({ id: l.from, at: l.at })),
        details: cycle.members.length > cycle.path.length - 1 ? [`all members: ${cycle.members.join(', ')}`] : [],
      });
    }
    return findings;
  },
});
