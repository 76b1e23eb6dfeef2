/**
 * Unavailability from the structure: enumeration, a BDD over the cut sets, bounds
 * ==============================================================================
 *
 * One component's unavailability U = P(down) under independent basic events
 * (`availability-events.ts`), by the cheapest method that answers it:
 *
 * 1. **Enumeration** when its hard cone holds few basic events (≤ 16 by
 *    default): every one of the 2^n states is run through the bit-parallel
 *    kernel, 32 states per word, and the probabilities of the down states
 *    summed. Exact, whatever the gates and cycles; the minimal down states
 *    are its minimal cut sets, and Birnbaum importance comes from pairing
 *    each state with its neighbour across one event.
 * 2. **A BDD over the minimal cut sets** otherwise (`bdd.ts`): the cut sets
 *    come from the search `cutSets` runs (`cutSetMembers`: the same sets and step budget, each set charged only for
 *    keeping it, as it is never explained or printed), the
 *    component's own failure added; the top event is their union, whose
 *    probability and every event's Birnbaum importance one diagram gives
 *    exactly. When the list is complete only through order k, what it may
 *    miss is bounded (`availability-bounds.ts`) and the answer is the interval
 *    [P(union of listed sets), that + missing].
 * 3. **Bounds** (rare-event sum, Esary–Proschan, Bonferroni) from the same
 *    list when asked for, or when the diagram would pass its node cap;
 *    importance then from the rare-event approximation.
 *
 * The cut-set order starts at 2 and rises (up to a cap, within the budget)
 * while the truncation bound is wider than the tolerance asked for.
 *
 * [Reference]: docs/algorithms.md#availability.
 */
import { REPLICA, type CompiledGraph } from '../engine/compile.js';
import { allBasicEvents, type BasicEvents } from './availability-events.js';
import { Kernel } from './availability-kernel.js';
import { evaluationPlan } from './availability-plan.js';
import { atLeast, setProbability, unionBounds, type UnionBounds } from './availability-bounds.js';
import { Bdd, BddFull } from './bdd.js';
import { cutSetFailures, cutSetMembers } from './cutsets.js';
import { failureSpace } from './failure-space.js';

/** How an analytic answer was reached. */
export type AnalyticMethod = 'enumeration' | 'bdd' | 'bounds';

/** Settings of one analytic evaluation. */
export interface AnalyticSettings {
  /** 'exact' (enumeration or BDD, bounds only when the diagram is too large) or 'bounds'. */
  readonly method: 'exact' | 'bounds';
  /** Enumerate every state when the cone holds at most this many basic events. */
  readonly enumerationLimit: number;
  /** Cut-set order to start from, and the highest to raise it to. */
  readonly fromOrder: number;
  readonly toOrder: number;
  /** Raise the order while (high − low) > tolerance × low. */
  readonly tolerance: number;
  /** Cut-set search steps, in all, for this component. */
  readonly budget: number;
  /** Node cap of the diagram. */
  readonly bddNodes: number;
}

/** What the cut-set search gave. */
export interface CutSetSummary {
  /** Minimal cut sets with a chance of occurring, the component's own failure included. */
  readonly found: number;
  /** Found per order (`counts[k − 1]` for order k). */
  readonly counts: readonly number[];
  /** The order searched, and the highest order whose sets are all listed. */
  readonly maxOrder: number;
  readonly completeThrough: number;
  /** True when the step budget cut the search short. */
  readonly truncated: boolean;
  /** Search steps spent, over every order tried. */
  readonly steps: number;
}

/** One component's analytic answer. */
export interface Analytic {
  readonly method: AnalyticMethod;
  /** The answer, and a rigorous interval around it (low = high when exact). */
  readonly unavailability: number;
  readonly low: number;
  readonly high: number;
  /** Probability that the listed cut sets may miss (0 when the list is complete). */
  readonly missing: number;
  /** Basic events of the cone: engine nodes and probabilities. */
  readonly events: { readonly nodes: Int32Array; readonly q: Float64Array };
  /** ∂U/∂q per event (exact for enumeration and BDD; rare-event approximation for bounds). */
  readonly birnbaum: Float64Array;
  /** Minimal cut sets as event indices (ascending), with their probabilities. */
  readonly sets: readonly (readonly number[])[];
  readonly probability: readonly number[];
  /** The cut-set list's bounds (undefined for enumeration, which needs none). */
  readonly bounds?: UnionBounds;
  /** The cut-set search (undefined for enumeration). */
  readonly cutSets?: CutSetSummary;
  /** States enumerated, or nodes of the diagram. */
  readonly states?: number;
  readonly bddNodes?: number;
}

