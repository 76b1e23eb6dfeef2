/**
 * Checking a scenario's hypothesis by simulation
 * ==============================================
 *
 * Each rung's faults are simulated and the hypothesis checked: components that
 * must stay up, that may at most degrade, that are expected down (an accepted
 * outage, pinned so that a change in either direction is noticed), and bounds
 * on the blast radius. A FIS-like target (`select` + `count`/`percent`) holds
 * only when the hypothesis holds for *every* choice of placements, because the
 * real experiment picks at random; choices beyond a budget are not checked,
 * and the result says so. A ladder stops at its first failing rung.
 */
import { compile, type CompiledGraph } from '../engine/compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ChainStep } from '../engine/explain.js';
import { FaultError, resolveFault, type FaultSpec } from '../engine/faults.js';
import type { Model, SourceRange, Status } from '../model.js';
import { simulate, type Summary } from '../engine/simulate.js';
import { resolveRef } from '../refs.js';
import type { Hypothesis, Rung, Scenario, ScenarioFault } from './load.js';
import { append } from '../arrays.js';

export interface Violation {
  readonly expectation: 'up' | 'atMostDegraded' | 'down' | 'maxDown' | 'maxImpact';
  /** The component concerned, for up / atMostDegraded / down. */
  readonly id?: string;
  readonly message: string;
  readonly actual: Status | number;
  /** Why the component is worse than promised. */
  readonly chain?: readonly ChainStep[];
  readonly at: SourceRange;
}

export interface RungResult {
  readonly name: string;
  readonly passed: boolean;
  /** The faults simulated: for select/count targets, the first choice that broke the hypothesis (or the last one checked). */
  readonly faults: readonly string[];
  readonly summary: Summary;
  readonly violations: readonly Violation[];
  /** Choices of placements checked for select/count targets (1 otherwise). */
  readonly choices: number;
  /** True when some choices were not checked (over the budget). */
  readonly truncated: boolean;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly passed: boolean;
  /** Rungs evaluated, in order, up to and including the first that failed. */
  readonly rungs: readonly RungResult[];
}

export interface ScenarioOptions {
  /** Placement choices checked per rung for select/count targets. @default 1000 */
  readonly maxChoices?: number;
}

/** Ids in hypotheses and fault targets that do not resolve, as diagnostics at their lines. */
export function checkScenario(input: Model | CompiledGraph, scenario: Scenario): Diagnostic[] {
  const graph = 'size' in input ? input : compile(input);
  const out: Diagnostic[] = [];
  for (const list of [scenario.expect.up, scenario.expect.atMostDegraded, scenario.expect.down]) {
    for (const e of list) {
      if (graph.index.has(e.id)) continue;
      const found = resolveRef(graph.model, e.id);
      if (found.id === undefined) out.push({ code: 'unknown-id', message: `${found.message} in scenario "${scenario.name}"`, hint: found.hint, at: e.at });
    }
  }
  for (const rung of scenario.rungs) {
    for (const f of rung.faults) {
      try {
        resolveFault(graph, { target: (f.target ?? f.select)!, effect: f.effect });
      } catch (error) {
        if (!(error instanceof FaultError)) throw error;
        out.push({ code: 'invalid-fault', message: error.message.replace(/^faultline\/faults: /, ''), ...(error.hint ? { hint: error.hint } : {}), at: f.at });
      }
    }
  }
  return out;
}

/** Runs one scenario (check it first with `checkScenario`). */
export function runScenario(input: Model | CompiledGraph, scenario: Scenario, options: ScenarioOptions = {}): ScenarioResult {
  const graph = 'size' in input ? input : compile(input);
  const rungs: RungResult[] = [];
  for (const rung of scenario.rungs) {
    const result = runRung(graph, rung, scenario.expect, options.maxChoices ?? 1000);
    rungs.push(result);
    if (!result.passed) break;
  }
  return { scenario, passed: rungs.every((r) => r.passed), rungs };
}

