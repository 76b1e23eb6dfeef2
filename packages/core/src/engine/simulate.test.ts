import { describe, expect, it } from 'vitest';
import { simulate } from './simulate.js';
import { compile } from './compile.js';
import type { Component } from '../model.js';
import { model, statuses, worsened } from '../test-support.js';

const fail = (m: ReturnType<typeof model>, ...targets: string[]) =>
  simulate(
    m,
    targets.map((target) => ({ target })),
  );

describe('hard edges', () => {
  const m = model(`
  db: { kind: database }
  api: { kind: service, dependsOn: [db] }
  web: { kind: service, dependsOn: [api] }
`);
  it('make the dependent at least as bad as the dependency, transitively', () => {
    expect(statuses(m, 'db')).toEqual({ db: 'down', api: 'down', web: 'down' });
  });
  it('pass degradation on as degradation', () => {
    const sim = simulate(m, [{ target: 'db', effect: 'degraded' }]);
    expect(worsened(sim)).toEqual(['api:degraded', 'db:degraded', 'web:degraded']);
  });
  it('never make a dependency worse because its dependent failed', () => {
    expect(statuses(m, 'web')).toEqual({ db: 'up', api: 'up', web: 'down' });
  });
});

describe('soft edges', () => {
  const m = model(`
  recs: { kind: service }
  shop: { kind: service, dependsOn: [{ target: recs, mode: soft }] }
  edge: { kind: cdn, dependsOn: [shop] }
`);
  it('degrade the dependent when the dependency is down', () => {
    expect(statuses(m, 'recs')).toEqual({ recs: 'down', shop: 'degraded', edge: 'degraded' });
  });
  it('degrade the dependent when the dependency is degraded', () => {
    const sim = simulate(m, [{ target: 'recs', effect: 'degraded' }]);
    expect(worsened(sim)).toEqual(['edge:degraded', 'recs:degraded', 'shop:degraded']);
  });
});

describe('groups', () => {
  const m = model(`
  cache-a: { kind: cache }
  cache-b: { kind: cache }
  etcd-1: { kind: database }
  etcd-2: { kind: database }
  etcd-3: { kind: database }
  app:
    kind: service
    dependsOn:
      - { anyOf: [cache-a, cache-b] }
  ctl:
    kind: service
    dependsOn:
      - { anyOf: [etcd-1, etcd-2, etcd-3], need: 2 }
  soft-user:
    kind: service
    dependsOn:
      - { anyOf: [cache-a, cache-b], mode: soft }
`);
  it('anyOf: degraded while fewer than need members are up, down only when every member is down', () => {
    expect(fail(m, 'cache-a').status('app')).toBe('up');
    expect(
      simulate(m, [
        { target: 'cache-a', effect: 'degraded' },
        { target: 'cache-b', effect: 'degraded' },
      ]).status('app'),
    ).toBe('degraded');
    expect(fail(m, 'cache-a', 'cache-b').status('app')).toBe('down');
  });
  it('need: k is a quorum (down when fewer than k members are not down)', () => {
    expect(fail(m, 'etcd-1').status('ctl')).toBe('up');
    expect(simulate(m, [{ target: 'etcd-1' }, { target: 'etcd-2', effect: 'degraded' }]).status('ctl')).toBe('degraded');
    expect(fail(m, 'etcd-1', 'etcd-3').status('ctl')).toBe('down');
  });
  it('a soft group only degrades its owner', () => {
    expect(fail(m, 'cache-a', 'cache-b').status('soft-user')).toBe('degraded');
  });
  it('explains a group failure by the members it lost', () => {
    const app = fail(m, 'cache-a', 'cache-b').nodes.find((n) => n.id === 'app')!;
    expect(app.because).toEqual([{ type: 'group', anyOf: ['cache-a', 'cache-b'], need: 1, lost: ['cache-a', 'cache-b'], mode: 'hard' }]);
  });
});

