/**
 * Rule `control-plane-in-data-path`
 * =================================
 *
 * AWS us-east-1, October 2025: EC2 launches, NLB health checks and Lambda
 * invocations failed because they needed control-plane state (in DynamoDB)
 * on their request path. The data plane should keep serving with the last
 * state it has when the control plane is away ("static stability", AWS
 * Builders' Library). Reported for every `plane: data` component with a
 * path of hard dependencies to a `plane: control` component.
 *
 * Only what the running data plane needs counts (the runtime view): a
 * `phase: startup` edge (the control plane is needed to start, not to keep
 * serving, which is what static stability asks) and a `fallback: true` edge
 * (the last state is served when the control plane is away) are left out;
 * soft and async edges are not hard.
 *
 * One multi-source breadth-first search backwards from every control-plane
 * component over hard edges (and hard groups that need every member) gives
 * each component its nearest control plane and the path to it. O(V + E).
 */
import * as z from 'zod';
import { propagates } from '../engine/compile.js';
import { defineRule } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { ComponentId, SourceRange } from '../model.js';

interface Step {
  readonly to: ComponentId;
  readonly at: SourceRange;
}

export const controlPlaneInDataPath = defineRule({
  id: 'control-plane-in-data-path',
  defaultSeverity: 'warn',
  description: 'A data-plane component hard-depends, directly or not, on a control-plane component.',
  rationale:
    'AWS us-east-1, October 2025: EC2 instance launches, NLB health checks and Lambda invocations failed with DynamoDB, because control-plane state sat on their request path. A data plane that needs its control plane to serve fails whenever the control plane does, although the control plane changes rarely and its last state would do.',
  help: "Make the data plane statically stable: cache the control plane's last state and serve from it (`mode: soft` or `fallback: true` on the edge), so that a control-plane outage stops changes, not traffic.",
  options: z.strictObject({}),
  // the path ends at the control plane: it fails, and the target goes down
  reproduce: (f) => ({ fail: f.related.at(-1), focus: f.target }),
  check(context) {
    const reverse = new Map<ComponentId, { from: ComponentId; at: SourceRange }[]>();
    for (const c of context.model.components.values()) {
      for (const d of c.dependsOn) {
        if (d.mode !== 'hard' || !propagates(d, 'runtime')) continue;
        const targets: { to: ComponentId; at: SourceRange }[] =
          d.type === 'edge' ? [{ to: d.target, at: d.at }] : d.need >= d.anyOf.length ? d.anyOf.map((m, i) => ({ to: m, at: d.memberAt[i] ?? d.at })) : [];
        for (const t of targets) {
          const list = reverse.get(t.to) ?? [];
          list.push({ from: c.id, at: t.at });
          reverse.set(t.to, list);
        }
      }
    }
    const toward = new Map<ComponentId, Step | null>();
    const queue: ComponentId[] = [];
    for (const c of context.model.components.values()) {
      if (c.plane === 'control') {
        toward.set(c.id, null);
        queue.push(c.id);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      for (const { from, at } of reverse.get(u) ?? []) {
        if (toward.has(from)) continue;
        toward.set(from, { to: u, at });
        queue.push(from);
      }
    }
    const findings: RuleFinding[] = [];
    for (const c of context.model.components.values()) {
      const first = toward.get(c.id);
      if (c.plane !== 'data' || !first) continue;
      const path = [c.id];
      for (let step: Step | null | undefined = first; step; step = toward.get(step.to)) path.push(step.to);
      const control = path[path.length - 1]!;
      findings.push({
        target: c.id,
        related: path.slice(1),
        subject: [c.id, control],
        message: `${c.id} (plane: data) hard-depends on the control plane ${control}: ${path.join(' → ')}`,
        at: first.at,
      });
    }
    return findings;
  },
});
