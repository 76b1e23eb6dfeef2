/**
 * Property tests of simulate (fast-check)
 * =======================================
 *
 * Random small manifests (5–30 components; hard, soft and async edges, anyOf
 * groups with random need, fallbacks, start-up-only and runtime-only
 * dependencies, journeys, placements in all three `in` forms with replica
 * counts and minHealthy; cycles allowed) and random fault sets (ids, `id@domain`, down,
 * degraded and slow) are serialised to YAML, loaded with `loadManifests` and
 * simulated. The engine must agree with a naive three-valued fixpoint written
 * straight from the model's rules, and keep the contract's invariants: order
 * independence, monotonicity, no failure without a fault, and chains that end
 * at a fault through real relations.
 *
 * Seeded, so a failure is reproducible; fast-check prints the counterexample.
 *
 * [Reference]: docs/architecture.md#model-semantics; docs/algorithms.md#two-fixpoints
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { ChainStep } from './explain.js';
import type { FaultEffect, FaultSpec } from './faults.js';
import { loadManifests } from '../load/loader.js';
import type { Model, Status } from '../model.js';
import { simulate } from './simulate.js';
import { mulberry32 } from '../analyses/availability-random.js';

const RUNS = propertyRuns(20251123, 150);

// ---------------------------------------------------------------- scenarios

type GenMode = 'hard' | 'soft' | 'async';
/** What a dependency entry may say besides its targets. */
interface GenAttributes {
  readonly mode: GenMode;
  readonly timeoutMs?: number;
  readonly bulkhead?: boolean;
  readonly fallback?: boolean;
  readonly phase?: 'startup' | 'runtime';
}
interface GenEdge extends GenAttributes {
  readonly target: string;
  readonly bare: boolean;
}
interface GenGroup extends GenAttributes {
  readonly anyOf: readonly string[];
  readonly need: number;
}
type GenDep = GenEdge | GenGroup;
interface GenPlacement {
  readonly domain: string;
  readonly replicas: number;
}
interface GenComponent {
  readonly id: string;
  readonly kind: string;
  /** `one`: `in: d`, `list`: `in: [d, …]`, `map`: `in: { d: n, … }`. */
  readonly form: 'one' | 'list' | 'map';
  readonly placements: readonly GenPlacement[];
  readonly minHealthy?: number;
  readonly dependsOn: readonly GenDep[];
}
interface Scenario {
  readonly components: readonly GenComponent[];
  readonly faults: readonly FaultSpec[];
  /** Drives the shuffles of the order-independence property. */
  readonly shuffleSeed: number;
}

/** Ids that are properties of `Object.prototype`: they must be ordinary ids. */
const TRICKY_IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
const KINDS = ['service', 'database', 'cache', 'dns', 'zone', 'region', 'journey'];
const EFFECTS: readonly FaultEffect[] = ['down', 'degraded', 'slow'];

const modeArb = fc.constantFrom<GenMode>('hard', 'hard', 'soft', 'async');
const guardArb = fc.record({
  timeout: fc.boolean(),
  bulkhead: fc.boolean(),
  fallback: fc.constantFrom(false, false, false, true),
  phase: fc.constantFrom(undefined, undefined, undefined, 'startup', 'runtime'),
});

function guarded<T extends object>(x: T, g: { timeout: boolean; bulkhead: boolean; fallback: boolean; phase: 'startup' | 'runtime' | undefined }): T {
  return {
    ...x,
    ...(g.timeout ? { timeoutMs: 250 } : {}),
    ...(g.bulkhead ? { bulkhead: true } : {}),
    ...(g.fallback ? { fallback: true } : {}),
    ...(g.phase ? { phase: g.phase } : {}),
  };
}

/** Distinct ids other than ids[i], from offsets in 1 … n − 1. */
function others(ids: readonly string[], i: number, offsets: readonly number[]): string[] {
  return offsets.map((o) => ids[(i + o) % ids.length]!);
}

