/**
 * The cut-set search: order by order, within a step budget
 * ========================================================
 *
 * Minimal cut sets of a fault tree (`cutsets-tree.ts`), as sets of
 * failure-space indices:
 *
 * - order 1: the target's single killers, from the cut1 DP;
 * - order 2: candidate pairs at redundancy gates (`cutsets-scan.ts`, complete
 *   by the argument there), each checked by propagation; a pair is minimal
 *   as soon as it kills, because neither member does alone;
 * - order k ≥ 3: for each member u of the pool (in failure order), condition
 *   the tree on u and find the minimal sets of order ≤ k − 1 of the
 *   conditioned tree whose members all come after u; {u} ∪ S is minimal
 *   exactly when S does not kill the unconditioned tree (a proper subset
 *   without u would kill the conditioned tree too, contradicting S's
 *   minimality there). Requiring members after u finds each set once, from
 *   its first member.
 *
 * This is bottom-up cut-set algebra by conditioning (MOCUS-like truncation
 * at `maxOrder`; Fussell & Vesely 1972), not a BDD (docs/algorithms.md#higher-orders-by-conditioning).
 * Every check, every conditioned tree and every sweep counts steps; when the
 * budget runs out the search stops and says how far it is complete.
 */
import { CutCheck } from './cutsets-check.js';
import { forEachCandidatePair, scanTree, type TreeScan } from './cutsets-scan.js';
import { conditionTree, type FaultTree } from './cutsets-tree.js';

/**
 * Thrown inside the search when the budget is spent, or the caller's `stop` says so, and always caught
 * there. Not an Error: nothing shows it, and an Error's stack trace cost more than the rest of many small searches.
 */
class BudgetSpent {
  constructor(readonly by: 'budget' | 'stop') {}
}

/** What keeping, explaining and printing one set costs `cutSets`, in sweeps of the tree. */
const EXPLAINED_SWEEPS = 10;

/**
 * What the caller does with each set found, and so what the search charges for it, so that the budget bounds that
 * work and memory too:
 *
 * - `'explain'` (`cutSets`): keeps it, explains it by one propagation on the tree (its causes name every member of a
 *   group lost) and prints it: ten sweeps of the tree;
 * - `'keep'` (availability): keeps its members and computes its probability and importance terms, work and memory
 *   in proportion to its members, so the set's size in steps (the check that found it has already paid for its
 *   propagation). Not a sweep of the tree: nothing of the tree's size is done or held per set (the union bounds
 *   pair only the most probable sets and the diagram has its own node limit), and charging ten sweeps spent most
 *   of large cones' budgets on sets never explained (docs/cutsets-availability.md).
 */
export type SetUse = 'explain' | 'keep';

/** Steps between two calls of the caller's `stop`. */
const POLL_EVERY = 1 << 20;

/** The outcome of a search: minimal sets (failure-space indices, ascending) and how complete they are. */
export interface SearchResult {
  readonly sets: readonly (readonly number[])[];
  /** The highest order whose sets are all found. */
  readonly completeThrough: number;
  /** The order being searched when the budget ran out, if it did. */
  readonly stoppedAt?: number;
  /** What stopped the search early: the step budget, or the caller's `stop` (a time limit). */
  readonly stoppedBy?: 'budget' | 'stop';
  readonly steps: number;
  /** Candidate sets checked by propagation. */
  readonly checked: number;
}

/** Searches the minimal cut sets of order ≤ `maxOrder` of a tree (the target's own failure left out). */
export function searchCutSets(root: FaultTree, maxOrder: number, budget: number, use: SetUse, stop?: () => boolean): SearchResult {
  const search = new Search(budget, stop);
  const found: number[][] = [];
  // Each set found costs what the caller does with it (`SetUse`), so the budget bounds the memory and the output too.
  const sweep = root.graph.size + root.graph.inputs.length;
  const sets = {
    push(set: number[]): void {
      found.push(set);
      search.spend(use === 'explain' ? EXPLAINED_SWEEPS * sweep : set.length);
    },
  };
  const ownFailure = root.failureOf[root.target]!;
  let completeThrough = 1;
  let stoppedAt: number | undefined;
  let stoppedBy: 'budget' | 'stop' | undefined;
  // The singles are always found in full: the first sweep is never cut short.
  const scan = search.scan(root, -1, false);
  for (const f of scan.singles) if (root.failureOf[f] !== ownFailure) found.push([root.failureOf[f]!]);
  try {
    if (maxOrder >= 2) {
      stoppedAt = 2;
      const pairKeys = new Set<string>();
      search.pairs(root, scan, (set) => {
        sets.push(set);
        pairKeys.add(set.join(','));
      });
      completeThrough = 2;
      if (maxOrder >= 3) {
        stoppedAt = 3;
        search.higher(root, scan, maxOrder, -1, pairKeys, (set) => sets.push(set));
        completeThrough = maxOrder;
      }
    }
    stoppedAt = undefined;
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    stoppedBy = error.by;
  }
  return {
    sets: found.sort(compareSets),
    completeThrough,
    ...(stoppedAt !== undefined ? { stoppedAt, stoppedBy: stoppedBy ?? 'budget' } : {}),
    steps: search.steps,
    checked: search.checked,
  };
}

