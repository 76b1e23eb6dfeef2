import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { simulate } from '../engine/simulate.js';
import { model } from '../test-support.js';
import type { Failure } from './failure.js';
import { rankFailures, spofs } from './rank.js';
import { redundancyGates } from './redundancy.js';

/** A failure with its first victims at top level, as `critical` and `criticalDegraded` (a model this small lists them all). */
const flat = (f: Failure | undefined) => f && { ...f, critical: f.first.critical, criticalDegraded: f.first.criticalDegraded };

describe('rankFailures', () => {
  const pagerduty = model(`
  peering-point: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering-point] }
  dc-b: { kind: datacenter, dependsOn: [peering-point] }
  dc-c: { kind: datacenter }
  pagerduty-a: { kind: service, in: dc-a }
  pagerduty-b: { kind: service, in: dc-b }
  pagerduty-c: { kind: service, in: [dc-c, dc-b] }
  notifications:
    kind: service
    critical: true
    weight: 10
    dependsOn: [{ anyOf: [pagerduty-a, pagerduty-b, pagerduty-c], need: 2 }]
`);

  it('ranks every component and placement failure, worst first, ties by components down then model order', () => {
    const r = rankFailures(pagerduty);
    expect(r.failures.map((f) => f.fault)).toEqual([
      'peering-point',
      'notifications',
      'dc-a',
      'dc-b',
      'dc-c',
      'pagerduty-a',
      'pagerduty-b',
      'pagerduty-c',
      'pagerduty-c@dc-c',
      'pagerduty-c@dc-b',
    ]);
    expect(r.failures[0]).toEqual({
      fault: 'peering-point',
      impact: 10,
      downCount: 5,
      degradedCount: 0,
      criticalCount: 1,
      criticalDegradedCount: 0,
      first: { down: ['dc-a', 'dc-b', 'pagerduty-a', 'pagerduty-b', 'notifications'], degraded: [], critical: ['notifications'], criticalDegraded: [] },
      hidden: true,
    });
    expect(flat(r.failures[1])).toMatchObject({ fault: 'notifications', impact: 10, downCount: 0, critical: [], hidden: false });
  });

  it('reports a SPOF only when a critical component other than the failed one goes down', () => {
    expect(spofs(rankFailures(pagerduty)).map((f) => f.fault)).toEqual(['peering-point']);
  });

  it('gives the full victim lists and the defeated redundancy on demand', () => {
    const r = rankFailures(pagerduty);
    expect(r.detail(0)).toEqual({
      fault: 'peering-point',
      down: ['dc-a', 'dc-b', 'pagerduty-a', 'pagerduty-b', 'notifications'],
      degraded: [],
      critical: ['notifications'],
      criticalDegraded: [],
      defeated: [expect.objectContaining({ owner: 'notifications', kind: 'anyOf', members: ['pagerduty-a', 'pagerduty-b', 'pagerduty-c'], need: 2 })],
    });
  });

  it('answers which failures kill a node, worst first, for components and gates', () => {
    const r = rankFailures(pagerduty);
    const faults = (positions: number[]) => positions.map((i) => r.failures[i]!.fault);
    expect(faults(r.killers('notifications'))).toEqual(['peering-point', 'notifications']);
    expect(faults(r.killers('pagerduty-a'))).toEqual(['peering-point', 'dc-a', 'pagerduty-a']);
    expect(faults(r.killers('pagerduty-c'))).toEqual(['pagerduty-c']);
    expect(faults(r.killers('pagerduty-c', 'notUp'))).toEqual(['pagerduty-c']);
    expect(faults(r.killers('notifications', 'notUp'))).toEqual(['peering-point', 'notifications']);
    const [placements, group] = redundancyGates(r.graph);
    expect(placements).toMatchObject({ owner: 'pagerduty-c', kind: 'placements', members: ['dc-c', 'dc-b'] });
    expect(faults(r.killers(placements!.node))).toEqual([]);
    expect(group).toMatchObject({ owner: 'notifications', kind: 'anyOf', need: 2 });
    expect(faults(r.killers(group!.node))).toEqual(['peering-point']);
    expect(r.positionOf('pagerduty-c@dc-b')).toBe(9);
    expect(r.positionOf('pagerduty-a@dc-a')).toBe(-1);
    expect(r.positionOf('nope')).toBe(-1);
  });

  it('counts a weighted placement loss as hidden (DEV341: five of six replicas in one zone)', () => {
    const m = model(`
  az1: { kind: zone }
  az2: { kind: zone }
  db: { kind: database, in: [az2] }
  web: { kind: service, in: { az1: 5, az2: 1 }, minHealthy: 3, dependsOn: [db] }
  site: { kind: service, critical: true, dependsOn: [web] }
`);
    const r = rankFailures(m);
    const byFault = new Map(r.failures.map((f) => [f.fault, f]));
    expect(flat(byFault.get('az1'))).toMatchObject({ critical: ['site'], hidden: true, downCount: 2 });
    expect(flat(byFault.get('web@az1'))).toMatchObject({ critical: ['site'], hidden: true });
    expect(flat(byFault.get('az2'))).toMatchObject({ critical: ['site'], hidden: false, downCount: 3 });
    expect(flat(byFault.get('web@az2'))).toMatchObject({ critical: [], downCount: 0, impact: 0 });
  });

  it('does not call a region hidden when it holds every zone of a single-region component', () => {
    const m = model(`
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  use1-az2: { kind: zone, in: us-east-1 }
  use1-az3: { kind: zone, in: us-east-1 }
  orders-db: { kind: database, in: [use1-az1, use1-az2, use1-az3], minHealthy: 2 }
  checkout: { kind: service, critical: true, dependsOn: [orders-db] }
`);
    const r = rankFailures(m);
    const byFault = new Map(r.failures.map((f) => [f.fault, f]));
    expect(flat(byFault.get('us-east-1'))).toMatchObject({ critical: ['checkout'], hidden: false });
    expect(flat(byFault.get('aws'))).toMatchObject({ critical: ['checkout'], hidden: false });
    expect(r.detail(r.positionOf('us-east-1')).defeated).toEqual([]);
    expect(flat(byFault.get('use1-az1'))).toMatchObject({ critical: [], hidden: false });
  });

  it('still calls a failure hidden when it holds only some of the members (two zones of three, two regions)', () => {
    const m = model(`
  r1: { kind: region }
  r2: { kind: region }
  az1: { kind: zone, in: r1 }
  az2: { kind: zone, in: r1 }
  az3: { kind: zone, in: r2 }
  db: { kind: database, in: [az1, az2, az3], minHealthy: 2 }
  a: { kind: service, in: az1 }
  b: { kind: service, in: az2 }
  api: { kind: service, critical: true, dependsOn: [db, { anyOf: [a, b] }] }
  both: { kind: service, in: [r1, r2] }
  top: { kind: service, critical: true, dependsOn: [both] }
`);
    const r = rankFailures(m);
    const byFault = new Map(r.failures.map((f) => [f.fault, f]));
    // r1 holds both members of the anyOf (plain), but only two of db's three zones (hidden).
    expect(flat(byFault.get('r1'))).toMatchObject({ critical: ['api'], hidden: true });
    expect(r.detail(r.positionOf('r1')).defeated.map((g) => `${g.owner}:${g.kind}`)).toEqual(['db:placements']);
    expect(flat(byFault.get('r2'))).toMatchObject({ critical: [], hidden: false });
  });

  it('does not call a region hidden when it holds every member of an anyOf, through zones', () => {
    const m = model(`
  r1: { kind: region }
  az1: { kind: zone, in: r1 }
  az2: { kind: zone, in: r1 }
  a: { kind: service, in: az1 }
  b: { kind: service, in: { az1: 1, az2: 2 } }
  api: { kind: service, critical: true, dependsOn: [{ anyOf: [a, b] }] }
`);
    const r = rankFailures(m);
    expect(flat(r.failures.find((f) => f.fault === 'r1'))).toMatchObject({ critical: ['api'], hidden: false });
    expect(flat(r.failures.find((f) => f.fault === 'az1'))).toMatchObject({ critical: [], hidden: false });
  });

  it('counts degraded victims at half weight, as simulate does', () => {
    const m = model(`
  recs: { kind: service, critical: false }
  shop: { kind: service, critical: true, weight: 3, dependsOn: [{ target: recs, mode: soft }] }
  api: { kind: service, critical: true, weight: 2, dependsOn: [shop] }
`);
    const recs = rankFailures(m).failures.find((f) => f.fault === 'recs')!;
    expect(flat(recs)).toMatchObject({ impact: 2.5, downCount: 0, degradedCount: 2, criticalDegraded: ['shop', 'api'], critical: [] });
    expect(simulate(m, [{ target: 'recs' }]).summary.impact).toBe(2.5);
  });

  it('uses the running-system fixpoint on cycles through anyOf (the running-system fixpoint)', () => {
    const m = model(`
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service }
`);
    const c = rankFailures(m).failures.find((f) => f.fault === 'c')!;
    expect(c.downCount).toBe(0);
    expect(flat(rankFailures(m).failures.find((f) => f.fault === 'a'))).toMatchObject({ downCount: 1, critical: ['b'] });
  });

  it('does not call a failure hidden when the only defeated gate falls because of the failed node itself', () => {
    const m = model(`
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service, dependsOn: [a] }
`);
    const r = rankFailures(m);
    expect(flat(r.failures[0])).toMatchObject({ fault: 'a', critical: ['b', 'c'], hidden: false });
    expect(r.detail(0).defeated.map((g) => g.owner)).toEqual(['a']);
  });

  it('never ranks a journey as a failure: it is a victim, critical by default, and no killer of anything', () => {
    const m = model(`
  db: { kind: database }
  api: { kind: service, dependsOn: [db] }
  purchase: { kind: journey, dependsOn: [api] }
  browse: { kind: journey, critical: false, dependsOn: [{ target: api, mode: soft }] }
  report: { kind: service, dependsOn: [purchase] }
`);
    const r = rankFailures(m);
    expect(r.failures.map((f) => f.fault)).toEqual(['db', 'api', 'report']);
    expect(flat(r.failures[0])).toMatchObject({ fault: 'db', downCount: 3, degradedCount: 1, critical: ['api', 'purchase', 'report'] });
    const faults = (positions: number[]) => positions.map((i) => r.failures[i]!.fault);
    expect(faults(r.killers('purchase'))).toEqual(['db', 'api']);
    expect(faults(r.killers('report'))).toEqual(['db', 'api', 'report']);
    expect(r.positionOf('purchase')).toBe(-1);
  });

  it('ranks a 10,000-component chain without recursion', () => {
    const n = 10_000;
    const body = Array.from({ length: n }, (_, i) => `  n${i}: { kind: service${i > 0 ? `, dependsOn: [n${i - 1}]` : ''}${i === n - 1 ? ', critical: true' : ''} }`).join('\n');
    const r = rankFailures(model(`${body}\n`));
    expect(r.failures.map((f) => f.downCount).slice(0, 3)).toEqual([n - 1, n - 2, n - 3]);
    expect(r.failures[0]!.first.critical).toEqual([`n${n - 1}`]);
    expect(flat(r.failures[n - 1])).toMatchObject({ fault: `n${n - 1}`, downCount: 0, impact: 1, critical: [] });
  });

  it('stays linear on a 10,000-long chain of critical components: exact counts and impact, a few victims listed per failure', () => {
    // Every failure takes down every component after it: 50 million (failure, victim) pairs. Listing them
    // all took ~1 GB and most of lint's 25 seconds; the ranking holds at most `listed` ids per list.
    const n = 10_000;
    const body = Array.from({ length: n }, (_, i) => `  n${i}: { kind: service${i > 0 ? `, dependsOn: [n${i - 1}]` : ''}, weight: ${1 + (i % 3) / 2} }`).join('\n');
    const m = model(`${body}\n`);
    const r = rankFailures(m, { listed: 4 });
    let ids = 0;
    for (const f of r.failures) for (const list of Object.values(f.first)) ids += list.length;
    expect(ids).toBeLessThanOrEqual(4 * 4 * n);
    const top = r.failures[0]!;
    expect(top).toMatchObject({ fault: 'n0', downCount: n - 1, criticalCount: n - 1, degradedCount: 0, criticalDegradedCount: 0 });
    expect(top.first.critical).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(top.first.down).toEqual(['n1', 'n2', 'n3', 'n4']);
    // Impact equals simulate's to the last bit, for the worst failure and one in the middle.
    for (const i of [0, n / 2]) {
      const f = r.failures[i]!;
      expect(f.impact).toBe(simulate(m, [{ target: f.fault }]).summary.impact);
    }
    expect(r.detail(n - 2).critical).toEqual([`n${n - 1}`]);
  });

  it('sums impact exactly as simulate does, whatever the weights: binary fractions by counting, others pair by pair', () => {
    for (const weights of [
      [0.5, 3.25, 1e9],
      [0.1, 0.2, 0.7],
      [1e9, 1e9, 5e-324],
    ]) {
      const m = model(`
  db: { kind: database, critical: true, weight: ${weights[0]} }
  api: { kind: service, critical: true, weight: ${weights[1]}, dependsOn: [db] }
  web: { kind: service, critical: true, weight: ${weights[2]}, dependsOn: [api, { target: cache, mode: soft }] }
  cache: { kind: cache, critical: true, weight: ${weights[1]}, dependsOn: [db] }
`);
      for (const f of rankFailures(m).failures) expect(f.impact).toBe(simulate(m, [{ target: f.fault }]).summary.impact);
    }
  });

  it('lists a placement failure only for components placed in two or more domains, or none when asked', () => {
    expect(rankFailures(pagerduty).failures).toHaveLength(10);
    const r = rankFailures(compile(pagerduty), { placements: false });
    expect(r.failures).toHaveLength(8);
    expect(r.failures.some((f) => f.fault.includes('@'))).toBe(false);
  });

  it('rejects an unknown target', () => {
    expect(() => rankFailures(pagerduty).killers('nope')).toThrow(/unknown component "nope"/);
  });
});
