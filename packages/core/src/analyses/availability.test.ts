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

/** The Monte Carlo estimate's 95 % interval holds the exact answer, and every analytic method gives it (to 1e-12, or bracketed). */
function expectCovers(result: Availability, id: string, exact: number): void {
  const c = of(result, id);
  expect(c.low).toBeLessThanOrEqual(exact);
  expect(c.high).toBeGreaterThanOrEqual(exact);
  expect(c.availability).toBe(1 - c.monteCarlo!.downTrials / result.trials);
}

/** Every analytic method agrees with a closed form: exact ones to 1e-12, bounds bracket it. */
function expectExact(m: Parameters<typeof availability>[0], id: string, exact: number): void {
  const options = { components: [id] };
  for (const [method, extra] of [
    ['auto', {}],
    ['exact', {}],
    ['exact', { enumerationLimit: 0 }],
  ] as const) {
    const c = of(availability(m, { ...options, ...extra, method }), id);
    expect(Math.abs(c.unavailability - (1 - exact)), `${method} ${JSON.stringify(extra)}: ${c.method}`).toBeLessThan(1e-12);
    // Exact, or (over cut sets) with an unlisted mass below 1e-10 of the answer.
    expect(c.exact || c.high - c.low <= 1e-10 * c.unavailability).toBe(true);
    // (The closed form itself, 1 − A computed in floating point, is only good to ~1e-16 / U.)
    expect(c.nines).toBeCloseTo(-Math.log10(1 - exact), 6);
  }
  // Auto over the cut sets stops raising the order once the unlisted mass is below 1e-3 of the answer; bounds from order 2.
  for (const c of [of(availability(m, { ...options, enumerationLimit: 0 }), id), of(availability(m, { ...options, method: 'bounds' }), id)]) {
    expect(c.low).toBeLessThanOrEqual(exact + 1e-15);
    expect(c.high).toBeGreaterThanOrEqual(exact - 1e-15);
  }
}

/** The same manifest text, at real nines: `availability: 0.9` → 0.9999 and so on (1 − (1 − a)/1000). */
function realNines(text: string): { text: string; scale: (a: number) => number } {
  const scale = (a: number): number => (a === 1 ? 1 : 1 - (1 - a) / 1000);
  return { text: text.replace(/availability: (0\.\d+)/g, (_, a: string) => `availability: ${scale(Number(a))}`), scale };
}

const MC = { method: 'montecarlo' } as const;

/** Closed forms, each a function of the availabilities the manifest declares (`a(0.9)` reads 0.9, or its real-nines version). */
const CLOSED_FORMS: readonly { name: string; text: string; id: string; exact: (a: (x: number) => number) => number }[] = [
  {
    name: 'series: A·B',
    text: `  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [a, b] }
`,
    id: 'top',
    exact: (a) => a(0.9) * a(0.8),
  },
  {
    name: 'parallel: 1 − (1 − A)(1 − B)',
    text: `  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b] }] }
`,
    id: 'top',
    exact: (a) => 1 - (1 - a(0.9)) * (1 - a(0.8)),
  },
  {
    name: '2-of-3 quorum: p³ + 3p²(1 − p)',
    text: `  a: { kind: database, availability: 0.9 }
  b: { kind: database, availability: 0.9 }
  c: { kind: database, availability: 0.9 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b, c], need: 2 }] }
`,
    id: 'top',
    exact: (a) => a(0.9) ** 3 + 3 * a(0.9) ** 2 * (1 - a(0.9)),
  },
  {
    name: 'a shared domain counts once: A_zone · (1 − (1 − A)(1 − B)), not the independent product',
    text: `  z: { kind: zone, availability: 0.9 }
  a: { kind: service, in: z, availability: 0.8 }
  b: { kind: service, in: z, availability: 0.8 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [a, b] }] }
`,
    id: 'top',
    exact: (a) => a(0.9) * (1 - (1 - a(0.8)) ** 2),
  },
  {
    name: 'placements fail with their domains and on their own, independently, at the component’s rate',
    text: `  z1: { kind: zone, availability: 0.95 }
  z2: { kind: zone, availability: 0.95 }
  web: { kind: service, critical: true, availability: 0.9, in: [z1, z2] }
`,
    id: 'web',
    exact: (a) => a(0.9) * (1 - (1 - a(0.95) * a(0.9)) ** 2),
  },
  {
    name: 'follows simulate on cycles: a cycle through anyOf holds itself up',
    // a is down when it fails itself, or when b and c both fail on their own.
    text: `  c: { kind: service, availability: 0.7 }
  a: { kind: service, critical: true, availability: 0.9, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, availability: 0.8, dependsOn: [a] }
`,
    id: 'a',
    exact: (a) => a(0.9) * (1 - (1 - a(0.8)) * (1 - a(0.7))),
  },
];

