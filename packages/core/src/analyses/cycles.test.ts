import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { loadManifests } from '../load/loader.js';
import { model } from '../test-support.js';
import { cycles } from './cycles.js';

describe('cycles', () => {
  it('finds a hard cycle once, with a concrete path from its first member', () => {
    const m = model(`
  web: { kind: service, dependsOn: [api] }
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [c] }
  c: { kind: service, dependsOn: [a] }
  api: { kind: service }
`);
    const found = cycles(m);
    expect(found).toHaveLength(1);
    expect(found[0]!.members).toEqual(['a', 'b', 'c']);
    expect(found[0]!.path).toEqual(['a', 'b', 'c', 'a']);
    expect(found[0]!.links.map((l) => `${l.from}>${l.to}:${l.via}@${l.at.line}`)).toEqual(['a>b:dependsOn@5', 'b>c:dependsOn@6', 'c>a:dependsOn@7']);
  });

  it('sorts cycles by the model order of their first member and lists members in model order', () => {
    const m = model(`
  z: { kind: service, dependsOn: [y] }
  p: { kind: service, dependsOn: [q] }
  y: { kind: service, dependsOn: [z] }
  q: { kind: service, dependsOn: [p] }
`);
    expect(cycles(m).map((c) => c.members)).toEqual([
      ['z', 'y'],
      ['p', 'q'],
    ]);
    expect(cycles(m).map((c) => c.path)).toEqual([
      ['z', 'y', 'z'],
      ['p', 'q', 'p'],
    ]);
  });

  it('ignores soft edges, groups with spare members and spare placements', () => {
    const m = model(`
  z1: { kind: zone, dependsOn: [{ target: svc, mode: soft }] }
  z2: { kind: zone, dependsOn: [svc] }
  svc: { kind: service, in: [z1, z2], dependsOn: [{ anyOf: [x, y] }] }
  x: { kind: service, dependsOn: [svc] }
  y: { kind: service }
`);
    expect(cycles(m)).toEqual([]);
  });

  it('counts groups that need every member, and placements that cannot be spared', () => {
    const m = model(`
  zone-a: { kind: zone, dependsOn: [svc] }
  svc: { kind: service, in: [zone-a], dependsOn: [{ anyOf: [x, y], need: 2 }] }
  x: { kind: service, dependsOn: [svc] }
  y: { kind: service }
`);
    const [cycle, more] = cycles(m);
    expect(more).toBeUndefined();
    expect(cycle!.members).toEqual(['zone-a', 'svc', 'x']);
    expect(cycle!.path).toEqual(['zone-a', 'svc', 'zone-a']);
    expect(cycle!.links.map((l) => l.via)).toEqual(['dependsOn', 'in']);
  });

  it('judges a cold start: startup edges make a cycle, runtime-only, async and fallback edges never do', () => {
    const m = model(`
  config: { kind: config, dependsOn: [{ target: app, phase: startup }] }
  app: { kind: service, dependsOn: [config] }
  db: { kind: database, dependsOn: [{ target: api, phase: runtime }] }
  api: { kind: service, dependsOn: [db] }
  broker: { kind: queue, dependsOn: [{ target: worker, mode: async }] }
  worker: { kind: service, dependsOn: [broker] }
  flags: { kind: service, dependsOn: [{ target: shop, fallback: true }] }
  shop: { kind: service, dependsOn: [flags] }
`);
    const found = cycles(compile(m));
    expect(found.map((c) => c.path)).toEqual([['config', 'app', 'config']]);
    expect(found[0]!.links.map((l) => `${l.from}>${l.to}@${l.at.line}`)).toEqual(['config>app@4', 'app>config@5']);
  });

  it('handles a 10,000-node cycle without recursion', () => {
    const n = 10_000;
    const lines = Array.from({ length: n }, (_, i) => `  n${i}: { kind: service, dependsOn: [n${(i + 1) % n}] }`);
    const loaded = loadManifests([{ path: 'chain.yaml', text: `apiVersion: faultline/v1\ncomponents:\n${lines.join('\n')}\n` }]);
    const found = cycles(loaded.model!);
    expect(found).toHaveLength(1);
    expect(found[0]!.members).toHaveLength(n);
    expect(found[0]!.path).toHaveLength(n + 1);
    expect(found[0]!.path.at(-1)).toBe('n0');
  });
});