/** The unavailability of engine node `t` (a component) by enumeration, BDD or bounds. */
export function analyticUnavailability(graph: CompiledGraph, t: number, settings: AnalyticSettings): Analytic {
  const events = coneEvents(graph, t);
  if (settings.method === 'exact' && events.nodes.length <= settings.enumerationLimit) return enumerate(graph, t, events);
  const E = events.nodes.length;
  // Cut-set members are failure-space indices; each is the cone event of the same failure, or none (it never fails).
  // When two failures share a name (never in a compiled model, whose names are unique), by name, as `cutSetMembers` gives them.
  const byName = !uniqueFailureNames(graph);
  const local = byName ? undefined : localIndexOf(graph, events);
  const index = byName ? new Map<string, number>() : undefined;
  if (index) events.nodes.forEach((v, e) => index.set(graph.names[v]!, e));
  const space = byName ? undefined : failureSpace(graph);
  const own = index ? index.get(graph.names[t]!) : ownEvent(local!, space!.indexOf[t]!);
  let order = settings.fromOrder;
  let spent = 0;
  try {
    for (;;) {
      const r = index ? cutSetMembers(graph, t, order, Math.max(1, settings.budget - spent)) : cutSetFailures(graph, t, order, Math.max(1, settings.budget - spent));
      spent += r.steps;
      const sets: number[][] = own === undefined ? [] : [[own]];
      for (const s of r.sets as readonly (readonly (string | number)[])[]) {
        const members = new Array<number>(s.length);
        let possible = true;
        for (let i = 0; i < s.length && possible; i++) {
          const m = index ? index.get(s[i] as string) : local![s[i] as number]!;
          // A member that never fails (availability 1) makes the set impossible.
          if (m === undefined || m < 0) possible = false;
          else members[i] = m;
        }
        if (possible) sets.push(members.length > 1 ? members.sort((a, b) => a - b) : members);
      }
      const probability = sets.map((s) => setProbability(s, events.q));
      const single = new Uint8Array(E);
      for (const s of sets) if (s.length === 1) single[s[0]!] = 1;
      const others = new Float64Array(E);
      let n = 0;
      for (let e = 0; e < E; e++) if (!single[e]) others[n++] = events.q[e]!;
      const missing = atLeast(r.completeThrough + 1, others.subarray(0, n));
      const counts = new Array<number>(order).fill(0);
      for (const s of sets) counts[s.length - 1]!++;
      const summary: CutSetSummary = { found: sets.length, counts, maxOrder: order, completeThrough: r.completeThrough, truncated: r.truncated, steps: spent };
      const answer = evaluate(events, sets, probability, missing, summary, settings);
      const wide = answer.high - answer.low > settings.tolerance * answer.low;
      if (!wide || missing === 0 || r.truncated || order >= settings.toOrder || spent >= settings.budget) return answer;
      order++;
    }
  } finally {
    if (local) for (let e = 0; e < E; e++) local[events.failures[e]!] = -1;
  }
}

/** The cone event of the component's own failure (`f`, a failure-space index, or −1), if it has a chance of failing. */
function ownEvent(local: Int32Array, f: number): number | undefined {
  const e = f >= 0 ? local[f]! : -1;
  return e >= 0 ? e : undefined;
}

/**
 * Per graph: whether the failures' names are distinct. A component's is its id, unique; a placement's is
 * `id@domain`, and ids hold no "@" (the manifest's id pattern), so two names meet only where a component is
 * placed twice in one domain, or an id holds an "@" (a model built by hand): checked here, without hashing
 * every name.
 */
const distinctNames = new WeakMap<CompiledGraph, boolean>();

function uniqueFailureNames(graph: CompiledGraph): boolean {
  let unique = distinctNames.get(graph);
  if (unique === undefined) {
    unique = true;
    for (const id of graph.model.components.keys()) if (id.includes('@')) unique = false;
    const { nodes } = failureSpace(graph);
    for (let k = 0; k < nodes.length && unique; k++) {
      const v = nodes[k]!;
      if (graph.type[v] !== REPLICA) continue;
      // Another placement of the same component in the same domain.
      const c = graph.owner[v]!;
      for (let r = graph.replicaOffset[c]!; r < graph.replicaOffset[c + 1]!; r++) {
        const w = graph.replicaNodes[r]!;
        if (w !== v && graph.detail[w] === graph.detail[v]) unique = false;
      }
    }
    distinctNames.set(graph, unique);
  }
  return unique;
}

