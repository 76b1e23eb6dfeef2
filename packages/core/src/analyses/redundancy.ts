/**
 * Redundancy gates: where a model *looks* redundant
 * =================================================
 *
 * A gate that survives losing some of its members: an `anyOf` or quorum
 * group with spare members, or placements with more replicas than
 * `minHealthy` — in engine terms, a group or placements node whose down
 * threshold is 2 or more. When one failure defeats such a gate, the SPOF it
 * causes is *hidden*: PagerDuty's three "independent" deployments, two of
 * which shared one network peering point; DEV341's six web instances, five
 * of them in one zone.
 */
import { GROUP, PLACEMENTS, type CompiledGraph } from '../compile.js';
import type { ComponentId } from '../model.js';

/** A redundancy gate in the manifest's words. */
export interface RedundancyGate {
  /** The engine node (for `Ranking.killers`). */
  readonly node: number;
  /** The component whose group or placements it is. */
  readonly owner: ComponentId;
  readonly kind: 'anyOf' | 'placements';
  /** Group members, or placement domains. */
  readonly members: readonly ComponentId[];
  /** Members (for placements: replicas) that must stay up. */
  readonly need: number;
  /** For a group: its index in the owner's `dependsOn`. */
  readonly entry?: number;
}

/** True when engine node v is a group or placements gate that tolerates a loss. */
export function isRedundancyGate(graph: CompiledGraph, v: number): boolean {
  const t = graph.type[v];
  return (t === GROUP || t === PLACEMENTS) && graph.downThreshold[v]! >= 2;
}

/** Marks every redundancy gate of a graph. */
export function redundancyMask(graph: CompiledGraph): Uint8Array {
  const mask = new Uint8Array(graph.size);
  for (let v = graph.components; v < graph.size; v++) if (isRedundancyGate(graph, v)) mask[v] = 1;
  return mask;
}

/** Describes engine node v, a redundancy gate. */
export function describeGate(graph: CompiledGraph, v: number): RedundancyGate {
  const owner = graph.componentAt[graph.owner[v]!]!;
  if (graph.type[v] === GROUP) {
    const dep = owner.dependsOn[graph.detail[v]!]!;
    if (dep.type !== 'group') throw new Error('faultline/redundancy: group gate without a group');
    return { node: v, owner: owner.id, kind: 'anyOf', members: dep.anyOf, need: dep.need, entry: graph.detail[v]! };
  }
  return { node: v, owner: owner.id, kind: 'placements', members: owner.placements.map((p) => p.domain), need: owner.minHealthy };
}

/** Every redundancy gate, in model order of its owner. */
export function redundancyGates(graph: CompiledGraph): RedundancyGate[] {
  const out: RedundancyGate[] = [];
  for (let v = graph.components; v < graph.size; v++) if (isRedundancyGate(graph, v)) out.push(describeGate(graph, v));
  return out.sort((a, b) => graph.owner[a.node]! - graph.owner[b.node]! || a.node - b.node);
}
