/**
 * Component links: the compiled graph seen between components
 * ===========================================================
 *
 * The engine routes groups and placements through virtual gate nodes
 * (`c#anyOf1`, `c#in`, `c@zone`). Cycles and deadlocks are reported between
 * components, in the manifest's words, so this module projects the engine's
 * edges back onto components: `c → m` through a group member, `c → d`
 * through a placement in domain `d`, each with the manifest position of the
 * entry that makes it. Which engine edges count is the caller's choice
 * (required edges for `cycles`, edges to what never started for recovery).
 */
import { COMPONENT, GROUP, PLACEMENTS, type CompiledGraph } from '../engine/compile.js';
import type { ComponentId, SourceRange } from '../model.js';

/** How one component reaches the next: a `dependsOn` entry, a member of an `anyOf` group, or a placement (`in`). */
export type LinkVia = 'dependsOn' | 'anyOf' | 'in';

/** One step of a cycle or deadlock, with the manifest entry that makes it. */
export interface CycleLink {
  readonly from: ComponentId;
  readonly to: ComponentId;
  readonly via: LinkVia;
  /** The `dependsOn` entry, the group member, or the placement. */
  readonly at: SourceRange;
}

const VIA: readonly LinkVia[] = ['dependsOn', 'anyOf', 'in'];

/** A component-level CSR: component `c` links to `targets[offset[c] … offset[c + 1]]`. */
export interface ComponentLinks {
  readonly offset: Int32Array;
  readonly targets: Int32Array;
  /** 0 `dependsOn`, 1 `anyOf`, 2 `in`, per link. */
  readonly via: Uint8Array;
  /** The `dependsOn` index (for `dependsOn` and `anyOf`) or the placement index (`in`). */
  readonly entry: Int32Array;
  /** The member's index inside its group, or −1. */
  readonly member: Int32Array;
}

/**
 * Projects the engine edges marked in `keep` (one byte per engine edge) onto
 * components, for the components marked in `include` (default all). A group
 * or placement link needs every engine edge on its way kept. Two passes
 * (count, then fill) over typed arrays: O(V + E) over the included
 * components' edges.
 */
export function projectLinks(graph: CompiledGraph, keep: Uint8Array, include?: Uint8Array): ComponentLinks {
  const C = graph.components;
  const offset = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) offset[c + 1] = offset[c]! + (include && !include[c] ? 0 : visit(graph, keep, c, undefined, 0));
  const n = offset[C]!;
  const out: ComponentLinks = { offset, targets: new Int32Array(n), via: new Uint8Array(n), entry: new Int32Array(n), member: new Int32Array(n) };
  for (let c = 0; c < C; c++) if (!include || include[c]) visit(graph, keep, c, out, offset[c]!);
  return out;
}

/** Counts (without `out`) or writes the links of component c from position `at`; returns how many. */
function visit(graph: CompiledGraph, keep: Uint8Array, c: number, out: ComponentLinks | undefined, at: number): number {
  const { inputOffset, inputs, type, inputEntry, detail } = graph;
  let n = at;
  for (let e = inputOffset[c]!; e < inputOffset[c + 1]!; e++) {
    if (!keep[e]) continue;
    const u = inputs[e]!;
    if (type[u] === COMPONENT) {
      if (out) write(out, n, u, 0, inputEntry[e]!, -1);
      n++;
    } else if (type[u] === GROUP) {
      for (let m = inputOffset[u]!; m < inputOffset[u + 1]!; m++) {
        if (!keep[m]) continue;
        if (out) write(out, n, inputs[m]!, 1, detail[u]!, m - inputOffset[u]!);
        n++;
      }
    } else if (type[u] === PLACEMENTS) {
      for (let r = inputOffset[u]!; r < inputOffset[u + 1]!; r++) {
        const d = inputOffset[inputs[r]!]!;
        if (!keep[r] || !keep[d]) continue;
        if (out) write(out, n, inputs[d]!, 2, r - inputOffset[u]!, -1);
        n++;
      }
    }
  }
  return n - at;
}

