/**
 * Compiled graph: the typed-array index every analysis runs on
 * ============================================================
 *
 * The model is compiled once into compressed sparse rows (CSR) over four kinds
 * of node, so that each gate of the semantics is just a threshold on a counter
 * (docs/algorithms.md#the-compiled-graph):
 *
 * - component  `c`        : down when one hard input is down; not-up when any input is not up;
 * - replica    `c@d`      : one placement of `c` in domain `d`; hard input `d`;
 * - placements `c#in`     : a weighted k-of-n gate over `c`'s replicas, k = minHealthy;
 * - group      `c#anyOf<i>`: a k-of-n gate over the members of `c`'s i-th dependency.
 *
 * A k-of-n gate over members of weight w is down when the summed weight of
 * down members reaches total − k + 1, and not-up when the weight of members
 * not up does. The analyses never look at the model again in their loops.
 *
 * A graph is compiled for one *view* of the system. The `runtime` view (the
 * default: simulate, spof, cut sets, availability, lint) judges a running
 * system and leaves out `phase: startup` dependencies; the `startup` view
 * (recovery, hard cycles) judges a cold start and leaves out `phase: runtime`
 * ones. Neither view propagates through a dependency with `fallback: true`
 * (the dependent is unaffected by it), and `mode: async` counts like `soft`:
 * only for "not up", never for "down".
 */
import type { Component, ComponentId, Dependency, Model } from '../model.js';

export const COMPONENT = 0;
export const REPLICA = 1;
export const PLACEMENTS = 2;
export const GROUP = 3;
export type NodeType = typeof COMPONENT | typeof REPLICA | typeof PLACEMENTS | typeof GROUP;

/** How replicas and gates are numbered: in the order they are created (model order), or for locality. */
export type NodeOrder = 'model' | 'locality';

/** Which dependencies a graph follows: a running system's, or a cold start's. */
export type View = 'runtime' | 'startup';

/** True when dependency `d` is needed in `view` (its phase is that view's, or both). */
export function inView(d: Dependency, view: View): boolean {
  return d.phase === undefined || d.phase === view;
}

/** True when failures propagate through `d` in `view`: needed then, and without a fallback. */
export function propagates(d: Dependency, view: View): boolean {
  return d.fallback !== true && inView(d, view);
}

export interface CompiledGraph {
  readonly model: Model;
  /** The dependencies this graph follows (see the module comment). */
  readonly view: View;
  /** How replicas and gates are numbered (see `compile`). */
  readonly order: NodeOrder;
  /**
   * Nodes of every type; components are 0 … components − 1, in model order. Replicas and gates
   * follow in an order chosen for locality (docs/algorithms.md#node-numbering): never rely on
   * their numbers' order; `modelRank` gives the creation order for ties.
   */
  readonly size: number;
  readonly components: number;
  /** Component ids, `c@d` for replicas, `c#in` and `c#anyOf<i>` for gates. */
  readonly names: readonly string[];
  readonly index: ReadonlyMap<ComponentId, number>;
  /** The component of each component node (`componentAt[v]` for v < components): no string lookups in hot loops. */
  readonly componentAt: readonly Component[];
  readonly type: Uint8Array;
  /** The component a node belongs to (itself for components). */
  readonly owner: Int32Array;
  /** For a replica: its domain's node; for a group: the dependsOn index; else −1. */
  readonly detail: Int32Array;
  readonly downThreshold: Int32Array;
  readonly notUpThreshold: Int32Array;
  /** Node v's number in creation order (components, then per component its placements gate, replicas and groups): for ties that must not depend on the numbering. */
  readonly modelRank: Int32Array;
  /** Inputs (dependencies) of node v: `inputs[inputOffset[v] … inputOffset[v + 1]]`. */
  readonly inputOffset: Int32Array;
  readonly inputs: Int32Array;
  readonly inputWeight: Int32Array;
  /** 1 when the input counts for "down" (hard), 0 when only for "not up" (soft). */
  readonly inputHard: Uint8Array;
  /** For a component's input: the index of its dependsOn entry, or −1 for its placements gate. */
  readonly inputEntry: Int32Array;
  /** Dependents of node v, as indices into the input arrays: `dependentEdges[dependentOffset[v] …]`. */
  readonly dependentOffset: Int32Array;
  readonly dependentEdges: Int32Array;
  /** The input edge's owner node (the dependent), per input edge index. */
  readonly edgeFrom: Int32Array;
  /** Replica nodes of component c: `replicaNodes[replicaOffset[c] … replicaOffset[c + 1]]`. */
  readonly replicaOffset: Int32Array;
  readonly replicaNodes: Int32Array;
}