describe('placements', () => {
  const m = model(`
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  az1: { kind: zone, in: us-east-1 }
  az2: { kind: zone, in: us-east-1 }
  web: { kind: service, in: [az1, az2] }
  api: { kind: service, in: [az1, az2], minHealthy: 2 }
  fleet: { kind: service, in: { az1: 5, az2: 1 }, minHealthy: 3 }
`);
  it('a component stays up while minHealthy placements are up', () => {
    expect(fail(m, 'az1').status('web')).toBe('up');
    expect(fail(m, 'az1').status('api')).toBe('down');
  });
  it('a zone in a region fails when the region fails', () => {
    expect(statuses(m, 'us-east-1')).toMatchObject({ az1: 'down', az2: 'down', web: 'down' });
  });
  it('replica counts weigh each domain: losing az1 leaves 1 of 6', () => {
    const sim = fail(m, 'az1');
    expect(sim.status('fleet')).toBe('down');
    expect(sim.nodes.find((n) => n.id === 'fleet')!.because[0]).toEqual({ type: 'placement', lost: ['az1'], replicasLost: 5, replicas: 6, minHealthy: 3 });
    expect(fail(m, 'az2').status('fleet')).toBe('up');
  });
  it('a placement fault loses only that replica', () => {
    const sim = fail(m, 'web@az1');
    expect(sim.nodes).toEqual([]);
    expect(sim.partial).toEqual([{ id: 'web', lost: ['az1'], replicasLeft: 1, minHealthy: 1 }]);
    expect(fail(m, 'api@az2').status('api')).toBe('down');
  });
  it('id@domain reaches placements under the domain, transitively', () => {
    expect(fail(m, 'web@us-east-1').faults[0]!.hits).toEqual(['web@az1', 'web@az2']);
  });
  it('a domain that degrades degrades what runs in it', () => {
    const sim = simulate(m, [{ target: 'az1', effect: 'degraded' }]);
    expect(sim.status('fleet')).toBe('degraded');
    expect(sim.status('web')).toBe('up');
  });
});

describe('slow faults', () => {
  const m = model(`
  search: { kind: service }
  naive: { kind: service, dependsOn: [search] }
  timed: { kind: service, dependsOn: [{ target: search, timeoutMs: 200 }] }
  isolated: { kind: service, dependsOn: [{ target: search, bulkhead: true }] }
  softly: { kind: service, dependsOn: [{ target: search, mode: soft }] }
  grouped: { kind: service, dependsOn: [{ anyOf: [search, naive] }] }
  front: { kind: service, dependsOn: [naive, { target: timed, mode: soft }] }
`);
  const sim = simulate(m, [{ target: 'search', effect: 'slow' }]);
  it('take down a caller with neither timeout nor bulkhead, even through a soft edge or a group', () => {
    expect(sim.status('naive')).toBe('down');
    expect(sim.status('softly')).toBe('down');
    expect(sim.status('grouped')).toBe('down');
  });
  it('only degrade a caller with a timeout or a bulkhead', () => {
    expect(sim.status('search')).toBe('degraded');
    expect(sim.status('timed')).toBe('degraded');
    expect(sim.status('isolated')).toBe('degraded');
  });
  it('follow ordinary rules beyond the first hop', () => {
    expect(sim.status('front')).toBe('down');
    const front = sim.nodes.find((n) => n.id === 'front')!;
    expect(front.chain.map((s) => `${s.id}:${s.link}`)).toEqual(['front:hard', 'naive:slow', 'search:fault']);
  });
});

