/**
 * Fault trees: a target's cone as a small compiled graph
 * ======================================================
 *
 * `cutSets` works on the target's cone only — everything the target depends
 * on through hard inputs (docs/algorithms.md#the-fault-tree: "restrict to the target's cone
 * first"). Soft inputs never take anything down, so they are left out, and
 * so is everything only they reach. The result is an ordinary
 * `CompiledGraph` (components first, hard inputs only), so the cut1 DP, its
 * sweep plan and propagation run on it unchanged.
 *
 * A tree can be **conditioned** on failures already present: the nodes they
 * take down are removed and each dependent's threshold drops by the weight
 * of its removed inputs (a dependent that drops to zero was down already, as
 * the removed set is a fixpoint). The killers of the conditioned tree are
 * then exactly the failures that, *added* to the present ones, take a node
 * down — which is how order-k cut sets reduce to order k − 1 (`cutsets.ts`).
 */
import { COMPONENT, GROUP, REPLICA, type CompiledGraph } from '../engine/compile.js';
import type { Component, ComponentId } from '../model.js';

/** A target's cone, possibly conditioned on failures already present. */
export interface FaultTree {
  readonly graph: CompiledGraph;
  /** The target's node in `graph`. */
  readonly target: number;
  /** Node of `graph` → node of the original compiled graph. */
  readonly original: Int32Array;
  /** The failure nodes (in `graph`) of the failure space that are in the tree. */
  readonly failures: Int32Array;
  /** Per failure node of `graph`: its index in the original failure space, else −1. */
  readonly failureOf: Int32Array;
}

/**
 * The cone of `target` in `base` over hard inputs, with the nodes marked in
 * `forced` (a set closed under taking its dependents down) removed.
 * `failureOf` gives each base node's failure-space index (−1 for none).
 * Returns undefined when the target itself is forced down.
 */
export function faultTree(base: CompiledGraph, target: number, failureOf: Int32Array, original?: Int32Array, forced?: Uint8Array): FaultTree | undefined {
  if (forced?.[target]) return undefined;
  // Work in proportion to the cone, not the graph: `availability` builds a tree per component of a 100k graph.
  const toSub = scratchOf(base);
  const visited = [target];
  toSub[target] = VISITED;
  try {
    for (let k = 0; k < visited.length; k++) {
      const v = visited[k]!;
      for (let e = base.inputOffset[v]!; e < base.inputOffset[v + 1]!; e++) {
        const u = base.inputs[e]!;
        if (!base.inputHard[e] || toSub[u] !== UNSEEN || forced?.[u]) continue;
        toSub[u] = VISITED;
        visited.push(u);
      }
    }
    return build(base, target, failureOf, original, forced, toSub, visited);
  } finally {
    for (const v of visited) toSub[v] = UNSEEN;
  }
}

const UNSEEN = -1;
const VISITED = -2;

/** Per graph, node → its node in the tree being built (UNSEEN between builds): one buffer per graph, not one per tree. */
const scratch = new WeakMap<CompiledGraph, Int32Array>();

function scratchOf(base: CompiledGraph): Int32Array {
  let buffer = scratch.get(base);
  if (!buffer) scratch.set(base, (buffer = new Int32Array(base.size).fill(UNSEEN)));
  return buffer;
}

