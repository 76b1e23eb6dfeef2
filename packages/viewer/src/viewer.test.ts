/**
 * The viewer's pure parts, in node: the scene geometry, what is shown, the
 * single-failure ranking and the findings derived from it, the wording.
 */
import { layoutModel, lint, loadManifests, simulate, viewPayload, type Model } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTH, DEGRADED, DOWN, Engine, FAULT_DOWN, FAULT_SLOW, UP } from './engine.js';
import { COLLAPSE_AT, initialCollapse, project } from './projection.js';
import { viewFindings } from './providers/findings.js';
import { rankSingleFailures } from './providers/ranking.js';
import { buildScene, NODE_W } from './scene.js';
import { placeTree } from './ui/places.js';
import { chainOf, visibility } from './visibility.js';
import { causeWords, chainLine, linkWords } from '@faultline/core';

function load(body: string): Model {
  const r = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\nname: m\ncomponents:\n${body}` }]);
  if (!r.model) throw new Error(JSON.stringify(r.diagnostics));
  return r.model;
}

const model = load(`
  r1: { kind: region }
  z1: { kind: zone, in: r1 }
  z2: { kind: zone, in: r1 }
  consul: { kind: service, in: [z1, z2], scope: global }
  cache-a: { kind: cache, in: z1 }
  cache-b: { kind: cache, in: z2 }
  api: { kind: service, critical: true, in: [z1, z2], dependsOn: [consul, { anyOf: [cache-a, cache-b], need: 2, mode: soft }] }
  web: { kind: service, critical: true, dependsOn: [api] }
  mon: { kind: monitoring, monitors: [api], dependsOn: [consul] }
`);

describe('buildScene', () => {
  const scene = buildScene(model, layoutModel(model, { columnWidth: COLUMN_WIDTH }), COLUMN_WIDTH);
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));

  it('draws every component and every relation: dependencies, group members through a junction, placements, monitors', () => {
    expect(scene.nodes).toHaveLength(model.components.size);
    const styles = scene.edges.map((e) => `${e.source < 0 ? '?' : scene.nodes[e.source]!.id}>${e.target < 0 ? `junction${e.junction}` : scene.nodes[e.target]!.id}:${e.style}`);
    expect(styles.sort()).toEqual(
      [
        'api>consul:hard',
        'api>junction0:soft',
        'api>cache-a:soft',
        'api>cache-b:soft',
        'api>z1:placement',
        'api>z2:placement',
        'cache-a>z1:placement',
        'cache-b>z2:placement',
        'consul>z1:placement',
        'consul>z2:placement',
        'mon>consul:hard',
        'mon>api:monitors',
        'web>api:hard',
        'z1>r1:placement',
        'z2>r1:placement',
      ].sort(),
    );
    expect(scene.junctions).toEqual([expect.objectContaining({ owner: byId.get('api')!.i, need: 2, mode: 'soft', members: [byId.get('cache-a')!.i, byId.get('cache-b')!.i] })]);
  });

  it('marks places and gives each placement a pip inside its node', () => {
    expect(byId.get('r1')!.place).toBe(true);
    expect(byId.get('api')!.place).toBe(false);
    const api = byId.get('api')!;
    expect(api.pips.map((p) => p.domain)).toEqual(['z1', 'z2']);
    for (const p of api.pips) expect(Math.abs(p.x - api.x)).toBeLessThan(NODE_W / 2);
  });

  it("starts edges on the dependent's right side and ends them on the dependency's left side", () => {
    const e = scene.edges.find((x) => x.style === 'hard' && scene.nodes[x.source]!.id === 'web')!;
    expect(e.x1).toBe(byId.get('web')!.x + NODE_W / 2);
    expect(e.x2).toBe(byId.get('api')!.x - NODE_W / 2);
    expect(e.x1).toBeLessThan(e.x2);
  });
});

describe('project (folded lanes)', () => {
  const engine = new Engine(model);
  const scene = buildScene(model, engine.layout, COLUMN_WIDTH);
  const laneOf = (id: string) => scene.lanes[scene.nodes.find((n) => n.id === id)!.lane]!;

  it('changes nothing while every lane is unfolded', () => {
    const p = project(scene, new Set());
    expect([...p.x]).toEqual(scene.nodes.map((n) => n.x));
    expect([...p.y]).toEqual(scene.nodes.map((n) => n.y));
    expect(p.cells).toEqual([]);
    expect(p.bounds).toEqual(scene.bounds);
  });

  it('folds a lane into one cell per layer that counts every member, and moves the lanes below up', () => {
    const lane = laneOf('api');
    const p = project(scene, new Set([lane.id]));
    const folded = p.cells.flatMap((c) => c.members);
    expect(folded.sort((a, b) => a - b)).toEqual([...lane.members].sort((a, b) => a - b));
    for (const c of p.cells) expect(new Set(c.members.map((i) => scene.nodes[i]!.layer)).size).toBe(1);
    const k = scene.lanes.indexOf(lane);
    expect(p.lanes[k]!.height).toBeLessThan(lane.height);
    const below = scene.lanes[k + 1];
    if (below) expect(p.lanes[k + 1]!.y).toBe(below.y - (lane.height - p.lanes[k]!.height));
    expect(p.bounds.y1).toBeLessThan(scene.bounds.y1);
  });

  it('folds only large models to begin with', () => {
    expect(initialCollapse(scene).size).toBe(0);
    expect(COLLAPSE_AT).toBeGreaterThanOrEqual(2000);
  });
});

describe('Engine.run', () => {
  const engine = new Engine(model);

  it('turns a simulation into per-component arrays, with the fault marked', () => {
    const run = engine.run([{ target: 'consul' }]);
    const at = (id: string) => engine.index.get(id)!;
    expect(run.status[at('consul')]).toBe(DOWN);
    expect(run.status[at('web')]).toBe(DOWN);
    expect(run.status[at('cache-a')]).toBe(UP);
    expect(run.faulted[at('consul')]).toBe(FAULT_DOWN);
    expect(run.faulted[at('api')]).toBe(0);
    expect(run.sim!.summary).toEqual(simulate(model, [{ target: 'consul' }]).summary);
    expect(engine.run([{ target: 'cache-a', effect: 'slow' }]).faulted[at('cache-a')]).toBe(FAULT_SLOW);
  });

  it('reports a fault that names nothing as a message, not an exception', () => {
    const run = engine.run([{ target: 'consol' }]);
    expect(run.sim).toBeNull();
    expect(run.error).toBe('unknown component "consol" (did you mean "consul"?)');
  });

  it('marks placements hit directly', () => {
    const run = engine.run([{ target: 'api@z1' }]);
    expect([...run.faultedPlacements]).toEqual(['api@z1']);
    expect(run.status[engine.index.get('api')!]).toBe(UP);
  });
});

describe('visibility', () => {
  const engine = new Engine(model);
  const kinds = engine.ids.map((id) => model.components.get(id)!.kind);
  const lanes = engine.ids.map((id) => engine.layout.laneOf.get(id)!);
  const hiddenIds = (h: Uint8Array) => engine.ids.filter((_, i) => h[i]);

  it('hides what the faults leave up, only when asked and only when there are faults', () => {
    const run = engine.run([{ target: 'cache-b' }]);
    const shown = visibility(engine.ids, kinds, lanes, run, { blastOnly: true, keep: null, kind: null, lane: null });
    expect(engine.ids.filter((_, i) => !shown.hidden[i])).toEqual(['cache-b', 'api', 'web']);
    const none = visibility(engine.ids, kinds, lanes, engine.run([]), { blastOnly: true, keep: null, kind: null, lane: null });
    expect(hiddenIds(none.hidden)).toEqual([]);
    expect(run.status[engine.index.get('api')!]).toBe(DEGRADED);
  });

  it('keeps a neighbourhood and fades what the filters exclude', () => {
    const shown = visibility(engine.ids, kinds, lanes, engine.run([]), { blastOnly: false, keep: new Set(['api', 'web']), kind: 'cache', lane: null });
    expect(engine.ids.filter((_, i) => !shown.hidden[i])).toEqual(['api', 'web']);
    expect(engine.ids.filter((_, i) => !shown.dimmed[i])).toEqual(['cache-a', 'cache-b']);
  });

  it('turns a chain into nodes and links', () => {
    const run = engine.run([{ target: 'z1' }]);
    const chain = run.outcome.get('web')!.chain;
    const { nodes, links } = chainOf(chain, engine.index);
    expect([...nodes].map((i) => engine.ids[i])).toEqual(chain.map((s) => s.id));
    const n = engine.ids.length;
    expect([...links].map((l) => `${engine.ids[Math.floor(l / n)]}>${engine.ids[l % n]}`)).toEqual(chain.slice(0, -1).map((s, k) => `${s.id}>${chain[k + 1]!.id}`));
  });
});

describe('ranking and findings', () => {
  it('ranks the single points of failure by impact, worst first, with their critical victims', () => {
    const ranked = rankSingleFailures(new Engine(model));
    expect(ranked.map((r) => r.target)).toEqual(['r1', 'consul', 'api']);
    expect(ranked.find((r) => r.target === 'consul')).toMatchObject({ victims: ['api', 'web'], hidden: false });
  });

  it('says what applying each finding `faultline view` embeds does (the default rules here)', () => {
    const findings = viewFindings(viewPayload(model, [], lint(model, { graph: new Engine(model).graph }).findings).findings!);
    const blind = findings.find((f) => f.rule === 'monitor-independence')!;
    expect(blind).toMatchObject({ severity: 'error', target: 'mon', faults: [{ target: 'consul' }], focus: 'mon' });
    const pinned = findings.find((f) => f.rule === 'global-pinned')!;
    expect(pinned).toMatchObject({ target: 'consul', faults: [{ target: 'r1' }], focus: 'consul' });
    // Replicated consul takes api and web down when it fails as a whole: the logical failure is applied as such.
    // (Replicated api takes web down too, but only web uses it: the rule's minDependents (2) leaves it out.)
    const logical = findings.filter((f) => f.rule === 'logical-single-point-of-failure');
    expect(logical.map((f) => ({ target: f.target, faults: f.faults, focus: f.focus }))).toEqual([{ target: 'consul', faults: [{ target: 'consul' }], focus: 'api' }]);
    expect(findings.map((f) => f.rule)).toEqual(['global-pinned', 'monitor-independence', 'logical-single-point-of-failure']);
  });

  it('reads what each embedded finding reproduces, leaves suppressed ones out, and only focuses what no fault reproduces', () => {
    expect(
      viewFindings([
        { rule: 'monitor-independence', severity: 'error', message: 'm', target: 'mon', related: ['consul', 'api'], fail: 'consul', focus: 'mon' },
        { rule: 'hard-cycle', severity: 'warn', message: 'c', target: 'a', related: ['b'], focus: 'a' },
        { rule: 'global-pinned', severity: 'error', message: 'g', target: 'consul', related: ['r1'], suppressed: true },
      ]),
    ).toEqual([
      { rule: 'monitor-independence', severity: 'error', message: 'm', target: 'mon', faults: [{ target: 'consul' }], focus: 'mon' },
      { rule: 'hard-cycle', severity: 'warn', message: 'c', target: 'a', faults: [], focus: 'a' },
    ]);
  });
});

describe('words', () => {
  it('says each link and cause the way the CLI does', () => {
    const sim = simulate(model, [{ target: 'z1' }]);
    const web = sim.nodes.find((n) => n.id === 'web')!;
    expect(chainLine(web.chain)).toBe(`${web.chain.map((s) => s.id).join(' → ')} (fault)`);
    expect(linkWords(web.chain.at(-1)!)).toBe('failed — the fault');
    expect(linkWords({ id: 'x', status: 'down', link: 'fault', fault: 'kind=dns in=r1' })).toBe('failed — fault “kind=dns in=r1”');
    expect(causeWords({ type: 'group', anyOf: ['a', 'b'], need: 2, lost: ['a'], mode: 'soft' })).toBe('needs 2 of a, b; lost a');
    expect(causeWords({ type: 'placement', lost: ['z1'], replicasLost: 1, replicas: 2, minHealthy: 2 })).toBe('lost 1 of 2 replicas (z1); needs 2');
  });
});

describe('placeTree', () => {
  it('lists places parent first, children indented', () => {
    const m = load(`
  aws: { kind: provider }
  us-west-2: { kind: region, in: aws }
  usw2-a: { kind: zone, in: us-west-2 }
  us-east-1: { kind: region, in: aws }
  use1-a: { kind: zone, in: us-east-1 }
  dc-9: { kind: datacenter }
  svc: { kind: service, in: use1-a }
`);
    expect(placeTree(m).map((r) => `${'  '.repeat(r.depth)}${r.id}`)).toEqual(['aws', '  us-west-2', '    usw2-a', '  us-east-1', '    use1-a', 'dc-9']);
  });
});

describe('buildScene: journeys, fallbacks, async consumers', () => {
  const m = load(`
  flags: { kind: config }
  topic: { kind: queue }
  a: { kind: cache }
  b: { kind: cache }
  api: { kind: service, dependsOn: [{ target: flags, fallback: true }, { anyOf: [a, b], fallback: true }] }
  worker: { kind: service, dependsOn: [{ target: topic, mode: async }] }
  purchase: { kind: journey, dependsOn: [api] }
`);
  const scene = buildScene(m, layoutModel(m, { columnWidth: COLUMN_WIDTH }), COLUMN_WIDTH);
  const edge = (from: string, to: string) => scene.edges.find((e) => scene.nodes[e.source]!.id === from && e.target >= 0 && scene.nodes[e.target]!.id === to)!;

  it('marks journeys, fallback edges (single and group, stem included) and async edges', () => {
    expect(scene.nodes.filter((n) => n.journey).map((n) => n.id)).toEqual(['purchase']);
    expect(scene.nodes.find((n) => n.id === 'purchase')!.critical).toBe(true);
    expect(edge('api', 'flags').fallback).toBe(true);
    expect(edge('api', 'a').fallback).toBe(true);
    expect(scene.edges.filter((e) => e.target < 0).map((e) => e.fallback)).toEqual([true]);
    expect(edge('purchase', 'api').fallback).toBe(false);
    expect(edge('worker', 'topic')).toMatchObject({ style: 'async', fallback: false });
  });

  it('the engine reports the fallbacks a fault puts to work', () => {
    const run = new Engine(m).run([{ target: 'flags' }]);
    expect(run.sim!.fellBack).toEqual([{ id: 'api', target: 'flags' }]);
    expect(run.status[[...m.components.keys()].indexOf('api')]).toBe(UP);
  });
});
