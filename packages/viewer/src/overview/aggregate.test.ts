/**
 * The overview's aggregate and grid, in node: every component in one group,
 * every dependency in one bundle or inside a group, statuses tallied as the
 * engine gives them, and a grid that fills its canvas.
 */
import { lanesOf, loadManifests, maxOf, minOf, type Model } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { aggregate, chainGroups, failuresPerGroup, groupingsOf, OTHER_KEY, tally, type Aggregate, type GroupBy } from './aggregate.js';
import { gridBoxes } from './grid.js';

function load(body: string): Model {
  const r = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\nname: m\ncomponents:\n${body}` }]);
  if (!r.model) throw new Error(JSON.stringify(r.diagnostics));
  return r.model;
}

const model = load(`
  cloud: { kind: provider }
  use1: { kind: region, in: cloud }
  use1-az1: { kind: zone, in: use1 }
  use1-az2: { kind: zone, in: use1 }
  usw2: { kind: region, in: cloud }
  usw2-az1: { kind: zone, in: usw2 }
  dns: { kind: dns, in: use1, owner: platform }
  db: { kind: database, in: [use1-az1, use1-az2], owner: data, tags: { system: orders } }
  api: { kind: service, in: use1-az1, owner: shop, critical: true, tags: { system: orders }, dependsOn: [dns, db] }
  web: { kind: service, in: [use1-az1, usw2-az1], owner: shop, dependsOn: [api, { anyOf: [db, cdn], need: 1 }] }
  cdn: { kind: cdn, owner: shop }
  batch: { kind: worker, in: usw2-az1, dependsOn: [db] }
`);

const labels = (a: Aggregate): Record<string, string[]> => Object.fromEntries(a.groups.map((g) => [g.label, g.members.map((m) => [...model.components.keys()][m]!)]));

describe('aggregate', () => {
  it('puts every component in exactly one group, for every grouping', () => {
    for (const by of ['region', 'zone', 'system', 'owner', 'kind'] as GroupBy[]) {
      const a = aggregate(model, by);
      const all = a.groups.flatMap((g) => g.members).sort((x, y) => x - y);
      expect(all).toEqual([...model.components.keys()].map((_, i) => i));
      a.groups.forEach((g, k) => {
        for (const m of g.members) expect(a.groupOf[m]).toBe(k);
      });
    }
  });

  it('groups by region as the graph draws its bands, places first, "not placed" last', () => {
    expect(labels(aggregate(model, 'region'))).toEqual({
      use1: ['use1', 'use1-az1', 'use1-az2', 'dns', 'db', 'api'],
      usw2: ['usw2', 'usw2-az1', 'batch'],
      'use1 + usw2': ['web'],
      'not placed': ['cloud', 'cdn'],
    });
    const use1 = aggregate(model, 'region').groups[0]!;
    expect(use1.places).toEqual(['use1', 'use1-az1', 'use1-az2']);
    expect(use1.critical).toBe(1);
  });

  it('groups by the zones a component runs in, a region-wide one with its region', () => {
    const a = aggregate(model, 'zone');
    expect(labels(a)).toEqual({
      use1: ['use1', 'dns'],
      'use1-az1': ['use1-az1', 'api'],
      'use1-az1 + use1-az2': ['db'],
      'use1-az2': ['use1-az2'],
      'use1-az1 + usw2-az1': ['web'],
      usw2: ['usw2'],
      'usw2-az1': ['usw2-az1', 'batch'],
      'not placed': ['cloud', 'cdn'],
    });
    expect(a.groups.find((g) => g.key === 'use1-az1 + use1-az2')!.places).toEqual(['use1-az1', 'use1-az2']);
  });

  it('groups by system, owner and kind, the group with no value last', () => {
    expect(labels(aggregate(model, 'system'))['orders']).toEqual(['db', 'api']);
    expect(aggregate(model, 'system').groups.at(-1)).toMatchObject({ label: 'no system', none: true });
    expect(labels(aggregate(model, 'owner'))).toMatchObject({ shop: ['api', 'web', 'cdn'], data: ['db'], platform: ['dns'] });
    expect(aggregate(model, 'owner').groups.at(-1)!.label).toBe('no owner');
    expect(aggregate(model, 'kind').groups[0]).toMatchObject({ key: 'zone', places: ['use1-az1', 'use1-az2', 'usw2-az1'] });
  });

  it('bundles every dependency between two groups once, counting anyOf members, and keeps the rest inside', () => {
    const a = aggregate(model, 'region');
    const name = (g: number) => a.groups[g]!.label;
    expect(a.bundles.map((b) => `${name(b.from)}>${name(b.to)}:${b.count}`).sort()).toEqual(['use1 + usw2>not placed:1', 'use1 + usw2>use1:2', 'usw2>use1:1'].sort());
    expect(a.internal[0]).toBe(2); // api → dns, api → db
    const total = a.bundles.reduce((s, b) => s + b.count, 0) + a.internal.reduce((s, n) => s + n, 0);
    expect(total).toBe(a.edgeSource.length);
    expect(a.edgeSource.length).toBe(6);
  });

  it('tallies a run: down, degraded and faulted per group, and the bundles that carry the failure', () => {
    const engine = new Engine(model);
    const run = engine.run([{ target: 'use1-az1' }]);
    const a = aggregate(model, 'region');
    const t = tally(a, run.status, run.faulted);
    const sim = run.sim!;
    const downIn = (label: string) => {
      const g = a.groups.findIndex((x) => x.label === label);
      return t.down[g];
    };
    expect(downIn('use1')).toBe(sim.nodes.filter((n) => n.status === 'down' && ['use1-az1', 'api'].includes(n.id)).length);
    expect([...t.down].reduce((s, n) => s + n, 0)).toBe(sim.summary.down);
    expect([...t.degraded].reduce((s, n) => s + n, 0)).toBe(sim.summary.degraded);
    expect(t.faulted[0]).toBe(1);
    // web (use1 + usw2) depends on api (use1), both not up: that bundle carries the failure.
    const web = a.bundles.findIndex((b) => a.groups[b.from]!.label === 'use1 + usw2' && a.groups[b.to]!.label === 'use1');
    expect(t.carries[web]).toBe(1);
  });

  it('follows a chain through the groups it crosses, and counts failures per group', () => {
    const engine = new Engine(model);
    const a = aggregate(model, 'region');
    const web = engine.run([{ target: 'use1-az1' }]).outcome.get('web')!;
    const names = (gs: number[]) => gs.map((g) => a.groups[g]!.label);
    // web (use1 + usw2) ← api (use1) ← use1-az1 (use1): two groups, use1 once.
    expect(web.chain.map((c) => c.id)).toEqual(['web', 'api', 'use1-az1']);
    expect(names(chainGroups(a, engine.index, web.chain))).toEqual(['use1 + usw2', 'use1']);
    expect(names(chainGroups(a, engine.index, [{ id: 'gate#1' }, { id: 'cdn' }]))).toEqual(['not placed']);
    expect([...failuresPerGroup(a, engine.index, ['use1-az1', 'api@use1-az1', 'cdn', 'nothing'])]).toEqual([2, 0, 0, 1]);
  });

  it('keeps the largest groups past maxGroups and counts the others in one group', () => {
    const many = load(Array.from({ length: 30 }, (_, i) => `  c${i}: { kind: k${i % 10}, owner: team-${i < 12 ? 'big' : i} }`).join('\n'));
    const a = aggregate(many, 'owner', 5);
    expect(a.groups).toHaveLength(5);
    expect(a.groups[0]).toMatchObject({ key: 'team-big' });
    expect(a.groups.at(-1)).toMatchObject({ key: OTHER_KEY, label: '15 other owners', none: true });
    expect(a.groups.reduce((s, g) => s + g.members.length, 0)).toBe(30);
  });

  it("groups by region as the viewer's layout places the bands, when given its lanes", () => {
    const laneOf = lanesOf(model).laneOf;
    expect(aggregate(model, 'region', undefined, laneOf)).toEqual(aggregate(model, 'region'));
    expect(groupingsOf(model, laneOf)).toEqual(groupingsOf(model));
  });

  it('offers the groupings the model has values for', () => {
    expect(groupingsOf(model)).toEqual(['region', 'zone', 'system', 'owner', 'kind']);
    expect(groupingsOf(load('  a: { kind: service }\n  b: { kind: database, dependsOn: [a] }'))).toEqual(['region', 'kind']);
  });
});

describe('gridBoxes', () => {
  it('fills the canvas: the boxes span it, none overlaps, and their shape stays readable', () => {
    for (const [n, w, h] of [
      [1, 1000, 700],
      [4, 1000, 700],
      [9, 1000, 700],
      [25, 1000, 700],
      [36, 860, 780],
      [7, 400, 900],
    ] as const) {
      const boxes = gridBoxes(n, w, h, { margin: [50, 12, 12, 12], gap: 20 });
      expect(boxes).toHaveLength(n);
      const x0 = minOf(boxes.map((b) => b.x));
      const x1 = maxOf(boxes.map((b) => b.x + b.w));
      const y0 = minOf(boxes.map((b) => b.y));
      const y1 = maxOf(boxes.map((b) => b.y + b.h));
      expect(x0).toBe(12);
      expect(x1).toBeCloseTo(w - 12);
      expect(y0).toBe(50);
      expect(y1).toBeCloseTo(h - 12);
      for (const a of boxes)
        for (const b of boxes) if (a !== b) expect(a.x + a.w <= b.x + 0.001 || b.x + b.w <= a.x + 0.001 || a.y + a.h <= b.y + 0.001 || b.y + b.h <= a.y + 0.001).toBe(true);
    }
    expect(gridBoxes(0, 100, 100)).toEqual([]);
    // Shorter boxes spread over the height: the first row at the top, the last at the bottom.
    const short = gridBoxes(9, 900, 900, { margin: [10, 10, 10, 10], gap: 20, aspect: 1, boxHeight: 100 });
    expect(new Set(short.map((b) => b.h))).toEqual(new Set([100]));
    expect(short[0]!.y).toBe(10);
    expect(short.at(-1)!.y + 100).toBeCloseTo(890);
  });
});