function build(
  base: CompiledGraph,
  target: number,
  failureOf: Int32Array,
  original: Int32Array | undefined,
  forced: Uint8Array | undefined,
  toSub: Int32Array,
  visited: number[],
): FaultTree {
  // Components first (the CompiledGraph contract), in base order.
  let components = 0;
  for (const v of visited) if (base.type[v] === COMPONENT) components++;
  const size = visited.length;
  const kept = new Int32Array(size);
  // Replicas and gates in creation order (modelRank, then base order), so the subgraph, and the chains found in it, never depend on how the base graph numbered them.
  // Sorted as numbers (modelRank × size + node, exact in a double), not through a comparator.
  const keys = new Float64Array(size - components);
  let c = 0;
  let k = 0;
  for (const v of visited) {
    if (base.type[v] === COMPONENT) kept[c++] = v;
    else keys[k++] = base.modelRank[v]! * base.size + v;
  }
  kept.subarray(0, components).sort();
  keys.sort();
  if (keys.length > 0 && Number.isSafeInteger(keys[keys.length - 1]!)) {
    for (let i = 0; i < keys.length; i++) kept[components + i] = keys[i]! % base.size;
  } else {
    // Beyond 2^53 (a graph of ~95 million nodes): through a comparator.
    const rest = kept.subarray(components);
    let r = 0;
    for (const v of visited) if (base.type[v] !== COMPONENT) rest[r++] = v;
    rest.sort((a, b) => base.modelRank[a]! - base.modelRank[b]! || a - b);
  }
  for (let i = 0; i < size; i++) toSub[kept[i]!] = i;

  const downThreshold = new Int32Array(size);
  const inputOffset = new Int32Array(size + 1);
  const inputs: number[] = [];
  const weights: number[] = [];
  const entries: number[] = [];
  for (let i = 0; i < size; i++) {
    const v = kept[i]!;
    let thr = base.downThreshold[v]!;
    for (let e = base.inputOffset[v]!; e < base.inputOffset[v + 1]!; e++) {
      if (!base.inputHard[e]) continue;
      const u = base.inputs[e]!;
      if (forced?.[u]) {
        thr -= base.inputWeight[e]!;
        continue;
      }
      inputs.push(toSub[u]!);
      weights.push(base.inputWeight[e]!);
      entries.push(base.inputEntry[e]!);
    }
    if (thr < 1) throw new Error(`faultline/cutsets: ${base.names[v]} should be down under the present failures`);
    downThreshold[i] = thr;
    inputOffset[i + 1] = inputs.length;
  }
  const E = inputs.length;
  const edgeFrom = new Int32Array(E);
  for (let i = 0; i < size; i++) edgeFrom.fill(i, inputOffset[i]!, inputOffset[i + 1]!);
  const inputArray = Int32Array.from(inputs);
  const dependentOffset = new Int32Array(size + 1);
  for (let e = 0; e < E; e++) dependentOffset[inputArray[e]! + 1]!++;
  for (let v = 0; v < size; v++) dependentOffset[v + 1]! += dependentOffset[v]!;
  const dependentEdges = new Int32Array(E);
  const fill = dependentOffset.slice(0, size);
  for (let e = 0; e < E; e++) dependentEdges[fill[inputArray[e]!]!++] = e;

  const mapped = (v: number): number => (v < 0 ? -1 : toSub[v]!);
  const replicaOffset = new Int32Array(components + 1);
  const replicaNodes: number[] = [];
  for (let i = 0; i < components; i++) {
    replicaOffset[i] = replicaNodes.length;
    const c = kept[i]!;
    if (c < base.components) {
      for (let r = base.replicaOffset[c]!; r < base.replicaOffset[c + 1]!; r++) {
        const sub = toSub[base.replicaNodes[r]!]!;
        if (sub >= 0) replicaNodes.push(sub);
      }
    }
  }
  replicaOffset[components] = replicaNodes.length;

  const names = new Array<string>(size);
  const componentAt = new Array<Component>(components);
  const type = new Uint8Array(size);
  const owner = new Int32Array(size);
  const detail = new Int32Array(size);
  const modelRank = new Int32Array(size);
  const subFailureOf = new Int32Array(size);
  const originalOf = new Int32Array(size);
  const failures: number[] = [];
  for (let i = 0; i < size; i++) {
    const v = kept[i]!;
    names[i] = base.names[v]!;
    if (i < components) componentAt[i] = base.componentAt[base.owner[v]!]!;
    const t = base.type[v]!;
    type[i] = t;
    owner[i] = mapped(base.owner[v]!);
    detail[i] = t === REPLICA ? mapped(base.detail[v]!) : t === GROUP ? base.detail[v]! : -1;
    modelRank[i] = base.modelRank[v]!;
    subFailureOf[i] = failureOf[v]!;
    originalOf[i] = original ? original[v]! : v;
    if (subFailureOf[i]! >= 0) failures.push(i);
  }
  const index = new Map<ComponentId, number>();
  for (let i = 0; i < components; i++) index.set(names[i]!, i);
  const graph: CompiledGraph = {
    model: base.model,
    view: base.view,
    order: base.order,
    size,
    components,
    names,
    index,
    componentAt,
    type,
    owner,
    detail,
    downThreshold,
    notUpThreshold: downThreshold,
    modelRank,
    inputOffset,
    inputs: inputArray,
    inputWeight: Int32Array.from(weights),
    inputHard: new Uint8Array(E).fill(1),
    inputEntry: Int32Array.from(entries),
    dependentOffset,
    dependentEdges,
    edgeFrom,
    replicaOffset,
    replicaNodes: Int32Array.from(replicaNodes),
  };
  return {
    graph,
    target: toSub[target]!,
    original: originalOf,
    failures: Int32Array.from(failures),
    failureOf: subFailureOf,
  };
}

/** Conditions a tree on the nodes `down` (a fixpoint of its propagation) being down. */
export function conditionTree(tree: FaultTree, down: Uint8Array): FaultTree | undefined {
  return faultTree(tree.graph, tree.target, tree.failureOf, tree.original, down);
}
