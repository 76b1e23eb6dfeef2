/**
 * A ranking as data, and back
 * ===========================
 *
 * `rankFailures` returns the failures it ranked and methods that answer
 * more about them on demand (every victim of one failure, the gates it
 * defeats, who kills a target). The methods need the compiled graph, not
 * the ranking's own work: kept apart from the data (`rankingParts`), a
 * ranking is a list of plain failures plus, per position, the engine node
 * that fails, which a cache can store as it is; `restoreRanking` gives back
 * a `Ranking` over the same graph whose every answer is the original's
 * (`detail` and `namedGates` simulate the one failure, as `rankFailures`
 * does; `killers` ranks again, once, when first asked).
 */
import type { CompiledGraph } from '../engine/compile.js';
import { Propagator } from '../engine/propagate.js';
import type { Failure } from '../analyses/failure.js';
import { rankFailures, type Ranking, type RankOptions } from '../analyses/rank.js';
import { evaluateFailure, namedGates } from '../analyses/rank-oracle.js';

/** What a ranking holds beyond its graph. */
export interface RankingParts {
  readonly failures: readonly Failure[];
  readonly listed: number;
  /** The engine node each position's failure fails. */
  readonly nodes: Int32Array;
}

/** The data of a ranking: its failures, `listed`, and the engine node of each position. */
export function rankingParts(ranking: Ranking): RankingParts {
  const nodes = new Int32Array(ranking.failures.length).fill(-1);
  for (let v = 0; v < ranking.graph.size; v++) {
    const i = ranking.positionOf(v);
    if (i >= 0) nodes[i] = v;
  }
  return { failures: ranking.failures, listed: ranking.listed, nodes };
}

/**
 * The ranking of `graph` whose data are `parts` (as `rankingParts` took
 * them from `rankFailures(graph, options)`); undefined when the parts do not
 * fit the graph (a node out of range, or one failed twice).
 */
export function restoreRanking(graph: CompiledGraph, parts: RankingParts, options: RankOptions = {}): Ranking | undefined {
  const { failures, listed, nodes } = parts;
  if (nodes.length !== failures.length) return undefined;
  const position = new Int32Array(graph.size).fill(-1);
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (!(v >= 0 && v < graph.size) || position[v] !== -1) return undefined;
    position[v] = i;
  }
  let state: Propagator | undefined;
  let full: Ranking | undefined;
  const again = (): Ranking => (full ??= rankFailures(graph, options));
  const nodeAt = (i: number): number => {
    const node = nodes[i];
    if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
    return node;
  };
  return {
    graph,
    failures,
    listed,
    detail(i) {
      const node = nodeAt(i);
      state ??= new Propagator(graph);
      const { fault, down, degraded, critical, criticalDegraded, defeated } = evaluateFailure(graph, state, node, 0);
      return { fault, down, degraded, critical, criticalDegraded, defeated };
    },
    namedGates(i) {
      state ??= new Propagator(graph);
      return namedGates(graph, state, nodeAt(i));
    },
    positionOf(failure) {
      const v = typeof failure === 'number' ? failure : (graph.index.get(failure) ?? graph.names.indexOf(failure));
      return v >= 0 && v < graph.size ? position[v]! : -1;
    },
    killers: (target, layer) => again().killers(target, layer),
    killersOf: (targets, layer) => again().killersOf(targets, layer),
  };
}
