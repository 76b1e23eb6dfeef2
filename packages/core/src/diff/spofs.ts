/**
 * Single points of failure of each critical component, before and after
 * ====================================================================
 *
 * For every critical component: the single failures that take it down (its
 * SPOFs, from the analyses' killer sets: `rankFailures` + `killersOf`, one
 * bitset sweep for all critical components at once), and the worst of them
 * by blast radius (impact, then components down). What counts as a SPOF is
 * what the `single-point-of-failure` rule counts, with the config's options:
 * components and domains, not single placements (a placement fails with its
 * domain, which is ranked); not the component's own failure; by default not
 * a whole provider or region (`ignoreKinds`) nor the whole failure of a
 * component with two or more replicas (`includeReplicated`).
 *
 * A SPOF gained or lost is explained by simulating that one failure: the
 * chain of causes from the victim back to it ("via payments → fraud-db"),
 * and the redundancy it defeats when it is hidden (PagerDuty 2016: two of
 * three "independent" deployments behind one peering point).
 */
import { compile, type CompiledGraph } from '../engine/compile.js';
import type { ChainStep } from '../engine/explain.js';
import type { LintConfig } from '../lint/config.js';
import { RULES } from '../lint/registry.js';
import type { ComponentId, Model } from '../model.js';
import { replicaCount } from '../model.js';
import { simulate } from '../engine/simulate.js';
import { rankFailures, type Ranking } from '../analyses/rank.js';
import type { RedundancyGate } from '../analyses/redundancy.js';

/** Which single failures count as SPOFs: the `single-point-of-failure` rule's options. */
export interface SpofFilter {
  /** @default ['provider', 'region'] */
  readonly ignoreKinds: readonly string[];
  /** @default false */
  readonly includeReplicated: boolean;
}

/** One single failure's blast radius. */
export interface Blast {
  readonly fault: string;
  /** Summed weight of critical components down, degraded counting half. */
  readonly impact: number;
  /** Components down, the failed one excluded. */
  readonly down: number;
}

/** A critical component's exposure in one version. */
export interface CriticalState {
  /** Its SPOFs, worst first. */
  readonly spofs: readonly string[];
  /** The worst of them; absent when no single failure takes it down. */
  readonly worst?: Blast;
}

/** A SPOF a critical component gained or lost, explained in the version where it exists. */
export interface SpofChange {
  readonly victim: ComponentId;
  readonly fault: string;
  /** The components between victim and failure on one chain of causes. */
  readonly via: readonly string[];
  readonly chain: readonly ChainStep[];
  /** The redundancy it defeats on the way, when the SPOF is hidden behind some. */
  readonly defeats?: Omit<RedundancyGate, 'node' | 'entry'>;
  /** The failure's whole blast radius. */
  readonly impact: number;
  readonly down: number;
}

export interface CriticalChange {
  readonly id: ComponentId;
  /** Absent when the component is not critical (or does not exist) in base. */
  readonly before?: CriticalState;
  /** Absent when the component is not critical (or does not exist) in head. */
  readonly after?: CriticalState;
  readonly gained: readonly SpofChange[];
  readonly lost: readonly SpofChange[];
  /** Anything differs: SPOFs, the worst failure or its blast radius, being critical at all. */
  readonly changed: boolean;
}

/** What one failure does, as the explanations need it. */
interface Outcome {
  readonly chains: ReadonlyMap<ComponentId, readonly ChainStep[]>;
  readonly defeated: readonly RedundancyGate[];
  readonly impact: number;
  readonly down: number;
}

/** The SPOF filter the config sets (the rule's defaults without one). */
export function spofFilter(config?: LintConfig): SpofFilter {
  const options = RULES['single-point-of-failure'].options.parse(config?.rules.get('single-point-of-failure')?.options ?? {});
  return { ignoreKinds: options.ignoreKinds, includeReplicated: options.includeReplicated };
}

/** Every critical component's SPOFs in one version, with lazy explanations. */
export class SpofAnalysis {
  readonly graph: CompiledGraph;
  readonly ranking: Ranking;
  /** Critical component id → its state, in model order. */
  readonly states: ReadonlyMap<ComponentId, CriticalState>;
  private readonly outcomes = new Map<string, Outcome>();

