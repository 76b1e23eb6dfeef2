import { describe, expect, it } from 'vitest';
import { neighbourhood, toGraph } from './graph.js';
import { model } from './test-support.js';

const m = model(`
  r1: { kind: region }
  z1: { kind: zone, in: r1 }
  db: { kind: database, in: z1 }
  cache-a: { kind: cache, in: z1 }
  cache-b: { kind: cache, in: z1 }
  api: { kind: service, plane: control, dependsOn: [db, { anyOf: [cache-a, cache-b], need: 2, mode: soft }] }
  web: { kind: service, in: z1, dependsOn: [api] }
  mon: { kind: monitoring, monitors: [web] }
`);
const g = toGraph(m);

describe('toGraph', () => {
  it('keys nodes by component id with their attributes', () => {
    expect(g.nodes()).toEqual([...m.components.keys()]);
    expect(g.getNodeAttributes('api')).toEqual({ kind: 'service', isDomain: false, critical: true, weight: 1, plane: 'control' });
    expect(g.getNodeAttributes('r1')).toMatchObject({ kind: 'region', isDomain: true, critical: false });
  });

  it('adds one edge per dependency, group member, placement and monitored component, with its kind', () => {
    const edges = g.mapEdges((_e, a, s, t) => `${s}->${t}:${a.kind}`);
    expect(edges.sort()).toEqual(
      [
        'z1->r1:placement',
        'db->z1:placement',
        'cache-a->z1:placement',
        'cache-b->z1:placement',
        'api->db:dependency',
        'api->cache-a:group',
        'api->cache-b:group',
        'web->api:dependency',
        'web->z1:placement',
        'mon->web:monitors',
      ].sort(),
    );
    const group = g.findEdge('api', 'cache-b', (_e, a) => a.kind === 'group');
    expect(g.getEdgeAttributes(group!)).toEqual({ kind: 'group', mode: 'soft', via: 'call', entry: 1, need: 2, size: 2 });
  });

  it('keeps parallel edges (a dependency and a placement on the same node)', () => {
    const m2 = model(`
  z: { kind: zone }
  a: { kind: service, in: z, dependsOn: [z] }
`);
    expect(toGraph(m2).edges('a', 'z')).toHaveLength(2);
  });
});

describe('neighbourhood', () => {
  it('walks both directions up to n hops, not along monitors', () => {
    expect([...neighbourhood(g, 'api', 0)]).toEqual(['api']);
    expect([...neighbourhood(g, 'api', 1)].sort()).toEqual(['api', 'cache-a', 'cache-b', 'db', 'web']);
    expect([...neighbourhood(g, 'api', 2)].sort()).toEqual(['api', 'cache-a', 'cache-b', 'db', 'web', 'z1']);
  });

  it('follows one direction when asked: what it needs, or what needs it', () => {
    expect([...neighbourhood(g, 'db', 5, { direction: 'out' })].sort()).toEqual(['db', 'r1', 'z1']);
    expect([...neighbourhood(g, 'db', 5, { direction: 'in' })].sort()).toEqual(['api', 'db', 'web']);
    expect([...neighbourhood(g, 'web', 1, { direction: 'in', kinds: ['monitors'] })]).toEqual(['web', 'mon']);
  });

  it('rejects an unknown id', () => {
    expect(() => neighbourhood(g, 'nope', 1)).toThrow(/unknown component "nope"/);
  });
});
