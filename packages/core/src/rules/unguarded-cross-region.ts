/**
 * Rule `unguarded-cross-region`
 * =============================
 *
 * AWS us-east-1, December 2021 and October 2025: services in other regions
 * failed because they called into us-east-1 with nothing between them and
 * its failure. A hard call from a component into a region where its callee
 * does not run couples the two regions' fates; a circuit breaker, a fallback
 * or a soft edge keeps the caller's region up when the other one fails.
 * A `phase: startup` edge is not reported: the running caller does not need
 * it, so the other region's failure does not reach it (starting again during
 * that failure is `faultline recovery`'s question). An async edge is not
 * hard, so it is never reported either.
 */
import * as z from 'zod';
import { inView } from '../engine/compile.js';
import { defineRule, relatedFails } from '../lint/rule.js';
import { ViaSchema } from '../schema.js';
import type { RuleFinding } from '../lint/finding.js';
import { listIds } from '../words.js';

const Via = z.enum(ViaSchema.options);

export const unguardedCrossRegion = defineRule({
  id: 'unguarded-cross-region',
  defaultSeverity: 'warn',
  description: 'A hard call crosses regions with no circuit breaker, fallback or soft mode.',
  rationale:
    "AWS us-east-1, December 2021 and October 2025: workloads in other regions went down because they called into us-east-1 with nothing to stop the failure from crossing over. A hard, unguarded call from one region into another makes the caller's region only as available as both regions together.",
  help: "Run the callee in the caller's regions too, or guard the edge: `circuitBreaker: true` with a `fallback: true` (cached or degraded answer), or `mode: soft` when the caller can work without it.",
  options: z.strictObject({
    via: z.array(Via).default(['call']).describe('Which kinds of edge count as calls (`call`, `config`, `dns`, `auth`, `data`).'),
  }),
  reproduce: relatedFails,
  check(context, options) {
    const findings: RuleFinding[] = [];
    const regions = context.regions;
    for (const c of context.model.components.values()) {
      const from = regions.placementRegions(c.id);
      if (from.size === 0) continue;
      for (const d of c.dependsOn) {
        if (d.type !== 'edge' || d.mode !== 'hard' || d.circuitBreaker || d.fallback || !inView(d, 'runtime') || !options.via.includes(d.via)) continue;
        const to = regions.placementRegions(d.target);
        if (to.size === 0) continue;
        const outside = regions.all.filter((r) => from.has(r) && !to.has(r));
        if (outside.length === 0) continue;
        const calleeRegions = regions.all.filter((r) => to.has(r));
        findings.push({
          target: c.id,
          related: [d.target],
          subject: [c.id, d.target],
          message: `${c.id} in ${listIds(outside)} calls ${d.target}, which runs only in ${listIds(calleeRegions)}, with a hard edge and no circuit breaker or fallback`,
          at: d.at,
        });
      }
    }
    return findings;
  },
});
