/**
 * Basic events of the availability analysis
 * =========================================
 *
 * What fails at random, and how often: the same failures `rankFailures` and
 * `cutSets` consider (`failure-space.ts`), each with a probability of
 * failing per trial, q = 1 − availability:
 *
 * - a component's **own** failure (bugs, a bad deploy, its process dying:
 *   whatever `--fail checkout` stands for), with its manifest
 *   `availability`, or the default: 0.9999 for a component, 0.99999 for a
 *   domain (provider, region, zone, datacenter, network, power);
 * - each **placement** `id@domain` of a component placed in two or more
 *   domains, failing on its own, independently of the others, with the
 *   same probability as the component (its replicas there are lost; the
 *   domain itself is a separate event). A component in one domain has no
 *   separate placement event: losing its only placement is its own failure.
 *
 * A journey (`kind: journey`) is never drawn, whatever it declares: it is
 * not part of the failure space, and is down only through what it needs.
 *
 * Everything else — dependencies, groups, domains — is not drawn but
 * derived by propagation, so shared fate is counted once.
 */
import type { CompiledGraph } from '../engine/compile.js';
import { failureSpace } from './failure-space.js';

/** Availability of a component that declares none. */
export const DEFAULT_COMPONENT_AVAILABILITY = 0.9999;
/** Availability of a domain (provider, region, zone, datacenter, network, power) that declares none. */
export const DEFAULT_DOMAIN_AVAILABILITY = 0.99999;

/** The basic events inside a set of nodes, in failure-space order. */
export interface BasicEvents {
  /** The engine node each event fails. */
  readonly nodes: Int32Array;
  /** Each event's index in the failure space (its random stream's key). */
  readonly failures: Int32Array;
  /** Probability of failing in one trial. */
  readonly q: Float64Array;
  /** Components that declare an availability. */
  readonly declared: number;
}

/** The events that can fail a node marked in `include`; events that never fail (availability 1) are left out. */
export function basicEvents(graph: CompiledGraph, include: Uint8Array): BasicEvents {
  return eventsWithin(allBasicEvents(graph), include);
}

/** Every basic event of a graph (`basicEvents` with everything included), computed once per graph. */
export function allBasicEvents(graph: CompiledGraph): BasicEvents {
  let all = everything.get(graph);
  if (all) return all;
  const comps = [...graph.model.components.values()];
  const own = comps.map((c) => c.availability ?? (c.isDomain ? DEFAULT_DOMAIN_AVAILABILITY : DEFAULT_COMPONENT_AVAILABILITY));
  const space = failureSpace(graph);
  const nodes: number[] = [];
  const failures: number[] = [];
  const q: number[] = [];
  space.nodes.forEach((v, k) => {
    const p = 1 - own[graph.owner[v]!]!;
    if (p <= 0) return;
    nodes.push(v);
    failures.push(k);
    q.push(p);
  });
  all = { nodes: Int32Array.from(nodes), failures: Int32Array.from(failures), q: Float64Array.from(q), declared: comps.filter((c) => c.availability !== undefined).length };
  everything.set(graph, all);
  return all;
}

const everything = new WeakMap<CompiledGraph, BasicEvents>();

/** The events of `all` on nodes marked in `include`, in the same order. */
export function eventsWithin(all: BasicEvents, include: Uint8Array): BasicEvents {
  const nodes: number[] = [];
  const failures: number[] = [];
  const q: number[] = [];
  all.nodes.forEach((v, e) => {
    if (!include[v]) return;
    nodes.push(v);
    failures.push(all.failures[e]!);
    q.push(all.q[e]!);
  });
  return { nodes: Int32Array.from(nodes), failures: Int32Array.from(failures), q: Float64Array.from(q), declared: all.declared };
}