function write(out: ComponentLinks, i: number, target: number, via: number, entry: number, member: number): void {
  out.targets[i] = target;
  out.via[i] = via;
  out.entry[i] = entry;
  out.member[i] = member;
}

/**
 * Marks, among the engine edges a projection of the `include`d components
 * reads (their inputs, their gates' inputs, their replicas' domains), those
 * for which `test` holds. Cheaper than a whole-graph mask when few
 * components are included.
 */
export function markEdges(graph: CompiledGraph, include: Uint8Array, test: (edge: number) => boolean): Uint8Array {
  const { inputOffset, inputs, type } = graph;
  const keep = new Uint8Array(inputs.length);
  const mark = (from: number, to: number): void => {
    for (let e = from; e < to; e++) if (test(e)) keep[e] = 1;
  };
  for (let c = 0; c < graph.components; c++) {
    if (!include[c]) continue;
    mark(inputOffset[c]!, inputOffset[c + 1]!);
    for (let e = inputOffset[c]!; e < inputOffset[c + 1]!; e++) {
      const u = inputs[e]!;
      if (type[u] === COMPONENT) continue;
      mark(inputOffset[u]!, inputOffset[u + 1]!);
      if (type[u] === PLACEMENTS) for (let r = inputOffset[u]!; r < inputOffset[u + 1]!; r++) mark(inputOffset[inputs[r]!]!, inputOffset[inputs[r]! + 1]!);
    }
  }
  return keep;
}

/** Link `i` of a projection, in the manifest's words. */
export function linkAt(graph: CompiledGraph, links: ComponentLinks, from: number, i: number): CycleLink {
  const c = graph.componentAt[from]!;
  const via = VIA[links.via[i]!]!;
  let at: SourceRange;
  if (via === 'in') at = c.placements[links.entry[i]!]!.at;
  else {
    const dep = c.dependsOn[links.entry[i]!]!;
    at = dep.type === 'group' && links.member[i]! >= 0 ? (dep.memberAt[links.member[i]!] ?? dep.at) : dep.at;
  }
  return { from: c.id, to: graph.names[links.targets[i]!]!, via, at };
}

/**
 * The shortest cycle through `start` whose nodes all satisfy `inside`, as
 * link indices (breadth-first search, so the witness is short and the same on
 * every run). Undefined when there is none.
 */
export function shortestCycle(links: ComponentLinks, start: number, inside: (c: number) => boolean): number[] | undefined {
  const { offset, targets } = links;
  const parentLink = new Map<number, number>();
  const queue: number[] = [start];
  const from = new Map<number, number>();
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let i = offset[v]!; i < offset[v + 1]!; i++) {
      const w = targets[i]!;
      if (w === start) {
        const path = [i];
        for (let x = v; x !== start; x = from.get(x)!) path.push(parentLink.get(x)!);
        return path.reverse();
      }
      if (!inside(w) || parentLink.has(w)) continue;
      parentLink.set(w, i);
      from.set(w, v);
      queue.push(w);
    }
  }
  return undefined;
}

/** Whether an engine edge alone takes its dependent down: hard, and heavy enough to reach its down threshold. */
export function requiredEdge(graph: CompiledGraph): (edge: number) => boolean {
  const { inputHard, inputWeight, downThreshold, edgeFrom } = graph;
  return (e) => inputHard[e] === 1 && inputWeight[e]! >= downThreshold[edgeFrom[e]!]!;
}

/** Marks every required engine edge (see `requiredEdge`). */
export function requiredEdges(graph: CompiledGraph): Uint8Array {
  const { inputHard, inputWeight, downThreshold, inputOffset } = graph;
  const keep = new Uint8Array(graph.inputs.length);
  for (let v = 0; v < graph.size; v++) {
    const t = downThreshold[v]!;
    for (let e = inputOffset[v]!; e < inputOffset[v + 1]!; e++) if (inputHard[e] && inputWeight[e]! >= t) keep[e] = 1;
  }
  return keep;
}