function componentArb(ids: readonly string[], i: number): fc.Arbitrary<GenComponent> {
  const n = ids.length;
  const offsets = (max: number) => fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { minLength: 1, maxLength: Math.min(max, n - 1) });
  const edge = fc
    .record({ off: fc.integer({ min: 1, max: n - 1 }), bare: fc.boolean(), mode: modeArb, guard: guardArb })
    .map(
      ({ off, bare, mode, guard }): GenDep =>
        bare ? { target: others(ids, i, [off])[0]!, bare: true, mode: 'hard' } : guarded({ target: others(ids, i, [off])[0]!, bare: false, mode }, guard),
    );
  const group = fc
    .record({ offs: offsets(4), needPick: fc.nat(), mode: modeArb, guard: guardArb })
    .map(({ offs, needPick, mode, guard }): GenDep => guarded({ anyOf: others(ids, i, offs), need: 1 + (needPick % offs.length), mode }, guard));
  const placements = fc.option(
    fc.record({
      offs: offsets(3),
      replicas: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 }),
      form: fc.constantFrom('one', 'list', 'map'),
      minPick: fc.option(fc.nat()),
    }),
    { freq: 2 },
  );
  return fc
    .record({
      kind: fc.constantFrom(...KINDS),
      placements,
      dependsOn: fc.array(fc.oneof({ weight: 3, arbitrary: edge }, { weight: 2, arbitrary: group }), { maxLength: 3 }),
    })
    .map(({ kind, placements: p, dependsOn }): GenComponent => {
      // Journeys run nowhere.
      if (!p || kind === 'journey') return { id: ids[i]!, kind, form: 'list', placements: [], dependsOn };
      const form = p.offs.length > 1 && p.form === 'one' ? 'list' : (p.form as GenComponent['form']);
      const list = others(ids, i, p.offs).map((domain, k) => ({ domain, replicas: form === 'map' ? p.replicas[k]! : 1 }));
      const total = list.reduce((s, x) => s + x.replicas, 0);
      return { id: ids[i]!, kind, form, placements: list, ...(p.minPick !== null ? { minHealthy: 1 + (p.minPick % total) } : {}), dependsOn };
    });
}

function faultArb(components: readonly GenComponent[]): fc.Arbitrary<FaultSpec> {
  return fc
    .record({ c: fc.nat({ max: components.length - 1 }), placement: fc.option(fc.nat(), { freq: 3 }), effect: fc.constantFrom(...EFFECTS) })
    .map(({ c, placement, effect }) => {
      const comp = components[c]!;
      if (placement !== null && comp.placements.length > 0 && effect !== 'slow') {
        return { target: `${comp.id}@${comp.placements[placement % comp.placements.length]!.domain}`, effect };
      }
      return { target: comp.id, effect };
    });
}

const componentsArb: fc.Arbitrary<GenComponent[]> = fc.record({ n: fc.integer({ min: 5, max: 30 }), tricky: fc.boolean() }).chain(({ n, tricky }) => {
  const ids = Array.from({ length: n }, (_, i) => (tricky && i < TRICKY_IDS.length ? TRICKY_IDS[i]! : `c${i}`));
  return fc.tuple(...ids.map((_, i) => componentArb(ids, i)));
});

const scenarioArb: fc.Arbitrary<Scenario> = componentsArb.chain((components) =>
  fc.record({ components: fc.constant(components), faults: fc.array(faultArb(components), { maxLength: 4 }), shuffleSeed: fc.nat() }),
);

/** A scenario plus one more fault, for monotonicity. */
const growingArb = scenarioArb.chain((s) => fc.record({ scenario: fc.constant(s), extra: faultArb(s.components) }));

// ---------------------------------------------------------------- YAML and loading

function toManifest(components: readonly GenComponent[]): unknown {
  const body = new Map<string, unknown>();
  for (const c of components) {
    const value: Record<string, unknown> = { kind: c.kind };
    if (c.placements.length > 0) {
      if (c.form === 'one') value['in'] = c.placements[0]!.domain;
      else if (c.form === 'list') value['in'] = c.placements.map((p) => p.domain);
      else value['in'] = new Map(c.placements.map((p) => [p.domain, p.replicas]));
    }
    if (c.minHealthy !== undefined) value['minHealthy'] = c.minHealthy;
    if (c.dependsOn.length > 0) {
      value['dependsOn'] = c.dependsOn.map((d) => {
        if ('anyOf' in d) return { ...d, anyOf: [...d.anyOf] };
        if (d.bare) return d.target;
        const { bare: _bare, ...rest } = d;
        return rest;
      });
    }
    body.set(c.id, value);
  }
  return { apiVersion: 'faultline/v1', name: 'property', components: body };
}

function load(components: readonly GenComponent[]): Model {
  const text = stringify(toManifest(components));
  const result = loadManifests([{ path: 'property.yaml', text }]);
  if (!result.model) throw new Error(`generated manifest did not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}\n${text}`);
  return result.model;
}

function statusesOf(m: Model, faults: readonly FaultSpec[]): Map<string, Status> {
  const sim = simulate(m, faults);
  return new Map([...m.components.keys()].map((id) => [id, sim.status(id)]));
}