  constructor(
    readonly model: Model,
    filter: SpofFilter,
  ) {
    this.graph = compile(model);
    this.ranking = rankFailures(this.graph, { placements: false });
    const critical = [...model.components.values()].filter((c) => c.critical).map((c) => this.graph.index.get(c.id)!);
    const killers = critical.length > 0 ? this.ranking.killersOf(critical) : new Map<number, number[]>();
    const states = new Map<ComponentId, CriticalState>();
    for (const v of critical) {
      const id = this.graph.names[v]!;
      const positions = killers.get(v)!.filter((i) => this.counts(this.ranking.failures[i]!.fault, id, filter));
      const first = positions[0];
      const failure = first === undefined ? undefined : this.ranking.failures[first]!;
      states.set(id, {
        spofs: positions.map((i) => this.ranking.failures[i]!.fault),
        ...(failure ? { worst: { fault: failure.fault, impact: failure.impact, down: failure.downCount } } : {}),
      });
    }
    this.states = states;
  }

  /** Why `fault` takes `victim` down: one chain of causes, and the redundancy it defeats. */
  explain(victim: ComponentId, fault: string): SpofChange {
    const outcome = this.outcome(fault);
    const chain = outcome.chains.get(victim) ?? [];
    let defeats: SpofChange['defeats'];
    if (outcome.defeated.length > 0) {
      const onChain = new Set(chain.filter((s) => s.link === 'anyOf' || s.link === 'placement').map((s) => s.id));
      const gate = outcome.defeated.find((g) => onChain.has(g.owner));
      if (gate) defeats = { owner: gate.owner, kind: gate.kind, members: gate.members, need: gate.need };
    }
    return {
      victim,
      fault,
      via: chain.slice(1, -1).map((s) => s.id),
      chain,
      ...(defeats ? { defeats } : {}),
      impact: outcome.impact,
      down: outcome.down,
    };
  }

  /** One simulation per failure, shared by all its victims. */
  private outcome(fault: string): Outcome {
    let outcome = this.outcomes.get(fault);
    if (!outcome) {
      const sim = simulate(this.graph, [{ target: fault }]);
      const position = this.ranking.positionOf(fault);
      const failure = this.ranking.failures[position]!;
      outcome = {
        chains: new Map(sim.nodes.map((n) => [n.id, n.chain])),
        defeated: failure.hidden ? this.ranking.detail(position).defeated : [],
        impact: failure.impact,
        down: failure.downCount,
      };
      this.outcomes.set(fault, outcome);
    }
    return outcome;
  }

  private counts(fault: string, victim: ComponentId, filter: SpofFilter): boolean {
    if (fault === victim) return false;
    const c = this.model.components.get(fault)!;
    if (filter.ignoreKinds.includes(c.kind)) return false;
    return c.isDomain || filter.includeReplicated || replicaCount(c) < 2;
  }
}

/** Every critical component of either version (head's order, then base's), with what changed. */
export function diffCritical(base: SpofAnalysis, head: SpofAnalysis): CriticalChange[] {
  const ids = [...head.states.keys(), ...[...base.states.keys()].filter((id) => !head.states.has(id))];
  return ids.map((id) => {
    const before = base.states.get(id);
    const after = head.states.get(id);
    const was = new Set(before?.spofs ?? []);
    const is = new Set(after?.spofs ?? []);
    const gained = (after?.spofs ?? []).filter((f) => !was.has(f)).map((f) => head.explain(id, f));
    const lost = (before?.spofs ?? []).filter((f) => !is.has(f)).map((f) => base.explain(id, f));
    const changed = gained.length > 0 || lost.length > 0 || !before !== !after || !sameBlast(before?.worst, after?.worst);
    return { id, ...(before ? { before } : {}), ...(after ? { after } : {}), gained, lost, changed };
  });
}

function sameBlast(a: Blast | undefined, b: Blast | undefined): boolean {
  if (!a || !b) return a === b;
  return a.fault === b.fault && a.impact === b.impact && a.down === b.down;
}
