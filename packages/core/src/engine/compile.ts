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
  /** Nodes of every type; components are 0 … components − 1, in model order. */
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

/** Compiles a model for one view (runtime by default); O(V + E). */
export function compile(model: Model, view: View = 'runtime'): CompiledGraph {
  if (view === 'runtime') {
    const k = known.get(model);
    if (k) return k;
  }
  const comps = [...model.components.values()];
  const C = comps.length;
  const index = new Map<ComponentId, number>();
  comps.forEach((c, i) => index.set(c.id, i));

  const names: string[] = comps.map((c) => c.id);
  const type: number[] = new Array<number>(C).fill(COMPONENT);
  const owner: number[] = comps.map((_, i) => i);
  const detail: number[] = new Array<number>(C).fill(-1);
  const downThr: number[] = new Array<number>(C).fill(1);
  const notUpThr: number[] = new Array<number>(C).fill(1);
  // Inputs are gathered per node as flat (node, source, weight, hard, entry) tuples, then sorted into CSR.
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eW: number[] = [];
  const eHard: number[] = [];
  const eEntry: number[] = [];
  const addNode = (name: string, t: NodeType, o: number, d: number, down: number, notUp: number): number => {
    names.push(name);
    type.push(t);
    owner.push(o);
    detail.push(d);
    downThr.push(down);
    notUpThr.push(notUp);
    return names.length - 1;
  };
  const addInput = (from: number, to: number, w: number, hard: boolean, entry: number): void => {
    eFrom.push(from);
    eTo.push(to);
    eW.push(w);
    eHard.push(hard ? 1 : 0);
    eEntry.push(entry);
  };

  const replicaOffset = new Int32Array(C + 1);
  const replicaList: number[] = [];
  comps.forEach((c, ci) => {
    replicaOffset[ci] = replicaList.length;
    if (c.placements.length > 0) {
      let total = 0;
      for (const p of c.placements) total += p.replicas;
      const k = Math.min(c.minHealthy, total);
      const gate = addNode(`${c.id}#in`, PLACEMENTS, ci, -1, total - k + 1, total - k + 1);
      for (const p of c.placements) {
        const domain = index.get(p.domain)!;
        const replica = addNode(`${c.id}@${p.domain}`, REPLICA, ci, domain, 1, 1);
        replicaList.push(replica);
        addInput(replica, domain, 1, true, -1);
        addInput(gate, replica, p.replicas, true, -1);
      }
      addInput(ci, gate, 1, true, -1);
    }
    c.dependsOn.forEach((d, di) => {
      if (!propagates(d, view)) return;
      const hard = d.mode === 'hard';
      if (d.type === 'edge') {
        addInput(ci, index.get(d.target)!, 1, hard, di);
        return;
      }
      const t = d.anyOf.length - Math.min(d.need, d.anyOf.length) + 1;
      const gate = addNode(`${c.id}#anyOf${di}`, GROUP, ci, di, t, t);
      for (const m of d.anyOf) addInput(gate, index.get(m)!, 1, true, -1);
      addInput(ci, gate, 1, hard, di);
    });
  });
  replicaOffset[C] = replicaList.length;

  const size = names.length;
  const E = eFrom.length;
  const inputOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) inputOffset[eFrom[e]! + 1]!++;
  for (let v = 0; v < size; v++) inputOffset[v + 1]! += inputOffset[v]!;
  const inputs = new Int32Array(E);
  const inputWeight = new Int32Array(E);
  const inputHard = new Uint8Array(E);
  const inputEntry = new Int32Array(E);
  const edgeFrom = new Int32Array(E);
  const fill = inputOffset.slice(0, size);
  for (let e = 0; e < E; e++) {
    const at = fill[eFrom[e]!]!++;
    inputs[at] = eTo[e]!;
    inputWeight[at] = eW[e]!;
    inputHard[at] = eHard[e]!;
    inputEntry[at] = eEntry[e]!;
    edgeFrom[at] = eFrom[e]!;
  }
  const { dependentOffset, dependentEdges } = dependents(inputs, size);

  return {
    model,
    view,
    size,
    components: C,
    names,
    index,
    componentAt: comps,
    type: Uint8Array.from(type),
    owner: Int32Array.from(owner),
    detail: Int32Array.from(detail),
    downThreshold: Int32Array.from(downThr),
    notUpThreshold: Int32Array.from(notUpThr),
    inputOffset,
    inputs,
    inputWeight,
    inputHard,
    inputEntry,
    dependentOffset,
    dependentEdges,
    edgeFrom,
    replicaOffset,
    replicaNodes: Int32Array.from(replicaList),
  };
}