const RANK: Record<Status, number> = { up: 0, degraded: 1, down: 2 };

// ---------------------------------------------------------------- shuffles

/** A small seeded PRNG, so a shuffle is part of the counterexample. */
const prng = mulberry32;

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same manifest with components, dependsOn entries, group members and placements reordered. */
function reorder(components: readonly GenComponent[], rnd: () => number): GenComponent[] {
  return shuffle(components, rnd).map((c) => ({
    ...c,
    placements: shuffle(c.placements, rnd),
    dependsOn: shuffle(c.dependsOn, rnd).map((d) => ('anyOf' in d ? { ...d, anyOf: shuffle(d.anyOf, rnd) } : d)),
  }));
}

// ---------------------------------------------------------------- the oracle

/**
 * The model's rules, evaluated naively: start with every component up and
 * recompute every status from its inputs until nothing changes. Starting from
 * the bottom makes it the least fixpoint, the running system's answer.
 */
function oracle(m: Model, faults: readonly FaultSpec[]): Map<string, Status> {
  const faultAt = new Map<string, number>(); // component id or `id@domain` replica → seeded status
  const seed = (key: string, s: number): void => void faultAt.set(key, Math.max(faultAt.get(key) ?? 0, s));
  for (const f of faults) {
    const effect = f.effect ?? 'down';
    const at = f.target.indexOf('@');
    if (at >= 0) {
      const id = f.target.slice(0, at);
      const under = domainsUnder(m, f.target.slice(at + 1));
      for (const p of m.components.get(id)!.placements) if (under.has(p.domain)) seed(`${id}@${p.domain}`, effect === 'down' ? 2 : 1);
      continue;
    }
    seed(f.target, effect === 'down' ? 2 : 1);
    if (effect !== 'slow') continue;
    // Slow: each caller whose edge (or group) names the target, while running, is
    // down unless guarded by a timeout or a bulkhead, and degraded if guarded; an
    // async consumer is only degraded; a guarded caller with a fallback falls back.
    for (const c of m.components.values()) {
      for (const d of c.dependsOn) {
        if (d.phase === 'startup') continue;
        const calls = d.type === 'edge' ? d.target === f.target : d.anyOf.includes(f.target);
        const guardedCall = d.timeoutMs !== undefined || d.bulkhead === true;
        if (!calls || (guardedCall && d.fallback === true)) continue;
        seed(c.id, guardedCall || d.mode === 'async' ? 1 : 2);
      }
    }
  }

  let status = new Map<string, number>([...m.components.keys()].map((id) => [id, 0]));
  for (let changed = true; changed; ) {
    changed = false;
    const next = new Map<string, number>();
    for (const c of m.components.values()) {
      let s = faultAt.get(c.id) ?? 0;
      for (const d of c.dependsOn) {
        // A running system: start-up-only dependencies and fallbacks carry no failure.
        if (d.phase === 'startup' || d.fallback === true) continue;
        const members = d.type === 'edge' ? [status.get(d.target)!] : d.anyOf.map((x) => status.get(x)!);
        const need = d.type === 'edge' ? 1 : d.need;
        const notDown = members.filter((x) => x < 2).length;
        const up = members.filter((x) => x === 0).length;
        const g = notDown < need ? 2 : up < need ? 1 : 0;
        s = Math.max(s, d.mode === 'hard' ? g : Math.min(g, 1));
      }
      if (c.placements.length > 0) {
        let notDown = 0;
        let up = 0;
        for (const p of c.placements) {
          const r = Math.max(faultAt.get(`${c.id}@${p.domain}`) ?? 0, status.get(p.domain)!);
          if (r < 2) notDown += p.replicas;
          if (r === 0) up += p.replicas;
        }
        s = Math.max(s, notDown < c.minHealthy ? 2 : up < c.minHealthy ? 1 : 0);
      }
      next.set(c.id, s);
      if (s !== status.get(c.id)) changed = true;
    }
    status = next;
  }
  const names: Status[] = ['up', 'degraded', 'down'];
  return new Map([...status].map(([id, s]) => [id, names[s]!]));
}

/** The fallbacks a running system uses: `id>target` for each fallback entry whose target (group) is not up, of a dependent not down. */
function fallbacksOracle(m: Model, status: ReadonlyMap<string, Status>): string[] {
  const out: string[] = [];
  for (const c of m.components.values()) {
    if (status.get(c.id) === 'down') continue;
    for (const d of c.dependsOn) {
      if (d.fallback !== true || d.phase === 'startup') continue;
      const lost = (d.type === 'edge' ? [d.target] : d.anyOf).filter((t) => status.get(t) !== 'up');
      if (lost.length > (d.type === 'edge' ? 0 : d.anyOf.length - d.need)) for (const t of lost) out.push(`${c.id}>${t}`);
    }
  }
  return out;
}

