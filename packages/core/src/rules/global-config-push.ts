/**
 * Rule `global-config-push`
 * =========================
 *
 * Cloudflare, November 2025: a database permission change produced a bad
 * Bot Management feature file, which was pushed to every edge proxy, and the
 * proxies panicked everywhere at once. A config pushed with `rollout: global`
 * reaches every copy of its consumers together, so redundancy across regions
 * does not protect against it. This rule fails each such config source alone
 * and reports it when its consumers go down in more than one region, or when
 * any critical component goes down. A consumer that reads the config only
 * to start (`phase: startup`) is not one it is pushed to: a running copy
 * never sees the bad version until it restarts.
 */
import * as z from 'zod';
import { inView } from '../engine/compile.js';
import { defineRule, targetFails } from '../lint/rule.js';
import type { RelatedPlace, RuleFinding } from '../lint/finding.js';
import type { ComponentId } from '../model.js';
import { listIds, plural } from '../words.js';

export const globalConfigPush = defineRule({
  id: 'global-config-push',
  defaultSeverity: 'error',
  description: 'A config pushed with `rollout: global` takes down its consumers in several regions, or a critical component, when it fails.',
  rationale:
    'Cloudflare, November 2025: a database permission change doubled the Bot Management feature file, which was pushed to every edge proxy; the proxies panicked in every location at once and took ChatGPT, Claude, Spotify and many others down for about six hours. A globally pushed config is a single point of failure that no amount of regional redundancy protects against.',
  help: 'Roll the config out in stages with health checks (`rollout: staged`), and let consumers keep their last good version when a new one is bad (`mode: soft`, `fallback: true` on the edge).',
  options: z.strictObject({}),
  reproduce: targetFails,
  check(context) {
    const consumers = new Map<ComponentId, { id: ComponentId; place: RelatedPlace }[]>();
    // Per source, the consumers listed so far: one global flag store has tens of thousands.
    const listed = new Map<ComponentId, Set<ComponentId>>();
    for (const c of context.model.components.values()) {
      for (const d of c.dependsOn) {
        if (d.via !== 'config' || d.rollout !== 'global' || !inView(d, 'runtime')) continue;
        const targets = d.type === 'edge' ? [d.target] : d.anyOf;
        for (const t of targets) {
          let list = consumers.get(t);
          let ids = listed.get(t);
          if (!list || !ids) {
            list = [];
            ids = new Set();
            consumers.set(t, list);
            listed.set(t, ids);
          }
          if (ids.has(c.id)) continue;
          ids.add(c.id);
          list.push({ id: c.id, place: { id: c.id, at: d.at } });
        }
      }
    }
    const findings: RuleFinding[] = [];
    for (const source of context.model.components.values()) {
      const list = consumers.get(source.id);
      if (!list) continue;
      const s = context.indexOf(source.id);
      const view = context.fail([s]);
      const down = list.filter((x) => view.isDown(context.indexOf(x.id)));
      const regions = new Set<ComponentId>();
      for (const x of down) for (const r of context.regions.servedRegions(x.id)) regions.add(r);
      const regionList = context.regions.all.filter((r) => regions.has(r));
      const critical: ComponentId[] = [];
      let firstCritical = -1;
      for (let v = 0; v < context.graph.components; v++) {
        if (v === s || !context.component(v).critical || !view.isDown(v)) continue;
        critical.push(context.graph.names[v]!);
        if (firstCritical < 0) firstCritical = v;
      }
      if (regionList.length < 2 && critical.length === 0) continue;
      const parts: string[] = [];
      if (regionList.length >= 2) parts.push(`its consumers in ${plural(regionList.length, 'region')} (${listIds(regionList)})`);
      if (critical.length > 0) parts.push(`${plural(critical.length, 'critical component')} (${listIds(critical)})`);
      const details = firstCritical >= 0 ? [`${view.chain(firstCritical)}`] : [];
      findings.push({
        target: source.id,
        related: [...new Set([...down.map((x) => x.id), ...critical])],
        message: `${source.id} is pushed with rollout: global to ${plural(list.length, 'consumer')}; its failure takes down ${parts.join(' and ')}`,
        at: source.at,
        details,
        relatedPlaces: list.map((x) => x.place),
      });
    }
    return findings;
  },
});
