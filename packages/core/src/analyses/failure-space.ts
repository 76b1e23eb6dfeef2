/**
 * The failure space: every single failure `rankFailures` considers
 * ================================================================
 *
 * One failure per component (domains included) and one per placement
 * (`checkout@use1-az1`, a replica node) of every component placed in two or
 * more domains, numbered in model order with each component followed by its
 * placements. Losing the only placement of a component is the same failure
 * as the component's own (same victims, nothing spared), so it is not
 * listed twice. Journeys (`kind: journey`) are never failures: they stand
 * for what users do and only go down through what they depend on, so they
 * are victims and never faults — not a row of `spof`, never a member of a
 * cut set, never drawn in availability trials. The bitset DP indexes its
 * bits by these failures ("killers").
 */
import type { CompiledGraph } from '../engine/compile.js';

/** The single failures of a graph, numbered (model order, placements after their component). */
export interface FailureSpace {
  readonly size: number;
  /** The engine node failed by each failure. */
  readonly nodes: Int32Array;
  /** The failure that fails engine node v, or −1 (gates cannot fail on their own). */
  readonly indexOf: Int32Array;
}

/** Which single failures to consider. */
export interface FailureSpaceOptions {
  /** Include placement failures (`id@domain`) of components placed in two or more domains. @default true */
  readonly placements?: boolean;
}

/** The spaces already numbered, per graph (a compiled graph never changes): `availability` asks once per critical component. */
const numbered = new WeakMap<CompiledGraph, FailureSpace>();

/** Numbers the single failures of a graph (the result is shared: read it, never write it). */
export function failureSpace(graph: CompiledGraph, options: FailureSpaceOptions = {}): FailureSpace {
  const placements = options.placements ?? true;
  if (placements) {
    let space = numbered.get(graph);
    if (!space) numbered.set(graph, (space = numberFailures(graph, true)));
    return space;
  }
  return numberFailures(graph, false);
}

function numberFailures(graph: CompiledGraph, placements: boolean): FailureSpace {
  const nodes: number[] = [];
  for (let c = 0; c < graph.components; c++) {
    if (graph.componentAt[c]!.isJourney) continue;
    nodes.push(c);
    const from = graph.replicaOffset[c]!;
    const to = graph.replicaOffset[c + 1]!;
    if (placements && to - from >= 2) for (let r = from; r < to; r++) nodes.push(graph.replicaNodes[r]!);
  }
  const indexOf = new Int32Array(graph.size).fill(-1);
  nodes.forEach((v, k) => (indexOf[v] = k));
  return { size: nodes.length, nodes: Int32Array.from(nodes), indexOf };
}
