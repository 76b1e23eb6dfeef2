/**
 * Rule `retry-amplification`
 * ==========================
 *
 * Retries multiply along a call chain: if each of three layers tries three
 * times, one user request becomes 27 attempts at the bottom, exactly when the
 * bottom is already struggling. The explainer on cascading failures behind
 * several incident fixtures (docs/incidents.md#roblox-2021) calls the result
 * a self-inflicted DDoS, the "retry storm"; in the AWS us-east-1 outage of
 * December 2021, retries kept the congestion going (AWS's summary,
 * docs/incidents.md#aws-2021). This
 * rule finds, for every component, the call path below it whose product of
 * `retries + 1` is largest, and reports paths above the threshold.
 *
 * Dynamic programming in post-order over the call graph (iterative; a cycle
 * is cut where the depth-first search meets it, so each path is simple):
 * best(v) = max over calls v → u of (retries + 1) × best(u). Paths are
 * reported from the worst down; a path inside one already reported is not
 * reported again.
 *
 * A simple path takes at most one call of each dependency entry, so no path
 * multiplies more than the product of every entry's `retries + 1`: when that
 * product is not above the threshold (no call retries, in most manifests),
 * nothing can be reported and the rule stops there, in one pass over the
 * entries, without building the call graph.
 */
import * as z from 'zod';
import { defineRule } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { ComponentId, Model } from '../model.js';
import { attempts, callEdges, type CallEdge, isSynchronousCall } from './call-edges.js';

export const retryAmplification = defineRule({
  id: 'retry-amplification',
  defaultSeverity: 'warn',
  description: 'Retries multiply along a chain of calls beyond a threshold.',
  rationale:
    'Retries at every layer multiply: three layers that each try three times turn one request into 27 attempts at the bottom, and they do it exactly when the bottom is slow or failing, so a brief overload becomes a retry storm, a self-inflicted DDoS that keeps it down (the explainer on cascading failures behind the incident fixtures; AWS us-east-1, December 2021, where retries kept the network congestion going: docs/incidents.md#aws-2021).',
  help: 'Retry at one layer only (usually the one closest to the user), cap retries with a budget, and add circuit breakers so that callers stop calling a failing dependency.',
  options: z.strictObject({
    threshold: z.number().min(1).default(10).describe('Report call paths whose product of `retries + 1` is above this.'),
  }),
  check(context, options) {
    if (!canExceed(context.model, options.threshold)) return [];
    const calls = callEdges(context.model, (d) => d.via === 'call');
    const { best, next, length } = amplification(context.model.components.keys(), calls);
    const order = new Map([...context.model.components.keys()].map((id, i) => [id, i]));
    const candidates = [...best.entries()]
      .filter(([, factor]) => factor > options.threshold)
      .sort(([a, fa], [b, fb]) => fb - fa || length.get(b)! - length.get(a)! || order.get(a)! - order.get(b)!);
    const covered = new Set<ComponentId>();
    const findings: RuleFinding[] = [];
    for (const [entry, factor] of candidates) {
      // The path starts at the first call that retries: callers above it only pass requests on.
      let start = entry;
      for (let e = next.get(start); e && attempts(e.entry) === 1; e = next.get(start)) start = e.to;
      if (covered.has(start)) continue;
      const edges: CallEdge[] = [];
      for (let e = next.get(start); e; e = next.get(e.to)) edges.push(e);
      const path = [start, ...edges.map((e) => e.to)];
      for (const id of path) covered.add(id);
      const factors = edges.map((e) => attempts(e.entry)).filter((n) => n > 1);
      findings.push({
        target: start,
        related: path.slice(1),
        subject: path,
        message: `${path.join(' → ')} multiplies one request into up to ${format(factor)} attempts (${factors.join(' × ')}; threshold ${format(options.threshold)})`,
        at: edges[0]!.at,
        relatedPlaces: edges.slice(1).map((e) => ({ id: e.from, at: e.at })),
      });
    }
    return findings;
  },
});

/** False when the product of `retries + 1` over every call entry, a bound on any simple path's, is not above `threshold`. */
function canExceed(model: Model, threshold: number): boolean {
  let bound = 1;
  for (const c of model.components.values()) {
    for (const d of c.dependsOn) {
      if (!d.retries || d.via !== 'call' || !isSynchronousCall(d)) continue;
      bound *= attempts(d);
      if (bound > threshold) return true;
    }
  }
  return false;
}

/** best(v), the call that achieves it, and the path's length, for every component. */
function amplification(ids: Iterable<ComponentId>, calls: ReadonlyMap<ComponentId, readonly CallEdge[]>) {
  const best = new Map<ComponentId, number>();
  const next = new Map<ComponentId, CallEdge>();
  const length = new Map<ComponentId, number>();
  const onStack = new Set<ComponentId>();
  for (const root of ids) {
    if (best.has(root)) continue;
    const stack: { id: ComponentId; i: number }[] = [{ id: root, i: 0 }];
    onStack.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = calls.get(top.id) ?? [];
      if (top.i < out.length) {
        const to = out[top.i++]!.to;
        if (!best.has(to) && !onStack.has(to)) {
          onStack.add(to);
          stack.push({ id: to, i: 0 });
        }
        continue;
      }
      let factor = 1;
      let via: CallEdge | undefined;
      for (const e of out) {
        const below = best.get(e.to);
        if (below === undefined) continue; // a call back into the current path
        const f = attempts(e.entry) * below;
        if (f > factor) {
          factor = f;
          via = e;
        }
      }
      best.set(top.id, factor);
      length.set(top.id, via ? 1 + length.get(via.to)! : 0);
      if (via) next.set(top.id, via);
      onStack.delete(top.id);
      stack.pop();
    }
  }
  return { best, next, length };
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
