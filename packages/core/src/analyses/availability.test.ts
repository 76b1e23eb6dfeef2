import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { model } from '../test-support.js';
import { availability, type Availability } from './availability.js';
import { nines, wilson } from './availability-stats.js';

const TRIALS = 20_000;

function of(result: Availability, id: string) {
  const c = result.components.find((x) => x.id === id);
  if (!c) throw new Error(`${id} not estimated`);
  return c;
}

/** The exact answer lies inside the estimate's 95 % interval. */
function expectCovers(result: Availability, id: string, exact: number): void {
  const c = of(result, id);
  expect(c.low).toBeLessThanOrEqual(exact);
  expect(c.high).toBeGreaterThanOrEqual(exact);
  expect(c.availability).toBe(1 - c.downTrials / result.trials);
}

describe('availability against closed forms', () => {
  it('series: A·B', () => {
    const m = model(`  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [a, b] }
`);
    expectCovers(availability(m, { trials: TRIALS }), 'top', 0.9 * 0.8);
  });

  it('parallel: 1 − (1 − A)(1 − B)', () => {
    const m = model(`  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b] }] }
`);
    expectCovers(availability(m, { trials: TRIALS }), 'top', 1 - 0.1 * 0.2);
  });

  it('2-of-3 quorum: p³ + 3p²(1 − p)', () => {
    const m = model(`  a: { kind: database, availability: 0.9 }
  b: { kind: database, availability: 0.9 }
  c: { kind: database, availability: 0.9 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b, c], need: 2 }] }
`);
    expectCovers(availability(m, { trials: TRIALS }), 'top', 0.9 ** 3 + 3 * 0.9 ** 2 * 0.1);
  });

  it('a shared domain counts once: A_zone · (1 − (1 − A)(1 − B)), not the independent product', () => {
    const m = model(`  z: { kind: zone, availability: 0.9 }
  a: { kind: service, in: z, availability: 0.8 }
  b: { kind: service, in: z, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b] }] }
`);
    const r = availability(m, { trials: TRIALS });
    const exact = 0.9 * (1 - 0.2 * 0.2);
    expectCovers(r, 'top', exact);
    const naive = 1 - (1 - 0.9 * 0.8) ** 2;
    expect(of(r, 'top').high).toBeLessThan(naive);
  });

  it('placements fail with their domains and on their own, independently, at the component’s rate', () => {
    const m = model(`  z1: { kind: zone, availability: 0.95 }
  z2: { kind: zone, availability: 0.95 }
  web: { kind: service, critical: true, availability: 0.9, in: [z1, z2] }
`);
    const lost = 1 - 0.95 * 0.9;
    expectCovers(availability(m, { trials: TRIALS }), 'web', 0.9 * (1 - lost * lost));
  });

  it('follows simulate on cycles: a cycle through anyOf holds itself up', () => {
    const m = model(`  c: { kind: service, availability: 0.7 }
  a: { kind: service, critical: true, availability: 0.9, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, availability: 0.8, dependsOn: [a] }
`);
    // a is down when it fails itself, or when b and c both fail on their own.
    expectCovers(availability(m, { trials: TRIALS }), 'a', 0.9 * (1 - 0.2 * 0.3));
  });

  it('degraded is available: a soft dependency never counts against it', () => {
    const m = model(`  a: { kind: service, availability: 0.5 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ target: a, mode: soft }] }
`);
    expect(of(availability(m, { trials: 1000 }), 'top')).toMatchObject({ availability: 1, downTrials: 0, nines: Infinity, importance: [] });
  });
});

describe('availability', () => {
  const SERIES = `  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 0.99, dependsOn: [a, b] }
`;

  it('ranks the failures that matter by the availability their absence would add, on the same trials', () => {
    const r = availability(model(SERIES), { trials: TRIALS });
    const top = of(r, 'top');
    expect(top.importance.map((i) => i.failure)).toEqual(['b', 'a', 'top']);
    // Without b, top is 0.99 · 0.9; without a, 0.99 · 0.8; without its own failure, 0.72.
    const exact = 0.99 * 0.9 * 0.8;
    const expected = [0.99 * 0.9 - exact, 0.99 * 0.8 - exact, 0.9 * 0.8 - exact];
    top.importance.forEach((imp, i) => {
      expect(imp.gain).toBeCloseTo(expected[i]!, 2);
      expect(imp.gain).toBe(imp.trials / TRIALS);
    });
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const m = model(SERIES);
    expect(availability(m, { seed: 7, trials: 5000 })).toEqual(availability(compile(m), { seed: 7, trials: 5000 }));
    expect(availability(m, { seed: 8, trials: 5000 }).components[0]!.downTrials).not.toBe(availability(m, { seed: 7, trials: 5000 }).components[0]!.downTrials);
  });

  it('gives a component the same answer whatever the batch size and whichever other components are asked about', () => {
    const m = model(`${SERIES}  other: { kind: service, critical: true, availability: 0.95, dependsOn: [b] }
`);
    const all = availability(m, { trials: 3000, seed: 3 });
    expect(availability(m, { trials: 3000, seed: 3, wordsPerPass: 1 })).toEqual(all);
    expect(availability(m, { trials: 3000, seed: 3, components: ['top'] }).components).toEqual([of(all, 'top')]);
  });

  it('uses documented defaults for components and domains that declare none', () => {
    const m = model(`  z: { kind: zone }
  a: { kind: service, critical: true, in: z }
`);
    const r = availability(m, { trials: 2000 });
    expect(r).toMatchObject({ defaults: { component: 0.9999, domain: 0.99999 }, declared: 0, events: 2, trials: 2000, seed: 1 });
  });

  it('counts trials that do not fill a whole word, and lists the least available first', () => {
    const m = model(`  a: { kind: service, critical: true, availability: 0.5 }
  b: { kind: service, critical: true, availability: 0.999 }
`);
    const r = availability(m, { trials: 37, wordsPerPass: 1 });
    expect(r.components.map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.trials).toBe(37);
    expect(of(r, 'a').downTrials).toBeGreaterThan(5);
    expect(of(r, 'a').downTrials).toBeLessThan(32);
  });

  it('never fails a journey: it is as available as what it depends on, and estimated by default', () => {
    const m = model(`  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  purchase: { kind: journey, dependsOn: [a, b] }
`);
    const r = availability(m, { trials: TRIALS });
    expect(r.components.map((c) => c.id)).toEqual(['purchase', 'b', 'a']);
    expectCovers(r, 'purchase', 0.9 * 0.8);
    expect(r.events).toBe(2);
    expect(of(r, 'purchase').importance.map((i) => i.failure)).toEqual(['b', 'a']);
  });

  it('estimates named components too, and rejects unknown ones and bad options', () => {
    const m = model(SERIES);
    expect(availability(m, { components: ['a'], trials: 100 }).components.map((c) => c.id)).toEqual(['a']);
    expect(() => availability(m, { components: ['nope'] })).toThrow('faultline/availability: unknown component "nope"');
    expect(() => availability(m, { trials: 0 })).toThrow(/trials/);
  });
});

describe('availability statistics', () => {
  it('gives Wilson intervals that stay honest at the edges', () => {
    const none = wilson(10_000, 10_000);
    expect(none.high).toBe(1);
    expect(none.low).toBeCloseTo(0.99962, 5);
    const half = wilson(50, 100);
    expect(half.low).toBeCloseTo(0.4038, 4);
    expect(half.high).toBeCloseTo(0.5962, 4);
  });

  it('counts nines', () => {
    expect(nines(0.9995)).toBeCloseTo(3.301, 3);
    expect(nines(1)).toBe(Infinity);
  });
});