/** D and everything placed under it, transitively. */
function domainsUnder(m: Model, root: string): Set<string> {
  const under = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of m.components.values()) {
      if (!under.has(c.id) && c.placements.some((p) => under.has(p.domain))) {
        under.add(c.id);
        grew = true;
      }
    }
  }
  return under;
}

/** Components that depend on `from`, directly or through a group or a placement. */
function dependentsMap(m: Model): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>([...m.components.keys()].map((id) => [id, new Set<string>()]));
  for (const c of m.components.values()) {
    for (const d of c.dependsOn) for (const t of d.type === 'edge' ? [d.target] : d.anyOf) out.get(t)!.add(c.id);
    for (const p of c.placements) out.get(p.domain)!.add(c.id);
  }
  return out;
}

function reverseReachable(m: Model, seeds: Iterable<string>): Set<string> {
  const dependents = dependentsMap(m);
  const seen = new Set(seeds);
  const stack = [...seen];
  while (stack.length > 0) {
    for (const d of dependents.get(stack.pop()!)!) {
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return seen;
}

/** True when some component reaches itself over dependencies or placements. */
function hasCycle(m: Model): boolean {
  const dependents = dependentsMap(m);
  return [...m.components.keys()].some((id) => [...dependents.get(id)!].some((d) => reverseReachable(m, [d]).has(id)));
}

// ---------------------------------------------------------------- chains

/** Whether `step` → `next` is a relation of the model that the step's link names. */
function isRelation(m: Model, step: ChainStep, next: ChainStep, slowTargets: ReadonlySet<string>): boolean {
  const c = m.components.get(step.id)!;
  const names = (d: (typeof c.dependsOn)[number]): readonly string[] => (d.type === 'edge' ? [d.target] : d.anyOf);
  switch (step.link) {
    case 'hard':
    case 'soft':
    case 'async':
      return c.dependsOn.some((d) => d.type === 'edge' && d.target === next.id && d.mode === step.link && d.fallback !== true && d.phase !== 'startup');
    case 'anyOf':
      return c.dependsOn.some((d) => d.type === 'group' && d.anyOf.includes(next.id) && d.fallback !== true && d.phase !== 'startup');
    case 'placement':
      return c.placements.some((p) => p.domain === next.id || `${c.id}@${p.domain}` === next.id);
    case 'slow':
      return slowTargets.has(next.id) && c.dependsOn.some((d) => names(d).includes(next.id) && d.phase !== 'startup');
    case 'fault':
    case 'more':
      return false;
  }
}

// ---------------------------------------------------------------- properties

describe('simulate (property tests)', () => {
  it("agrees with a naive fixpoint of the model's rules on every component", () => {
    fc.assert(
      fc.property(scenarioArb, ({ components, faults }) => {
        const m = load(components);
        expect(Object.fromEntries(statusesOf(m, faults))).toEqual(Object.fromEntries(oracle(m, faults)));
      }),
      RUNS,
    );
  });

  it('lists exactly the fallbacks in use', () => {
    fc.assert(
      fc.property(scenarioArb, ({ components, faults }) => {
        const m = load(components);
        const sim = simulate(m, faults);
        expect(sim.fellBack.map((f) => `${f.id}>${f.target}`)).toEqual(fallbacksOracle(m, oracle(m, faults)));
      }),
      RUNS,
    );
  });

  it('does not depend on the order of components, dependsOn entries, group members, placements or faults', () => {
    fc.assert(
      fc.property(scenarioArb, ({ components, faults, shuffleSeed }) => {
        const rnd = prng(shuffleSeed);
        const before = statusesOf(load(components), faults);
        const after = statusesOf(load(reorder(components, rnd)), shuffle(faults, rnd));
        for (const [id, s] of before) expect([id, after.get(id)]).toEqual([id, s]);
      }),
      RUNS,
    );
  });

  it('never makes a status better when a down, degraded or slow fault is added (monotonicity)', () => {
    fc.assert(
      fc.property(growingArb, ({ scenario, extra }) => {
        const m = load(scenario.components);
        const before = statusesOf(m, scenario.faults);
        for (const effect of EFFECTS) {
          if (effect === 'slow' && extra.target.includes('@')) continue;
          const after = statusesOf(m, [...scenario.faults, { ...extra, effect }]);
          for (const [id, s] of before) expect(RANK[after.get(id)!], `${id} after adding ${extra.target} (${effect})`).toBeGreaterThanOrEqual(RANK[s]);
        }
      }),
      RUNS,
    );
  });

  it('keeps everything up with no fault, cycles included', () => {
    let cyclic = 0;
    fc.assert(
      fc.property(componentsArb, (components) => {
        const m = load(components);
        if (hasCycle(m)) cyclic++;
        const sim = simulate(m, []);
        expect(sim.nodes).toEqual([]);
        expect(sim.summary).toEqual({ down: 0, degraded: 0, criticalDown: 0, criticalDegraded: 0, impact: 0 });
        for (const id of m.components.keys()) expect(sim.status(id)).toBe('up');
      }),
      RUNS,
    );
    // The property means something only if the generator makes cycles often.
    expect(cyclic).toBeGreaterThan(RUNS.numRuns / 2);
  });

  it('keeps up every component that no fault can reach', () => {
    fc.assert(
      fc.property(scenarioArb, ({ components, faults }) => {
        const m = load(components);
        const sim = simulate(m, faults);
        const reached = reverseReachable(
          m,
          faults.map((f) => f.target.split('@')[0]!),
        );
        for (const id of m.components.keys()) if (!reached.has(id)) expect([id, sim.status(id)]).toEqual([id, 'up']);
      }),
      RUNS,
    );
  });

  it('chains every worsened component to a fault through real relations, never getting better towards the fault except across a slow call', () => {
    fc.assert(
      fc.property(scenarioArb, ({ components, faults }) => {
        const m = load(components);
        const sim = simulate(m, faults);
        const hits = new Set(sim.faults.flatMap((f) => f.hits));
        const slowTargets = new Set(sim.faults.filter((f) => f.effect === 'slow').flatMap((f) => f.hits));
        for (const n of sim.nodes) {
          const chain = n.chain;
          expect(chain[0]).toMatchObject({ id: n.id, status: n.status });
          const last = chain.at(-1)!;
          expect(last.link).toBe('fault');
          expect(hits.has(last.id), `${n.id}'s chain ends at ${last.id}, not a fault`).toBe(true);
          // No loops: only the fault at the end may appear earlier (a slow
          // component taken down by its own caller: x -hard-> caller -slow-> x).
          const body = chain.slice(0, -1).map((s) => s.id);
          expect(new Set(body).size).toBe(body.length);
          for (let i = 0; i + 1 < chain.length; i++) {
            const step = chain[i]!;
            const next = chain[i + 1]!;
            expect(step.link).not.toBe('fault');
            expect(isRelation(m, step, next, slowTargets), `${step.id} -${step.link}-> ${next.id}`).toBe(true);
            if (!next.id.includes('@')) expect(next.status).toBe(sim.status(next.id));
            // Towards the fault, statuses never get better, except that a slow
            // call takes a caller down while the slow component is only degraded.
            if (step.link === 'slow') continue;
            expect(RANK[next.status]).toBeGreaterThanOrEqual(RANK[step.status]);
            // A hard edge passes a status on unchanged; a soft one only ever degrades.
            if (step.link === 'hard') expect(next.status).toBe(step.status);
            if (step.link === 'soft' || step.link === 'async') expect(step.status).toBe('degraded');
          }
        }
      }),
      RUNS,
    );
  });
});

describe('simulate (counterexamples found by the properties)', () => {
  it("ends a slow caller's chain at the slow fault even when the caller takes the slow component down", () => {
    // c3 is slow, c1 calls it unguarded (down), and c3 hard-depends on c1 (down too).
    // The chain used to loop c3 → c1 → c3 … and never reach the fault.
    const m = load([
      { id: 'c1', kind: 'service', form: 'list', placements: [], dependsOn: [{ target: 'c3', bare: true, mode: 'hard' }] },
      { id: 'c3', kind: 'service', form: 'list', placements: [], dependsOn: [{ target: 'c1', bare: true, mode: 'hard' }] },
    ]);
    const sim = simulate(m, [{ target: 'c3', effect: 'slow' }]);
    const chains = new Map(sim.nodes.map((n) => [n.id, n.chain.map((s) => `${s.id}:${s.status}:${s.link}`)]));
    expect(chains).toEqual(
      new Map([
        ['c1', ['c1:down:slow', 'c3:down:fault']],
        ['c3', ['c3:down:hard', 'c1:down:slow', 'c3:down:fault']],
      ]),
    );
  });
});
