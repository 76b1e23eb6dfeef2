/**
 * The cut-set budget bounds time, memory and output, not only the search:
 * a group of n members that needs n − 1 has n(n − 1)/2 minimal pairs, each
 * explained by a cause naming all n members (2,000 members: 1,999,000 pairs,
 * gigabytes, a JSON report that could not be written). Steps are asserted,
 * never times.
 */
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../load/loader.js';
import { availability } from './availability.js';
import { cutSets } from './cutsets.js';

const N = 300;
const members = Array.from({ length: N }, (_, i) => `m${i}`);
const text = `apiVersion: faultline/v1\ncomponents:\n  t: { kind: service, dependsOn: [{ anyOf: [${members.join(', ')}], need: ${N - 1} }] }\n${members.map((m) => `  ${m}: { kind: service }\n`).join('')}`;
const model = loadManifests([{ path: 'm.yaml', text }]).model!;

describe('the cut-set budget', () => {
  it('stops a search with too many sets to keep, and says how far it is complete', () => {
    const budget = 2_000_000;
    const r = cutSets(model, 't', { budget });
    expect(r.truncated).toBe(true);
    expect(r.stoppedBy).toBe('budget');
    expect(r.completeThrough).toBe(1);
    // All 44,850 pairs would be kept without the per-set charge; each costs ten sweeps of the ~600-step tree.
    expect(r.sets.length).toBeGreaterThan(0);
    expect(r.sets.length).toBeLessThan(budget / 6000);
    expect(r.steps).toBeLessThan(budget + 10 * 2 * (N + 10) * 2);
  });

  it('lists every pair when the budget allows it', () => {
    const small = loadManifests([{ path: 'm.yaml', text: text.replace(/need: \d+/, 'need: 9').replace(/anyOf: \[[^\]]*\]/, `anyOf: [${members.slice(0, 10).join(', ')}]`) }])
      .model!;
    const r = cutSets(small, 't');
    expect(r.truncated).toBe(false);
    expect(r.counts).toEqual([0, 45]);
  });

  it('stops when the caller says so (the CLI time limit), asked about every million steps', () => {
    let asked = 0;
    const r = cutSets(model, 't', {
      stop: () => {
        asked++;
        return true;
      },
    });
    expect(asked).toBe(1);
    expect(r.truncated).toBe(true);
    expect(r.stoppedBy).toBe('stop');
    expect(r.steps).toBeLessThan(1_100_000);
    expect(r.message).toMatch(/^the search stopped after [\d,]+ steps, at the time limit: the list is complete up to order 1; .*\(raise the time limit\)$/);
  });
});

describe('what a set found costs: explaining it (cutSets) or only keeping it (availability)', () => {
  // 40 members, 39 needed: 780 minimal pairs, each member down with q = 0.001.
  const G = 40;
  const q = 0.001;
  const names = members.slice(0, G);
  const group = loadManifests([
    {
      path: 'g.yaml',
      text: `apiVersion: faultline/v1\ncomponents:\n  t: { kind: service, critical: true, availability: 1, dependsOn: [{ anyOf: [${names.join(', ')}], need: ${G - 1} }] }\n${names.map((m) => `  ${m}: { kind: service, availability: ${1 - q} }\n`).join('')}`,
    },
  ]).model!;
  // t is down when two or more members are.
  const down = 1 - (1 - q) ** G - G * q * (1 - q) ** (G - 1);
  const budget = 50_000;

  it('cutSets, charged ten sweeps of the tree a set, stops at order 1 within 50,000 steps', () => {
    const r = cutSets(group, 't', { budget });
    expect(r.truncated).toBe(true);
    expect(r.completeThrough).toBe(1);
    expect(r.sets.length).toBe(60);
  });

  it('availability, charged only each set’s members, lists all 780 pairs within the same budget and answers from them', () => {
    const c = availability(group, { components: ['t'], budget, enumerationLimit: 0 }).components[0]!;
    expect(c.method).toBe('bdd');
    expect(c.cutSets!.truncated).toBe(false);
    expect(c.cutSets!.completeThrough).toBeGreaterThanOrEqual(2);
    expect(c.cutSets!.counts[1]).toBe(780);
    expect(c.cutSets!.steps).toBeLessThanOrEqual(budget);
    expect(c.low).toBeLessThanOrEqual(1 - down + 1e-15);
    expect(c.high).toBeGreaterThanOrEqual(1 - down - 1e-15);
    expect(c.high - c.low).toBeLessThan(1e-3 * down);
  });
});