describe('availability against closed forms', () => {
  for (const form of CLOSED_FORMS) {
    it(form.name, () => {
      const m = model(form.text);
      const exact = form.exact((x) => x);
      expectCovers(availability(m, { ...MC, trials: TRIALS }), form.id, exact);
      expectExact(m, form.id, exact);
      // The same shape at 99.99 %+ (0.9 → 0.9999, 0.95 → 0.99995): exact still, where 10,000 trials see almost nothing.
      const nines = realNines(form.text);
      expectExact(model(nines.text), form.id, form.exact(nines.scale));
    });
  }

  it('a shared domain: the independent product would be wrong', () => {
    const form = CLOSED_FORMS[3]!;
    const r = availability(model(form.text), { ...MC, trials: TRIALS });
    const naive = 1 - (1 - 0.9 * 0.8) ** 2;
    expect(of(r, 'top').high).toBeLessThan(naive);
    expect(of(availability(model(form.text)), 'top').availability).toBeLessThan(naive - 0.05);
  });

  it('degraded is available: a soft dependency never counts against it', () => {
    const m = model(`  a: { kind: service, availability: 0.5 }
  top: { kind: service, critical: true, availability: 1, dependsOn: [{ target: a, mode: soft }] }
`);
    expect(of(availability(m, { ...MC, trials: 1000 }), 'top')).toMatchObject({ availability: 1, monteCarlo: { downTrials: 0 }, nines: Infinity, importance: [] });
    expect(of(availability(m), 'top')).toMatchObject({ availability: 1, unavailability: 0, exact: true, nines: Infinity, importance: [], contributors: [] });
  });
});

