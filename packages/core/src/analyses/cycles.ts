/**
 * cycles(model): hard dependency cycles, the cold-start deadlocks
 * ===============================================================
 *
 * A cycle of *required* dependencies can never start from nothing: every
 * member waits for the one before it (docs/algorithms.md#strongly-connected-components). A dependency
 * is required when losing it alone takes the dependent down:
 *
 * - a hard single `dependsOn` edge;
 * - each member of a hard group whose `need` equals its size;
 * - a placement (`in`) whose replicas the component cannot spare (losing
 *   them leaves fewer than `minHealthy`), e.g. every placement of a
 *   component with one domain, or with `minHealthy` equal to its replicas.
 *
 * Redundant links (an `anyOf` with spare members, spare placements) are left
 * out: such a cycle may still start through an outside member, and
 * `recoveryOrder` reports it only when it really cannot.
 *
 * A cold start is judged on the startup view of the graph (`startupGraph`):
 * `phase: startup` dependencies count, `phase: runtime` ones do not, and an
 * `async` or `fallback: true` dependency never makes a cycle (async compiles
 * as soft; a fallback never enters the graph). Whatever graph it is given,
 * this analysis switches to that view.
 *
 * Iterative Tarjan over the projected component graph, then one shortest
 * witness cycle per strongly connected component by breadth-first search
 * inside it. O(V + E).
 */
import { startupGraph, type CompiledGraph } from '../engine/compile.js';
import type { ComponentId } from '../model.js';
import { linkAt, projectLinks, requiredEdges, shortestCycle, type ComponentLinks, type CycleLink } from './component-links.js';
import { graphOf, type AnalysisInput } from './graph-input.js';
import { isCyclic, stronglyConnected } from './tarjan.js';

/** One strongly connected set of components joined by required dependencies. */
export interface Cycle {
  /** Every component of the strongly connected set, in model order. */
  readonly members: readonly ComponentId[];
  /** One concrete cycle: starts at the first member, ends with it again (`[a, b, c, a]`). */
  readonly path: readonly ComponentId[];
  /** The dependency behind each step of `path`: `links[i]` goes from `path[i]` to `path[i + 1]`. */
  readonly links: readonly CycleLink[];
}

/** Every hard dependency cycle of a cold start (startup view), sorted by the model order of its first member. */
export function cycles(input: AnalysisInput): Cycle[] {
  const graph = startupGraph(graphOf(input));
  const links = projectLinks(graph, requiredEdges(graph));
  const scc = stronglyConnected(graph.components, links.offset, links.targets);
  const out: Cycle[] = [];
  for (let c = 0; c < scc.count; c++) {
    if (!isCyclic(scc, c, links.offset, links.targets)) continue;
    const members = Array.from(scc.order.subarray(scc.start[c]!, scc.start[c + 1]!)).sort((a, b) => a - b);
    out.push({ members: members.map((v) => graph.names[v]!), ...witness(graph, links, members[0]!, (v) => scc.componentOf[v] === c) });
  }
  return out.sort((a, b) => graph.index.get(a.members[0]!)! - graph.index.get(b.members[0]!)!);
}

/** The shortest cycle through `start` inside a strongly connected set, as ids and manifest links. */
export function witness(graph: CompiledGraph, links: ComponentLinks, start: number, inside: (c: number) => boolean): Pick<Cycle, 'path' | 'links'> {
  const steps = shortestCycle(links, start, inside) ?? [];
  const path: ComponentId[] = [graph.names[start]!];
  const cycleLinks: CycleLink[] = [];
  let from = start;
  for (const i of steps) {
    cycleLinks.push(linkAt(graph, links, from, i));
    from = links.targets[i]!;
    path.push(graph.names[from]!);
  }
  return { path, links: cycleLinks };
}
