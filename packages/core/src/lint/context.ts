/**
 * Lint context: what the rules share
 * ===================================
 *
 * Rules read the model, the compiled graph and a few analyses that several
 * of them need (regions, cycles, every single failure). Each is computed at
 * most once per lint run, and only when a rule asks for it, so switching the
 * expensive rules off makes lint cheaper.
 */
import { compile, type CompiledGraph } from '../engine/compile.js';
import { Explainer } from '../engine/explain.js';
import { chainText } from '../format/causes.js';
import type { Component, ComponentId, Model } from '../model.js';
import { CAUSE_FAULT, Propagator } from '../engine/propagate.js';
import { cycles, type Cycle } from '../analyses/cycles.js';
import { rankFailures, type Ranking } from '../analyses/rank.js';
import { redundancyMask } from '../analyses/redundancy.js';
import { Regions } from './regions.js';

/** The outcome of one simulated failure, readable until the next one is simulated. */
export interface FailureView {
  isDown(v: number): boolean;
  isNotUp(v: number): boolean;
  /** `telemetry needs consul → consul failed`. */
  chain(v: number): string;
}

export class LintContext {
  readonly graph: CompiledGraph;
  private propagator?: Propagator;
  private regionIndex?: Regions;
  private cycleList?: readonly Cycle[];
  private rankingCache?: Ranking;
  /** The engine node of each ranked failure, by position: rules sort killers by it. */
  private failureNodes?: readonly number[];

  constructor(
    readonly model: Model,
    graph?: CompiledGraph,
  ) {
    this.graph = graph ?? compile(model);
  }

  /** The component with engine index `v` (0 … components − 1). */
  component(v: number): Component {
    return this.model.components.get(this.graph.names[v]!)!;
  }

  /** The engine index of component `id`. */
  indexOf(id: ComponentId): number {
    return this.graph.index.get(id)!;
  }

  get regions(): Regions {
    return (this.regionIndex ??= new Regions(this.model));
  }

  /** Hard dependency cycles (`analyses/cycles`), computed once. */
  get cycles(): readonly Cycle[] {
    return (this.cycleList ??= cycles(this.graph));
  }

  /**
   * Every single component failure, ranked (`analyses/rank`), computed once.
   * Placement failures are left out: a placement fails with its domain, and
   * the domain's own failure is ranked.
   */
  get ranking(): Ranking {
    if (this.rankingCache) return this.rankingCache;
    // `shared-fate-redundancy` asks for the killers of every redundancy gate: recorded in the same sweep.
    const gates: number[] = [];
    const mask = redundancyMask(this.graph);
    for (let v = 0; v < mask.length; v++) if (mask[v]) gates.push(v);
    return (this.rankingCache = rankFailures(this.graph, { placements: false, recordKillers: gates }));
  }

  /**
   * Each ranked failure that takes a critical component down, with its
   * component and index: what the single-point-of-failure rules walk.
   */
  *criticalFailures(): Generator<{ readonly index: number; readonly failure: Ranking['failures'][number]; readonly component: Component }> {
    const { failures } = this.ranking;
    for (let index = 0; index < failures.length; index++) {
      const failure = failures[index]!;
      if (failure.criticalCount > 0) yield { index, failure, component: this.component(this.failureNode(index)) };
    }
  }

  /** The engine node of ranked failure `i` (a component). */
  failureNode(i: number): number {
    return (this.failureNodes ??= this.ranking.failures.map((f) => this.graph.index.get(f.fault)!))[i]!;
  }

  /**
   * `fail([node]).chain(victim)` for a victim that goes down, in work bounded
   * by what goes down before it: lint asks this once per single point of
   * failure, and a whole simulation each made a 10,000-long chain quadratic.
   */
  downChain(node: number, victim: number): string {
    const state = (this.propagator ??= new Propagator(this.graph));
    state.runDownUntil([{ node, down: true, cause: CAUSE_FAULT, source: -1 }], victim);
    const explainer = new Explainer(this.graph, state, new Map([[node, { spec: this.graph.names[node]!, effect: 'down' as const }]]));
    return faultless(chainText(explainer.chain(victim)));
  }

  /** Simulates the failure of the given engine nodes (all `down`); the view is valid until the next call. */
  fail(nodes: readonly number[]): FailureView {
    const state = (this.propagator ??= new Propagator(this.graph));
    state.run(nodes.map((node) => ({ node, down: true, cause: CAUSE_FAULT, source: -1 })));
    const faultOf = new Map(nodes.map((n) => [n, { spec: this.graph.names[n]!, effect: 'down' as const }]));
    const explainer = new Explainer(this.graph, state, faultOf);
    return {
      isDown: (v) => state.isDown(v),
      isNotUp: (v) => state.isNotUp(v),
      chain: (v) => faultless(chainText(explainer.chain(v))),
    };
  }
}

/** The fault is named in the finding's own words, so the chain ends with "… failed". */
function faultless(chain: string): string {
  return chain.replace(/ \(fault(?:: [^)]*)?\)$/, '');
}
