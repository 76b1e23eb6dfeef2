/**
 * `LintContext.downChain` stops its propagation once the victim is down, so
 * lint's single-point-of-failure rules do work bounded by what goes down
 * before the first victim (a whole simulation per SPOF made a 10,000-long
 * chain quadratic). Its chain must be the one a whole simulation gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failureSpace } from '../analyses/failure-space.js';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { model } from '../test-support.js';
import { LintContext } from './context.js';

const graphArb = fc.integer({ min: 2, max: 18 }).chain((n) => fc.array(specArb(n, { weights: true, maxDeps: 4 }), { minLength: n, maxLength: n }));

describe('LintContext.downChain', () => {
  it('gives every down victim the chain a whole simulation gives it', () => {
    fc.assert(
      fc.property(graphArb, (specs) => {
        const context = new LintContext(model(`${manifest(specs)}\n`));
        const { graph } = context;
        for (const node of failureSpace(graph).nodes) {
          const view = context.fail([node]);
          const expected = new Map<number, string>();
          for (let v = 0; v < graph.components; v++) if (v !== node && view.isDown(v)) expected.set(v, view.chain(v));
          for (const [v, chain] of expected) expect(context.downChain(node, v)).toBe(chain);
        }
      }),
      propertyRuns(20261207, 60),
    );
  });
});
