/**
 * Random small manifests for the analyses' property tests, and naive oracles
 * ==========================================================================
 *
 * Manifests: placements with replica counts and minHealthy, `hard`, `soft`
 * and `async` edges and `anyOf`/quorum groups, `fallback: true`, `phase:
 * startup | runtime`, journeys (`kind: journey`, never placed and never a
 * placement's domain), cycles allowed.
 *
 * Oracles: the running system's least fixpoint of "down" and "not up" and
 * the cold start's least fixpoint of "up", written straight from the
 * manifest's rules on the model (never from the compiled graph), so the
 * analyses' view rules (fallback, phase, async, journeys) are checked
 * against an independent reading. Only tests import this (it needs
 * fast-check).
 */
import fc from 'fast-check';
import type { Component, Dependency, Model } from '../model.js';

export type DepMode = 'hard' | 'soft' | 'async';

export interface DepSpec {
  readonly targets: readonly number[];
  readonly need: number;
  readonly mode: DepMode;
  readonly group: boolean;
  readonly fallback: boolean;
  readonly phase: 'startup' | 'runtime' | undefined;
}

export interface Spec {
  readonly critical?: boolean | undefined;
  readonly weight?: number;
  /** `kind: journey` (ignored for every fifth component, a zone others may be placed in). */
  readonly journey: boolean;
  readonly placements: readonly (readonly [number, number])[];
  readonly minHealthy: number;
  readonly deps: readonly DepSpec[];
}

export interface SpecOptions {
  /** Draw `critical` and `weight` too. @default false */
  readonly weights?: boolean;
  /** Dependency entries per component, at most. @default 3 */
  readonly maxDeps?: number;
}

/** One component of an n-component manifest (ids c0 … c{n−1}). */
export function specArb(n: number, options: SpecOptions = {}): fc.Arbitrary<Spec> {
  const shape = {
    journey: fc.constantFrom(false, false, false, false, true),
    placements: fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 3 })), { maxLength: 3 }),
    minHealthy: fc.integer({ min: 1, max: 6 }),
    deps: fc.array(
      fc.record({
        targets: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 4 }),
        need: fc.integer({ min: 1, max: 4 }),
        mode: fc.constantFrom<DepMode>('hard', 'hard', 'hard', 'soft', 'async'),
        group: fc.boolean(),
        fallback: fc.constantFrom(false, false, false, false, true),
        phase: fc.constantFrom<DepSpec['phase']>(undefined, undefined, undefined, 'startup', 'runtime'),
      }),
      { maxLength: options.maxDeps ?? 3 },
    ),
  };
  if (!options.weights) return fc.record(shape);
  return fc.record({ ...shape, critical: fc.option(fc.boolean(), { nil: undefined }), weight: fc.constantFrom(0, 0.5, 1, 2, 3.25) });
}

/** Whether spec i of a manifest is a journey. */
function isJourney(specs: readonly Spec[], i: number): boolean {
  return specs[i]!.journey && i % 5 !== 0;
}

/** The `components:` body of a valid manifest: no self references, no duplicates, need and minHealthy within range. */
export function manifest(specs: readonly Spec[]): string {
  const anyCritical = specs.some((s) => s.critical === true);
  return specs
    .map((s, i) => {
      const journey = isJourney(specs, i);
      const fields = [`kind: ${i % 5 === 0 ? 'zone' : journey ? 'journey' : 'service'}`];
      if (s.weight !== undefined) fields.push(`weight: ${s.weight}`);
      if (anyCritical && s.critical !== undefined) fields.push(`critical: ${s.critical}`);
      const placements = new Map<number, number>();
      if (!journey) for (const [d, r] of s.placements) if (d !== i && !isJourney(specs, d) && !placements.has(d)) placements.set(d, r);
      if (placements.size > 0) {
        let total = 0;
        for (const r of placements.values()) total += r;
        fields.push(`in: { ${[...placements].map(([d, r]) => `c${d}: ${r}`).join(', ')} }`, `minHealthy: ${Math.min(s.minHealthy, total)}`);
      }
      const deps: string[] = [];
      for (const d of s.deps) {
        const targets = [...new Set(d.targets.filter((t) => t !== i))];
        if (targets.length === 0) continue;
        let attributes = d.mode === 'hard' ? '' : `, mode: ${d.mode}`;
        if (d.fallback) attributes += ', fallback: true';
        if (d.phase) attributes += `, phase: ${d.phase}`;
        if (d.group) deps.push(`{ anyOf: [${targets.map((t) => `c${t}`).join(', ')}], need: ${Math.min(d.need, targets.length)}${attributes} }`);
        else deps.push(`{ target: c${targets[0]}${attributes} }`);
      }
      if (deps.length > 0) fields.push(`dependsOn: [${deps.join(', ')}]`);
      return `  c${i}: { ${fields.join(', ')} }`;
    })
    .join('\n');
}

