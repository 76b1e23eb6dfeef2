/**
 * Rule `timeout-inversion`
 * ========================
 *
 * A caller that gives up before its callee does wastes the callee's work and
 * retries into a dependency that is still busy with the first attempt: the
 * callee keeps working (and retrying downstream) for a request nobody waits
 * for any more. The explainer on cascading failures behind several incident
 * fixtures (docs/incidents.md#roblox-2021, after *Release It!*) asks for a
 * realistic timeout on every call. Reported
 * when a caller's `timeoutMs` is shorter than the callee's own worst case
 * downstream: the largest `timeoutMs × (retries + 1)` among its calls.
 */
import * as z from 'zod';
import { defineRule } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { ComponentId } from '../model.js';
import { attempts, callEdges, type CallEdge } from './call-edges.js';

export const timeoutInversion = defineRule({
  id: 'timeout-inversion',
  defaultSeverity: 'warn',
  description: "A caller's timeout is shorter than the callee's own worst case downstream (its timeout × attempts).",
  rationale:
    'When a caller gives up before its callee can, the callee keeps working, and retrying further down, for a request nobody waits for any more; the caller then retries into a dependency that is still busy with the first attempt. Under load this doubles the work exactly where capacity is short, the recovery paradox that the explainer on cascading failures behind the incident fixtures describes, after Release It! (docs/incidents.md#roblox-2021).',
  help: "Make each caller's timeout longer than the callee's worst case (the callee's timeout × its attempts), or shorten the callee's timeouts and retries so that it gives up first.",
  options: z.strictObject({}),
  check(context) {
    const timed = callEdges(context.model, (d) => d.timeoutMs !== undefined);
    const worst = new Map<ComponentId, { ms: number; edge: CallEdge }>();
    for (const [id, edges] of timed) {
      for (const e of edges) {
        const ms = e.entry.timeoutMs! * attempts(e.entry);
        const known = worst.get(id);
        if (!known || ms > known.ms) worst.set(id, { ms, edge: e });
      }
    }
    const findings: RuleFinding[] = [];
    for (const edges of timed.values()) {
      for (const e of edges) {
        const callee = worst.get(e.to);
        const timeout = e.entry.timeoutMs!;
        if (!callee || timeout >= callee.ms) continue;
        const inner = callee.edge.entry;
        const how = attempts(inner) > 1 ? ` (${inner.timeoutMs} ms × ${attempts(inner)} attempts)` : '';
        findings.push({
          target: e.from,
          related: [e.to, callee.edge.to],
          subject: [e.from, e.to],
          message: `${e.from} waits ${timeout} ms for ${e.to}, but ${e.to} can wait ${callee.ms} ms for ${callee.edge.to}${how}`,
          at: e.at,
          relatedPlaces: [{ id: e.to, at: callee.edge.at }],
        });
      }
    }
    return findings;
  },
});