describe('availability', () => {
  const SERIES = `  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  top: { kind: service, critical: true, availability: 0.99, dependsOn: [a, b] }
`;

  it('ranks the failures that matter by the availability their absence would add, on the same trials', () => {
    const r = availability(model(SERIES), { ...MC, trials: TRIALS });
    const top = of(r, 'top');
    expect(top.importance.map((i) => i.failure)).toEqual(['b', 'a', 'top']);
    // Without b, top is 0.99 · 0.9; without a, 0.99 · 0.8; without its own failure, 0.72.
    const exact = 0.99 * 0.9 * 0.8;
    const expected = [0.99 * 0.9 - exact, 0.99 * 0.8 - exact, 0.9 * 0.8 - exact];
    top.importance.forEach((imp, i) => {
      expect(imp.gain).toBeCloseTo(expected[i]!, 2);
      expect(imp.fussellVesely).toBeCloseTo(imp.gain / top.unavailability, 12);
    });
  });

  it('gives Birnbaum, Fussell–Vesely, RAW and RRW exactly, and the cut sets that make up the unavailability', () => {
    const top = of(availability(model(SERIES)), 'top');
    const u = 1 - 0.99 * 0.9 * 0.8;
    expect(top.unavailability).toBeCloseTo(u, 14);
    expect(top.importance.map((i) => i.failure)).toEqual(['b', 'a', 'top']);
    const b = top.importance[0]!;
    // Birnbaum of b: P(down | b failed) − P(down | b up) = 1 − (1 − 0.99 × 0.9).
    expect(b.birnbaum).toBeCloseTo(0.99 * 0.9, 14);
    expect(b.probability).toBeCloseTo(0.2, 14);
    expect(b.fussellVesely).toBeCloseTo((0.2 * 0.99 * 0.9) / u, 12);
    expect(b.raw).toBeCloseTo(1 / u, 12);
    expect(b.rrw).toBeCloseTo(u / (1 - 0.99 * 0.9), 12);
    expect(b.gain).toBeCloseTo(0.99 * 0.9 - 0.99 * 0.9 * 0.8, 14);
    expect(top.contributors.map((c) => c.members)).toEqual([['b'], ['a'], ['top']]);
    expect(top.contributors[0]!.share).toBeCloseTo(0.2 / u, 12);
    expect(top.downtimeMinutes).toBeCloseTo(u * 525_960, 8);
  });

  it('says what answered: enumeration for a small cone, a BDD over the cut sets otherwise, bounds on request', () => {
    const m = model(SERIES);
    expect(of(availability(m), 'top')).toMatchObject({ method: 'enumeration', exact: true, states: 8, missing: 0 });
    expect(of(availability(m, { enumerationLimit: 0 }), 'top')).toMatchObject({
      method: 'bdd',
      exact: true,
      missing: 0,
      cutSets: { found: 3, counts: [3, 0], completeThrough: 2 },
    });
    const bounds = of(availability(m, { method: 'bounds' }), 'top');
    expect(bounds.method).toBe('bounds');
    // Esary–Proschan is exact for disjoint single sets: 1 − Π(1 − q).
    expect(bounds.bounds!.upper).toBeCloseTo(1 - 0.99 * 0.9 * 0.8, 14);
    expect(bounds.bounds!.rareEvent).toBeCloseTo(0.01 + 0.1 + 0.2, 14);
    expect(bounds.bounds!.lower).toBeLessThanOrEqual(bounds.bounds!.upper);
  });

  it('bounds what a truncated cut-set list may miss, and auto falls back to Monte Carlo inside the bracket when it stays wide', () => {
    // Four replicas in four zones, need 1: the only cut sets beyond the component's own failure have order 4.
    const m = model(`  z1: { kind: zone, availability: 0.5 }
  z2: { kind: zone, availability: 0.5 }
  z3: { kind: zone, availability: 0.5 }
  z4: { kind: zone, availability: 0.5 }
  web: { kind: service, critical: true, availability: 1, in: [z1, z2, z3, z4] }
`);
    const u = 0.5 ** 4; // web never fails on its own (availability 1), nor do its placements: only the four zones together
    const bounds = of(availability(m, { method: 'bounds', maxOrder: 2 }), 'web');
    expect(bounds.cutSets).toMatchObject({ found: 0, completeThrough: 2 });
    expect(bounds.missing).toBeGreaterThan(0);
    // Unavailability in [1 − high, 1 − low].
    expect(1 - bounds.high).toBeLessThanOrEqual(u);
    expect(1 - bounds.low).toBeGreaterThanOrEqual(u);
    const auto = of(availability(m, { enumerationLimit: 0, maxOrder: 2, trials: 20_000 }), 'web');
    expect(auto.method).toBe('montecarlo');
    expect(auto.monteCarlo!.trials).toBe(20_000);
    expect(1 - auto.high).toBeLessThanOrEqual(1 - auto.low);
    expect(auto.unavailability).toBeLessThanOrEqual(1 - bounds.low);
    expect(Math.abs(auto.unavailability - u)).toBeLessThan(0.02);
    expect(of(availability(m), 'web')).toMatchObject({ method: 'enumeration', exact: true });
    expect(of(availability(m), 'web').unavailability).toBeCloseTo(u, 14);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const m = model(SERIES);
    expect(availability(m, { ...MC, seed: 7, trials: 5000 })).toEqual(availability(compile(m), { ...MC, seed: 7, trials: 5000 }));
    expect(availability(m, { ...MC, seed: 8, trials: 5000 }).components[0]!.monteCarlo!.downTrials).not.toBe(
      availability(m, { ...MC, seed: 7, trials: 5000 }).components[0]!.monteCarlo!.downTrials,
    );
  });

  it('gives a component the same answer whatever the batch size and whichever other components are asked about', () => {
    const m = model(`${SERIES}  other: { kind: service, critical: true, availability: 0.95, dependsOn: [b] }
`);
    const all = availability(m, { ...MC, trials: 3000, seed: 3 });
    expect(availability(m, { ...MC, trials: 3000, seed: 3, wordsPerPass: 1 })).toEqual(all);
    expect(availability(m, { ...MC, trials: 3000, seed: 3, components: ['top'] }).components).toEqual([of(all, 'top')]);
    const exact = availability(m);
    expect(availability(m, { components: ['top'] }).components).toEqual([of(exact, 'top')]);
  });

  it('uses documented defaults for components and domains that declare none', () => {
    const m = model(`  z: { kind: zone }
  a: { kind: service, critical: true, in: z }
`);
    const r = availability(m, { trials: 2000 });
    expect(r).toMatchObject({ method: 'auto', defaults: { component: 0.9999, domain: 0.99999 }, declared: 0, events: 2, trials: 0, seed: 1 });
    // Down when the zone or the component fails: 1 − 0.99999 × 0.9999, to 1e-12 — nines never null.
    expect(of(r, 'a').unavailability).toBeCloseTo(1 - 0.99999 * 0.9999, 12);
    expect(of(r, 'a').downtimeMinutes).toBeCloseTo((1 - 0.99999 * 0.9999) * 525_960, 6);
    expect(of(availability(m, { ...MC, trials: 2000 }), 'a')).toMatchObject({ method: 'montecarlo', monteCarlo: { trials: 2000 } });
  });

  it('counts trials that do not fill a whole word, and lists the least available first', () => {
    const m = model(`  a: { kind: service, critical: true, availability: 0.5 }
  b: { kind: service, critical: true, availability: 0.999 }
`);
    const r = availability(m, { ...MC, trials: 37, wordsPerPass: 1 });
    expect(r.components.map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.trials).toBe(37);
    expect(of(r, 'a').monteCarlo!.downTrials).toBeGreaterThan(5);
    expect(of(r, 'a').monteCarlo!.downTrials).toBeLessThan(32);
    expect(availability(m).components.map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('never fails a journey: it is as available as what it depends on, and estimated by default', () => {
    const m = model(`  a: { kind: service, availability: 0.9 }
  b: { kind: service, availability: 0.8 }
  purchase: { kind: journey, dependsOn: [a, b] }
`);
    const r = availability(m, { ...MC, trials: TRIALS });
    expect(r.components.map((c) => c.id)).toEqual(['purchase', 'b', 'a']);
    expect(of(availability(m), 'purchase')).toMatchObject({ exact: true, contributors: [{ members: ['b'] }, { members: ['a'] }] });
    expectCovers(r, 'purchase', 0.9 * 0.8);
    expect(r.events).toBe(2);
    expect(of(r, 'purchase').importance.map((i) => i.failure)).toEqual(['b', 'a']);
  });

  it('reports Monte Carlo progress after each pass, ending at the trials asked for; never for an analytic answer', () => {
    const m = model(SERIES);
    const seen: [number, number][] = [];
    availability(m, { ...MC, trials: 2000, wordsPerPass: 1, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBe(Math.ceil(2000 / 32));
    expect(seen.at(-1)).toEqual([2000, 2000]);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1]![0])).toBe(true);
    const none: number[] = [];
    availability(m, { onProgress: (done) => none.push(done) });
    expect(none).toEqual([]);
  });

  it('estimates named components too, and rejects unknown ones and bad options', () => {
    const m = model(SERIES);
    expect(availability(m, { components: ['a'], trials: 100 }).components.map((c) => c.id)).toEqual(['a']);
    expect(() => availability(m, { components: ['nope'] })).toThrow('faultline/availability: unknown component "nope"');
    expect(() => availability(m, { trials: 0 })).toThrow(/trials/);
    expect(() => availability(m, { trials: 1e12 })).toThrow('trials must be a whole number from 1 to 100,000,000');
    expect(() => availability(m, { method: 'guess' as 'auto' })).toThrow(/method/);
    expect(() => availability(m, { maxOrder: 0 })).toThrow(/maxOrder/);
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
