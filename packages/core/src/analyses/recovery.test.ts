import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { simulate } from '../engine/simulate.js';
import { model } from '../test-support.js';
import { recoveryOrder } from './recovery.js';

describe('recoveryOrder', () => {
  it('starts domains, then what runs in them, then what depends on that', () => {
    const m = model(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  db: { kind: database, in: [az1] }
  api: { kind: service, in: [az1, az2], dependsOn: [db, { target: recs, mode: soft }] }
  recs: { kind: service, dependsOn: [api] }
  dns: { kind: dns }
`);
    const r = recoveryOrder(m);
    expect(r.waves).toEqual([['region', 'dns'], ['az1', 'az2'], ['db'], ['api'], ['recs']]);
    expect(r.waveOf('api')).toBe(3);
    expect(r.waveOf('nope')).toBeUndefined();
    expect(r.deadlocked).toEqual([]);
    expect(r.blocked).toEqual([]);
    expect(r.heldUpBySimulate).toEqual([]);
  });

  it('needs only minHealthy replicas and need members, from earlier waves', () => {
    const m = model(`
  a: { kind: zone }
  b: { kind: zone, dependsOn: [slow] }
  slow: { kind: service, dependsOn: [a] }
  svc: { kind: service, in: [a, b], minHealthy: 1 }
  q: { kind: service, dependsOn: [{ anyOf: [a, b, slow], need: 2 }] }
`);
    expect(recoveryOrder(m).waves).toEqual([['a'], ['slow', 'svc'], ['b', 'q']]);
  });

  it('reports a hard cycle as a deadlock and what waits on it as blocked', () => {
    const m = model(`
  db: { kind: database, dependsOn: [auth] }
  auth: { kind: auth, dependsOn: [db] }
  api: { kind: service, dependsOn: [auth, cache] }
  web: { kind: service, dependsOn: [api] }
  cache: { kind: cache }
`);
    const r = recoveryOrder(m);
    expect(r.waves).toEqual([['cache']]);
    expect(r.deadlocked).toHaveLength(1);
    expect(r.deadlocked[0]).toMatchObject({ kind: 'hard-cycle', members: ['db', 'auth'], path: ['db', 'auth', 'db'] });
    expect(r.blocked).toEqual([
      { id: 'api', waitsOn: ['auth'] },
      { id: 'web', waitsOn: ['api'] },
    ]);
    expect(r.heldUpBySimulate).toEqual(['db', 'auth', 'api', 'web']);
    expect(r.waveOf('db')).toBeUndefined();
    const sim = simulate(m, []);
    for (const id of r.heldUpBySimulate) expect(sim.status(id)).toBe('up');
  });

  it('lets a cycle through anyOf start through an outside member', () => {
    const m = model(`
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service }
`);
    expect(recoveryOrder(m).waves).toEqual([['c'], ['a'], ['b']]);
  });

  it('reports a cycle through anyOf with no outside support as self-supported, which simulate holds up', () => {
    const m = model(`
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service, dependsOn: [a] }
  d: { kind: service, dependsOn: [{ target: a, mode: soft }] }
`);
    const r = recoveryOrder(m);
    expect(r.waves).toEqual([['d']]);
    expect(r.deadlocked).toEqual([expect.objectContaining({ kind: 'self-supported', members: ['a', 'b', 'c'], path: ['a', 'b', 'a'] })]);
    expect(r.deadlocked[0]!.links.map((l) => l.via)).toEqual(['anyOf', 'dependsOn']);
    expect(r.heldUpBySimulate).toEqual(['a', 'b', 'c']);
    expect(simulate(m, [{ target: 'd' }]).status('a')).toBe('up');
  });

  it('waits for startup dependencies only: runtime-only, async and fallback dependencies never block a start', () => {
    const m = model(`
  db: { kind: database }
  migrate: { kind: job, dependsOn: [db] }
  api: { kind: service, dependsOn: [{ target: migrate, phase: startup }, { target: cache, phase: runtime }] }
  cache: { kind: cache, dependsOn: [api] }
  broker: { kind: queue }
  worker: { kind: service, dependsOn: [{ target: broker, mode: async }, { target: flags, fallback: true }] }
  flags: { kind: service, dependsOn: [worker] }
`);
    const r = recoveryOrder(compile(m));
    expect(r.waves).toEqual([['db', 'broker', 'worker'], ['migrate', 'flags'], ['api'], ['cache']]);
    expect(r.deadlocked).toEqual([]);
    expect(simulate(m, [{ target: 'migrate' }]).status('api')).toBe('up');
  });

  it('reports a deadlock made by startup dependencies that simulate never sees', () => {
    const m = model(`
  vault: { kind: service, dependsOn: [{ target: consul, phase: startup }] }
  consul: { kind: service, dependsOn: [vault] }
`);
    const r = recoveryOrder(m);
    expect(r.deadlocked).toEqual([expect.objectContaining({ kind: 'hard-cycle', members: ['vault', 'consul'] })]);
    expect(simulate(m, [{ target: 'consul' }]).status('vault')).toBe('up');
  });

  it('handles a 10,000-component chain without recursion', () => {
    const n = 10_000;
    const body = Array.from({ length: n }, (_, i) => `  n${i}: { kind: service${i > 0 ? `, dependsOn: [n${i - 1}]` : ''} }`).join('\n');
    const r = recoveryOrder(model(`${body}\n`));
    expect(r.waves).toHaveLength(n);
    expect(r.waves[n - 1]).toEqual([`n${n - 1}`]);
  });
});
