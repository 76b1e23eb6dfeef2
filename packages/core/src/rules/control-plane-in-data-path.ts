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
 * each component its nearest control plane and the path to it. O(V + E),
 * on component numbers (the compiled graph's model order) and typed arrays;
 * a model without both a control plane and a data plane is not walked.
 */
import * as z from 'zod';
import { propagates, resolved } from '../engine/compile.js';
import { defineRule } from '../lint/rule.js';
import type { RuleFinding } from '../lint/finding.js';
import type { SourceRange } from '../model.js';

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
    const { componentAt, components: n } = context.graph;
    // Nothing to report without both planes: no walk at all.
    let control = false;
    let data = false;
    for (let v = 0; v < n; v++) {
      const plane = componentAt[v]!.plane;
      if (plane === 'control') control = true;
      else if (plane === 'data') data = true;
    }
    if (!control || !data) return [];
    // The hard runtime edges as numbers, in one pass over the entries (the targets resolved
    // once for the model by `resolved`, shared with compiling), then reversed into arrays
    // (each callee's callers in manifest order): `from`/`at` of edges `offset[u] … offset[u + 1]`.
    const { targets } = resolved(context.model);
    const edgeFrom = new Int32Array(targets.length);
    const edgeTo = new Int32Array(targets.length);
    const edgeAt: SourceRange[] = [];
    let edges = 0;
    let t = 0;
    for (let v = 0; v < n; v++) {
      const c = componentAt[v]!;
      t += c.placements.length;
      for (const d of c.dependsOn) {
        const count = d.type === 'edge' ? 1 : d.anyOf.length;
        if (d.mode === 'hard' && propagates(d, 'runtime') && (d.type === 'edge' || d.need >= count)) {
          for (let i = 0; i < count; i++) {
            edgeFrom[edges] = v;
            edgeTo[edges] = targets[t + i]!;
            edgeAt.push(d.type === 'edge' ? d.at : (d.memberAt[i] ?? d.at));
            edges++;
          }
        }
        t += count;
      }
    }
    const offset = new Int32Array(n + 1);
    for (let k = 0; k < edges; k++) offset[edgeTo[k]! + 1]!++;
    for (let u = 0; u < n; u++) offset[u + 1]! += offset[u]!;
    const from = new Int32Array(edges);
    const at: SourceRange[] = new Array(edges);
    const fill = offset.slice(0, n);
    for (let k = 0; k < edges; k++) {
      const slot = fill[edgeTo[k]!]!++;
      from[slot] = edgeFrom[k]!;
      at[slot] = edgeAt[k]!;
    }
    // Breadth-first from every control plane: toward[v] is the next component on v's path, −1 for none, v for a control plane.
    const toward = new Int32Array(n).fill(-1);
    const stepAt: (SourceRange | undefined)[] = new Array(n);
    const queue = new Int32Array(n);
    let tail = 0;
    for (let v = 0; v < n; v++) {
      if (componentAt[v]!.plane === 'control') {
        toward[v] = v;
        queue[tail++] = v;
      }
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      for (let k = offset[u]!; k < offset[u + 1]!; k++) {
        const v = from[k]!;
        if (toward[v] !== -1) continue;
        toward[v] = u;
        stepAt[v] = at[k];
        queue[tail++] = v;
      }
    }
    const findings: RuleFinding[] = [];
    for (let v = 0; v < n; v++) {
      const c = componentAt[v]!;
      if (c.plane !== 'data' || toward[v] === -1 || toward[v] === v) continue;
      const path = [c.id];
      let w = v;
      while (toward[w] !== w) {
        w = toward[w]!;
        path.push(componentAt[w]!.id);
      }
      const controlPlane = path[path.length - 1]!;
      findings.push({
        target: c.id,
        related: path.slice(1),
        subject: [c.id, controlPlane],
        message: `${c.id} (plane: data) hard-depends on the control plane ${controlPlane}: ${path.join(' → ')}`,
        at: stepAt[v]!,
      });
    }
    return findings;
  },
});
