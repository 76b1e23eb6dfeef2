/**
 * availability(model): how available each critical component really is
 * =====================================================================
 *
 * For each critical component (or each one named), its unavailability U —
 * the probability that it is down at a random moment, in steady state, when
 * every basic event (a component's own failure, a placement's loss:
 * `availability-events.ts`) fails independently with probability
 * q = 1 − its `availability`. Degraded still serves: soft dependencies never
 * count against a component. Shared fate is exact: a zone under three
 * replicas is one basic event, failing once for all three.
 *
 * Methods (`method`, default 'auto'):
 *
 * - 'exact': enumeration of every state of a small cone, else a BDD over the
 *   minimal cut sets, the order raised until the truncation bound is
 *   negligible (`availability-exact.ts`);
 * - 'bounds': rare-event sum, Esary–Proschan and Bonferroni bounds from the
 *   cut sets (`availability-bounds.ts`);
 * - 'montecarlo': the seeded bit-parallel simulation (below), a cross-check;
 * - 'auto': 'exact' with a looser tolerance, and Monte Carlo (kept inside
 *   the rigorous bracket) for a component whose bracket stays wide.
 *
 * Each answer says which method gave it and how tight it is (a rigorous
 * interval, or Monte Carlo's 95 % Wilson interval), with its nines and
 * downtime per year, the importance of every basic event to it (Birnbaum,
 * Fussell–Vesely, RAW, RRW) and the cut sets that make up most of it.
 *
 * Monte Carlo: 32 trials per `Int32Array` word, W words per pass
 * (`availability-kernel.ts`); failures drawn by geometric skipping from
 * seeded mulberry32 streams, one per event (`availability-random.ts`), so a
 * seed gives the same answer in the CLI, the tests and the viewer, whatever
 * the batch size and whichever components are asked about; importance by
 * re-running each trial without one failure (`availability-importance.ts`).
 *
 * [Reference]: docs/algorithms.md#availability, docs/cutsets-availability.md.
 */
import type { ComponentId } from '../model.js';
import type { CompiledGraph } from '../engine/compile.js';
import { basicEvents, DEFAULT_COMPONENT_AVAILABILITY, DEFAULT_DOMAIN_AVAILABILITY } from './availability-events.js';
import { analyticUnavailability, type Analytic, type AnalyticSettings, type CutSetSummary } from './availability-exact.js';
import type { UnionBounds } from './availability-bounds.js';
import { Gains } from './availability-gains.js';
import { WhatIf } from './availability-importance.js';
import { Kernel, popcount } from './availability-kernel.js';
import { evaluationPlan } from './availability-plan.js';
import { geometricGap, Streams } from './availability-random.js';
import { wilson } from './availability-stats.js';
import { graphOf, type AnalysisInput } from './graph-input.js';
import { cone } from './killers.js';

/** How `availability` answers: see the module comment. */
export type AvailabilityMethod = 'auto' | 'exact' | 'bounds' | 'montecarlo';

/** The methods, in help order. */
export const AVAILABILITY_METHODS: readonly AvailabilityMethod[] = ['auto', 'exact', 'bounds', 'montecarlo'];

/** What gave one component's answer. */
export type AnsweredBy = 'enumeration' | 'bdd' | 'bounds' | 'montecarlo';

/** Minutes in a year of 365.25 days. */
export const MINUTES_PER_YEAR = 525_960;

/**
 * The most Monte Carlo trials a run accepts: about 30 s on the example, and
 * about 45 minutes over the 414 critical components of the generated
 * 10,000-component manifest (10,000 trials take 0.26 s there); more would
 * run for hours, and the analytic methods answer what so many trials would.
 */
export const MAX_TRIALS = 100_000_000;

