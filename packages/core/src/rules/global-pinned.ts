/**
 * Rule `global-pinned`
 * ====================
 *
 * AWS us-east-1, December 2021: IAM, Cognito and the console were "global",
 * yet lived in us-east-1, so a customer running only in us-west-2 failed when
 * us-east-1 did. A `scope: global` claim is checked here by simulation: fail
 * each region alone and report every global component that goes down, with
 * the chain from the component to the region.
 */
import * as z from 'zod';
import { defineRule, relatedFails } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { ComponentId } from '../model.js';
import { listIds } from '../words.js';

export const globalPinned = defineRule({
  id: 'global-pinned',
  defaultSeverity: 'error',
  description: 'A component declared `scope: global` goes down when a single region fails.',
  rationale:
    'AWS us-east-1, December 2021: IAM, Cognito and the AWS console were global services, yet they depended on us-east-1, so customers who ran only in us-west-2 failed with us-east-1 because their services authenticated through IAM. A global claim that one region can break is a single-region dependency everyone else inherits without knowing it.',
  help: 'Run the component in more than one region (placements in zones of two regions, with `minHealthy` they can meet after losing one), or drop `scope: global` and treat it as regional: give its callers a fallback or a soft edge.',
  options: z.strictObject({}),
  reproduce: relatedFails,
  check(context) {
    const globals = [...context.model.components.values()].filter((c) => c.scope === 'global');
    if (globals.length === 0) return [];
    const pinned = new Map<ComponentId, { region: ComponentId; chain: string }[]>();
    for (const region of context.regions.all) {
      const view = context.fail([context.indexOf(region)]);
      for (const g of globals) {
        if (g.id === region || !view.isDown(context.indexOf(g.id))) continue;
        const list = pinned.get(g.id) ?? [];
        list.push({ region, chain: view.chain(context.indexOf(g.id)) });
        pinned.set(g.id, list);
      }
    }
    const findings: RuleFinding[] = [];
    for (const g of globals) {
      const hits = pinned.get(g.id);
      if (!hits) continue;
      const regions = hits.map((h) => h.region);
      findings.push({
        target: g.id,
        related: regions,
        message: `${g.id} is declared scope: global but goes down when ${listIds(regions, ' or ')} fails (${hits[0]!.chain})`,
        at: g.at,
        details: hits.slice(1).map((h) => `when ${h.region} fails: ${h.chain}`),
      });
    }
    return findings;
  },
});
