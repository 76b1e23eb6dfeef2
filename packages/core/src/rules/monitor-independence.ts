/**
 * Rule `monitor-independence`
 * ===========================
 *
 * Roblox, October 2021: the telemetry used to see the outage depended on the
 * Consul cluster that had failed, so responders were blind exactly when they
 * needed to see. Cloudflare, November 2025: Downdetector, the site people
 * check when the internet breaks, ran behind Cloudflare. A monitor
 * (`kind: monitoring` or `statuspage`, or any component with `monitors:`)
 * must not share a single failure with what it monitors.
 *
 * Decided by simulation, not by looking for a direct edge: the single
 * failures that leave the monitor not up (down or degraded) are intersected
 * with those that leave something it monitors not up (`Ranking.killersOf`,
 * one bitset sweep over the monitors' cones). The common failure may be the
 * monitored thing itself or a common cause of both (a shared network, a
 * shared config).
 */
import * as z from 'zod';
import { defineRule, relatedFails } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { Component } from '../model.js';
import { listIds } from '../words.js';

export const monitorIndependence = defineRule({
  id: 'monitor-independence',
  defaultSeverity: 'error',
  description: 'A monitor or status page goes down (or degrades) in the same single failure as something it monitors.',
  rationale:
    'Roblox, October 2021: the telemetry system depended on the Consul cluster it was meant to watch, so when Consul failed the responders were blind for the whole incident. Cloudflare, November 2025: Downdetector, where people check whether a site is down, itself ran behind Cloudflare. A monitor that fails together with what it monitors is blind exactly when it is needed.',
  help: 'Make the monitor independent of what it watches: run it on other infrastructure (another provider, its own network and configuration), remove its dependency on the monitored system, or keep a second, independent monitor for that system.',
  options: z.strictObject({
    ignoreKinds: z.array(z.string()).default(['provider']).describe('Kinds whose failure is not considered (a whole provider fails every monitor inside it).'),
  }),
  reproduce: relatedFails,
  check(context, options) {
    // A monitor is whatever declares `monitors:`; a `monitoring` component that declares nothing has nothing to check.
    const monitors = [...context.model.components.values()].filter((c) => c.monitors.length > 0);
    if (monitors.length === 0) return [];
    const ranking = context.ranking;
    const targets = new Set<number>();
    for (const m of monitors) {
      targets.add(context.indexOf(m.id));
      for (const id of m.monitors) targets.add(context.indexOf(id));
    }
    const killers = ranking.killersOf([...targets], 'notUp');
    const findings: RuleFinding[] = [];
    for (const monitor of monitors) {
      const self = context.indexOf(monitor.id);
      const blinding = new Set(killers.get(self) ?? []);
      const common = new Map<number, Component[]>();
      for (const id of monitor.monitors) {
        for (const k of killers.get(context.indexOf(id)) ?? []) {
          if (!blinding.has(k)) continue;
          const f = context.component(context.failureNode(k));
          if (f.id === monitor.id || options.ignoreKinds.includes(f.kind)) continue;
          const list = common.get(k) ?? [];
          list.push(context.model.components.get(id)!);
          common.set(k, list);
        }
      }
      if (common.size === 0) continue;
      // The most direct failure: a monitored component itself, else the one that worsens least.
      const positions = [...common.keys()];
      const rank = (k: number): [number, number, number] => {
        const f = context.failureNode(k);
        return [monitor.monitors.includes(context.graph.names[f]!) ? 0 : 1, ranking.failures[k]!.downCount + ranking.failures[k]!.degradedCount, f];
      };
      positions.sort((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
      });
      const first = positions[0]!;
      const failed = context.component(context.failureNode(first));
      const watched = common.get(first)!;
      const view = context.fail([context.indexOf(failed.id)]);
      const state = (v: number): string => (view.isDown(v) ? 'down' : 'degraded');
      const others = positions.slice(1).map((k) => context.graph.names[context.failureNode(k)]!);
      const monitorChain = view.chain(self);
      let message: string;
      const details: string[] = [];
      if (watched.some((w) => w.id === failed.id)) {
        message = `${monitor.id} monitors ${failed.id} but is ${state(self)} when ${failed.id} fails, blind exactly when needed (${monitorChain})`;
      } else {
        const w = watched[0]!;
        message = `${monitor.id} and ${w.id}, which it monitors, are both ${state(self) === state(context.indexOf(w.id)) ? state(self) : 'worse'} when ${failed.id} fails: the monitor is blind exactly when needed (${monitorChain})`;
        details.push(`${w.id}: ${view.chain(context.indexOf(w.id))}`);
      }
      if (others.length > 0) details.push(`other failures that blind it together with what it monitors: ${listIds(others, ', ', 8)}`);
      findings.push({
        target: monitor.id,
        related: [...new Set([failed.id, ...watched.map((w) => w.id)])],
        message,
        at: monitor.at,
        details,
      });
    }
    return findings;
  },
});