/** By order, then member by member in failure order. */
export function compareSets(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

type Emit = (set: number[]) => void;

class Search {
  steps = 0;
  checked = 0;
  private readonly checks = new WeakMap<FaultTree, CutCheck>();
  private readonly nodes = new WeakMap<FaultTree, Map<number, number>>();

  private nextPoll = POLL_EVERY;

  constructor(
    private readonly budget: number,
    private readonly stop?: () => boolean,
  ) {}

  scan(tree: FaultTree, minId: number, mayStop = true): TreeScan {
    const scan = scanTree(tree, minId);
    this.spend(scan.steps + tree.graph.size + tree.graph.inputs.length, mayStop);
    return scan;
  }

  /** Emits every minimal pair of the tree (members above the scan's `minId`), in candidate order. */
  pairs(tree: FaultTree, scan: TreeScan, emit: Emit): void {
    const check = this.checker(tree);
    const seeds = new Int32Array(2);
    const examined = forEachCandidatePair(tree, scan, (a, b) => {
      seeds[0] = a;
      seeds[1] = b;
      const before = check.steps;
      this.checked++;
      const kills = check.run(seeds, tree.target);
      this.spend(1 + check.steps - before);
      if (kills) emit([tree.failureOf[a]!, tree.failureOf[b]!]);
      return true;
    });
    this.spend(examined);
  }

  /**
   * Emits the minimal sets of order 3 … maxOrder of `tree` whose members all
   * come after `minId`, given the tree's scan and its minimal pairs
   * (`pairKeys`, members joined by commas).
   */
  higher(tree: FaultTree, scan: TreeScan, maxOrder: number, minId: number, pairKeys: ReadonlySet<string>, emit: Emit): void {
    const check = this.checker(tree);
    for (const u of scan.pool) {
      const uid = tree.failureOf[u]!;
      if (uid <= minId) continue;
      const before = check.steps;
      check.run([u], tree.target, false);
      this.spend(check.steps - before);
      // Conditioning copies the tree: as much work as a sweep of it.
      this.spend(tree.graph.size + tree.graph.inputs.length);
      const conditioned = conditionTree(tree, check.downMask());
      if (!conditioned) continue;
      const inner = this.scan(conditioned, uid);
      const rest: number[][] = [];
      const innerKeys = new Set<string>();
      this.pairs(conditioned, inner, (set) => {
        rest.push(set);
        innerKeys.add(set.join(','));
      });
      if (maxOrder - 1 >= 3) this.higher(conditioned, inner, maxOrder - 1, uid, innerKeys, (set) => rest.push(set));
      for (const s of rest) {
        if (s.length === 2 ? pairKeys.has(s.join(',')) : this.kills(tree, s)) continue;
        emit([uid, ...s]);
      }
    }
  }

  /** True when the failures `ids` (failure-space indices) take the tree's target down. */
  private kills(tree: FaultTree, ids: readonly number[]): boolean {
    let nodes = this.nodes.get(tree);
    if (!nodes) {
      nodes = new Map();
      for (const f of tree.failures) nodes.set(tree.failureOf[f]!, f);
      this.nodes.set(tree, nodes);
    }
    const seeds = ids.map((id) => nodes.get(id)!);
    const check = this.checker(tree);
    const before = check.steps;
    this.checked++;
    const kills = check.run(seeds, tree.target);
    this.spend(1 + check.steps - before);
    return kills;
  }

  private checker(tree: FaultTree): CutCheck {
    let check = this.checks.get(tree);
    if (!check) this.checks.set(tree, (check = new CutCheck(tree.graph)));
    return check;
  }

  spend(steps: number, mayStop = true): void {
    this.steps += steps;
    if (!mayStop) return;
    if (this.steps > this.budget) throw new BudgetSpent('budget');
    if (this.stop && this.steps >= this.nextPoll) {
      this.nextPoll = this.steps + POLL_EVERY;
      if (this.stop()) throw new BudgetSpent('stop');
    }
  }
}