// ------------------------------------------------------------------ oracles

/**
 * Every single failure, as `simulate --fail` names it: each component but a
 * journey, then each placement `id@domain` of a component placed in two or
 * more domains, in model order.
 */
export function failureNames(m: Model): string[] {
  const out: string[] = [];
  for (const c of m.components.values()) {
    if (c.isJourney) continue;
    out.push(c.id);
    if (c.placements.length >= 2) for (const p of c.placements) out.push(`${c.id}@${p.domain}`);
  }
  return out;
}

/** A running system's dependency: needed while running, and without a fallback. */
function runs(d: Dependency): boolean {
  return d.fallback !== true && d.phase !== 'startup';
}

/** A cold start's blocking dependency: hard, needed at start-up, and without a fallback. */
function blocksStart(d: Dependency): boolean {
  return d.mode === 'hard' && d.fallback !== true && d.phase !== 'runtime';
}

/** Replicas of c lost when `lost(domain)` or its placement there failed on its own. */
function lostReplicas(c: Component, failed: ReadonlySet<string>, lost: (id: string) => boolean): number {
  let n = 0;
  for (const p of c.placements) if (lost(p.domain) || failed.has(`${c.id}@${p.domain}`)) n += p.replicas;
  return n;
}

function placementsFail(c: Component, failed: ReadonlySet<string>, lost: (id: string) => boolean): boolean {
  if (c.placements.length === 0) return false;
  let total = 0;
  for (const p of c.placements) total += p.replicas;
  return lostReplicas(c, failed, lost) > total - Math.min(c.minHealthy, total);
}

function dependencyFails(d: Dependency, lost: (id: string) => boolean): boolean {
  if (d.type === 'edge') return lost(d.target);
  let n = 0;
  for (const m of d.anyOf) if (lost(m)) n++;
  return n > d.anyOf.length - Math.min(d.need, d.anyOf.length);
}

/** Iterates `grows` from `start` until nothing changes: the least fixpoint above `start`. */
function fixpoint(m: Model, start: ReadonlySet<string>, grows: (c: Component, set: ReadonlySet<string>) => boolean): Set<string> {
  const set = new Set(start);
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of m.components.values()) {
      if (set.has(c.id) || !grows(c, set)) continue;
      set.add(c.id);
      changed = true;
    }
  }
  return set;
}

/**
 * The running system under failures (component ids and `id@domain`
 * placements): the least fixpoint of "down", then of "not up" above it.
 * Down: failed, too few replicas left, or a hard running dependency (edge,
 * or group with too few members) down. Not up: down, or any running
 * dependency (hard, soft or async) or too many replicas not up.
 */
export function naiveOutcome(m: Model, failed: readonly string[]): { down: Set<string>; notUp: Set<string> } {
  const faults = new Set(failed);
  const down = fixpoint(m, new Set(failed.filter((f) => m.components.has(f))), (c, set) => {
    const lost = (id: string): boolean => set.has(id);
    return placementsFail(c, faults, lost) || c.dependsOn.some((d) => runs(d) && d.mode === 'hard' && dependencyFails(d, lost));
  });
  const notUp = fixpoint(m, down, (c, set) => {
    const lost = (id: string): boolean => set.has(id);
    return placementsFail(c, faults, lost) || c.dependsOn.some((d) => runs(d) && dependencyFails(d, lost));
  });
  return { down, notUp };
}

/**
 * The cold start, in waves: a component starts in wave w when every hard
 * start-up dependency (not `phase: runtime`, not `fallback`, not soft or
 * async) was up by wave w − 1 (a group: `need` members), and at least
 * `minHealthy` of its replicas sit in domains up by then. Wave 0 needs
 * nothing. Components that never start are missing from the map.
 */
export function naiveColdStart(m: Model): Map<string, number> {
  const wave = new Map<string, number>();
  for (let w = 0; ; w++) {
    const up = (id: string): boolean => wave.has(id);
    const ready: string[] = [];
    for (const c of m.components.values()) {
      if (up(c.id)) continue;
      const down = (id: string): boolean => !up(id);
      const placed = !placementsFail(c, new Set(), down);
      if (placed && !c.dependsOn.some((d) => blocksStart(d) && dependencyFails(d, down))) ready.push(c.id);
    }
    if (ready.length === 0) return wave;
    for (const id of ready) wave.set(id, w);
  }
}