/** Per graph: failure-space index → the cone event of the cone being answered (−1 elsewhere; cleared after each cone). */
const localIndexes = new WeakMap<CompiledGraph, Int32Array>();

function localIndexOf(graph: CompiledGraph, events: ConeEvents): Int32Array {
  let local = localIndexes.get(graph);
  if (!local) localIndexes.set(graph, (local = new Int32Array(failureSpace(graph).size).fill(-1)));
  for (let e = 0; e < events.failures.length; e++) local[events.failures[e]!] = e;
  return local;
}

function evaluate(events: ConeEvents, sets: number[][], probability: number[], missing: number, cutSets: CutSetSummary, settings: AnalyticSettings): Analytic {
  const bounds = unionBounds(sets, probability, events.q);
  const base = { events, sets, probability, missing, bounds, cutSets };
  if (settings.method === 'exact') {
    try {
      const { p, birnbaum, nodes } = unionProbability(sets, events.q, events.rank, settings.bddNodes);
      return { ...base, method: 'bdd', unavailability: p, low: p, high: Math.min(1, p + missing), birnbaum, bddNodes: nodes };
    } catch (error) {
      if (!(error instanceof BddFull)) throw error;
    }
  }
  // Rare-event importance: ∂S1/∂q_e = Σ over the sets holding e of the others' product.
  const birnbaum = new Float64Array(events.nodes.length);
  sets.forEach((s) => {
    for (const e of s)
      birnbaum[e]! += setProbability(
        s.filter((x) => x !== e),
        events.q,
      );
  });
  const high = Math.min(1, bounds.upper + missing);
  return { ...base, method: 'bounds', unavailability: high, low: bounds.lower, high, birnbaum };
}

/** Every state of the cone's events through the kernel: exact U, Birnbaum importance and the minimal cut sets. */
function enumerate(graph: CompiledGraph, t: number, events: ConeEvents): Analytic {
  const E = events.nodes.length;
  const states = 2 ** E;
  const W = Math.max(1, states / 32);
  const plan = evaluationPlan(graph, [t]);
  const kernel = new Kernel(plan, W);
  const valid = states >= 32 ? -1 : (1 << states) - 1;
  for (let e = 0; e < E; e++) {
    const at = plan.position[events.nodes[e]!]! * W;
    for (let j = 0; j < W; j++) kernel.fault[at + j] = (e < 5 ? PATTERN[e]! : (j >>> (e - 5)) & 1 ? -1 : 0) & valid;
  }
  kernel.run();
  const tp = plan.position[t]! * W;
  const { u, birnbaum, sets } = downStates(kernel.down.slice(tp, tp + W), events.q);
  sets.sort((a, b) => a.length - b.length || compare(a, b));
  const probability = sets.map((s) => setProbability(s, events.q));
  return { method: 'enumeration', unavailability: u, low: u, high: u, missing: 0, events, birnbaum, sets, probability, states };
}

/** Bit s & 31 is set when event e (< 5) is in state s: the fault words of the first five events. */
const PATTERN = [0xaaaaaaaa | 0, 0xcccccccc | 0, 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xffff0000 | 0];

/** The index of the lowest set bit of a nonzero 32-bit word. */
function lowBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * From the down states of E events (state s at bit s & 31 of word s >>> 5; bits at or past 2^E ignored): U = the sum
 * of their probabilities, each event's Birnbaum importance, and the minimal down states (down, and up without any one
 * of their events) as member lists. Found word-wise, yet each sum runs over the states in ascending order, one term
 * per state, as a loop over every state would: the same floating-point result.
 */