/** Graphs compiled elsewhere for a model (read back from the CLI's cache): `compile` returns them instead of compiling again. */
const known = new WeakMap<Model, CompiledGraph>();

/** Makes `compile(graph.model, graph.view)` return `graph` (the runtime view only). */
export function rememberCompiled(graph: CompiledGraph): void {
  if (graph.view === 'runtime') known.set(graph.model, graph);
}

/**
 * Compiles a model for one view (runtime by default); O(V + E). `order` numbers the replicas and
 * gates for locality (the default) or in creation order (`model`, for tests that prove the
 * numbering changes no result).
 */
export function compile(model: Model, view: View = 'runtime', order: NodeOrder = 'locality'): CompiledGraph {
  if (view === 'runtime') {
    const k = known.get(model);
    if (k && k.order === order) return k;
  }
  const { comps, index, targets } = resolved(model);
  const C = comps.length;

  // Sizes first, so every array is typed and allocated once (a large model would otherwise grow
  // millions of boxed numbers, and the collector would cost more than compiling).
  let nodeCount = C;
  let edgeCount = 0;
  for (const c of comps) {
    if (c.placements.length > 0) {
      nodeCount += 1 + c.placements.length;
      edgeCount += 1 + 2 * c.placements.length;
    }
    for (const d of c.dependsOn) {
      if (!propagates(d, view)) continue;
      if (d.type === 'edge') edgeCount++;
      else {
        nodeCount++;
        edgeCount += d.anyOf.length + 1;
      }
    }
  }
  const names: string[] = comps.map((c) => c.id);
  const type = new Uint8Array(nodeCount);
  const owner = new Int32Array(nodeCount);
  const detail = new Int32Array(nodeCount).fill(-1);
  const downThr = new Int32Array(nodeCount).fill(1);
  const notUpThr = new Int32Array(nodeCount).fill(1);
  for (let c = 0; c < C; c++) owner[c] = c;
  // Inputs are gathered per node as flat (node, source, weight, hard, entry) tuples, then placed into CSR.
  const eFrom = new Int32Array(edgeCount);
  const eTo = new Int32Array(edgeCount);
  const eW = new Int32Array(edgeCount);
  const eHard = new Uint8Array(edgeCount);
  const eEntry = new Int32Array(edgeCount);
  let edges = 0;
  const addNode = (name: string, t: NodeType, o: number, d: number, down: number, notUp: number): number => {
    const v = names.length;
    names.push(name);
    type[v] = t;
    owner[v] = o;
    detail[v] = d;
    downThr[v] = down;
    notUpThr[v] = notUp;
    return v;
  };
  const addInput = (from: number, to: number, w: number, hard: boolean, entry: number): void => {
    eFrom[edges] = from;
    eTo[edges] = to;
    eW[edges] = w;
    eHard[edges] = hard ? 1 : 0;
    eEntry[edges] = entry;
    edges++;
  };

  const replicaOffset = new Int32Array(C + 1);
  const replicaList: number[] = [];
  let at = 0;
  for (let ci = 0; ci < C; ci++) {
    const c = comps[ci]!;
    replicaOffset[ci] = replicaList.length;
    if (c.placements.length > 0) {
      let total = 0;
      for (const p of c.placements) total += p.replicas;
      const k = Math.min(c.minHealthy, total);
      const gate = addNode(`${c.id}#in`, PLACEMENTS, ci, -1, total - k + 1, total - k + 1);
      for (const p of c.placements) {
        const domain = targets[at++]!;
        const replica = addNode(`${c.id}@${p.domain}`, REPLICA, ci, domain, 1, 1);
        replicaList.push(replica);
        addInput(replica, domain, 1, true, -1);
        addInput(gate, replica, p.replicas, true, -1);
      }
      addInput(ci, gate, 1, true, -1);
    }
    for (let di = 0; di < c.dependsOn.length; di++) {
      const d = c.dependsOn[di]!;
      if (!propagates(d, view)) {
        at += d.type === 'edge' ? 1 : d.anyOf.length;
        continue;
      }
      const hard = d.mode === 'hard';
      if (d.type === 'edge') {
        addInput(ci, targets[at++]!, 1, hard, di);
        continue;
      }
      const t = d.anyOf.length - Math.min(d.need, d.anyOf.length) + 1;
      const gate = addNode(`${c.id}#anyOf${di}`, GROUP, ci, di, t, t);
      for (let m = 0; m < d.anyOf.length; m++) addInput(gate, targets[at++]!, 1, true, -1);
      addInput(ci, gate, 1, hard, di);
    }
  }
  replicaOffset[C] = replicaList.length;

  const size = names.length;
  const E = eFrom.length;
  if (size !== nodeCount || edges !== E) throw new Error(`faultline/compile: counted ${nodeCount} nodes and ${E} edges, built ${size} and ${edges}`);
  // CSR in the order the nodes were created (model order), then, for locality, renumbered.
  const created = csr(size, eFrom, eTo);
  const pos = order === 'locality' ? localityOrder(C, size, created) : null;
  const renumbered = (nodes: Int32Array): Int32Array => {
    const out = new Int32Array(nodes.length);
    for (let t = 0; t < nodes.length; t++) out[t] = pos![nodes[t]!]!;
    return out;
  };
  const built = pos === null ? created : csr(size, renumbered(eFrom), renumbered(eTo));
  const { inputOffset, inputs, edgeFrom, slot } = built;
  const inputWeight = new Int32Array(E);
  const inputHard = new Uint8Array(E);
  const inputEntry = new Int32Array(E);
  for (let t = 0; t < E; t++) {
    const e = slot[t]!;
    inputWeight[e] = eW[t]!;
    inputHard[e] = eHard[t]!;
    inputEntry[e] = eEntry[t]!;
  }
  // Dependents of each node in the creation order of their edges, whatever the numbering: the
  // propagation visits dependents in this order, so which input tips a node (its cause, its chain)
  // never depends on the numbering.
  const dependentOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) dependentOffset[inputs[e]! + 1]!++;
  for (let v = 0; v < size; v++) dependentOffset[v + 1]! += dependentOffset[v]!;
  const dependentEdges = new Int32Array(E);
  const fill = dependentOffset.slice(0, size);
  for (let old = 0; old < E; old++) {
    const e = slot[created.tuple[old]!]!;
    dependentEdges[fill[inputs[e]!]!++] = e;
  }
  // Node v of the compiled graph is node modelRank[v] as created.
  const modelRank = new Int32Array(size);
  for (let v = 0; v < size; v++) modelRank[pos === null ? v : pos[v]!] = v;
  const byRank = modelRank;
  const numbered = <A extends Int32Array | Uint8Array>(values: A): A => {
    if (pos === null) return values;
    const into = values.slice() as A;
    for (let v = C; v < size; v++) into[v] = values[byRank[v]!]!;
    return into;
  };
  let newNames = names;
  if (pos !== null) {
    newNames = names.slice(0, C);
    for (let v = C; v < size; v++) newNames.push(names[byRank[v]!]!);
  }

  return {
    model,
    view,
    order,
    size,
    components: C,
    names: newNames,
    index,
    componentAt: comps,
    type: numbered(type),
    owner: numbered(owner),
    detail: numbered(detail),
    downThreshold: numbered(downThr),
    notUpThreshold: numbered(notUpThr),
    modelRank,
    inputOffset,
    inputs,
    inputWeight,
    inputHard,
    inputEntry,
    dependentOffset,
    dependentEdges,
    edgeFrom,
    replicaOffset,
    replicaNodes: pos === null ? Int32Array.from(replicaList) : renumbered(Int32Array.from(replicaList)),
  };
}

