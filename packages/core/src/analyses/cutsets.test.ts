import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { model } from '../test-support.js';
import { cutSets } from './cutsets.js';

const members = (r: ReturnType<typeof cutSets>): string[] => r.sets.map((s) => s.members.join(' + '));

// Salesforce, in small: the failover path is itself a failure point.
const SALESFORCE = `  dc1-power: { kind: power }
  dc-1: { kind: datacenter, dependsOn: [dc1-power] }
  dc-2: { kind: datacenter }
  db-cluster: { kind: database, in: dc-1 }
  dc-failover: { kind: service }
  db-cluster-dc2: { kind: database, in: dc-2, dependsOn: [dc-failover] }
  app: { kind: service, critical: true, in: [dc-1, dc-2], dependsOn: [{ anyOf: [db-cluster, db-cluster-dc2] }] }
`;

describe('cutSets', () => {
  it('lists single points of failure, then minimal pairs, never a superset of a smaller set', () => {
    const m = model(`  dns: { kind: dns }
  a: { kind: service, dependsOn: [dns] }
  b: { kind: service, dependsOn: [dns] }
  c: { kind: service }
  top: { kind: service, critical: true, dependsOn: [{ anyOf: [a, b, c], need: 2 }] }
`);
    const r = cutSets(m, 'top');
    expect(members(r)).toEqual(['dns', 'a + b', 'a + c', 'b + c']);
    expect(r).toMatchObject({ target: 'top', maxOrder: 2, counts: [1, 3], truncated: false, completeThrough: 2 });
    expect(r.message).toBeUndefined();
  });

  it('finds the double fault of a broken failover, with the chain simulate prints', () => {
    const r = cutSets(model(SALESFORCE), 'app');
    expect(r.counts[0]).toBe(0);
    expect(members(r)).toEqual([
      'dc1-power + dc-2',
      'dc1-power + dc-failover',
      'dc1-power + db-cluster-dc2',
      'dc1-power + app@dc-2',
      'dc-1 + dc-2',
      'dc-1 + dc-failover',
      'dc-1 + db-cluster-dc2',
      'dc-1 + app@dc-2',
      'dc-2 + db-cluster',
      'dc-2 + app@dc-1',
      'db-cluster + dc-failover',
      'db-cluster + db-cluster-dc2',
      'app@dc-1 + app@dc-2',
    ]);
    const pair = r.sets.find((s) => s.members.join() === 'dc1-power,dc-failover')!;
    expect(pair.chain.map((s) => `${s.id}:${s.link}`)).toEqual(['app:anyOf', 'db-cluster:placement', 'dc-1:hard', 'dc1-power:fault']);
    expect(pair.because).toEqual([{ type: 'group', anyOf: ['db-cluster', 'db-cluster-dc2'], need: 1, lost: ['db-cluster', 'db-cluster-dc2'], mode: 'hard' }]);
  });

  it('counts weighted placements: a zone holding 5 of 6 replicas is a single, the other zone needs a partner', () => {
    const m = model(`  az1: { kind: zone }
  az2: { kind: zone }
  web: { kind: service, critical: true, in: { az1: 5, az2: 1 }, minHealthy: 3 }
`);
    expect(members(cutSets(m, 'web'))).toEqual(['az1', 'web@az1']);
    const balanced = model(`  az1: { kind: zone }
  az2: { kind: zone }
  web: { kind: service, critical: true, in: { az1: 3, az2: 3 }, minHealthy: 3 }
`);
    expect(members(cutSets(balanced, 'web'))).toEqual(['az1 + az2', 'az1 + web@az2', 'az2 + web@az1', 'web@az1 + web@az2']);
  });

  it('follows simulate on cycles: a cycle through anyOf holds itself up', () => {
    const m = model(`  c: { kind: service }
  d: { kind: service }
  a: { kind: service, critical: true, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a, { anyOf: [c, d] }] }
`);
    // Failing c alone leaves a up (b holds it); c + d takes b down, and then a. Members in model order.
    expect(members(cutSets(m, 'a'))).toEqual(['c + d', 'c + b']);
  });

  it('ignores soft dependencies: they degrade, never take down', () => {
    const m = model(`  x: { kind: service }
  y: { kind: service }
  top: { kind: service, dependsOn: [{ target: x, mode: soft }, { anyOf: [x, y], mode: soft }] }
`);
    expect(cutSets(m, 'top').sets).toEqual([]);
  });

  it('finds order 3 on request, and only minimal sets', () => {
    const m = model(`  a: { kind: service }
  b: { kind: service }
  c: { kind: service }
  d: { kind: service }
  top: { kind: service, dependsOn: [{ anyOf: [a, b, c] }, { anyOf: [c, d] }] }
`);
    expect(members(cutSets(m, 'top'))).toEqual(['c + d']);
    const r = cutSets(m, 'top', { maxOrder: 3 });
    expect(members(r)).toEqual(['c + d', 'a + b + c']);
    expect(r.counts).toEqual([0, 1, 1]);
  });

  it('stops at the budget and says how far the list is complete', () => {
    const m = model(`  a: { kind: service }
  b: { kind: service }
  c: { kind: service }
  d: { kind: service }
  e: { kind: service }
  top: { kind: service, dependsOn: [{ anyOf: [a, b, c, d, e], need: 3 }] }
`);
    const full = cutSets(m, 'top', { maxOrder: 3 });
    expect(full.counts).toEqual([0, 0, 10]);
    const cut = cutSets(m, 'top', { maxOrder: 3, budget: Math.floor(full.steps / 2) });
    expect(cut).toMatchObject({ truncated: true, completeThrough: 2 });
    expect(cut.sets.length).toBeLessThan(10);
    expect(cut.message).toMatch(/^the search stopped after [\d,]+ steps: the list is complete up to order 2; sets of 3 failures may be missing \(raise the budget\)$/);
  });

  it('never puts a journey in a cut set, and cuts a journey by what it depends on', () => {
    const m = model(`  a: { kind: service }
  b: { kind: service }
  checkout: { kind: journey, dependsOn: [{ anyOf: [a, b] }] }
  search: { kind: journey, dependsOn: [a] }
  top: { kind: service, critical: true, dependsOn: [{ anyOf: [checkout, search] }] }
`);
    expect(members(cutSets(m, 'checkout'))).toEqual(['a + b']);
    // Without the rule, a + checkout and checkout + search would be listed too.
    expect(members(cutSets(m, 'top'))).toEqual(['a + b']);
    expect(members(cutSets(m, 'search', { maxOrder: 3 }))).toEqual(['a']);
  });

  it('accepts a compiled graph and rejects unknown targets and bad options', () => {
    const graph = compile(model(SALESFORCE));
    expect(cutSets(graph, 'app', { maxOrder: 1 }).sets).toEqual([]);
    expect(() => cutSets(graph, 'nope')).toThrow('faultline/cutsets: unknown component "nope"');
    expect(() => cutSets(graph, 'app', { maxOrder: 0 })).toThrow(/maxOrder/);
  });
});
