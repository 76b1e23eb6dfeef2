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
 *    come from the search `cutSets` runs (`cutSetMembers`: the same sets and step budget, without explaining each set), the
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
import type { CompiledGraph } from '../engine/compile.js';
import { allBasicEvents, type BasicEvents } from './availability-events.js';
import { Kernel } from './availability-kernel.js';
import { evaluationPlan } from './availability-plan.js';
import { atLeast, setProbability, unionBounds, type UnionBounds } from './availability-bounds.js';
import { Bdd, BddFull } from './bdd.js';
import { cutSetMembers } from './cutsets.js';

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
  const index = new Map<string, number>();
  events.nodes.forEach((v, e) => index.set(graph.names[v]!, e));
  const own = index.get(graph.names[t]!);
  let order = settings.fromOrder;
  let spent = 0;
  for (;;) {
    const r = cutSetMembers(graph, t, order, Math.max(1, settings.budget - spent));
    spent += r.steps;
    const sets: number[][] = own === undefined ? [] : [[own]];
    for (const s of r.sets) {
      const members = s.map((m) => index.get(m));
      // A member that never fails (availability 1) makes the set impossible.
      if (members.every((e) => e !== undefined)) sets.push((members as number[]).sort((a, b) => a - b));
    }
    const probability = sets.map((s) => setProbability(s, events.q));
    const single = new Uint8Array(events.nodes.length);
    for (const s of sets) if (s.length === 1) single[s[0]!] = 1;
    const others = [...events.q].filter((_, e) => !single[e]);
    const missing = atLeast(r.completeThrough + 1, others);
    const counts = new Array<number>(order).fill(0);
    for (const s of sets) counts[s.length - 1]!++;
    const summary: CutSetSummary = { found: sets.length, counts, maxOrder: order, completeThrough: r.completeThrough, truncated: r.truncated, steps: spent };
    const answer = evaluate(events, sets, probability, missing, summary, settings);
    const wide = answer.high - answer.low > settings.tolerance * answer.low;
    if (!wide || missing === 0 || r.truncated || order >= settings.toOrder || spent >= settings.budget) return answer;
    order++;
  }
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
  const PATTERN = [0xaaaaaaaa | 0, 0xcccccccc | 0, 0xf0f0f0f0 | 0, 0xff00ff00 | 0, 0xffff0000 | 0];
  const valid = states >= 32 ? -1 : (1 << states) - 1;
  for (let e = 0; e < E; e++) {
    const at = plan.position[events.nodes[e]!]! * W;
    for (let j = 0; j < W; j++) kernel.fault[at + j] = (e < 5 ? PATTERN[e]! : (j >>> (e - 5)) & 1 ? -1 : 0) & valid;
  }
  kernel.run();
  const tp = plan.position[t]! * W;
  const down = new Uint8Array(states);
  for (let s = 0; s < states; s++) down[s] = (kernel.down[tp + (s >>> 5)]! >>> (s & 31)) & 1;
  // P(state), built one event at a time: exact products, no division.
  let prob = new Float64Array([1]);
  for (let e = 0; e < E; e++) {
    const q = events.q[e]!;
    const next = new Float64Array(prob.length * 2);
    for (let s = 0; s < prob.length; s++) {
      next[s] = prob[s]! * (1 - q);
      next[s | (1 << e)] = prob[s]! * q;
    }
    prob = next;
  }
  let u = 0;
  for (let s = 0; s < states; s++) if (down[s]) u += prob[s]!;
  const birnbaum = new Float64Array(E);
  const sets: number[][] = [];
  for (let s = 0; s < states; s++) {
    for (let e = 0; e < E; e++) {
      const bit = 1 << e;
      if (s & bit || !down[s | bit] || down[s]) continue;
      // The others' state s: P = P(s)/(1 − q) = P(s ∪ e)/q, whichever divides by the larger.
      const q = events.q[e]!;
      birnbaum[e]! += q >= 0.5 ? prob[s | bit]! / q : prob[s]! / (1 - q);
    }
    if (!down[s]) continue;
    let minimal = true;
    for (let e = 0; e < E && minimal; e++) if (s & (1 << e) && down[s & ~(1 << e)]) minimal = false;
    if (minimal) {
      const members: number[] = [];
      for (let e = 0; e < E; e++) if (s & (1 << e)) members.push(e);
      sets.push(members);
    }
  }
  sets.sort((a, b) => a.length - b.length || compare(a, b));
  const probability = sets.map((s) => setProbability(s, events.q));
  return { method: 'enumeration', unavailability: u, low: u, high: u, missing: 0, events, birnbaum, sets, probability, states };
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
    const vars = [...new Set(list.flat())].sort((a, b) => rank[a]! - rank[b]!);
    const varOf = new Map(vars.map((e, i) => [e, i]));
    const bdd = new Bdd(vars.length, Math.max(3, cap - nodes));
    const root = bdd.orAll(list.map((s) => bdd.conjunction(s.map((e) => varOf.get(e)!).sort((a, b) => a - b))));
    nodes += bdd.size;
    const r = bdd.probability(
      root,
      vars.map((e) => q[e]!),
    );
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
  // Marks in a per-graph buffer, cleared after the walk: no set or map per cone.
  let seen = coneMarks.get(graph);
  if (!seen) coneMarks.set(graph, (seen = new Uint8Array(graph.size)));
  const reached = [t];
  const walked: number[] = []; // events in the order the walk reaches them
  seen[t] = 1;
  if (index[t]! >= 0) walked.push(index[t]!);
  const stack = [t];
  const next = [graph.inputOffset[t]!];
  while (stack.length > 0) {
    const v = stack[stack.length - 1]!;
    const e = next[next.length - 1]!;
    if (e >= graph.inputOffset[v + 1]!) {
      stack.pop();
      next.pop();
      continue;
    }
    next[next.length - 1] = e + 1;
    const u = graph.inputs[e]!;
    if (!graph.inputHard[e] || seen[u]) continue;
    seen[u] = 1;
    reached.push(u);
    if (index[u]! >= 0) walked.push(index[u]!);
    stack.push(u);
    next.push(graph.inputOffset[u]!);
  }
  for (const v of reached) seen[v] = 0;
  let rankOf = eventRanks.get(graph);
  if (!rankOf) eventRanks.set(graph, (rankOf = new Int32Array(all.nodes.length)));
  for (let k = 0; k < walked.length; k++) rankOf[walked[k]!] = k;
  const found = Int32Array.from(walked).sort();
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

/** Per graph: a mark per engine node (all clear between walks) and a rank per basic event, reused by every cone. */
const coneMarks = new WeakMap<CompiledGraph, Uint8Array>();
const eventRanks = new WeakMap<CompiledGraph, Int32Array>();
