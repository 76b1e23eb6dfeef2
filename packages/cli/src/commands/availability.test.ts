import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';
import { Progress } from './availability.js';

const SHOP = `  zone: { kind: zone }
  db: { kind: database, availability: 0.999, in: zone }
  cache-a: { kind: cache, availability: 0.99 }
  cache-b: { kind: cache, availability: 0.99 }
  checkout: { kind: service, critical: true, availability: 0.9995, dependsOn: [db, { anyOf: [cache-a, cache-b] }] }
  search: { kind: service, critical: true, availability: 0.9999, dependsOn: [{ target: db, mode: soft }] }
`;

describe('faultline availability', () => {
  it('answers the question on the first line, names the largest share, then a table, what matters most and the assumptions', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.split('\n');
    // checkout is down when it fails (0.0005), db or its zone fails, or both caches do: exact over all 32 states.
    expect(lines[0]).toBe('checkout: 99.839 % (2.8 nines, 846 min down a year), exact (all 32 states) — the least available of 2 components');
    expect(lines[1]).toBe("62 % of checkout's unavailability is {db}");
    expect(lines[3]).toMatch(/^ {2}component {2}availability {2}nines {2}down\/year {2}answered by +largest share of downtime$/);
    expect(lines[4]).toMatch(/^ {2}checkout +99\.839 % +2\.8 +846 min {2}exact \(all 32 states\) +62 % \{db\}$/);
    // 99.99 % would read as 100 % with two decimals: enough decimals keep it honest.
    expect(lines[5]).toMatch(/^ {2}search +99\.9900 % +4\.0 +52\.6 min/);
    expect(r.out).toContain('What matters most: Fussell–Vesely');
    expect(r.out).toMatch(/\n {2}checkout {2}db +FV 62 % +B 0\.999 +RAW 621 +RRW 2\.64\n/);
    expect(lines.at(-2)).toBe('5 components declare `availability`; the others are assumed 99.99 % (domains 99.999 %); 6 possible failures, independent, steady state.');
  });

  it('answers by the method asked for: montecarlo (seeded), bounds, exact', async () => {
    const dir = workspace(SHOP);
    const mc = await cli(dir, 'availability', 'm.yaml', '--method', 'montecarlo', '--trials', '20000');
    expect(mc.out.split('\n')[0]).toMatch(
      /^checkout: 99\.\d+ % \(\d\.\d nines, \d+ min down a year\), Monte Carlo, 20,000 trials, 95 % CI 99\.\d+–99\.\d+ % — the least available of 2 components$/,
    );
    expect(mc.out).toContain('Monte Carlo seed 1.');
    const bounds = JSON.parse((await cli(dir, 'availability', 'm.yaml', '--method', 'bounds', '--format', 'json')).out);
    expect(bounds.components[0]).toMatchObject({ id: 'checkout', method: 'bounds', exact: false, cutSets: { maxOrder: 2, completeThrough: 2 } });
    expect(bounds.components[0].bounds.lower).toBeLessThanOrEqual(bounds.components[0].bounds.upper);
    const exact = JSON.parse((await cli(dir, 'availability', 'm.yaml', '--method', 'exact', '--format', 'json')).out);
    expect(exact.components[0]).toMatchObject({ id: 'checkout', method: 'enumeration', exact: true, missing: 0, states: 32 });
    const bdd = JSON.parse((await cli(dir, 'availability', 'm.yaml', '--max-order', '3', '--format', 'json')).out);
    expect(bdd.method).toBe('auto');
    const bad = await cli(dir, 'availability', 'm.yaml', '--method', 'guess');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("argument 'guess' is invalid. Allowed choices are auto, exact, bounds, montecarlo");
  });

  it('gives the same answer for the same seed, and another for another seed', async () => {
    const dir = workspace(SHOP);
    const once = await cli(dir, 'availability', 'm.yaml', '--method', 'montecarlo', '--seed', '42', '--format', 'json');
    const again = await cli(dir, 'availability', 'm.yaml', '--method', 'montecarlo', '--seed', '42', '--format', 'json');
    expect(again.out).toBe(once.out);
    const other = await cli(dir, 'availability', 'm.yaml', '--method', 'montecarlo', '--seed', '43', '--format', 'json');
    expect(other.out).not.toBe(once.out);
  });

  it('prints the JSON contract; nines are null only when a component can never be down', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml', '--format', 'json');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ method: 'auto', trials: 0, seed: 1, defaults: { component: 0.9999, domain: 0.99999 }, declared: 5, events: 6 });
    expect(json.components.map((c: { id: string }) => c.id)).toEqual(['checkout', 'search']);
    const checkout = json.components[0];
    expect(checkout).toMatchObject({ method: 'enumeration', exact: true, missing: 0, states: 32 });
    expect(checkout.low).toBe(checkout.availability);
    expect(checkout.high).toBe(checkout.availability);
    expect(checkout.unavailability).toBeCloseTo(1 - checkout.availability, 15);
    expect(checkout.nines).toBeCloseTo(-Math.log10(checkout.unavailability), 12);
    expect(checkout.downtimeMinutes).toBeCloseTo(checkout.unavailability * 525_960, 9);
    expect(checkout.importance.map((i: { failure: string }) => i.failure)).toEqual(['db', 'checkout', 'cache-a', 'cache-b', 'zone']);
    for (const i of checkout.importance) expect(Object.keys(i)).toEqual(['failure', 'probability', 'birnbaum', 'fussellVesely', 'raw', 'rrw', 'gain']);
    expect(checkout.contributors[0]).toEqual({ members: ['db'], probability: expect.closeTo(0.001, 15), share: expect.any(Number) });
    // A component that is never down: rrw of its own failure is infinite, written null.
    const search = json.components[1];
    expect(search.importance[0]).toMatchObject({ failure: 'search', fussellVesely: 1, rrw: null });
    const sure = JSON.parse((await cli(workspace('  a: { kind: service, availability: 1 }\n'), 'availability', 'm.yaml', '--format', 'json')).out);
    expect(sure.components).toEqual([
      {
        id: 'a',
        method: 'enumeration',
        exact: true,
        availability: 1,
        unavailability: 0,
        low: 1,
        high: 1,
        nines: null,
        downtimeMinutes: 0,
        missing: 0,
        states: 1,
        importance: [],
        contributors: [],
      },
    ]);
  });

  it('writes a markdown table for PR comments', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml', '--format', 'markdown', '--top', '1');
    expect(r.out).toMatch(/^### faultline availability\n\ncheckout: /);
    expect(r.out).toContain('| `checkout` | 99.839 % | 2.8 | 846 min | exact (all 32 states) | `db` 62 %, `checkout` 31 %, `cache-a` 6.2 % | 62 % {`db`} |');
    expect(r.out).toContain('Showing 1 of 2 components.');
  });

  it('exits 2 with one line on bad numbers or invalid input', async () => {
    const dir = workspace(SHOP);
    const trials = await cli(dir, 'availability', 'm.yaml', '--trials', '0');
    expect(trials.code).toBe(2);
    expect(trials.err).toContain('expected a whole number from 1 to 100,000,000, e.g. --trials 1000000');
    // An absurd trial count is refused at once (it would run for days), not accepted silently.
    const absurd = await cli(dir, 'availability', 'm.yaml', '--trials', '1e12');
    expect(absurd.code).toBe(2);
    expect(absurd.err).toContain('expected a whole number from 1 to 100,000,000, e.g. --trials 1000000 (more would run for hours)');
    expect(absurd.out).toBe('');
    const seed = await cli(dir, 'availability', 'm.yaml', '--seed', '1.5');
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('expected a whole number, e.g. --seed 42');
    const bad = await cli(workspace('  a: { kind: service, availability: 1.5 }\n'), 'availability', 'm.yaml');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toMatch(/^m\.yaml:4:\d+: error: /);
  });

  it('estimates a journey by what it needs, and never fails one on its own', async () => {
    const dir = workspace(`  a: { kind: service, availability: 0.9, critical: false }
  purchase: { kind: journey, availability: 0.5, dependsOn: [a] }
`);
    const json = JSON.parse((await cli(dir, 'availability', 'm.yaml', '--format', 'json')).out);
    const purchase = json.components.find((c: { id: string }) => c.id === 'purchase');
    expect(purchase.availability).toBeCloseTo(0.9, 15);
    expect(purchase.importance.map((i: { failure: string }) => i.failure)).toEqual(['a']);
  });
});

describe('Monte Carlo progress on a terminal', () => {
  it('says nothing for two seconds, then rewrites one line at most twice a second, and clears it at the end', () => {
    let now = 1000;
    const written: string[] = [];
    const progress = new Progress({ stderr: (t) => written.push(t) }, () => now);
    progress.update(512, 1_000_000);
    now += 1900;
    progress.update(100_000, 1_000_000);
    expect(written).toEqual([]);
    now += 200;
    progress.update(200_000, 1_000_000);
    expect(written).toEqual(['\r\x1b[Kavailability: 200,000 of 1,000,000 trials (20 %), about 8 s left']);
    now += 100;
    progress.update(210_000, 1_000_000);
    expect(written.length).toBe(1);
    progress.end();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing at all for a short run', () => {
    const written: string[] = [];
    const progress = new Progress({ stderr: (t) => written.push(t) }, () => 0);
    progress.update(10_000, 10_000);
    progress.end();
    expect(written).toEqual([]);
  });
});