/** A model's components, their index and every id it refers to, resolved once for all its views. */
interface Resolved {
  readonly comps: readonly Component[];
  readonly index: ReadonlyMap<ComponentId, number>;
  /** Per component in model order: its placements' domains, then each dependsOn entry's target or members. */
  readonly targets: Int32Array;
}

const resolvedModels = new WeakMap<Model, Resolved>();

/**
 * Records a model's resolved ids, found while the loader checked every reference
 * (load/resolve.ts), so compiling does not look each one up again. `targets` must be
 * in `resolved`'s order; the model's components must not change afterwards.
 */
export function rememberResolved(model: Model, index: ReadonlyMap<ComponentId, number>, targets: Int32Array): void {
  resolvedModels.set(model, { comps: [...model.components.values()], index, targets });
}

/**
 * Resolves a model's ids once: compiling the runtime and the startup views (lint, recovery) would
 * otherwise look up every reference twice, and at 100,000 components those lookups cost more
 * than the rest of compiling.
 */
function resolved(model: Model): Resolved {
  const known = resolvedModels.get(model);
  if (known) return known;
  const comps = [...model.components.values()];
  const index = new Map<ComponentId, number>();
  for (let i = 0; i < comps.length; i++) index.set(comps[i]!.id, i);
  let n = 0;
  for (const c of comps) {
    n += c.placements.length;
    for (const d of c.dependsOn) n += d.type === 'edge' ? 1 : d.anyOf.length;
  }
  const targets = new Int32Array(n);
  let at = 0;
  for (const c of comps) {
    for (const p of c.placements) targets[at++] = index.get(p.domain)!;
    for (const d of c.dependsOn) {
      if (d.type === 'edge') targets[at++] = index.get(d.target)!;
      else for (const m of d.anyOf) targets[at++] = index.get(m)!;
    }
  }
  const r = { comps, index, targets };
  resolvedModels.set(model, r);
  return r;
}