describe('selectors', () => {
  const m = model(`
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  dns-global: { kind: dns, in: [use1-az1, usw2-az1] }
  dns-east: { kind: dns, in: use1-az1 }
  app: { kind: service, in: usw2-az1, dependsOn: [dns-global] }
  legacy: { kind: service, in: usw2-az1, dependsOn: [dns-east] }
`);
  it("in=D fails only the matching components' placements under D", () => {
    const sim = fail(m, 'kind=dns in=us-east-1');
    expect(sim.faults[0]!.hits).toEqual(['dns-global@use1-az1', 'dns-east@use1-az1']);
    expect(worsened(sim)).toEqual(['dns-east:down', 'legacy:down']);
    expect(sim.partial.map((p) => p.id)).toEqual(['dns-global']);
  });
  it('without in= fails every match entirely', () => {
    expect(worsened(fail(m, 'kind=dns'))).toEqual(['app:down', 'dns-east:down', 'dns-global:down', 'legacy:down']);
  });
  it('rejects selectors and ids that match nothing, with a hint', () => {
    expect(() => fail(m, 'kind=dsn')).toThrow(/matches nothing/);
    expect(() => fail(m, 'us-east-2')).toThrow(/unknown component "us-east-2"/);
    expect(() => fail(m, 'app@us-east-1')).toThrow(/app has no placement in us-east-1/);
    expect(() => fail(m, 'knd=dns')).toThrow(/unknown selector key "knd"/);
  });
  it('names the closest value when a selector value matches no component at all (a typo)', () => {
    let error: { message: string; hint?: string } | undefined;
    try {
      fail(m, 'kind=dsn in=us-east-1');
    } catch (e) {
      error = e as { message: string; hint?: string };
    }
    expect(error?.message).toMatch(/matches nothing: no component has kind=dsn$/);
    expect(error?.hint).toBe('did you mean "dns"?');
    // Each value exists, only not together: no guess.
    expect(() => fail(m, 'kind=dns id=app')).toThrow(/^.*matches nothing$/);
  });
});

describe('cycles', () => {
  const m = model(`
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [a, c] }
  c: { kind: service }
  d: { kind: service }
`);
  it('a cycle does not fail itself without a fault', () => {
    expect(fail(m, 'd').nodes.map((n) => n.id)).toEqual(['d']);
  });
  it('a fault feeding a cycle takes the whole cycle down, and every chain ends at the fault', () => {
    const sim = fail(m, 'c');
    expect(worsened(sim)).toEqual(['a:down', 'b:down', 'c:down']);
    for (const n of sim.nodes) expect(n.chain.at(-1)).toEqual({ id: 'c', status: 'down', link: 'fault' });
  });
  it('an anyOf cycle holds itself up (the running-system fixpoint)', () => {
    const ring = model(`
  x: { kind: service, dependsOn: [{ anyOf: [y, leaf] }] }
  y: { kind: service, dependsOn: [x] }
  leaf: { kind: service }
`);
    expect(statuses(ring, 'leaf')).toEqual({ x: 'up', y: 'up', leaf: 'down' });
  });
});

describe('causes and impact', () => {
  const m = model(`
  region: { kind: region }
  iam: { kind: auth, in: region }
  shop: { kind: service, critical: true, weight: 10, dependsOn: [iam, { target: recs, mode: soft }] }
  blog: { kind: service, critical: true, weight: 3, dependsOn: [{ target: recs, mode: soft }] }
  recs: { kind: service }
`);
  it('chains a victim back to the fault through placements and dependencies', () => {
    const shop = fail(m, 'region').nodes.find((n) => n.id === 'shop')!;
    expect(shop.chain).toEqual([
      { id: 'shop', status: 'down', link: 'hard' },
      { id: 'iam', status: 'down', link: 'placement' },
      { id: 'region', status: 'down', link: 'fault' },
    ]);
  });
  it('impact sums critical weight down, half of it degraded', () => {
    expect(fail(m, 'region').summary).toEqual({ down: 3, degraded: 0, criticalDown: 1, criticalDegraded: 0, impact: 10 });
    expect(fail(m, 'recs').summary).toEqual({ down: 1, degraded: 2, criticalDown: 0, criticalDegraded: 2, impact: 6.5 });
  });
  it('counts every non-domain component as critical when none is marked', () => {
    const plain = model(`
  zone: { kind: zone }
  a: { kind: service, in: zone }
  b: { kind: service, dependsOn: [a] }
`);
    const sim = fail(plain, 'zone');
    expect(sim.summary).toMatchObject({ down: 3, criticalDown: 2, impact: 2 });
    expect(sim.nodes.find((n) => n.id === 'zone')!.critical).toBe(false);
  });
  it('lists critical victims first', () => {
    expect(fail(m, 'region').nodes[0]!.id).toBe('shop');
  });
});