export function downStates(words: Int32Array, q: ArrayLike<number>): { u: number; birnbaum: Float64Array; sets: number[][] } {
  const E = q.length;
  const states = 2 ** E;
  const W = Math.max(1, states / 32);
  const valid = states >= 32 ? -1 : (1 << states) - 1;
  const down = words.slice(0, W);
  for (let j = 0; j < W; j++) down[j]! &= valid;
  // P(state), built one event at a time: exact products, no division.
  let prob = new Float64Array([1]);
  for (let e = 0; e < E; e++) {
    const qe = q[e]!;
    const next = new Float64Array(prob.length * 2);
    for (let s = 0; s < prob.length; s++) {
      next[s] = prob[s]! * (1 - qe);
      next[s | (1 << e)] = prob[s]! * qe;
    }
    prob = next;
  }
  let u = 0;
  for (let j = 0; j < W; j++) for (let x = down[j]!; x !== 0; x &= x - 1) u += prob[(j << 5) | lowBit(x)]!;
  // Birnbaum: each state s without e, up, whose neighbour s ∪ e is down.
  const birnbaum = new Float64Array(E);
  for (let e = 0; e < E; e++) {
    const bit = 1 << e;
    const qe = q[e]!;
    let b = 0;
    for (let j = 0; j < W; j++) {
      let x: number;
      if (e < 5) x = (down[j]! >>> bit) & ~down[j]! & ~PATTERN[e]!;
      else if (j & (bit >>> 5)) continue;
      else x = down[j | (bit >>> 5)]! & ~down[j]!;
      for (; x !== 0; x &= x - 1) {
        const s = (j << 5) | lowBit(x);
        // The others' state s: P = P(s)/(1 − q) = P(s ∪ e)/q, whichever divides by the larger.
        b += qe >= 0.5 ? prob[s | bit]! / qe : prob[s]! / (1 - qe);
      }
    }
    birnbaum[e] = b;
  }
  // The minimal down states: down, and up without any one of their events.
  const below = new Int32Array(W);
  for (let e = 0; e < E; e++) {
    const bit = 1 << e;
    for (let j = 0; j < W; j++) {
      if (e < 5) below[j]! |= (down[j]! << bit) & PATTERN[e]!;
      else if (j & (bit >>> 5)) below[j]! |= down[j ^ (bit >>> 5)]!;
    }
  }
  const sets: number[][] = [];
  for (let j = 0; j < W; j++) {
    for (let x = down[j]! & ~below[j]!; x !== 0; x &= x - 1) {
      const s = (j << 5) | lowBit(x);
      const members: number[] = [];
      for (let e = 0; e < E; e++) if (s & (1 << e)) members.push(e);
      sets.push(members);
    }
  }
  return { u, birnbaum, sets };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * P(∪ sets) exactly, and ∂P/∂q per event. The sets split into independent
 * modules (connected by shared events; a single point of failure is a module
 * of its own, since no other minimal set can hold it): P = 1 − Π (1 − P_m),
 * summed in logs. Each module with two or more sets gets its own BDD, its
 * variables ordered by `rank` (a depth-first walk of the cone, so a replica
 * sits next to its zone and the members of one group next to each other: the
 * classical depth-first ordering heuristic for fault trees).
 */
function unionProbability(sets: readonly (readonly number[])[], q: Float64Array, rank: Int32Array, cap: number): { p: number; birnbaum: Float64Array; nodes: number } {
  const E = q.length;
  const parent = Int32Array.from({ length: E }, (_, e) => e);
  const find = (e: number): number => {
    while (parent[e] !== e) {
      parent[e] = parent[parent[e]!]!;
      e = parent[e]!;
    }
    return e;
  };
  for (const s of sets) for (let i = 1; i < s.length; i++) parent[find(s[i]!)] = find(s[0]!);
  const modules = new Map<number, (readonly number[])[]>();
  for (const s of sets) {
    if (s.length === 0) continue;
    const m = find(s[0]!);
    let list = modules.get(m);
    if (!list) modules.set(m, (list = []));
    list.push(s);
  }
  const birnbaum = new Float64Array(E);
  const varOf = new Int32Array(E).fill(-1);
  const results: { p: number; local: Map<number, number> }[] = [];
  let nodes = 0;
  for (const list of modules.values()) {
    if (list.length === 1) {
      const members = list[0]!;
      const local = new Map<number, number>();
      for (const e of members)
        local.set(
          e,
          setProbability(
            members.filter((x) => x !== e),
            q,
          ),
        );
      results.push({ p: setProbability(members, q), local });
      continue;
    }
    // Variables of this module, numbered by rank.
    const vars: number[] = [];
    for (const set of list) {
      for (const e of set) {
        if (varOf[e] !== -1) continue;
        varOf[e] = 0;
        vars.push(e);
      }
    }
    vars.sort((a, b) => rank[a]! - rank[b]!);
    for (let i = 0; i < vars.length; i++) varOf[vars[i]!] = i;
    let literals = 0;
    for (const set of list) literals += set.length;
    const bdd = new Bdd(vars.length, Math.max(3, cap - nodes), literals + 2);
    const root = bdd.orAll(list.map((set) => bdd.conjunction(set.map((e) => varOf[e]!).sort((a, b) => a - b))));
    nodes += bdd.size;
    const r = bdd.probability(
      root,
      vars.map((e) => q[e]!),
    );
    for (const e of vars) varOf[e] = -1;
    results.push({ p: r.p, local: new Map(vars.map((e, i) => [e, r.birnbaum[i]!])) });
  }
  let logUp = 0;
  let certain = 0;
  for (const r of results) {
    if (r.p >= 1) certain++;
    else logUp += Math.log1p(-r.p);
  }
  const p = certain > 0 ? 1 : -Math.expm1(logUp);
  for (const r of results) {
    // ∂P/∂q_e = Π over the other modules of (1 − P_m') × ∂P_m/∂q_e.
    const othersUp = r.p >= 1 ? (certain > 1 ? 0 : Math.exp(logUp)) : certain > 0 ? 0 : Math.exp(logUp - Math.log1p(-r.p));
    for (const [e, b] of r.local) birnbaum[e] = othersUp * b;
  }
  return { p, birnbaum, nodes };
}

/** The basic events of a cone, with each event's place in a depth-first walk of it. */
interface ConeEvents extends BasicEvents {
  readonly rank: Int32Array;
}

/** Per graph: each engine node's index among all its basic events, or −1. */
const eventIndexes = new WeakMap<CompiledGraph, Int32Array>();

/**
 * The basic events in the hard cone of `t`, in failure-space order: a walk
 * of the cone only (not of the whole graph), so asking about thousands of
 * components of a large graph costs the sum of their cones.
 */
function coneEvents(graph: CompiledGraph, t: number): ConeEvents {
  const all = allBasicEvents(graph);
  let index = eventIndexes.get(graph);
  if (!index) {
    index = new Int32Array(graph.size).fill(-1);
    for (let e = 0; e < all.nodes.length; e++) index[all.nodes[e]!] = e;
    eventIndexes.set(graph, index);
  }
  // Depth-first, inputs in order, each node when first reached (iterative: a deep chain cannot overflow).
  // Marks and stacks in per-graph buffers, cleared after the walk: no set, map or growing array per cone.
  let walk = coneWalks.get(graph);
  if (!walk)
    coneWalks.set(graph, (walk = { seen: new Uint8Array(graph.size), reached: new Int32Array(graph.size), stack: new Int32Array(graph.size), next: new Int32Array(graph.size) }));
  const { seen, reached, stack, next } = walk;
  const { inputOffset, inputs, inputHard } = graph;
  let reachedCount = 0;
  let walkedCount = 0;
  const walked = reached; // events in the order the walk reaches them, written behind `reached` below
  let depth = 0;
  seen[t] = 1;
  reached[reachedCount++] = t;
  stack[depth] = t;
  next[depth++] = inputOffset[t]!;
  while (depth > 0) {
    const v = stack[depth - 1]!;
    const e = next[depth - 1]!;
    if (e >= inputOffset[v + 1]!) {
      depth--;
      continue;
    }
    next[depth - 1] = e + 1;
    const u = inputs[e]!;
    if (!inputHard[e] || seen[u]) continue;
    seen[u] = 1;
    reached[reachedCount++] = u;
    stack[depth] = u;
    next[depth++] = inputOffset[u]!;
  }
  // The events among the reached nodes, in the order reached (the order the walk met them).
  for (let i = 0; i < reachedCount; i++) {
    const v = reached[i]!;
    seen[v] = 0;
    if (index[v]! >= 0) walked[walkedCount++] = index[v]!;
  }
  let rankOf = eventRanks.get(graph);
  if (!rankOf) eventRanks.set(graph, (rankOf = new Int32Array(all.nodes.length)));
  for (let k = 0; k < walkedCount; k++) rankOf[walked[k]!] = k;
  const found = walked.slice(0, walkedCount).sort();
  const m = found.length;
  const nodes = new Int32Array(m);
  const failures = new Int32Array(m);
  const q = new Float64Array(m);
  const rank = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const e = found[i]!;
    nodes[i] = all.nodes[e]!;
    failures[i] = all.failures[e]!;
    q[i] = all.q[e]!;
    rank[i] = rankOf[e]!;
  }
  return { nodes, failures, q, declared: all.declared, rank };
}

/** Per graph: a mark per engine node (all clear between walks), the walk's stacks, and a rank per basic event, reused by every cone. */
const coneWalks = new WeakMap<CompiledGraph, { seen: Uint8Array; reached: Int32Array; stack: Int32Array; next: Int32Array }>();
const eventRanks = new WeakMap<CompiledGraph, Int32Array>();