/**
 * Inputs in CSR from flat (from, to) tuples, each node's inputs in tuple order (placed by
 * counting, no sort): `slot[t]` is tuple t's edge index, `tuple[e]` edge e's tuple.
 */
function csr(size: number, from: ArrayLike<number>, to: ArrayLike<number>) {
  const E = from.length;
  const inputOffset = new Int32Array(size + 1);
  for (let t = 0; t < E; t++) inputOffset[from[t]! + 1]!++;
  for (let v = 0; v < size; v++) inputOffset[v + 1]! += inputOffset[v]!;
  const inputs = new Int32Array(E);
  const edgeFrom = new Int32Array(E);
  const slot = new Int32Array(E);
  const tuple = new Int32Array(E);
  const fill = inputOffset.slice(0, size);
  for (let t = 0; t < E; t++) {
    const e = fill[from[t]!]!++;
    inputs[e] = to[t]!;
    edgeFrom[e] = from[t]!;
    slot[t] = e;
    tuple[e] = t;
  }
  return { inputOffset, inputs, edgeFrom, slot, tuple };
}

/**
 * The locality order (docs/algorithms.md#node-numbering): components keep 0 … C − 1 (model
 * order, the contract every analysis relies on); replicas and gates are numbered from C in the
 * order a breadth-first search reaches them, from the nodes without inputs along dependents (then
 * from any node left, in creation order: cycles without a source). A failure's blast then touches
 * runs of neighbouring entries instead of entries scattered over arrays of a few megabytes, which
 * is what made large graphs slower than linear. Returns the new number of each created node.
 */
function localityOrder(C: number, size: number, g: { inputOffset: Int32Array; inputs: Int32Array; edgeFrom: Int32Array }): Int32Array {
  const { inputOffset, inputs, edgeFrom } = g;
  const E = inputs.length;
  // Dependents by creation order of the edge (the same order the compiled graph keeps).
  const depOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) depOffset[inputs[e]! + 1]!++;
  for (let v = 0; v < size; v++) depOffset[v + 1]! += depOffset[v]!;
  const dependents = new Int32Array(E);
  const fill = depOffset.slice(0, size);
  for (let e = 0; e < E; e++) dependents[fill[inputs[e]!]!++] = edgeFrom[e]!;

  const pos = new Int32Array(size).fill(-1);
  for (let c = 0; c < C; c++) pos[c] = c;
  const seen = new Uint8Array(size);
  const queue = new Int32Array(size);
  let next = C;
  let tail = 0;
  let head = 0;
  const reach = (v: number): void => {
    seen[v] = 1;
    queue[tail++] = v;
    if (v >= C) pos[v] = next++;
  };
  const search = (): void => {
    while (head < tail) {
      const u = queue[head++]!;
      for (let i = depOffset[u]!; i < depOffset[u + 1]!; i++) if (!seen[dependents[i]!]) reach(dependents[i]!);
    }
  };
  for (let v = 0; v < size; v++) if (!seen[v] && inputOffset[v] === inputOffset[v + 1]) reach(v);
  search();
  for (let v = 0; v < size; v++) {
    if (seen[v]) continue;
    reach(v);
    search();
  }
  return pos;
}
/** The arrays of a runtime graph that nothing else follows from: what a snapshot keeps (snapshot/codec.ts). */
export type StoredGraph = Pick<
  CompiledGraph,
  | 'size'
  | 'components'
  | 'order'
  | 'type'
  | 'owner'
  | 'detail'
  | 'downThreshold'
  | 'notUpThreshold'
  | 'modelRank'
  | 'inputOffset'
  | 'inputs'
  | 'inputWeight'
  | 'inputHard'
  | 'inputEntry'
  | 'dependentEdges'
  | 'replicaOffset'
  | 'replicaNodes'
>;

/**
 * The runtime graph of `model` from its stored arrays, with the rest rebuilt
 * (names, index, each edge's owner, the dependents' offsets); undefined when
 * the arrays do not fit together or do not fit the model (every index is
 * checked, so a bad snapshot cannot send an analysis out of bounds). The
 * dependents are stored, not rebuilt: their order is the edges' creation
 * order, which the numbering does not give back.
 */
