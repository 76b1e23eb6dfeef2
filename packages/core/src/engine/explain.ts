/**
 * Explanations: why a node is worse
 * =================================
 *
 * Reads a finished propagation and turns the engine's edges back into the
 * manifest's words: the dependencies, groups and placements that made a
 * component worse (`because`), and one chain of causes back to a fault
 * (`chain`). Virtual gate nodes never appear: a group is named by its
 * members, a placements gate by the domains it lost.
 */
import { COMPONENT, GROUP, PLACEMENTS, type CompiledGraph } from './compile.js';
import type { FaultEffect } from './faults.js';
import type { ComponentId, Mode, Via } from '../model.js';
import { CAUSE_FAULT, CAUSE_SLOW, type Propagator } from './propagate.js';

export type WorseStatus = 'down' | 'degraded';

export type Cause =
  | { readonly type: 'fault'; readonly fault: string; readonly effect: FaultEffect }
  | { readonly type: 'slow'; readonly target: ComponentId; readonly guarded: boolean }
  | { readonly type: 'dependency'; readonly target: ComponentId; readonly status: WorseStatus; readonly mode: Mode; readonly via: Via }
  | { readonly type: 'group'; readonly anyOf: readonly ComponentId[]; readonly need: number; readonly lost: readonly ComponentId[]; readonly mode: Mode }
  | { readonly type: 'placement'; readonly lost: readonly string[]; readonly replicasLost: number; readonly replicas: number; readonly minHealthy: number };

/**
 * How one step of a chain depends on the next; `more` ends a chain cut at
 * `MAX_CHAIN_STEPS`: its `id` is a worsened component whose own chain goes on.
 */
export type Link = 'fault' | 'slow' | Mode | 'anyOf' | 'placement' | 'more';

export interface ChainStep {
  /** A component id, or `id@domain` for a placement that was failed directly. */
  readonly id: string;
  readonly status: WorseStatus;
  readonly link: Link;
  /** For the final `fault` step: the fault as the user wrote it, when it differs from `id`. */
  readonly fault?: string;
  /** For a `more` step: how many steps the chain of `id` has (the ones left out). */
  readonly more?: number;
}

/**
 * The longest chain given in full. A chain of v is its first steps followed
 * by the chain of the component they reach, so a longer one is cut there
 * with a `more` step naming that component: every chain stays short, the
 * whole is still complete (follow the `more` ids), and a 10,000-long
 * dependency chain gives output linear in its length, not quadratic.
 */
export const MAX_CHAIN_STEPS = 25;

export class Explainer {
  constructor(
    private readonly graph: CompiledGraph,
    private readonly state: Propagator,
    /** Fault spec per seeded node, for `fault` causes. */
    private readonly faultOf: ReadonlyMap<number, { spec: string; effect: FaultEffect }>,
  ) {}

  status(v: number): WorseStatus | 'up' {
    return this.state.isDown(v) ? 'down' : this.state.isNotUp(v) ? 'degraded' : 'up';
  }

  /** Every input that explains component v's status, the one that tipped it first. */
  because(v: number): Cause[] {
    const g = this.graph;
    const s = this.state;
    const down = s.isDown(v);
    const tipped = s.notUpCause[v]!;
    const out: Cause[] = [];
    const fault = this.faultOf.get(v);
    if (fault) out.push({ type: 'fault', fault: fault.spec, effect: fault.effect });
    if (tipped === CAUSE_SLOW) out.push(this.slowCause(v));
    const edges: number[] = [];
    for (let e = g.inputOffset[v]!; e < g.inputOffset[v + 1]!; e++) {
      const u = g.inputs[e]!;
      if (down ? g.inputHard[e] && s.isDown(u) : s.isNotUp(u)) edges.push(e);
    }
    edges.sort((a, b) => (a === tipped ? -1 : b === tipped ? 1 : a - b));
    for (const e of edges) out.push(this.edgeCause(e, down));
    return out;
  }

  /** Full chain lengths by node, filled as chains are cut: each is walked once. */
  private readonly lengths = new Map<number, number>();

  /**
   * One chain from component v back to a fault, following the inputs that
   * tipped each node: at most `max` steps, then a `more` step naming the
   * component whose own chain continues it.
   */
  chain(v: number, max = MAX_CHAIN_STEPS): ChainStep[] {
    const steps: ChainStep[] = [];
    let node = v;
    for (let guard = 0; guard <= this.graph.size && node >= 0; guard++) {
      if (steps.length >= max) {
        steps.push({ id: this.graph.names[node]!, status: this.state.isDown(node) ? 'down' : 'degraded', link: 'more', more: this.length(node) });
        return steps;
      }
      node = this.stepsFrom(node, steps);
    }
    return steps;
  }