function runRung(graph: CompiledGraph, rung: Rung, hypothesis: Hypothesis, budget: number): RungResult {
  const fixed: FaultSpec[] = [];
  const units: Unit[] = [];
  for (const f of rung.faults) {
    if (f.target !== undefined) fixed.push({ target: f.target, effect: f.effect });
    else append(units, choiceUnits(graph, f));
  }
  const expect = resolvedIds(graph, hypothesis);
  let checked = 0;
  let last: RungResult | undefined;
  for (const picked of product(units.map((u) => u.choose))) {
    if (checked === budget) return { ...last!, truncated: true };
    checked++;
    const extra = picked.flatMap((targets, i) => targets.map((target) => ({ target, effect: units[i]!.effect })));
    const faults = [...fixed, ...extra];
    const sim = simulate(graph, faults);
    const violations = check(sim, expect);
    last = { name: rung.name, passed: violations.length === 0, faults: faults.map(describe), summary: sim.summary, violations, choices: checked, truncated: false };
    if (!last.passed) return last;
  }
  return last!;
}

function describe(f: FaultSpec): string {
  return f.effect && f.effect !== 'down' ? `${f.target} (${f.effect})` : f.target;
}

/** A select/count fault: the ways to pick the lost targets. */
interface Unit {
  readonly effect: ScenarioFault['effect'];
  readonly choose: () => Iterable<string[]>;
}

/**
 * Like FIS's `selectionMode: COUNT(n)` / `PERCENT(n)`: the pool is every
 * placement of every matched component (only those under D for `in=D`), or
 * the component itself when it has no placements; n of the pool are lost.
 * A component with a single placement is named by its id.
 */
function choiceUnits(graph: CompiledGraph, f: ScenarioFault): Unit[] {
  const pool: string[] = [];
  for (const n of resolveFault(graph, { target: f.select! }).nodes) {
    const owner = graph.owner[n]!;
    const start = graph.replicaOffset[owner]!;
    const end = graph.replicaOffset[owner + 1]!;
    if (n !== owner) pool.push(end - start === 1 ? graph.names[owner]! : graph.names[n]!);
    else if (end - start <= 1) pool.push(graph.names[owner]!);
    else for (let r = start; r < end; r++) pool.push(graph.names[graph.replicaNodes[r]!]!);
  }
  const k = Math.min(pool.length, f.count ?? Math.ceil(((f.percent ?? 100) / 100) * pool.length));
  return [{ effect: f.effect, choose: () => combinations(pool, k) }];
}

function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

/** The cartesian product of lazily generated alternatives (nothing is materialised). */
function* product<T>(factories: readonly (() => Iterable<T>)[], i = 0, prefix: readonly T[] = []): Generator<T[]> {
  if (i === factories.length) {
    yield [...prefix];
    return;
  }
  for (const x of factories[i]!()) yield* product(factories, i + 1, [...prefix, x]);
}

function check(sim: ReturnType<typeof simulate>, h: Hypothesis): Violation[] {
  const out: Violation[] = [];
  const chain = (id: string) => sim.nodes.find((n) => n.id === id)?.chain ?? [];
  for (const e of h.up) {
    const s = sim.status(e.id);
    if (s !== 'up') out.push({ expectation: 'up', id: e.id, message: `${e.id} must stay up but is ${s}`, actual: s, chain: chain(e.id), at: e.at });
  }
  for (const e of h.atMostDegraded) {
    const s = sim.status(e.id);
    if (s === 'down') out.push({ expectation: 'atMostDegraded', id: e.id, message: `${e.id} may degrade but is down`, actual: s, chain: chain(e.id), at: e.at });
  }
  for (const e of h.down) {
    const s = sim.status(e.id);
    if (s !== 'down') out.push({ expectation: 'down', id: e.id, message: `${e.id} is expected down (an accepted outage) but is ${s}: update the scenario`, actual: s, at: e.at });
  }
  if (h.maxDown && sim.summary.down > h.maxDown.value) {
    out.push({ expectation: 'maxDown', message: `${sim.summary.down} components down, more than maxDown ${h.maxDown.value}`, actual: sim.summary.down, at: h.maxDown.at });
  }
  if (h.maxImpact && sim.summary.impact > h.maxImpact.value) {
    out.push({ expectation: 'maxImpact', message: `impact ${sim.summary.impact}, more than maxImpact ${h.maxImpact.value}`, actual: sim.summary.impact, at: h.maxImpact.at });
  }
  return out;
}

/** The hypothesis with refs (`component:payments/ledger`) replaced by the ids they name (checked by `checkScenario`). */
function resolvedIds(graph: CompiledGraph, h: Hypothesis): Hypothesis {
  const ids = (list: Hypothesis['up']) => list.map((e) => (graph.index.has(e.id) ? e : { ...e, id: resolveRef(graph.model, e.id).id ?? e.id }));
  return { ...h, up: ids(h.up), atMostDegraded: ids(h.atMostDegraded), down: ids(h.down) };
}
