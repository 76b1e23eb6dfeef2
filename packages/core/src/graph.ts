/**
 * The graphology model
 * ====================
 *
 * The model as a graphology `MultiDirectedGraph` (a directed graph that
 * allows parallel edges: a component may both depend on and be placed in the
 * same node): node keys are component ids, every edge points from the
 * dependent to what it needs, with its kind (`dependency`, `group`,
 * `placement`, `monitors`). The engine runs on the compiled CSR index
 * (engine/compile.ts); this graph is the public, explorable shape the viewer's
 * focus mode walks with graphology-traversal.
 *
 * Ids are checked by the loader before they get here: graphology keeps its
 * adjacency in plain objects, so `__proto__` would break it (docs/architecture.md#ids-and-maps).
 *
 * [Reference]: https://graphology.github.io/standard-library/traversal.html
 */
import { MultiDirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import type { ComponentId, Mode, Model, Plane, Scope, Via } from './model.js';

/** Node attributes: what the viewer needs to draw and filter a component. */
export interface GraphNode {
  readonly kind: string;
  readonly isDomain: boolean;
  readonly critical: boolean;
  readonly weight: number;
  readonly plane?: Plane;
  readonly scope?: Scope;
}

/** Edge attributes, discriminated by `kind`. */
export type GraphEdge =
  | { readonly kind: 'dependency'; readonly mode: Mode; readonly via: Via; readonly entry: number }
  | { readonly kind: 'group'; readonly mode: Mode; readonly via: Via; readonly entry: number; readonly need: number; readonly size: number }
  | { readonly kind: 'placement'; readonly replicas: number }
  | { readonly kind: 'monitors' };

export type EdgeKind = GraphEdge['kind'];

export type FaultlineGraph = MultiDirectedGraph<GraphNode, GraphEdge>;

/** Builds the graphology graph of a model, nodes and edges in model order. */
export function toGraph(model: Model): FaultlineGraph {
  const graph: FaultlineGraph = new MultiDirectedGraph<GraphNode, GraphEdge>();
  for (const c of model.components.values()) {
    const attributes: GraphNode = { kind: c.kind, isDomain: c.isDomain, critical: c.critical, weight: c.weight };
    graph.addNode(c.id, {
      ...attributes,
      ...(c.plane !== undefined ? { plane: c.plane } : {}),
      ...(c.scope !== undefined ? { scope: c.scope } : {}),
    });
  }
  for (const c of model.components.values()) {
    c.dependsOn.forEach((d, entry) => {
      if (d.type === 'edge') graph.addEdge(c.id, d.target, { kind: 'dependency', mode: d.mode, via: d.via, entry });
      else for (const m of d.anyOf) graph.addEdge(c.id, m, { kind: 'group', mode: d.mode, via: d.via, entry, need: d.need, size: d.anyOf.length });
    });
    for (const p of c.placements) graph.addEdge(c.id, p.domain, { kind: 'placement', replicas: p.replicas });
    for (const m of c.monitors) graph.addEdge(c.id, m, { kind: 'monitors' });
  }
  return graph;
}

export interface NeighbourhoodOptions {
  /**
   * `out` walks what the node needs, `in` what needs it, `both` either way.
   * @default 'both'
   */
  readonly direction?: 'out' | 'in' | 'both';
  /**
   * Edge kinds to follow.
   * @default every kind but `monitors` (observing is not depending)
   */
  readonly kinds?: readonly EdgeKind[];
}

/**
 * The ids within `hops` edges of `id` (itself included), found with
 * graphology-traversal's `bfsFromNode`; the walk stops at depth `hops`.
 */
export function neighbourhood(graph: FaultlineGraph, id: ComponentId, hops: number, options: NeighbourhoodOptions = {}): Set<ComponentId> {
  if (!graph.hasNode(id)) throw new Error(`faultline/graph: unknown component "${id}"`);
  const kinds = new Set<EdgeKind>(options.kinds ?? ['dependency', 'group', 'placement']);
  const direction = options.direction ?? 'both';
  // bfsFromNode follows every edge; walk a view holding only the wanted kinds.
  const view = kinds.size === 4 ? graph : filtered(graph, kinds);
  const mode = direction === 'out' ? 'outbound' : direction === 'in' ? 'inbound' : 'directed';
  const found = new Set<ComponentId>();
  bfsFromNode(
    view,
    id,
    (key, _attributes, depth) => {
      found.add(key);
      return depth >= hops;
    },
    { mode },
  );
  return found;
}

function filtered(graph: FaultlineGraph, kinds: ReadonlySet<EdgeKind>): FaultlineGraph {
  const view: FaultlineGraph = new MultiDirectedGraph<GraphNode, GraphEdge>();
  graph.forEachNode((key, attributes) => view.addNode(key, attributes));
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (kinds.has(attributes.kind)) view.addEdge(source, target, attributes);
  });
  return view;
}