  /** The number of steps of node's full chain, memoised along the way. */
  private length(from: number): number {
    const path: number[] = [];
    const counts: number[] = [];
    const scratch: ChainStep[] = [];
    let node = from;
    let total = 0;
    for (let guard = 0; guard <= this.graph.size && node >= 0; guard++) {
      const known = this.lengths.get(node);
      if (known !== undefined) {
        total = known;
        break;
      }
      scratch.length = 0;
      path.push(node);
      node = this.stepsFrom(node, scratch);
      counts.push(scratch.length);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      total += counts[i]!;
      this.lengths.set(path[i]!, total);
    }
    return total;
  }

  /** Pushes the steps from component `node` to the next component of its chain; returns that one, or -1 at the fault. */
  private stepsFrom(node: number, steps: ChainStep[]): number {
    const g = this.graph;
    const s = this.state;
    const cause = s.notUpCause[node]!;
    const status = s.isDown(node) ? 'down' : 'degraded';
    if (cause === CAUSE_FAULT) {
      steps.push(this.faultStep(node, status));
      return -1;
    }
    if (cause === CAUSE_SLOW) {
      // The caller was hit by the slow *fault* itself, not by the slow
      // node's status (which a cycle through the caller may have worsened
      // later), so the chain ends there.
      steps.push({ id: g.names[node]!, status, link: 'slow' });
      const slow = s.seedSource[node]!;
      steps.push({ id: g.names[slow]!, status: s.isDown(slow) ? 'down' : 'degraded', link: 'fault' });
      return -1;
    }
    if (cause < 0) return -1;
    let u = g.inputs[cause]!;
    const link: Link = g.type[u] === GROUP ? 'anyOf' : g.type[u] === PLACEMENTS ? 'placement' : g.inputHard[cause] ? 'hard' : this.softLink(cause);
    steps.push({ id: g.names[node]!, status, link });
    if (g.type[u] === GROUP) u = g.inputs[s.notUpCause[u]!]!;
    else if (g.type[u] === PLACEMENTS) {
      const replica = g.inputs[s.notUpCause[u]!]!;
      if (s.notUpCause[replica] === CAUSE_FAULT) {
        steps.push(this.faultStep(replica, s.isDown(replica) ? 'down' : 'degraded'));
        return -1;
      }
      u = g.inputs[s.notUpCause[replica]!]!;
    }
    return u;
  }

  /** `async` for a consumer's edge, `soft` otherwise. */
  private softLink(e: number): Link {
    const g = this.graph;
    return g.componentAt[g.edgeFrom[e]!]!.dependsOn[g.inputEntry[e]!]!.mode === 'async' ? 'async' : 'soft';
  }

  private faultStep(node: number, status: WorseStatus): ChainStep {
    const id = this.graph.names[node]!;
    const spec = this.faultOf.get(node)?.spec;
    return spec !== undefined && spec !== id ? { id, status, link: 'fault', fault: spec } : { id, status, link: 'fault' };
  }

  private edgeCause(e: number, down: boolean): Cause {
    const g = this.graph;
    const s = this.state;
    const u = g.inputs[e]!;
    const owner = g.componentAt[g.owner[g.edgeFrom[e]!]!]!;
    const lost = (from: number): number[] => {
      const out: number[] = [];
      for (let i = g.inputOffset[from]!; i < g.inputOffset[from + 1]!; i++) {
        const m = g.inputs[i]!;
        if (down ? s.isDown(m) : s.isNotUp(m)) out.push(i);
      }
      return out;
    };
    if (g.type[u] === COMPONENT) {
      const dep = owner.dependsOn[g.inputEntry[e]!]!;
      return { type: 'dependency', target: g.names[u]!, status: s.isDown(u) ? 'down' : 'degraded', mode: dep.mode, via: dep.via };
    }
    if (g.type[u] === GROUP) {
      const dep = owner.dependsOn[g.detail[u]!]!;
      if (dep.type !== 'group') throw new Error('faultline/explain: group gate without a group');
      return { type: 'group', anyOf: dep.anyOf, need: dep.need, lost: lost(u).map((i) => g.names[g.inputs[i]!]!), mode: dep.mode };
    }
    const replicasLost = lost(u);
    let replicas = 0;
    for (const p of owner.placements) replicas += p.replicas;
    return {
      type: 'placement',
      lost: replicasLost.map((i) => g.names[g.detail[g.inputs[i]!]!]!),
      replicasLost: replicasLost.reduce((n, i) => n + g.inputWeight[i]!, 0),
      replicas,
      minHealthy: owner.minHealthy,
    };
  }

  private slowCause(v: number): Cause {
    const g = this.graph;
    const target = this.state.seedSource[v]!;
    return { type: 'slow', target: g.names[target]!, guarded: !this.state.isDown(v) };
  }
}
