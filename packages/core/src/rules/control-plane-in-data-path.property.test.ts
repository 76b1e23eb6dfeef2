/**
 * `control-plane-in-data-path` walks numbers (the compiled graph's model
 * order, typed arrays); the first version walked maps keyed by ids. The
 * latter is kept here as the oracle: on random manifests with random planes,
 * both give the same findings, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { propagates } from '../engine/compile.js';
import { LintContext } from '../lint/context.js';
import type { ComponentId, Model, SourceRange } from '../model.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { model } from '../test-support.js';
import { controlPlaneInDataPath } from './control-plane-in-data-path.js';

/** The first implementation: a map of reversed edges by id, a breadth-first search over ids. */
function byIds(m: Model) {
  interface Step {
    readonly to: ComponentId;
    readonly at: SourceRange;
  }
  const reverse = new Map<ComponentId, { from: ComponentId; at: SourceRange }[]>();
  for (const c of m.components.values()) {
    for (const d of c.dependsOn) {
      if (d.mode !== 'hard' || !propagates(d, 'runtime')) continue;
      const targets = d.type === 'edge' ? [{ to: d.target, at: d.at }] : d.need >= d.anyOf.length ? d.anyOf.map((t, i) => ({ to: t, at: d.memberAt[i] ?? d.at })) : [];
      for (const t of targets) {
        const list = reverse.get(t.to) ?? [];
        list.push({ from: c.id, at: t.at });
        reverse.set(t.to, list);
      }
    }
  }
  const toward = new Map<ComponentId, Step | null>();
  const queue: ComponentId[] = [];
  for (const c of m.components.values()) {
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
  const findings = [];
  for (const c of m.components.values()) {
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
}

const PLANES = ['', '', 'control', 'data', 'data'] as const;
const caseArb = fc
  .integer({ min: 2, max: 24 })
  .chain((n) => fc.tuple(fc.array(specArb(n, { maxDeps: 4 }), { minLength: n, maxLength: n }), fc.array(fc.constantFrom(...PLANES), { minLength: n, maxLength: n })));

describe('control-plane-in-data-path', () => {
  it('gives the findings of the walk over ids, in the same order', () => {
    fc.assert(
      fc.property(caseArb, ([specs, planes]) => {
        const lines = manifest(specs)
          .split('\n')
          .map((line, i) => (planes[i] ? line.replace(/\{ kind: (\w+)/, `{ kind: $1, plane: ${planes[i]}`) : line));
        const m = model(`${lines.join('\n')}\n`);
        const found = controlPlaneInDataPath.check(new LintContext(m), {});
        expect(found).toEqual(byIds(m));
      }),
      propertyRuns(20261208, 150),
    );
  });
});
