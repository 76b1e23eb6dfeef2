import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../arrays.js';
import { condense, layered, type LayoutEdge, type LayoutNode } from './layered.js';

const nodes = (lane: string, ...ids: string[]): LayoutNode[] => ids.map((id) => ({ id, lane }));
const edges = (...pairs: string[]): LayoutEdge[] => pairs.map((p) => ({ from: p.split('>')[0]!, to: p.split('>')[1]! }));

/** Pairs of edges between the same two layers that cross. */
function crossings(layout: ReturnType<typeof layered>, es: readonly LayoutEdge[]): number {
  let n = 0;
  const pos = (id: string) => layout.nodes.get(id)!;
  for (const a of es) {
    for (const b of es) {
      if (a === b || pos(a.from).layer !== pos(b.from).layer || pos(a.to).layer !== pos(b.to).layer) continue;
      if ((pos(a.from).y - pos(b.from).y) * (pos(a.to).y - pos(b.to).y) < 0) n++;
    }
  }
  return n / 2;
}

describe('condense', () => {
  it('numbers each component after everything it reaches', () => {
    // 0 -> 1 <-> 2 -> 3
    const { component, count } = condense([[1], [2], [1, 3], []]);
    expect(count).toBe(3);
    expect(component[1]).toBe(component[2]);
    expect(component[3]).toBeLessThan(component[1]!);
    expect(component[1]).toBeLessThan(component[0]!);
  });

  it('walks a 100,000-long chain without overflowing the stack', () => {
    const out = Array.from({ length: 100_000 }, (_, i) => (i + 1 < 100_000 ? [i + 1] : []));
    expect(condense(out).count).toBe(100_000);
  });
});

describe('layered', () => {
  it('puts dependents left of what they depend on, one layer right of the right-most dependent', () => {
    const l = layered(nodes('a', 'web', 'api', 'db', 'dns'), edges('web>api', 'api>db', 'web>dns', 'db>dns'));
    expect(['web', 'api', 'db', 'dns'].map((id) => l.nodes.get(id)!.layer)).toEqual([0, 1, 2, 3]);
    expect(l.nodes.get('api')!.x).toBeGreaterThan(l.nodes.get('web')!.x);
    expect(l.layers).toBe(4);
  });

  it('keeps a cycle in one layer and lays out what follows it', () => {
    const l = layered(nodes('a', 'x', 'y', 'z'), edges('x>y', 'y>x', 'y>z'));
    expect(l.nodes.get('x')!.layer).toBe(l.nodes.get('y')!.layer);
    expect(l.nodes.get('z')!.layer).toBe(l.nodes.get('x')!.layer + 1);
  });

  it('stacks lanes in the given order and keeps each node inside its lane, rows apart', () => {
    const ns = [...nodes('east', 'e1', 'e2', 'e3'), ...nodes('west', 'w1', 'w2'), ...nodes('', 'cdn')];
    const l = layered(ns, edges('cdn>e1', 'cdn>w1', 'e1>e2', 'e1>e3', 'w1>w2'), { laneOrder: ['', 'east', 'west'], rowHeight: 40 });
    expect(l.lanes.map((b) => b.id)).toEqual(['', 'east', 'west']);
    for (const b of l.lanes) {
      const inLane = ns.filter((v) => v.lane === b.id).map((v) => l.nodes.get(v.id)!);
      for (const p of inLane) {
        expect(p.y).toBeGreaterThan(b.y);
        expect(p.y).toBeLessThan(b.y + b.height);
        for (const q of inLane) if (p !== q && p.layer === q.layer) expect(Math.abs(p.y - q.y)).toBeGreaterThanOrEqual(40);
      }
    }
    expect(l.height).toBe(l.lanes.at(-1)!.y + l.lanes.at(-1)!.height);
  });

  it('removes crossings the manifest order would cause', () => {
    const ns = nodes('a', 'p1', 'p2', 'c2', 'c1');
    const es = edges('p1>c1', 'p2>c2');
    expect(crossings(layered(ns, es, { sweeps: 0 }), es)).toBe(1);
    expect(crossings(layered(ns, es), es)).toBe(0);
  });

  it('is deterministic and places every node of a large graph', () => {
    const ns: LayoutNode[] = [];
    const es: LayoutEdge[] = [];
    let seed = 7;
    const rand = () => (seed = (1664525 * seed + 1013904223) % 4294967296) / 4294967296;
    for (let i = 0; i < 2000; i++) {
      ns.push({ id: `n${i}`, lane: `lane${i % 5}` });
      const tier = Math.floor(i / 250);
      if (tier < 7) for (let k = 0; k < 2; k++) es.push({ from: `n${i}`, to: `n${(tier + 1) * 250 + Math.floor(rand() * 250)}` });
    }
    const a = layered(ns, es);
    const b = layered(ns, es);
    expect(a.nodes.size).toBe(2000);
    expect([...a.nodes]).toEqual([...b.nodes]);
    expect(a.layers).toBe(8);
    // Tall layers wrap into sub-columns: the drawing is shaped like a screen, not a strip.
    expect(a.width / a.height).toBeGreaterThan(1);
    expect(a.width / a.height).toBeLessThan(2.6);
    // No two nodes overlap, and layers still run left to right.
    const seen = new Set<string>();
    for (const p of a.nodes.values()) {
      const key = `${p.x},${p.y}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    for (const e of es) expect(a.nodes.get(e.from)!.x).toBeLessThan(a.nodes.get(e.to)!.x);
  });

  it('wraps a tall cell row by row, keeping the vertical order', () => {
    const ns = nodes('a', 'root', ...Array.from({ length: 10 }, (_, i) => `c${i}`));
    const es = Array.from({ length: 10 }, (_, i) => ({ from: 'root', to: `c${i}` }));
    const l = layered(ns, es, { maxRows: 4, rowHeight: 10, columnWidth: 100 });
    const xs = new Set(Array.from({ length: 10 }, (_, i) => l.nodes.get(`c${i}`)!.x));
    expect([...xs].sort((p, q) => p - q)).toEqual([100, 200, 300]);
    expect(maxOf(Array.from({ length: 10 }, (_, i) => l.nodes.get(`c${i}`)!.y)) - minOf(Array.from({ length: 10 }, (_, i) => l.nodes.get(`c${i}`)!.y))).toBe(30);
  });

  it('puts nodes marked last in one final layer', () => {
    const ns: LayoutNode[] = [
      { id: 'app', lane: 'a' },
      { id: 'zone', lane: 'a', last: true },
      { id: 'region', lane: 'a', last: true },
      { id: 'db', lane: 'a' },
    ];
    const l = layered(ns, edges('app>db', 'app>zone', 'db>zone', 'zone>region'));
    expect(['app', 'db', 'zone', 'region'].map((id) => l.nodes.get(id)!.layer)).toEqual([0, 1, 2, 2]);
    expect(l.layers).toBe(3);
  });

  it('rejects an edge to an unknown node', () => {
    expect(() => layered(nodes('a', 'x'), edges('x>nope'))).toThrow(/unknown node/);
  });
});
