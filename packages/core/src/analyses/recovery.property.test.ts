/**
 * recoveryOrder against a naive cold start: on random manifests with cycles,
 * soft and async edges, fallbacks, start-up and run-time phases, journeys,
 * anyOf/quorum groups and weighted placements, the waves must equal rounds
 * of "start what has every hard start-up dependency, group and placement up
 * already", read straight off the manifest; what never starts is exactly
 * `heldUpBySimulate`, split into deadlocks and what they block; and every
 * hard cycle `cycles` reports (the `hard-cycle` rule's) never starts and
 * sits in a `hard-cycle` deadlock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { compile } from '../engine/compile.js';
import { model } from '../test-support.js';
import { cycles } from './cycles.js';
import { recoveryOrder } from './recovery.js';
import { manifest, naiveColdStart, specArb } from './random-manifests.test-support.js';

const graphArb = fc.integer({ min: 2, max: 22 }).chain((n) => fc.array(specArb(n, { maxDeps: 4 }), { minLength: n, maxLength: n }));

describe('recoveryOrder equals a naive cold start', () => {
  it('wave by wave, with what never starts split into deadlocks and what they block', () => {
    fc.assert(
      fc.property(graphArb, (specs) => {
        const m = model(`${manifest(specs)}\n`);
        const r = recoveryOrder(compile(m));
        const naive = naiveColdStart(m);
        const waves: string[][] = [];
        for (const [id, w] of naive) (waves[w] ??= []).push(id);
        expect(r.waves).toEqual(waves);
        const never = [...m.components.keys()].filter((id) => !naive.has(id));
        expect(r.heldUpBySimulate).toEqual(never);
        const deadlocked = r.deadlocked.flatMap((d) => d.members);
        expect([...deadlocked, ...r.blocked.map((b) => b.id)].sort()).toEqual([...never].sort());
        for (const cycle of cycles(m)) {
          for (const id of cycle.members) expect(naive.has(id)).toBe(false);
          expect(r.deadlocked.find((d) => d.members.includes(cycle.members[0]!))?.kind).toBe('hard-cycle');
        }
      }),
      propertyRuns(5150, 150),
    );
  });
});