describe('ids that are object keys elsewhere', () => {
  it('constructor, toString and hasOwnProperty are ordinary ids', () => {
    const m = model(`
  constructor: { kind: database }
  toString: { kind: service, dependsOn: [constructor] }
  hasOwnProperty: { kind: service, dependsOn: [toString] }
`);
    expect(statuses(m, 'constructor')).toEqual({ constructor: 'down', toString: 'down', hasOwnProperty: 'down' });
  });
});

describe('results', () => {
  it('keep their statuses when the same graph is simulated again', () => {
    const m = model(`
  a: { kind: database }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service }
`);
    const graph = compile(m);
    const first = simulate(graph, [{ target: 'a' }]);
    const second = simulate(graph, [{ target: 'c' }]);
    expect(first.status('b')).toBe('down');
    expect(first.status('c')).toBe('up');
    expect(first.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(second.status('b')).toBe('up');
    expect(second.status('c')).toBe('down');
  });
});

describe('fallbacks', () => {
  const m = model(`
  flags: { kind: config }
  cache: { kind: cache }
  cart: { kind: service, dependsOn: [{ target: flags, fallback: true }, { target: cache, fallback: true, timeoutMs: 50 }] }
  ads: { kind: service, dependsOn: [{ target: flags, fallback: true, mode: soft }, { target: cache, fallback: true }] }
  both: { kind: service, dependsOn: [{ anyOf: [flags, cache], fallback: true }] }
  shop: { kind: service, dependsOn: [cart, ads] }
`);
  it('leave the dependent unaffected when the target is down or degraded, and list who fell back from what', () => {
    const sim = fail(m, 'flags');
    expect(worsened(sim)).toEqual(['flags:down']);
    expect(sim.fellBack).toEqual([
      { id: 'cart', target: 'flags' },
      { id: 'ads', target: 'flags' },
    ]);
    expect(simulate(m, [{ target: 'flags', effect: 'degraded' }]).fellBack.map((f) => f.id)).toEqual(['cart', 'ads']);
  });
  it('on a group: used only once the group itself is lost, naming each lost member', () => {
    const sim = fail(m, 'flags', 'cache');
    expect(worsened(sim)).toEqual(['cache:down', 'flags:down']);
    expect(sim.fellBack.filter((f) => f.id === 'both')).toEqual([
      { id: 'both', target: 'flags' },
      { id: 'both', target: 'cache' },
    ]);
    expect(fail(m, 'flags').fellBack.some((f) => f.id === 'both')).toBe(false);
  });
  it('run on a slow target only after a timeout or bulkhead: without one the caller still waits and goes down', () => {
    const sim = simulate(m, [{ target: 'cache', effect: 'slow' }]);
    expect(sim.status('cart')).toBe('up'); // timeoutMs: 50, then the fallback
    expect(sim.status('ads')).toBe('down'); // no timeout: its threads wait on the cache
    expect(sim.fellBack).toContainEqual({ id: 'cart', target: 'cache' });
    expect(sim.fellBack.some((f) => f.id === 'ads')).toBe(false);
  });
  it('are never listed for a dependent that is down anyway', () => {
    expect(fail(m, 'flags', 'ads').fellBack).toEqual([{ id: 'cart', target: 'flags' }]);
  });
});

describe('async consumers', () => {
  const m = model(`
  kafka: { kind: queue }
  checkout: { kind: service, dependsOn: [kafka] }
  accounting: { kind: service, dependsOn: [{ target: kafka, mode: async }] }
  ledger: { kind: service, dependsOn: [accounting] }
`);
  it('build a backlog (degraded) when the queue is down, while the producer goes down', () => {
    const sim = fail(m, 'kafka');
    expect(worsened(sim)).toEqual(['accounting:degraded', 'checkout:down', 'kafka:down', 'ledger:degraded']);
    const accounting = sim.nodes.find((n) => n.id === 'accounting')!;
    expect(accounting.chain.map((s) => `${s.id}:${s.link}`)).toEqual(['accounting:async', 'kafka:fault']);
    expect(accounting.because).toEqual([{ type: 'dependency', target: 'kafka', status: 'down', mode: 'async', via: 'call' }]);
  });
  it('are never exhausted by a slow queue, even without a timeout', () => {
    const sim = simulate(m, [{ target: 'kafka', effect: 'slow' }]);
    expect(sim.status('accounting')).toBe('degraded');
    expect(sim.status('checkout')).toBe('down');
  });
});

describe('start-up and runtime phases', () => {
  const m = model(`
  frontend: { kind: service }
  migrations: { kind: service }
  loadgen: { kind: service, dependsOn: [{ target: frontend, phase: startup }] }
  db: { kind: database, dependsOn: [{ target: migrations, phase: startup }] }
  watcher: { kind: service, dependsOn: [{ target: frontend, phase: runtime }] }
`);
  it('a start-up-only dependency never takes a running system down', () => {
    expect(statuses(m, 'frontend', 'migrations')).toEqual({ frontend: 'down', migrations: 'down', loadgen: 'up', db: 'up', watcher: 'down' });
  });
  it('the startup view follows start-up and both-phase dependencies, the runtime view runtime and both', () => {
    const edges = (view: 'runtime' | 'startup') => {
      const g = compile(m, view);
      const out: string[] = [];
      for (let v = 0; v < g.components; v++) for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) out.push(`${g.names[v]}>${g.names[g.inputs[e]!]}`);
      return out;
    };
    expect(edges('runtime')).toEqual(['watcher>frontend']);
    expect(edges('startup')).toEqual(['loadgen>frontend', 'db>migrations']);
  });
  it('a slow start-up-only dependency is not waited on while running', () => {
    expect(simulate(m, [{ target: 'frontend', effect: 'slow' }]).status('loadgen')).toBe('up');
  });
});

