/**
 * The bit-parallel kernel and the what-if runs against the propagation
 * engine: on random manifests with cycles, soft and async edges, fallbacks,
 * start-up and run-time phases, journeys, anyOf/quorum groups and weighted
 * placements, every trial of a pass must put exactly the nodes down that one
 * `Propagator` run of that trial's failures does (and the components down
 * that a naive fixpoint read off the manifest gives), and a what-if run
 * without one failure must bring up exactly the components that propagating
 * the trial without it brings up. No journey is ever a basic event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { COMPONENT, compile } from '../engine/compile.js';
import { CAUSE_FAULT, Propagator } from '../engine/propagate.js';
import { model } from '../test-support.js';
import { WhatIf } from './availability-importance.js';
import { Kernel } from './availability-kernel.js';
import { evaluationPlan } from './availability-plan.js';
import { mulberry32 } from './availability-random.js';
import { basicEvents } from './availability-events.js';
import { failureSpace } from './failure-space.js';
import { failureNames, manifest, naiveOutcome, specArb } from './random-manifests.test-support.js';

const caseArb = fc
  .integer({ min: 2, max: 18 })
  .chain((n) => fc.record({ specs: fc.array(specArb(n), { minLength: n, maxLength: n }), seed: fc.integer(), density: fc.constantFrom(0.05, 0.2, 0.5) }));

describe('the availability kernel equals one propagation per trial', () => {
  it('for every node of every trial of a pass, and for every what-if without one failure', () => {
    fc.assert(
      fc.property(caseArb, ({ specs, seed, density }) => {
        const m = model(`${manifest(specs)}\n`);
        const graph = compile(m);
        const components = [...Array(graph.components).keys()];
        const drawn = basicEvents(graph, new Uint8Array(graph.size).fill(1));
        expect([...drawn.nodes].map((v) => graph.names[v]!).sort()).toEqual(failureNames(m).sort());
        const plan = evaluationPlan(graph, components);
        const W = 2;
        const kernel = new Kernel(plan, W);
        const random = mulberry32(seed);
        const events = [...failureSpace(graph).nodes];
        for (const v of events) for (let j = 0; j < W; j++) for (let b = 0; b < 32; b++) if (random() < density) kernel.fault[plan.position[v]! * W + j]! |= 1 << b;
        kernel.run();

        const state = new Propagator(graph);
        const failedIn = (t: number, except = -1): number[] => events.filter((v) => v !== except && (kernel.fault[plan.position[v]! * W + (t >>> 5)]! >>> (t & 31)) & 1);
        const downIn = (t: number, except = -1): Set<number> => {
          state.run(failedIn(t, except).map((node) => ({ node, down: true, cause: CAUSE_FAULT, source: -1 })));
          const out = new Set<number>();
          for (let v = 0; v < graph.size; v++) if (state.isDown(v)) out.add(v);
          return out;
        };
        const watched = new Int32Array(plan.size).fill(-1);
        for (const c of components) watched[plan.position[c]!] = c;
        let cameUp: string[] = [];
        const whatIf = new WhatIf(kernel, watched, (c, _e, n) => {
          expect(n).toBe(1);
          cameUp.push(graph.names[c]!);
        });
        for (let t = 0; t < 32 * W; t++) {
          const expected = downIn(t);
          const got = [...plan.node].filter((_, p) => (kernel.down[p * W + (t >>> 5)]! >>> (t & 31)) & 1);
          expect(got.map((v) => graph.names[v]).sort()).toEqual(
            [...plan.node]
              .filter((v) => expected.has(v))
              .map((v) => graph.names[v])
              .sort(),
          );
          const naive = naiveOutcome(
            m,
            failedIn(t).map((v) => graph.names[v]!),
          ).down;
          expect(
            got
              .filter((v) => v < graph.components)
              .map((v) => graph.names[v])
              .sort(),
          ).toEqual([...naive].sort());
          const failed = failedIn(t);
          if (failed.length === 0) continue;
          const e = failed[t % failed.length]!;
          const without = downIn(t, e);
          cameUp = [];
          const before = kernel.down.slice();
          whatIf.measure(plan.position[e]!, t >>> 5, 1 << (t & 31), e);
          expect(kernel.down).toEqual(before);
          const expectedUp = components.filter((c) => graph.type[c] === COMPONENT && expected.has(c) && !without.has(c)).map((c) => graph.names[c]!);
          expect(cameUp.sort()).toEqual(expectedUp.sort());
        }
      }),
      propertyRuns(31337, 80),
    );
  });
});
