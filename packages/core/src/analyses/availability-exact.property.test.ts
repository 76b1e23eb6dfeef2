/**
 * The analytic availability against brute force: on random manifests small
 * enough to enumerate every set of failures, read straight off the manifest
 * by the naive fixpoint (`naiveOutcome`, never the compiled graph), with
 * availabilities from 50 % to 100 %:
 *
 * - enumeration and the BDD over a complete cut-set list both equal the
 *   brute-force unavailability to 1e-12, with the same Birnbaum importance
 *   and the same minimal cut sets;
 * - the bounds (order 2, so often truncated) and 'auto' bracket it;
 * - Monte Carlo agrees within five standard errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { model } from '../test-support.js';
import type { Model } from '../model.js';
import { availability, type ComponentAvailability } from './availability.js';
import { failureNames, manifest, naiveOutcome, specArb } from './random-manifests.test-support.js';

const AVAILABILITIES = [0.5, 0.8, 0.9, 0.99, 0.9999, 1] as const;

const caseArb = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    specs: fc.array(specArb(n, { maxDeps: 2 }), { minLength: n, maxLength: n }),
    availability: fc.array(fc.constantFrom(...AVAILABILITIES), { minLength: n, maxLength: n }),
  }),
);

/** The manifest with an `availability` on every component. */
function withAvailability(text: string, values: readonly number[]): Model {
  const lines = text.split('\n').map((line, i) => line.replace('{ ', `{ availability: ${values[i]}, `));
  return model(`${lines.join('\n')}\n`);
}

interface Brute {
  readonly u: Map<string, number>;
  readonly birnbaum: Map<string, Map<string, number>>;
  readonly minimal: Map<string, string[]>;
}

/** Every set of failures, by the naive fixpoint: unavailability, Birnbaum importance and minimal cut sets per component. */
function bruteForce(m: Model, names: readonly string[]): Brute {
  const q = names.map((f) => 1 - (m.components.get(f.split('@')[0]!)!.availability ?? 0.9999));
  const ids = [...m.components.keys()];
  const u = new Map(ids.map((id) => [id, 0]));
  const birnbaum = new Map(ids.map((id) => [id, new Map<string, number>()]));
  const downSets = new Map(ids.map((id) => [id, new Set<number>()]));
  const F = names.length;
  for (let s = 0; s < 2 ** F; s++) {
    let p = 1;
    for (let e = 0; e < F; e++) p *= s & (1 << e) ? q[e]! : 1 - q[e]!;
    const down = naiveOutcome(
      m,
      names.filter((_, e) => s & (1 << e)),
    ).down;
    for (const id of down) {
      u.set(id, u.get(id)! + p);
      downSets.get(id)!.add(s);
    }
  }
  for (const id of ids) {
    const down = downSets.get(id)!;
    for (let e = 0; e < F; e++) {
      if (q[e] === 0) continue;
      // Σ over the others' states of P(others) × (down with e − down without e).
      let b = 0;
      for (let s = 0; s < 2 ** F; s++) {
        if (s & (1 << e)) continue;
        if (!down.has(s | (1 << e)) || down.has(s)) continue;
        let p = 1;
        for (let x = 0; x < F; x++) if (x !== e) p *= s & (1 << x) ? q[x]! : 1 - q[x]!;
        b += p;
      }
      if (b > 0) birnbaum.get(id)!.set(names[e]!, b);
    }
  }
  const minimal = new Map<string, string[]>();
  for (const id of ids) {
    const down = downSets.get(id)!;
    const sets: string[] = [];
    for (const s of down) {
      let isMinimal = true;
      for (let e = 0; e < F && isMinimal; e++) if (s & (1 << e) && down.has(s & ~(1 << e))) isMinimal = false;
      const members = names.filter((_, e) => s & (1 << e));
      if (isMinimal && members.every((f) => q[names.indexOf(f)]! > 0)) sets.push(members.sort().join(' + '));
    }
    minimal.set(id, sets.sort());
  }
  return { u, birnbaum, minimal };
}

