/**
 * cutSets(model, target): the minimal sets of failures that take a target down
 * ============================================================================
 *
 * Every minimal set of up to `maxOrder` single failures — components
 * (domains included) and placements `id@domain`, the failure space
 * `rankFailures` uses — that takes `target` down, where minimal means no
 * proper subset does. Order 1 are the target's single points of failure;
 * order 2 are the double faults redundancy was meant to survive one of
 * (Salesforce: the datacenter's power, and the failover that was itself
 * broken). The target's own failure is always a cut set and is not listed;
 * a journey never fails on its own, so it is never a member of a set.
 *
 * The search runs on the target's cone as a fault tree (`cutsets-tree.ts`):
 * singles from the cut1 DP, pairs from candidates at redundancy gates,
 * order 3 and beyond by conditioning, all within a step budget
 * (`cutsets-search.ts`). Each set comes with the target's chain of causes
 * when exactly its members fail, as `simulate` gives it.
 *
 * [Reference]: docs/algorithms.md#minimal-cut-sets; Fussell & Vesely, "A new methodology
 * for obtaining cut sets for fault trees" (1972).
 */
import { Explainer, type Cause, type ChainStep } from '../engine/explain.js';
import type { CompiledGraph } from '../engine/compile.js';
import type { FaultEffect } from '../engine/faults.js';
import type { ComponentId } from '../model.js';
import { CAUSE_FAULT, Propagator } from '../engine/propagate.js';
import { type SetUse, searchCutSets } from './cutsets-search.js';
import { faultTree, type FaultTree } from './cutsets-tree.js';
import { failureSpace } from './failure-space.js';
import { graphOf, type AnalysisInput } from './graph-input.js';

/** Options of `cutSets`. */
export interface CutSetOptions {
  /** The largest set searched. @default 2 */
  readonly maxOrder?: number;
  /**
   * Work allowed, in steps (nodes and edges visited, words of bitset rows
   * combined, a sweep per conditioned tree, ten sweeps of the tree per set
   * found, which is kept, explained and printed): deterministic,
   * independent of the machine, and a bound on memory and output too. When
   * it runs out the result is `truncated`. A few million steps a second of
   * CPU on the example's higher orders (docs/cutsets-availability.md#budget).
   * @default 100_000_000
   */
  readonly budget?: number;
  /**
   * Asked every million steps or so; the search stops when it returns true
   * (the CLI's time limit). The result then says so, like a spent budget.
   */
  readonly stop?: () => boolean;
}

/** One minimal cut set. */
export interface CutSet {
  /** The failures, as `simulate --fail` takes them (`consul`, `checkout@use1-az1`), in model order. */
  readonly members: readonly string[];
  /** The target's chain of causes when exactly these fail. */
  readonly chain: readonly ChainStep[];
  /** Every cause of the target's failure (the group or placements it lost, …). */
  readonly because: readonly Cause[];
}

/** The minimal cut sets of one target. */
export interface CutSets {
  readonly target: ComponentId;
  readonly maxOrder: number;
  /** Minimal cut sets by order, then by the model order of their members. */
  readonly sets: readonly CutSet[];
  /** How many sets of each order were found: `counts[k − 1]` for order k. */
  readonly counts: readonly number[];
  /** True when the budget (or the time limit) ran out before the search finished. */
  readonly truncated: boolean;
  /** What cut the search short, when it was: the step budget or the caller's `stop`. */
  readonly stoppedBy?: 'budget' | 'stop';
  /** The highest order whose cut sets are all listed: `maxOrder` unless truncated. */
  readonly completeThrough: number;
  /** Why the list may be incomplete, when it may. */
  readonly message?: string;
  /** Steps spent, and candidate sets checked by propagation. */
  readonly steps: number;
  readonly checked: number;
}

/** The default step budget of `cutSets`. */
export const CUTSETS_BUDGET = 100_000_000;