/** Node v's dependents as indices into the input arrays (a counting sort of the inputs by target). */
function dependents(inputs: Int32Array, size: number): { dependentOffset: Int32Array; dependentEdges: Int32Array } {
  const E = inputs.length;
  const dependentOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) dependentOffset[inputs[e]! + 1]!++;
  for (let v = 0; v < size; v++) dependentOffset[v + 1]! += dependentOffset[v]!;
  const dependentEdges = new Int32Array(E);
  const fill = dependentOffset.slice(0, size);
  for (let e = 0; e < E; e++) dependentEdges[fill[inputs[e]!]!++] = e;
  return { dependentOffset, dependentEdges };
}

/** The arrays of a runtime graph that nothing else follows from: what a snapshot keeps (snapshot/codec.ts). */
export type StoredGraph = Pick<
  CompiledGraph,
  | 'size'
  | 'components'
  | 'type'
  | 'owner'
  | 'detail'
  | 'downThreshold'
  | 'notUpThreshold'
  | 'inputOffset'
  | 'inputs'
  | 'inputWeight'
  | 'inputHard'
  | 'inputEntry'
  | 'replicaOffset'
  | 'replicaNodes'
>;

/**
 * The runtime graph of `model` from its stored arrays, with the rest rebuilt
 * (names, index, each edge's owner, the dependents); undefined when the
 * arrays do not fit together or do not fit the model (every index is
 * checked, so a bad snapshot cannot send an analysis out of bounds).
 */
export function compiledFrom(model: Model, s: StoredGraph): CompiledGraph | undefined {
  const comps = [...model.components.values()];
  const C = comps.length;
  const { size, type, owner, detail, inputOffset, inputs, inputWeight, inputHard, inputEntry, replicaOffset, replicaNodes } = s;
  const E = inputs.length;
  if (s.components !== C || size < C || type.length !== size || owner.length !== size || detail.length !== size) return undefined;
  if (s.downThreshold.length !== size || s.notUpThreshold.length !== size || inputOffset.length !== size + 1) return undefined;
  if (inputWeight.length !== E || inputHard.length !== E || inputEntry.length !== E || replicaOffset.length !== C + 1) return undefined;
  if (inputOffset[0] !== 0 || inputOffset[size] !== E || replicaOffset[0] !== 0 || replicaOffset[C] !== replicaNodes.length) return undefined;
  for (let v = 0; v < size; v++) if (inputOffset[v + 1]! < inputOffset[v]!) return undefined;
  for (let c = 0; c < C; c++) if (replicaOffset[c + 1]! < replicaOffset[c]!) return undefined;
  for (let e = 0; e < E; e++) if (inputs[e]! < 0 || inputs[e]! >= size || inputHard[e]! > 1) return undefined;
  for (const r of replicaNodes) if (r < C || r >= size || type[r] !== REPLICA) return undefined;
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
  const index = new Map<ComponentId, number>();
  comps.forEach((c, i) => index.set(c.id, i));
  const edgeFrom = new Int32Array(E);
  for (let v = 0; v < size; v++) edgeFrom.fill(v, inputOffset[v]!, inputOffset[v + 1]!);
  return { model, view: 'runtime', names, index, componentAt: comps, ...s, ...dependents(inputs, size), edgeFrom };
}

const startupGraphs = new WeakMap<Model, CompiledGraph>();

/**
 * The graph of the same model in the startup view (compiled once per model).
 * When no dependency names a `phase`, both views follow the same edges, so
 * the runtime graph's arrays serve as they are (a runtime graph read from
 * the CLI's cache then spares recovery and lint a compile too).
 */
export function startupGraph(graph: CompiledGraph): CompiledGraph {
  if (graph.view === 'startup') return graph;
  let g = startupGraphs.get(graph.model);
  if (!g) startupGraphs.set(graph.model, (g = hasPhases(graph.model) ? compile(graph.model, 'startup') : { ...graph, view: 'startup' }));
  return g;
}

/** True when some dependency is needed only at start-up or only while running. */
function hasPhases(model: Model): boolean {
  for (const c of model.components.values()) for (const d of c.dependsOn) if (d.phase !== undefined) return true;
  return false;
}