describe('journeys', () => {
  const m = model(`
  checkout: { kind: service }
  search: { kind: service, critical: true }
  purchase: { kind: journey, dependsOn: [checkout] }
  browse: { kind: journey, critical: false, dependsOn: [search] }
`);
  it('are critical unless said otherwise, and go down with what they depend on', () => {
    expect(m.components.get('purchase')).toMatchObject({ isJourney: true, critical: true });
    expect(m.components.get('browse')).toMatchObject({ isJourney: true, critical: false });
    // A journey's default criticality does not count as "marked": checkout stays non-critical only because search is marked.
    expect(m.components.get('checkout')!.critical).toBe(false);
    const sim = fail(m, 'checkout');
    expect(sim.summary).toMatchObject({ down: 2, criticalDown: 1 });
  });
});

describe('at the size of real graphs', () => {
  it('a slow hub with 150,000 callers (more than a call can take as spread arguments) seeds every caller', () => {
    const at = { file: 'star.yaml', line: 1, col: 1, endLine: 1, endCol: 2 };
    const component = (id: string, dependsOn: Component['dependsOn']): Component => ({
      id,
      kind: 'service',
      isDomain: false,
      isJourney: false,
      placements: [],
      minHealthy: 1,
      critical: true,
      weight: 1,
      dependsOn,
      monitors: [],
      monitorsAt: [],
      tags: new Map(),
      at,
    });
    const components = new Map<string, Component>([['hub', component('hub', [])]]);
    for (let i = 0; i < 150_000; i++) components.set(`s${i}`, component(`s${i}`, [{ type: 'edge', target: 'hub', mode: 'hard', via: 'call', at }]));
    const sim = simulate({ name: 'star', files: ['star.yaml'], components }, [{ target: 'hub', effect: 'slow' }]);
    expect(sim.summary.down).toBe(150_000);
  });
});