/** Finds the minimal cut sets of order ≤ `maxOrder` of a component. */
export function cutSets(input: AnalysisInput, target: ComponentId, options: CutSetOptions = {}): CutSets {
  const graph = graphOf(input);
  const maxOrder = options.maxOrder ?? 2;
  const budget = options.budget ?? CUTSETS_BUDGET;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw new Error(`faultline/cutsets: maxOrder must be a whole number ≥ 1, not ${maxOrder}`);
  if (!(budget > 0)) throw new Error(`faultline/cutsets: budget must be positive, not ${budget}`);
  const t = graph.index.get(target);
  if (t === undefined) throw new Error(`faultline/cutsets: unknown component "${target}"`);
  const { tree, found } = search(graph, t, maxOrder, budget, 'explain', options.stop);
  const chains = new Chains(tree);
  const sets = found.sets.map((ids) => chains.of(ids));
  const counts = new Array<number>(maxOrder).fill(0);
  for (const s of found.sets) counts[s.length - 1]!++;
  const truncated = found.stoppedAt !== undefined;
  const from = found.stoppedAt;
  const message =
    from === undefined
      ? undefined
      : `the search stopped after ${found.steps.toLocaleString('en-US')} steps${found.stoppedBy === 'stop' ? ', at the time limit' : ''}: the list is complete up to order ${found.completeThrough}; sets of ${from < maxOrder ? `${from} to ${maxOrder}` : from} failures may be missing (${found.stoppedBy === 'stop' ? 'raise the time limit' : 'raise the budget'})`;
  return {
    target,
    maxOrder,
    sets,
    counts,
    truncated,
    ...(found.stoppedBy !== undefined ? { stoppedBy: found.stoppedBy } : {}),
    completeThrough: found.completeThrough,
    ...(message !== undefined ? { message } : {}),
    steps: found.steps,
    checked: found.checked,
  };
}

function search(graph: CompiledGraph, t: number, maxOrder: number, budget: number, use: SetUse, stop?: () => boolean) {
  const space = failureSpace(graph);
  const tree = faultTree(graph, t, space.indexOf)!;
  return { tree, found: searchCutSets(tree, maxOrder, budget, use, stop) };
}

/** The members of the minimal cut sets of order ≤ `maxOrder` of engine node `t`, without chains. */
export interface CutSetMembers {
  /** Each set's failures as `simulate --fail` takes them, in the order `cutSets` lists them. */
  readonly sets: readonly (readonly string[])[];
  readonly truncated: boolean;
  readonly completeThrough: number;
  readonly steps: number;
}

/**
 * `cutSets` for callers that only need the members (availability asks for
 * thousands of components): the same search and sets, without propagating
 * and explaining each set, and so charged only for keeping it (`SetUse`
 * `'keep'`): within the same budget the search can go further than `cutSets`.
 */
export function cutSetMembers(graph: CompiledGraph, t: number, maxOrder: number, budget: number): CutSetMembers {
  const { tree, found } = search(graph, t, maxOrder, budget, 'keep');
  const node = new Map<number, number>();
  for (const f of tree.failures) node.set(tree.failureOf[f]!, f);
  const sets = found.sets.map((ids) => ids.map((id) => tree.graph.names[node.get(id)!]!));
  return { sets, truncated: found.stoppedAt !== undefined, completeThrough: found.completeThrough, steps: found.steps };
}

/** `cutSetMembers` with each set as failure-space indices (ascending), for callers that number events by them. */
export function cutSetFailures(graph: CompiledGraph, t: number, maxOrder: number, budget: number): Omit<CutSetMembers, 'sets'> & { readonly sets: readonly (readonly number[])[] } {
  const { found } = search(graph, t, maxOrder, budget, 'keep');
  return { sets: found.sets, truncated: found.stoppedAt !== undefined, completeThrough: found.completeThrough, steps: found.steps };
}

/**
 * The target's chain and causes under a set of failures, from one
 * propagation on the tree. The tree keeps the original graph's node and edge
 * order and every hard input of its nodes, so its propagation visits the
 * cone's nodes in the same order as a full `simulate` does: the same inputs
 * tip each node, and the chain is the one `simulate` prints.
 */
class Chains {
  private readonly state: Propagator;
  private readonly node = new Map<number, number>();

  constructor(private readonly tree: FaultTree) {
    this.state = new Propagator(tree.graph);
    for (const f of tree.failures) this.node.set(tree.failureOf[f]!, f);
  }

  of(ids: readonly number[]): CutSet {
    const { graph, target } = this.tree;
    const nodes = ids.map((id) => this.node.get(id)!);
    const faultOf = new Map<number, { spec: string; effect: FaultEffect }>();
    for (const node of nodes) faultOf.set(node, { spec: graph.names[node]!, effect: 'down' });
    this.state.run(nodes.map((node) => ({ node, down: true, cause: CAUSE_FAULT, source: -1 })));
    if (!this.state.isDown(target)) throw new Error(`faultline/cutsets: ${nodes.map((n) => graph.names[n]).join(' + ')} does not take ${graph.names[target]} down`);
    const explainer = new Explainer(graph, this.state, faultOf);
    return { members: nodes.map((n) => graph.names[n]!), chain: explainer.chain(target), because: explainer.because(target) };
  }
}