const FULL = { importance: 1000, contributors: 100_000 } as const;

function byId(r: { components: readonly ComponentAvailability[] }): Map<string, ComponentAvailability> {
  return new Map(r.components.map((c) => [c.id, c]));
}

const sets = (c: ComponentAvailability): string[] => c.contributors.map((x) => [...x.members].sort().join(' + ')).sort();

describe('analytic availability equals brute force on small manifests', () => {
  it('exact by enumeration and by BDD, bounds and auto bracket it', () => {
    fc.assert(
      fc.property(caseArb, ({ specs, availability: values }) => {
        const m = withAvailability(manifest(specs), values);
        const names = failureNames(m);
        fc.pre(names.length <= 10);
        const brute = bruteForce(m, names);
        const components = [...m.components.keys()];
        const enumerated = byId(availability(m, { ...FULL, method: 'exact', components }));
        const bdd = byId(availability(m, { ...FULL, method: 'exact', components, enumerationLimit: 0, maxOrder: names.length }));
        const bounds = byId(availability(m, { method: 'bounds', components }));
        // Order 1 only: the pairs and beyond are unlisted, and only the truncation bound keeps the bracket honest.
        const singles = byId(availability(m, { method: 'bounds', components, maxOrder: 1 }));
        const auto = byId(availability(m, { method: 'auto', components, enumerationLimit: 0 }));
        for (const id of components) {
          const u = brute.u.get(id)!;
          const e = enumerated.get(id)!;
          expect(e.method).toBe('enumeration');
          expect(Math.abs(e.unavailability - u)).toBeLessThan(1e-12);
          const b = bdd.get(id)!;
          // (A cone with no basic event at all is one state: enumerated whatever the limit.)
          expect(b.method).toBe(b.states === 1 ? 'enumeration' : 'bdd');
          expect(b.exact).toBe(true);
          expect(b.missing).toBe(0);
          expect(Math.abs(b.unavailability - u)).toBeLessThan(1e-12);
          // Same minimal cut sets, same importance, by both routes.
          expect(sets(e)).toEqual(brute.minimal.get(id));
          expect(sets(b)).toEqual(brute.minimal.get(id));
          const expected = brute.birnbaum.get(id)!;
          for (const c of [e, b]) {
            if (u === 0) continue;
            expect(new Set(c.importance.map((i) => i.failure))).toEqual(new Set(expected.keys()));
            for (const i of c.importance) {
              expect(Math.abs(i.birnbaum - expected.get(i.failure)!)).toBeLessThan(1e-9);
              expect(i.fussellVesely).toBeCloseTo((i.probability * i.birnbaum) / u, 9);
            }
          }
          // The rigorous brackets hold the exact answer (availability = 1 − U).
          for (const c of [bounds.get(id)!, singles.get(id)!, auto.get(id)!]) {
            expect(1 - c.high).toBeLessThanOrEqual(u + 1e-12);
            expect(1 - c.low).toBeGreaterThanOrEqual(u - 1e-12);
            if (u > 0) expect(Number.isFinite(c.nines)).toBe(true);
          }
        }
      }),
      propertyRuns(15015, 40),
    );
  });

  it('Monte Carlo agrees with the exact answer within five standard errors', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 1000 }), ({ specs, availability: values }, seed) => {
        const m = withAvailability(manifest(specs), values);
        fc.pre(failureNames(m).length <= 16);
        const components = [...m.components.keys()];
        const trials = 20_000;
        const exact = byId(availability(m, { method: 'exact', components }));
        const mc = availability(m, { method: 'montecarlo', components, trials, seed });
        for (const c of mc.components) {
          const u = exact.get(c.id)!.unavailability;
          const sigma = Math.sqrt((u * (1 - u)) / trials);
          expect(Math.abs(c.unavailability - u)).toBeLessThanOrEqual(5 * sigma + 1e-12);
        }
      }),
      propertyRuns(2718, 20),
    );
  });
});
