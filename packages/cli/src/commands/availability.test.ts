import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';

const SHOP = `  zone: { kind: zone }
  db: { kind: database, availability: 0.999, in: zone }
  cache-a: { kind: cache, availability: 0.99 }
  cache-b: { kind: cache, availability: 0.99 }
  checkout: { kind: service, critical: true, availability: 0.9995, dependsOn: [db, { anyOf: [cache-a, cache-b] }] }
  search: { kind: service, critical: true, availability: 0.9999, dependsOn: [{ target: db, mode: soft }] }
`;

describe('faultline availability', () => {
  it('answers the question on the first line, then a table with what matters most and the assumptions', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml', '--trials', '20000');
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^checkout: 99\.\d\d % \(\d\.\d nines\), 95 % CI 99\.\d\d–99\.\d\d % over 20,000 trials — the least available of 2 components$/);
    expect(lines[2]).toMatch(/^ {2}component {2}availability {2}95 % CI +nines {2}matters most \(gain if it never failed\)$/);
    expect(lines[3]).toMatch(/^ {2}checkout +99\.\d\d % {2}99\.\d\d–99\.\d\d % +\d\.\d {2}db \+0\.\d\d %, checkout \+0\.\d\d %$/);
    // 99.995 % would read as 100 % with two decimals: a third one keeps it honest.
    expect(lines[4]).toMatch(/^ {2}search +99\.99\d % {2}99\.9\d\d–\d+(\.\d+)? % +\d\.\d/);
    expect(lines.at(-2)).toBe('5 components declare `availability`; the others are assumed 99.99 % (domains 99.999 %); seed 1, 6 possible failures.');
  });

  it('gives the same answer for the same seed, and another for another seed', async () => {
    const dir = workspace(SHOP);
    const once = await cli(dir, 'availability', 'm.yaml', '--seed', '42', '--format', 'json');
    const again = await cli(dir, 'availability', 'm.yaml', '--seed', '42', '--format', 'json');
    expect(again.out).toBe(once.out);
    const other = await cli(dir, 'availability', 'm.yaml', '--seed', '43', '--format', 'json');
    expect(other.out).not.toBe(once.out);
  });

  it('prints the JSON contract, with nines null when a component never went down', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml', '--format', 'json', '--trials', '5000');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ trials: 5000, seed: 1, defaults: { component: 0.9999, domain: 0.99999 }, declared: 5, events: 6 });
    expect(json.components.map((c: { id: string }) => c.id)).toEqual(['checkout', 'search']);
    const checkout = json.components[0];
    expect(checkout.low).toBeLessThanOrEqual(checkout.availability);
    expect(checkout.high).toBeGreaterThanOrEqual(checkout.availability);
    expect(checkout.importance.map((i: { failure: string }) => i.failure)).toContain('db');
    for (const i of checkout.importance) expect(i).toEqual({ failure: expect.any(String), gain: i.trials / 5000, trials: expect.any(Number) });
    const sure = JSON.parse((await cli(workspace('  a: { kind: service, availability: 1 }\n'), 'availability', 'm.yaml', '--format', 'json')).out);
    expect(sure.components).toEqual([{ id: 'a', availability: 1, low: expect.any(Number), high: 1, nines: null, downTrials: 0, importance: [] }]);
  });

  it('writes a markdown table for PR comments', async () => {
    const r = await cli(workspace(SHOP), 'availability', 'm.yaml', '--format', 'markdown', '--top', '1');
    expect(r.out).toMatch(/^### faultline availability\n\ncheckout: /);
    expect(r.out).toMatch(/\| `checkout` \| 99\.\d\d % \| 99\.\d\d–99\.\d\d % \| \d\.\d \| `db` \+0\.\d\d %/);
    expect(r.out).toContain('Showing 1 of 2 components.');
  });

  it('exits 2 with one line on bad numbers or invalid input', async () => {
    const dir = workspace(SHOP);
    const trials = await cli(dir, 'availability', 'm.yaml', '--trials', '0');
    expect(trials.code).toBe(2);
    expect(trials.err).toContain('expected a whole number ≥ 1, e.g. --trials 100000');
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
    const json = JSON.parse((await cli(dir, 'availability', 'm.yaml', '--format', 'json', '--trials', '20000')).out);
    const purchase = json.components.find((c: { id: string }) => c.id === 'purchase');
    expect(purchase.low).toBeLessThanOrEqual(0.9);
    expect(purchase.high).toBeGreaterThanOrEqual(0.9);
    expect(purchase.importance.map((i: { failure: string }) => i.failure)).toEqual(['a']);
  });
});
