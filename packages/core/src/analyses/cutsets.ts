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
 * broken). The target's own failure is always a cut set and is not listed.
 *
 * The search runs on the target's cone as a fault tree (`cutsets-tree.ts`):
 * singles from the cut1 DP, pairs from candidates at redundancy gates,
 * order 3 and beyond by conditioning, all within a step budget
 * (`cutsets-search.ts`). Each set comes with the target's chain of causes
 * when exactly its members fail, as `simulate` gives it.
 *
 * [Reference]: ALGORITHMS.md §1.5–1.6; Fussell & Vesely, "A new methodology
 * for obtaining cut sets for fault trees" (1972).
 */
import type { CompiledGraph } from '../compile.js';
import { Explainer, type Cause, type ChainStep } from '../explain.js';
import type { FaultEffect } from '../faults.js';
import type { ComponentId } from '../model.js';
import { CAUSE_FAULT, Propagator } from '../propagate.js';
import { searchCutSets } from './cutsets-search.js';
import { faultTree } from './cutsets-tree.js';
import { failureSpace } from './failure-space.js';
import { graphOf, type AnalysisInput } from './graph-input.js';

/** Options of `cutSets`. */
export interface CutSetOptions {
  /** The largest set searched. @default 2 */
  readonly maxOrder?: number;
  /**
   * Work allowed, in steps (nodes and edges visited, words of bitset rows
   * combined): deterministic, independent of the machine. When it runs out
   * the result is `truncated`. Order 2 on a 100,000-component manifest
   * takes a few million. @default 200_000_000
   */
  readonly budget?: number;
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
  /** True when the budget ran out before the search finished. */
  readonly truncated: boolean;
  /** The highest order whose cut sets are all listed: `maxOrder` unless truncated. */
  readonly completeThrough: number;
  /** Why the list may be incomplete, when it may. */
  readonly message?: string;
  /** Steps spent, and candidate sets checked by propagation. */
  readonly steps: number;
  readonly checked: number;
}

/** The default step budget of `cutSets`. */
export const CUTSETS_BUDGET = 200_000_000;

/** Finds the minimal cut sets of order ≤ `maxOrder` of a component. */
export function cutSets(input: AnalysisInput, target: ComponentId, options: CutSetOptions = {}): CutSets {
  const graph = graphOf(input);
  const maxOrder = options.maxOrder ?? 2;
  const budget = options.budget ?? CUTSETS_BUDGET;
  if (!Number.isInteger(maxOrder) || maxOrder < 1) throw new Error(`faultline/cutsets: maxOrder must be a whole number ≥ 1, not ${maxOrder}`);
  if (!(budget > 0)) throw new Error(`faultline/cutsets: budget must be positive, not ${budget}`);
  const t = graph.index.get(target);
  if (t === undefined) throw new Error(`faultline/cutsets: unknown component "${target}"`);
  const space = failureSpace(graph);
  const tree = faultTree(graph, t, space.indexOf)!;
  const found = searchCutSets(tree, maxOrder, budget);
  const chains = new Chains(graph);
  const sets = found.sets.map((ids) => chains.of(ids.map((id) => space.nodes[id]!), t));
  const counts = new Array<number>(maxOrder).fill(0);
  for (const s of found.sets) counts[s.length - 1]!++;
  const truncated = found.stoppedAt !== undefined;
  const message = truncated
    ? `the search stopped after ${found.steps.toLocaleString('en-US')} steps while looking for sets of ${found.stoppedAt} failures: ${
        found.completeThrough >= 1 ? `the list is complete up to order ${found.completeThrough}; ` : ''
      }sets of order ${found.stoppedAt}${found.stoppedAt! < maxOrder ? ` to ${maxOrder}` : ''} may be missing (raise the budget)`
    : undefined;
  return {
    target,
    maxOrder,
    sets,
    counts,
    truncated,
    completeThrough: found.completeThrough,
    ...(message !== undefined ? { message } : {}),
    steps: found.steps,
    checked: found.checked,
  };
}

/** The target's chain and causes under a set of failures, from one propagation each. */
class Chains {
  private readonly state: Propagator;

  constructor(private readonly graph: CompiledGraph) {
    this.state = new Propagator(graph);
  }

  of(nodes: readonly number[], target: number): CutSet {
    const faultOf = new Map<number, { spec: string; effect: FaultEffect }>();
    for (const node of nodes) faultOf.set(node, { spec: this.graph.names[node]!, effect: 'down' });
    this.state.run(nodes.map((node) => ({ node, down: true, cause: CAUSE_FAULT, edge: -1 })));
    if (!this.state.isDown(target)) throw new Error(`faultline/cutsets: ${nodes.map((n) => this.graph.names[n]).join(' + ')} does not take ${this.graph.names[target]} down`);
    const explainer = new Explainer(this.graph, this.state, faultOf);
    return { members: nodes.map((n) => this.graph.names[n]!), chain: explainer.chain(target), because: explainer.because(target) };
  }
}
