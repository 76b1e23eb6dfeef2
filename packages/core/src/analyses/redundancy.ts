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
 *
 * Hidden means the members shared something *below* what holds them all. A
 * failure of a domain that holds every member of a gate — the region around
 * all three zones of a single-region database, or around both members of an
 * `anyOf` — defeats the gate in plain sight: that is a single-region design,
 * not redundancy that only looked independent. Such a failure is one of the
 * gate's *holders* (`gateHolders`): a component X holds Y when Y is X, or
 * when every placement (`in`) of Y is in something X holds (zones `in` a
 * region, a service `in` those zones). A gate's holders are those holding
 * every member (for placements: every domain placed in). `rankFailures`, its
 * simulation oracle and so `spof`, lint and the viewer take a gate defeated
 * by one of its holders as not hidden.
 */
import { GROUP, PLACEMENTS, type CompiledGraph } from '../engine/compile.js';
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
  return out.sort((a, b) => graph.owner[a.node]! - graph.owner[b.node]! || graph.modelRank[a.node]! - graph.modelRank[b.node]!);
}

/** The holders of each gate (see the module comment), computed once per compiled graph. */
const holderCache = new WeakMap<CompiledGraph, (v: number) => readonly number[]>();

/**
 * The component nodes that hold every member of engine node v, a redundancy
 * gate: a failure of one of them defeats v in plain sight, not hidden. Empty
 * for any other node. Memoized per graph; O(depth of the `in` chains) per
 * component.
 */
export function gateHolders(graph: CompiledGraph): (v: number) => readonly number[] {
  let of = holderCache.get(graph);
  if (of) return of;
  const components = componentHolders(graph);
  const memo = new Map<number, readonly number[]>();
  of = (v) => {
    if (!isRedundancyGate(graph, v)) return NONE;
    let found = memo.get(v);
    if (found) return found;
    const { inputOffset, inputs, type, detail } = graph;
    let common: readonly number[] | undefined;
    for (let e = inputOffset[v]!; e < inputOffset[v + 1]!; e++) {
      // A group's inputs are its members; a placements gate's are replicas, each in its domain.
      const member = type[v] === GROUP ? inputs[e]! : detail[inputs[e]!]!;
      const held = member >= 0 && member < graph.components ? components(member) : NONE;
      common = common === undefined ? held : common.filter((h) => held.includes(h));
      if (common.length === 0) break;
    }
    found = common ?? NONE;
    memo.set(v, found);
    return found;
  };
  holderCache.set(graph, of);
  return of;
}

const NONE: readonly number[] = [];

/**
 * Per component node c: every component node holding c (c itself first),
 * through its placements' chains of `in`. Iterative, so a long chain of
 * domains cannot overflow the stack; a cycle of placements holds nothing
 * beyond itself.
 */
function componentHolders(graph: CompiledGraph): (c: number) => readonly number[] {
  const memo: (readonly number[] | undefined)[] = new Array(graph.components);
  const visiting = new Uint8Array(graph.components);
  const domainsOf = (c: number): number[] => {
    const out: number[] = [];
    for (const p of graph.componentAt[c]!.placements) {
      const d = graph.index.get(p.domain);
      out.push(d ?? -1);
    }
    return out;
  };
  const settle = (c: number): void => {
    const domains = domainsOf(c);
    let common: readonly number[] | undefined;
    for (const d of domains) {
      const held = d >= 0 ? (memo[d] ?? NONE) : NONE;
      common = common === undefined ? held : common.filter((h) => held.includes(h));
    }
    memo[c] = [c, ...(common ?? NONE).filter((h) => h !== c)];
  };
  return (start) => {
    if (memo[start]) return memo[start];
    const stack = [start];
    while (stack.length > 0) {
      const c = stack[stack.length - 1]!;
      if (memo[c]) {
        stack.pop();
        continue;
      }
      if (visiting[c]) {
        stack.pop();
        settle(c);
        continue;
      }
      visiting[c] = 1;
      for (const d of domainsOf(c)) if (d >= 0 && !memo[d] && !visiting[d]) stack.push(d);
    }
    return memo[start]!;
  };
}