/** Options of `availability`. */
export interface AvailabilityOptions {
  /** @default 'auto' */
  readonly method?: AvailabilityMethod;
  /** Monte Carlo trials ('montecarlo', and 'auto' where the bracket stays wide). @default 10000 */
  readonly trials?: number;
  /** Seed of the random generator: the same seed gives the same answer. @default 1 */
  readonly seed?: number;
  /** Basic events listed per component by importance. @default 5 */
  readonly importance?: number;
  /** Cut sets listed per component as its top contributors. @default 3 */
  readonly contributors?: number;
  /** The components to estimate. @default every critical component */
  readonly components?: readonly ComponentId[];
  /** Monte Carlo words per pass: each pass runs 32 × wordsPerPass trials. @default 16 */
  readonly wordsPerPass?: number;
  /** Cut-set order searched, fixed (by default 'auto' and 'exact' start at 2 and raise it while the truncation bound matters; 'bounds' uses 2). */
  readonly maxOrder?: number;
  /** Cut-set search steps per component. @default 200 million (100 million for 'exact') shared among the components, within 200,000–2,000,000 each (0.5–10 million for 'exact'); 2,000,000 for 'bounds' */
  readonly budget?: number;
  /** Enumerate every state of a cone with at most this many basic events. @default 16 (20 for 'exact') */
  readonly enumerationLimit?: number;
  /** Called after each Monte Carlo pass with the trials done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How much one basic event matters to a component. */
export interface Importance {
  /** The failure, as `simulate --fail` takes it: `consul`, or `checkout@use1-az1` for one placement. */
  readonly failure: string;
  /** Its probability of being failed, q = 1 − availability. */
  readonly probability: number;
  /** Birnbaum: P(down | it failed) − P(down | it is up) = ∂U/∂q. */
  readonly birnbaum: number;
  /** Fussell–Vesely: the share of the unavailability it takes part in, (U − U without it) / U. */
  readonly fussellVesely: number;
  /** Risk achievement worth: U with it failed / U. */
  readonly raw: number;
  /** Risk reduction worth: U / U without it (Infinity when the component is never down without it). */
  readonly rrw: number;
  /** The availability gained if it never failed: U − U without it = q × Birnbaum. */
  readonly gain: number;
}

/** A minimal cut set and its share of the unavailability. */
export interface Contributor {
  readonly members: readonly string[];
  /** P(every member failed). */
  readonly probability: number;
  /** probability / U: the share of the downtime during which this set has failed. */
  readonly share: number;
}

/** One component's availability. */
export interface ComponentAvailability {
  readonly id: ComponentId;
  /** What gave the answer. */
  readonly method: AnsweredBy;
  /** True when low = high: the answer is exact (to rounding). */
  readonly exact: boolean;
  readonly availability: number;
  readonly unavailability: number;
  /** The availability's interval: rigorous for enumeration, bdd and bounds; a 95 % Wilson interval (kept inside the rigorous bracket in 'auto') for montecarlo. */
  readonly low: number;
  readonly high: number;
  /** −log10(unavailability); Infinity only when the component can never be down. */
  readonly nines: number;
  /** Expected minutes down per year (365.25 days). */
  readonly downtimeMinutes: number;
  /** Probability the cut-set list may miss (0 when complete, or for enumeration and Monte Carlo). */
  readonly missing: number;
  /** The cut-set search behind a bdd or bounds answer. */
  readonly cutSets?: CutSetSummary;
  /** Bounds on the unavailability from the listed cut sets (missing mass not included). */
  readonly bounds?: UnionBounds;
  /** States enumerated, or nodes of the BDD. */
  readonly states?: number;
  readonly bddNodes?: number;
  /** The Monte Carlo run, when one gave or checked the answer. */
  readonly monteCarlo?: { readonly trials: number; readonly downTrials: number; readonly low: number; readonly high: number };
  /** Basic events by Fussell–Vesely importance (largest first, ties in failure order). */
  readonly importance: readonly Importance[];
  /** The minimal cut sets that make up most of the unavailability, most probable first. */
  readonly contributors: readonly Contributor[];
  /** Other minimal cut sets exactly as probable as the first contributor (to 1e-9): it is the largest share only in a tie. */
  readonly tied?: number;
}

/** The result of `availability`. */
export interface Availability {
  /** The method asked for. */
  readonly method: AvailabilityMethod;
  /** Monte Carlo trials (run only by 'montecarlo', or by 'auto' where a bracket stayed wide) and seed. */
  readonly trials: number;
  readonly seed: number;
  /** The components asked about, least available first, then in model order. */
  readonly components: readonly ComponentAvailability[];
  /** Basic events that can reach the components asked about. */
  readonly events: number;
  /** Components of the model that declare an `availability`. */
  readonly declared: number;
  /** The availability assumed for components and domains that declare none. */
  readonly defaults: { readonly component: number; readonly domain: number };
}

/** Descending order of two probabilities, equal when within 1e-9 of each other (rounding, not structure). */
function differ(x: number, y: number): number {
  return Math.abs(x - y) <= 1e-9 * Math.max(x, y) ? 0 : y - x;
}

/** How wide (relative) a bracket may stay before 'auto' asks Monte Carlo. */
const AUTO_WIDE = 0.1;

/** The availability of the critical components (or those named), by the method asked for. */
export function availability(input: AnalysisInput, options: AvailabilityOptions = {}): Availability {
  const graph = graphOf(input);
  const method = options.method ?? 'auto';
  const trials = options.trials ?? 10_000;
  const seed = options.seed ?? 1;
  if (!AVAILABILITY_METHODS.includes(method)) throw new Error(`faultline/availability: method must be one of ${AVAILABILITY_METHODS.join(', ')}, not ${method}`);
  if (!Number.isInteger(trials) || trials < 1 || trials > MAX_TRIALS)
    throw new Error(`faultline/availability: trials must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, not ${trials}`);
  if (!Number.isInteger(seed)) throw new Error(`faultline/availability: seed must be a whole number, not ${seed}`);
  if (options.maxOrder !== undefined && (!Number.isInteger(options.maxOrder) || options.maxOrder < 1))
    throw new Error(`faultline/availability: maxOrder must be a whole number ≥ 1, not ${options.maxOrder}`);
  const ids = options.components ?? [...graph.model.components.values()].filter((c) => c.critical).map((c) => c.id);
  const targets = ids.map((id) => {
    const v = graph.index.get(id);
    if (v === undefined) throw new Error(`faultline/availability: unknown component "${id}"`);
    return v;
  });
  const top = options.importance ?? 5;
  const shown = options.contributors ?? 3;
  const all = basicEvents(graph, cone(graph, targets, true));

  const answers = new Map<number, ComponentAvailability>();
  let ranMonteCarlo = false;
  if (method === 'montecarlo') {
    const mc = monteCarlo(graph, targets, trials, seed, top, options);
    ranMonteCarlo = true;
    targets.forEach((v, i) => answers.set(v, fromMonteCarlo(graph, v, mc, i, trials, undefined)));
  } else {
    const settings = analyticSettings(method, options, targets.length);
    const wide: number[] = [];
    const analytic = new Map<number, Analytic>();
    for (const v of targets) {
      if (answers.has(v) || analytic.has(v)) continue;
      const a = analyticUnavailability(graph, v, settings);
      analytic.set(v, a);
      if (method === 'auto' && a.high - a.low > AUTO_WIDE * Math.max(a.low, Number.MIN_VALUE)) wide.push(v);
      else answers.set(v, fromAnalytic(graph, v, a, top, shown));
    }
    if (wide.length > 0) {
      const mc = monteCarlo(graph, wide, trials, seed, top, options);
      ranMonteCarlo = true;
      wide.forEach((v, i) => answers.set(v, fromMonteCarlo(graph, v, mc, i, trials, analytic.get(v)!, shown)));
    }
  }
  const components = targets.map((v) => answers.get(v)!);
  const order = new Map(targets.map((v) => [graph.names[v]!, v]));
  // Least available first; answers equal to 1e-9 (rounding, not structure) in model order.
  components.sort((x, y) => differ(x.unavailability, y.unavailability) || order.get(x.id)! - order.get(y.id)!);
  return {
    method,
    trials: ranMonteCarlo ? trials : 0,
    seed,
    components,
    events: all.nodes.length,
    declared: all.declared,
    defaults: { component: DEFAULT_COMPONENT_AVAILABILITY, domain: DEFAULT_DOMAIN_AVAILABILITY },
  };
}

/**
 * Cut-set search steps per component unless `budget` says: a share of a
 * total (200 million for 'auto', 100 million for 'exact'), between a floor
 * that keeps order 2 complete on large manifests and a ceiling per
 * component, so that asking about thousands of components stays bounded.
 */
function defaultBudget(method: 'auto' | 'exact', components: number): number {
  const [total, floor, ceiling] = method === 'exact' ? [100_000_000, 500_000, 10_000_000] : [200_000_000, 200_000, 2_000_000];
  return Math.max(floor, Math.min(ceiling, Math.floor(total / Math.max(1, components))));
}

function analyticSettings(method: 'auto' | 'exact' | 'bounds', options: AvailabilityOptions, components: number): AnalyticSettings {
  const fixed = options.maxOrder;
  if (method === 'bounds') {
    return { method: 'bounds', enumerationLimit: 0, fromOrder: fixed ?? 2, toOrder: fixed ?? 2, tolerance: Infinity, budget: options.budget ?? 2_000_000, bddNodes: 0 };
  }
  const exact = method === 'exact';
  return {
    method: 'exact',
    enumerationLimit: options.enumerationLimit ?? (exact ? 20 : 16),
    fromOrder: fixed ?? 2,
    toOrder: fixed ?? (exact ? 6 : 4),
    tolerance: exact ? 1e-10 : 1e-3,
    budget: options.budget ?? defaultBudget(method, components),
    bddNodes: exact ? 4_000_000 : 1_000_000,
  };
}

/** U and Birnbaum turned into the four measures (U > 0); a Monte Carlo Birnbaum above 1 (noise) is read as 1. */
function measures(failure: string, q: number, estimate: number, u: number): Importance {
  const birnbaum = Math.min(1, estimate);
  const gain = Math.min(u, q * birnbaum);
  const without = u - gain;
  return {
    failure,
    probability: q,
    birnbaum,
    fussellVesely: gain / u,
    raw: (u + (1 - q) * birnbaum) / u,
    rrw: without > 0 ? u / without : Infinity,
    gain,
  };
}

function fromAnalytic(graph: CompiledGraph, v: number, a: Analytic, top: number, shown: number): ComponentAvailability {
  const u = a.unavailability;
  const name = (e: number): string => graph.names[a.events.nodes[e]!]!;
  const importance: Importance[] = [];
  if (u > 0) {
    const ranked: number[] = [];
    for (let e = 0; e < a.birnbaum.length; e++) if (a.birnbaum[e]! > 0) ranked.push(e);
    ranked.sort((x, y) => differ(a.events.q[x]! * a.birnbaum[x]!, a.events.q[y]! * a.birnbaum[y]!) || x - y);
    for (const e of ranked.slice(0, top)) importance.push(measures(name(e), a.events.q[e]!, a.birnbaum[e]!, u));
  }
  return {
    id: graph.names[v]!,
    method: a.method,
    exact: a.low === a.high,
    availability: 1 - u,
    unavailability: u,
    low: 1 - a.high,
    high: 1 - a.low,
    nines: u > 0 ? -Math.log10(u) : Infinity,
    downtimeMinutes: u * MINUTES_PER_YEAR,
    missing: a.missing,
    ...(a.cutSets ? { cutSets: a.cutSets } : {}),
    ...(a.bounds ? { bounds: a.bounds } : {}),
    ...(a.states !== undefined ? { states: a.states } : {}),
    ...(a.bddNodes !== undefined ? { bddNodes: a.bddNodes } : {}),
    importance,
    contributors: contributors(a, name, u, shown),
    ...tiedWithFirst(a, u),
  };
}

function tiedWithFirst(a: Analytic, u: number): { tied?: number } {
  if (u <= 0 || a.probability.length < 2) return {};
  let best = 0;
  for (const p of a.probability) best = Math.max(best, p);
  let same = -1;
  for (const p of a.probability) if (differ(p, best) === 0) same++;
  return same > 0 ? { tied: same } : {};
}

function contributors(a: Analytic, name: (e: number) => string, u: number, shown: number): Contributor[] {
  if (u <= 0) return [];
  return [...a.sets.keys()]
    .filter((i) => a.probability[i]! > 0)
    .sort((x, y) => differ(a.probability[x]!, a.probability[y]!) || x - y)
    .slice(0, shown)
    .map((i) => ({ members: a.sets[i]!.map(name), probability: a.probability[i]!, share: Math.min(1, a.probability[i]! / u) }));
}

function fromMonteCarlo(graph: CompiledGraph, v: number, mc: MonteCarlo, i: number, trials: number, bracket: Analytic | undefined, shown = 0): ComponentAvailability {
  const down = mc.down[i]!;
  const ci = wilson(trials - down, trials);
  let u = down / trials;
  let low = ci.low;
  let high = ci.high;
  if (bracket) {
    // Keep the estimate and its interval inside the rigorous bracket.
    u = Math.min(bracket.high, Math.max(bracket.low, u));
    low = Math.min(1 - bracket.low, Math.max(1 - bracket.high, low));
    high = Math.min(1 - bracket.low, Math.max(1 - bracket.high, high));
  }
  const importance = u > 0 ? mc.best(i).map(([node, n]) => measures(graph.names[node]!, mc.q(node), n / trials / mc.q(node), u)) : [];
  const name = (e: number): string => graph.names[bracket!.events.nodes[e]!]!;
  return {
    id: graph.names[v]!,
    method: 'montecarlo',
    exact: false,
    availability: 1 - u,
    unavailability: u,
    low,
    high,
    nines: u > 0 ? -Math.log10(u) : Infinity,
    downtimeMinutes: u * MINUTES_PER_YEAR,
    missing: bracket?.missing ?? 0,
    ...(bracket?.cutSets ? { cutSets: bracket.cutSets } : {}),
    ...(bracket?.bounds ? { bounds: bracket.bounds } : {}),
    monteCarlo: { trials, downTrials: down, low: ci.low, high: ci.high },
    importance,
    contributors: bracket ? contributors(bracket, name, u, shown) : [],
  };
}

/** What one Monte Carlo run gives per target: down trials, and the top failures by trials regained. */
interface MonteCarlo {
  readonly down: Float64Array;
  /** Target i's top events as [engine node, trials regained]. */
  best(i: number): [number, number][];
  /** An engine node's failure probability. */
  q(node: number): number;
}

/** The seeded bit-parallel Monte Carlo over the targets' cone. */
function monteCarlo(graph: CompiledGraph, targets: readonly number[], trials: number, seed: number, top: number, options: AvailabilityOptions): MonteCarlo {
  const W = Math.max(1, Math.min(options.wordsPerPass ?? 16, Math.ceil(trials / 32)));
  const plan = evaluationPlan(graph, targets);
  const inCone = new Uint8Array(graph.size);
  for (const v of plan.node) inCone[v] = 1;
  const events = basicEvents(graph, inCone);
  const E = events.nodes.length;
  const eventPosition = Int32Array.from(events.nodes, (v) => plan.position[v]!);
  const logUp = Float64Array.from(events.q, (q) => Math.log1p(-q));
  const streams = new Streams(seed, events.failures);
  const next = new Float64Array(E);
  for (let e = 0; e < E; e++) next[e] = geometricGap(streams.uniform(e), events.q[e]!, logUp[e]!);

  const kernel = new Kernel(plan, W);
  const watched = new Int32Array(plan.size).fill(-1);
  targets.forEach((v, i) => (watched[plan.position[v]!] = i));
  const targetPositions = Int32Array.from(targets, (v) => plan.position[v]!);
  const down = new Float64Array(targets.length);
  const gains = new Gains(targets.length, top, drawnTwice(seed, events.failures, events.q, logUp, trials));
  const whatIf = new WhatIf(kernel, watched, (i, e, n) => gains.add(i, e, n));
  const anyDown = new Int32Array(W);
  const failedEvents: number[] = [];

  for (let start = 0; start < trials; start += 32 * W) {
    const end = Math.min(trials, start + 32 * W);
    kernel.fault.fill(0);
    failedEvents.length = 0;
    for (let e = 0; e < E; e++) {
      if (next[e]! >= end) continue;
      const at = eventPosition[e]! * W;
      failedEvents.push(e);
      while (next[e]! < end) {
        const t = next[e]! - start;
        kernel.fault[at + (t >>> 5)]! |= 1 << (t & 31);
        next[e]! += 1 + geometricGap(streams.uniform(e), events.q[e]!, logUp[e]!);
      }
    }
    kernel.run();
    anyDown.fill(0);
    targetPositions.forEach((p, i) => {
      for (let j = 0; j < W; j++) {
        const x = kernel.down[p * W + j]!;
        down[i]! += popcount(x);
        anyDown[j]! |= x;
      }
    });
    for (const e of failedEvents) {
      const p = eventPosition[e]!;
      for (let j = 0; j < W; j++) {
        const bits = kernel.fault[p * W + j]! & anyDown[j]!;
        if (bits === 0) continue;
        whatIf.measure(p, j, bits, e);
      }
    }
    options.onProgress?.(end, trials);
  }
  const qOf = new Map<number, number>();
  events.nodes.forEach((v, e) => qOf.set(v, events.q[e]!));
  return {
    down,
    best: (i) => gains.best(i).map(([e, n]) => [events.nodes[e]!, n]),
    q: (node) => qOf.get(node)!,
  };
}

/** Per event: whether its stream makes it fail in two or more of the trials (replaying the streams the run draws from). */
function drawnTwice(seed: number, keys: Int32Array, q: Float64Array, logUp: Float64Array, trials: number): Uint8Array {
  const streams = new Streams(seed, keys);
  const out = new Uint8Array(keys.length);
  for (let e = 0; e < keys.length; e++) {
    const first = geometricGap(streams.uniform(e), q[e]!, logUp[e]!);
    if (first < trials && first + 1 + geometricGap(streams.uniform(e), q[e]!, logUp[e]!) < trials) out[e] = 1;
  }
  return out;
}