export function compiledFrom(model: Model, s: StoredGraph): CompiledGraph | undefined {
  const { comps, index } = resolved(model);
  const C = comps.length;
  const { size, type, owner, detail, modelRank, inputOffset, inputs, inputWeight, inputHard, inputEntry, dependentEdges, replicaOffset, replicaNodes } = s;
  const E = inputs.length;
  if (s.order !== 'model' && s.order !== 'locality') return undefined;
  if (s.components !== C || size < C || type.length !== size || owner.length !== size || detail.length !== size || modelRank.length !== size) return undefined;
  if (s.downThreshold.length !== size || s.notUpThreshold.length !== size || inputOffset.length !== size + 1) return undefined;
  if (inputWeight.length !== E || inputHard.length !== E || inputEntry.length !== E || dependentEdges.length !== E || replicaOffset.length !== C + 1) return undefined;
  if (inputOffset[0] !== 0 || inputOffset[size] !== E || replicaOffset[0] !== 0 || replicaOffset[C] !== replicaNodes.length) return undefined;
  for (let v = 0; v < size; v++) if (inputOffset[v + 1]! < inputOffset[v]!) return undefined;
  for (let c = 0; c < C; c++) if (replicaOffset[c + 1]! < replicaOffset[c]!) return undefined;
  for (let e = 0; e < E; e++) if (inputs[e]! < 0 || inputs[e]! >= size || inputHard[e]! > 1) return undefined;
  for (const r of replicaNodes) if (r < C || r >= size || type[r] !== REPLICA) return undefined;
  const ranked = new Uint8Array(size);
  for (let v = 0; v < size; v++) {
    const m = modelRank[v]!;
    if (m < 0 || m >= size || ranked[m] || (v < C && m !== v)) return undefined;
    ranked[m] = 1;
  }
  const names: string[] = new Array(size);
  for (let v = 0; v < size; v++) {
    const t = type[v]!;
    const o = owner[v]!;
    const d = detail[v]!;
    if (v < C) {
      if (t !== COMPONENT || o !== v) return undefined;
      names[v] = comps[v]!.id;
      continue;
    }
    if (o < 0 || o >= C) return undefined;
    const id = comps[o]!.id;
    if (t === REPLICA && d >= 0 && d < C) names[v] = `${id}@${comps[d]!.id}`;
    else if (t === PLACEMENTS) names[v] = `${id}#in`;
    else if (t === GROUP && d >= 0 && d < comps[o]!.dependsOn.length) names[v] = `${id}#anyOf${d}`;
    else return undefined;
  }
  const edgeFrom = new Int32Array(E);
  for (let v = 0; v < size; v++) edgeFrom.fill(v, inputOffset[v]!, inputOffset[v + 1]!);
  // Each edge once among the dependents, in its target's bucket.
  const dependentOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) dependentOffset[inputs[e]! + 1]!++;
  for (let v = 0; v < size; v++) dependentOffset[v + 1]! += dependentOffset[v]!;
  const listed = new Uint8Array(E);
  for (let v = 0; v < size; v++) {
    for (let i = dependentOffset[v]!; i < dependentOffset[v + 1]!; i++) {
      const e = dependentEdges[i]!;
      if (e < 0 || e >= E || listed[e] || inputs[e] !== v) return undefined;
      listed[e] = 1;
    }
  }
  return { model, view: 'runtime', names, index, componentAt: comps, ...s, dependentOffset, edgeFrom };
}

const startupGraphs = new WeakMap<Model, CompiledGraph>();

/**
 * The graph of the same model in the startup view (compiled once per model,
 * numbered as `graph` is). When no dependency names a `phase`, both views
 * follow the same edges, so the runtime graph's arrays serve as they are (a
 * runtime graph read from the CLI's cache then spares recovery and lint a
 * compile too).
 */
export function startupGraph(graph: CompiledGraph): CompiledGraph {
  if (graph.view === 'startup') return graph;
  let g = startupGraphs.get(graph.model);
  if (!g || g.order !== graph.order) {
    g = hasPhases(graph.model) ? compile(graph.model, 'startup', graph.order) : { ...graph, view: 'startup' };
    startupGraphs.set(graph.model, g);
  }
  return g;
}

/** True when some dependency is needed only at start-up or only while running. */
function hasPhases(model: Model): boolean {
  for (const c of model.components.values()) for (const d of c.dependsOn) if (d.phase !== undefined) return true;
  return false;
}
