/**
 * Rule `single-region-critical`
 * =============================
 *
 * AWS us-east-1, October 2025: customers that "were multi-region" went down
 * with us-east-1, because their failover control and authentication lived
 * there. A critical component that runs in (or is served from) several
 * regions must survive the loss of any one of them; this rule fails each of
 * its regions alone and reports the ones that take it down.
 *
 * A critical component that runs in one region only is a deliberate
 * single-region design and is reported only with `includeSingleRegion`.
 */
import * as z from 'zod';
import { defineRule, relatedFails } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { Component, ComponentId } from '../model.js';
import { listIds } from '../words.js';

export const singleRegionCritical = defineRule({
  id: 'single-region-critical',
  defaultSeverity: 'warn',
  description: 'A critical component goes down when one of its own regions fails.',
  rationale:
    'AWS us-east-1, October 2025: a customer deployed in us-east-1 and us-west-2 still went down with us-east-1, because the failover control and the authentication it needed lived only there. Running in two regions protects nothing when one region holds something the component cannot do without.',
  help: 'Follow the chain to the dependency that lives only in the failing region, and give the component a copy of it in its other regions (or a soft edge with a fallback). For quorum data stores, place members so that no region holds a majority.',
  options: z.strictObject({
    includeSingleRegion: z.boolean().default(false).describe('Also report critical components that run in one region only (a single-region design is not reported by default).'),
  }),
  reproduce: relatedFails,
  check(context, options) {
    const candidates: { c: Component; regions: ReadonlySet<ComponentId> }[] = [];
    for (const c of context.model.components.values()) {
      if (!c.critical || c.isDomain) continue;
      const regions = context.regions.servedRegions(c.id);
      if (regions.size >= 2 || (regions.size === 1 && options.includeSingleRegion)) candidates.push({ c, regions });
    }
    if (candidates.length === 0) return [];
    const hits = new Map<ComponentId, { region: ComponentId; chain: string }[]>();
    for (const region of context.regions.all) {
      const concerned = candidates.filter((x) => x.regions.has(region));
      if (concerned.length === 0) continue;
      const view = context.fail([context.indexOf(region)]);
      for (const { c } of concerned) {
        const v = context.indexOf(c.id);
        if (!view.isDown(v)) continue;
        const list = hits.get(c.id) ?? [];
        list.push({ region, chain: view.chain(v) });
        hits.set(c.id, list);
      }
    }
    const findings: RuleFinding[] = [];
    for (const { c, regions } of candidates) {
      const list = hits.get(c.id);
      if (!list) continue;
      const where = context.regions.all.filter((r) => regions.has(r));
      const first = list[0]!;
      const claim = where.length === 1 ? `runs only in ${first.region}` : `runs in ${listIds(where)}`;
      findings.push({
        target: c.id,
        related: list.map((h) => h.region),
        message: `${c.id} (critical) ${claim} and goes down when ${first.region} fails (${first.chain})`,
        at: c.at,
        details: list.slice(1).map((h) => `when ${h.region} fails: ${h.chain}`),
      });
    }
    return findings;
  },
});
