/**
 * availability(model): how available each critical component really is
 * =====================================================================
 *
 * Monte Carlo over the manifest's per-component `availability`: in each
 * trial every basic event (a component's own failure, a placement's loss —
 * `availability-events.ts`) fails at random with its probability, and the
 * failure engine's least fixpoint decides what is down. A component's
 * availability is the share of trials in which it is not down (degraded
 * still serves: soft dependencies never count against it). Shared fate is
 * exact: a zone under three replicas fails once, for all three — which is
 * what multiplying availabilities gets wrong.
 *
 * For each critical component: the estimate, its 95 % Wilson interval, its
 * nines, and the failures that matter most to it — how much its
 * availability would rise if that failure never happened, measured on the
 * same trials (`availability-importance.ts`).
 *
 * Bit-parallel: 32 trials per `Int32Array` word, W words per pass
 * (`availability-kernel.ts`); failures drawn by geometric skipping from
 * seeded mulberry32 streams, one per event (`availability-random.ts`), so a
 * seed gives the same answer in the CLI, the tests and the viewer, whatever
 * the batch size and whichever components are asked about.
 *
 * [Reference]: docs/algorithms.md#availability.
 */
import type { ComponentId } from '../model.js';
import { basicEvents, DEFAULT_COMPONENT_AVAILABILITY, DEFAULT_DOMAIN_AVAILABILITY } from './availability-events.js';
import { Gains } from './availability-gains.js';
import { WhatIf } from './availability-importance.js';
import { Kernel, popcount } from './availability-kernel.js';
import { evaluationPlan } from './availability-plan.js';
import { geometricGap, Streams } from './availability-random.js';
import { nines, wilson } from './availability-stats.js';
import { graphOf, type AnalysisInput } from './graph-input.js';

/** Options of `availability`. */
export interface AvailabilityOptions {
  /** Monte Carlo trials. @default 10000 */
  readonly trials?: number;
  /** Seed of the random generator: the same seed gives the same answer. @default 1 */
  readonly seed?: number;
  /** Failures listed per component by importance. @default 5 */
  readonly importance?: number;
  /** The components to estimate. @default every critical component */
  readonly components?: readonly ComponentId[];
  /** Words per pass: each pass runs 32 × wordsPerPass trials. @default 16 */
  readonly wordsPerPass?: number;
}

/** How much one failure matters to a component. */
export interface Importance {
  /** The failure, as `simulate --fail` takes it: `consul`, or `checkout@use1-az1` for one placement. */
  readonly failure: string;
  /** The rise of the component's availability if this failure never happened (same trials). */
  readonly gain: number;
  /** Trials in which the component was down and is up without this failure. */
  readonly trials: number;
}

/** One component's estimated availability. */
export interface ComponentAvailability {
  readonly id: ComponentId;
  /** Share of trials in which it was not down. */
  readonly availability: number;
  /** 95 % Wilson score interval. */
  readonly low: number;
  readonly high: number;
  /** −log10(1 − availability); Infinity when it never went down. */
  readonly nines: number;
  /** Trials in which it was down. */
  readonly downTrials: number;
  /** The failures whose absence would raise its availability most, largest gain first. */
  readonly importance: readonly Importance[];
}

/** The result of `availability`. */
export interface Availability {
  readonly trials: number;
  readonly seed: number;
  /** The components asked about, least available first, then in model order. */
  readonly components: readonly ComponentAvailability[];
  /** Basic events drawn (failures that can reach the components asked about). */
  readonly events: number;
  /** Components of the model that declare an `availability`. */
  readonly declared: number;
  /** The availability assumed for components and domains that declare none. */
  readonly defaults: { readonly component: number; readonly domain: number };
}

/** Estimates the availability of the critical components (or those named) by Monte Carlo. */
export function availability(input: AnalysisInput, options: AvailabilityOptions = {}): Availability {
  const graph = graphOf(input);
  const trials = options.trials ?? 10_000;
  const seed = options.seed ?? 1;
  const top = options.importance ?? 5;
  const W = Math.max(1, Math.min(options.wordsPerPass ?? 16, Math.ceil(trials / 32)));
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`faultline/availability: trials must be a whole number ≥ 1, not ${trials}`);
  if (!Number.isInteger(seed)) throw new Error(`faultline/availability: seed must be a whole number, not ${seed}`);
  const ids = options.components ?? [...graph.model.components.values()].filter((c) => c.critical).map((c) => c.id);
  const targets = ids.map((id) => {
    const v = graph.index.get(id);
    if (v === undefined) throw new Error(`faultline/availability: unknown component "${id}"`);
    return v;
  });

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
  }

  const components = targets.map((v, i): ComponentAvailability => {
    const up = trials - down[i]!;
    const a = up / trials;
    const { low, high } = wilson(up, trials);
    const importance = gains.best(i).map(([e, n]) => ({ failure: graph.names[events.nodes[e]!]!, gain: n / trials, trials: n }));
    return { id: graph.names[v]!, availability: a, low, high, nines: nines(a), downTrials: down[i]!, importance };
  });
  const order = new Map(targets.map((v) => [graph.names[v]!, v]));
  components.sort((x, y) => x.availability - y.availability || order.get(x.id)! - order.get(y.id)!);
  return {
    trials,
    seed,
    components,
    events: E,
    declared: events.declared,
    defaults: { component: DEFAULT_COMPONENT_AVAILABILITY, domain: DEFAULT_DOMAIN_AVAILABILITY },
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
