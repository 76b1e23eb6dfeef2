/**
 * cutSets against exhaustive search: on random manifests with cycles, soft
 * and async edges, fallbacks, start-up and run-time phases, journeys,
 * anyOf/quorum groups and weighted placements, the minimal cut sets of order
 * ≤ 2 (and ≤ 3 on smaller ones) must equal what trying every single failure,
 * every pair (and every triple) finds with a naive fixpoint read straight
 * off the manifest. Journeys are never members.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { compile } from '../engine/compile.js';
import { CAUSE_FAULT, Propagator } from '../engine/propagate.js';
import { Explainer } from '../engine/explain.js';
import type { Model } from '../model.js';
import { model } from '../test-support.js';
import { cutSets } from './cutsets.js';
import { failureNames, manifest, naiveOutcome, specArb, type Spec } from './random-manifests.test-support.js';

const manifestArb = (min: number, max: number): fc.Arbitrary<{ specs: Spec[]; target: number }> =>
  fc.integer({ min, max }).chain((n) => fc.record({ specs: fc.array(specArb(n), { minLength: n, maxLength: n }), target: fc.nat(n - 1) }));

/** Every minimal set of ≤ maxOrder failures that takes `target` down, by trying every set on the manifest itself. */
function exhaustive(m: Model, target: string, maxOrder: number): string[] {
  const failures = failureNames(m).filter((f) => f !== target);
  const kills = (set: readonly number[]): boolean =>
    naiveOutcome(
      m,
      set.map((k) => failures[k]!),
    ).down.has(target);
  const found: number[][] = [];
  const hasFoundSubset = (set: readonly number[]): boolean => found.some((f) => f.every((x) => set.includes(x)));
  // Order by order, so that every subset is known before a superset is tried.
  for (let order = 1; order <= maxOrder; order++) {
    const walkOrder = (set: number[], from: number): void => {
      if (set.length === order) {
        if (!hasFoundSubset(set) && kills(set)) found.push([...set]);
        return;
      }
      for (let k = from; k < failures.length; k++) {
        set.push(k);
        walkOrder(set, k + 1);
        set.pop();
      }
    };
    walkOrder([], 0);
  }
  return found.map((s) => s.map((k) => failures[k]!).join(' + ')).sort();
}

describe('cutSets equals exhaustive search', () => {
  it('over every single failure and every pair, on random graphs with cycles and mixed gates, with the full graph’s chain for each set', () => {
    fc.assert(
      fc.property(manifestArb(2, 16), ({ specs, target }) => {
        const m = model(`${manifest(specs)}\n`);
        const graph = compile(m);
        const r = cutSets(graph, `c${target}`);
        expect(r.truncated).toBe(false);
        expect(r.sets.map((s) => s.members.join(' + ')).sort()).toEqual(exhaustive(m, `c${target}`, 2));
        expect(r.counts.reduce((a, b) => a + b, 0)).toBe(r.sets.length);
        // The chain and causes of a full-graph propagation, as simulate gives them (placement names as
        // --fail strings may hit more replicas when domains nest oddly, so the nodes are seeded directly).
        const state = new Propagator(graph);
        const t = graph.index.get(r.target)!;
        for (const set of r.sets) {
          const nodes = set.members.map((id) => graph.names.indexOf(id));
          state.run(nodes.map((node) => ({ node, down: true, cause: CAUSE_FAULT, source: -1 })));
          const explainer = new Explainer(graph, state, new Map(nodes.map((n) => [n, { spec: graph.names[n]!, effect: 'down' as const }])));
          expect({ chain: set.chain, because: set.because }).toEqual({ chain: explainer.chain(t), because: explainer.because(t) });
        }
      }),
      propertyRuns(4242, 150),
    );
  });

  it('over every triple too, on smaller graphs', () => {
    fc.assert(
      fc.property(manifestArb(2, 10), ({ specs, target }) => {
        const m = model(`${manifest(specs)}\n`);
        const r = cutSets(compile(m), `c${target}`, { maxOrder: 3 });
        expect(r.sets.map((s) => s.members.join(' + ')).sort()).toEqual(exhaustive(m, `c${target}`, 3));
      }),
      propertyRuns(99, 100),
    );
  });
});
