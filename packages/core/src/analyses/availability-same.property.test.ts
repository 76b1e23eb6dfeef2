/**
 * The faster availability paths give the very same numbers, bit for bit, as
 * the straightforward loops they replaced (the CLI's output must not move):
 *
 * - the enumeration's word-wise pass over the down states (`downStates`)
 *   equals a loop over every state, one state at a time, on arbitrary (not
 *   only monotone) down sets: the same U, Birnbaum importance and minimal
 *   states, compared with `Object.is`, not to a tolerance;
 * - the union's bounds over a flat layout of the sets equal the tuple-sorting,
 *   per-pair merge they replaced;
 * - the cut sets as failure-space indices (`cutSetFailures`) name the very
 *   sets `cutSetMembers` lists, on random manifests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../engine/compile.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { model } from '../test-support.js';
import { BONFERRONI_SETS, unionBounds } from './availability-bounds.js';
import { downStates } from './availability-exact.js';
import { cutSetFailures, cutSetMembers } from './cutsets.js';
import { failureSpace } from './failure-space.js';
import { manifest, specArb } from './random-manifests.test-support.js';

/** The per-state loops `downStates` replaced. */
function statesOneByOne(words: Int32Array, q: readonly number[]): { u: number; birnbaum: Float64Array; sets: number[][] } {
  const E = q.length;
  const states = 2 ** E;
  const down = new Uint8Array(states);
  for (let s = 0; s < states; s++) down[s] = (words[s >>> 5]! >>> (s & 31)) & 1;
  let prob = new Float64Array([1]);
  for (let e = 0; e < E; e++) {
    const next = new Float64Array(prob.length * 2);
    for (let s = 0; s < prob.length; s++) {
      next[s] = prob[s]! * (1 - q[e]!);
      next[s | (1 << e)] = prob[s]! * q[e]!;
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
      birnbaum[e]! += q[e]! >= 0.5 ? prob[s | bit]! / q[e]! : prob[s]! / (1 - q[e]!);
    }
    if (!down[s]) continue;
    let minimal = true;
    for (let e = 0; e < E && minimal; e++) if (s & (1 << e) && down[s & ~(1 << e)]) minimal = false;
    if (minimal) sets.push(Array.from({ length: E }, (_, e) => e).filter((e) => s & (1 << e)));
  }
  return { u, birnbaum, sets };
}

/** The bounds as computed before the flat layout: tuples sorted, each pair merged with sentinels. */
function boundsBefore(sets: readonly (readonly number[])[], probability: readonly number[], q: readonly number[]) {
  let rareEvent = 0;
  let logUp = 0;
  let best = 0;
  for (const p of probability) {
    rareEvent += p;
    logUp += Math.log1p(-Math.min(p, 1));
    best = Math.max(best, p);
  }
  const upper = Math.min(1, rareEvent, -Math.expm1(logUp));
  const order = probability
    .map((p, i) => [p, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, BONFERRONI_SETS)
    .map(([, i]) => i);
  let s1 = 0;
  let s2 = 0;
  for (let a = 0; a < order.length; a++) {
    s1 += probability[order[a]!]!;
    for (let b = a + 1; b < order.length; b++) {
      const x = sets[order[a]!]!;
      const y = sets[order[b]!]!;
      let p = 1;
      let i = 0;
      let j = 0;
      while (i < x.length || j < y.length) {
        const u = i < x.length ? x[i]! : Infinity;
        const w = j < y.length ? y[j]! : Infinity;
        if (u <= w) {
          p *= q[u]!;
          i++;
          if (u === w) j++;
        } else {
          p *= q[w]!;
          j++;
        }
      }
      s2 += p;
    }
  }
  return { rareEvent, lower: Math.min(upper, Math.max(best, s1 - s2)), upper };
}

const qArb = (n: number) => fc.array(fc.constantFrom(0.5, 0.2, 1e-4, 1e-5, 0.75, 0.999, 0.1 + 1e-9), { minLength: n, maxLength: n });

describe('the faster availability paths give the same numbers, bit for bit', () => {
  it('word-wise down states equal a loop over every state', () => {
    const caseArb = fc.integer({ min: 0, max: 10 }).chain((E) =>
      fc.record({
        q: qArb(E),
        words: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { minLength: Math.max(1, 2 ** E / 32), maxLength: Math.max(1, 2 ** E / 32) }),
        // Monotone down sets too (the kernel's are), closed upwards from a few random minimal states.
        seeds: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 4 })),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ q, words, seeds }) => {
        const E = q.length;
        const w = Int32Array.from(words);
        if (seeds) {
          w.fill(0);
          const mins = seeds.map((x) => x % 2 ** E);
          for (let s = 0; s < 2 ** E; s++) if (mins.some((m) => (s & m) === m)) w[s >>> 5]! |= 1 << (s & 31);
        }
        // Bits past 2^E (E < 5) are noise both ways.
        const fast = downStates(w, q);
        const slow = statesOneByOne(w, q);
        expect(Object.is(fast.u, slow.u)).toBe(true);
        for (let e = 0; e < E; e++) expect(Object.is(fast.birnbaum[e], slow.birnbaum[e])).toBe(true);
        expect(fast.sets).toEqual(slow.sets);
      }),
      propertyRuns(1818, 200),
    );
  });

  it('the flat Bonferroni pairs equal the per-pair merge', () => {
    const caseArb = fc.integer({ min: 1, max: 12 }).chain((E) =>
      fc.record({
        q: qArb(E),
        sets: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: E - 1 }), { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ q, sets }) => {
        const sorted = sets.map((s) => [...s].sort((a, b) => a - b));
        const probability = sorted.map((s) => s.reduce((p, e) => p * q[e]!, 1));
        const fast = unionBounds(sorted, probability, q);
        const slow = boundsBefore(sorted, probability, q);
        expect(Object.is(fast.lower, slow.lower) && Object.is(fast.upper, slow.upper) && Object.is(fast.rareEvent, slow.rareEvent)).toBe(true);
      }),
      propertyRuns(2020, 200),
    );
  });

  it('the flat Bonferroni pairs equal the per-pair merge past the set cap', () => {
    const E = 60;
    const q = Array.from({ length: E }, (_, e) => 1e-4 * (1 + (e % 7)));
    const sets: number[][] = [];
    for (let a = 0; a < E; a++) for (let b = a + 1; b < E && sets.length < BONFERRONI_SETS + 200; b += 1 + (a % 3)) sets.push([a, b]);
    const probability = sets.map((s) => s.reduce((p, e) => p * q[e]!, 1));
    const fast = unionBounds(sets, probability, q);
    const slow = boundsBefore(sets, probability, q);
    expect([fast.lower, fast.upper, fast.rareEvent]).toEqual([slow.lower, slow.upper, slow.rareEvent]);
  });

  it('cut sets as failure indices name the sets cutSetMembers lists', () => {
    const caseArb = fc.integer({ min: 2, max: 9 }).chain((n) => fc.array(specArb(n, { maxDeps: 3 }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 3 }), (specs, order) => {
        const graph = compile(model(manifest(specs)));
        const space = failureSpace(graph);
        for (const id of graph.model.components.keys()) {
          const t = graph.index.get(id)!;
          const byName = cutSetMembers(graph, t, order, 1_000_000);
          const byIndex = cutSetFailures(graph, t, order, 1_000_000);
          expect(byIndex.sets.map((s) => s.map((f) => graph.names[space.nodes[f]!]!))).toEqual(byName.sets);
          expect([byIndex.truncated, byIndex.completeThrough, byIndex.steps]).toEqual([byName.truncated, byName.completeThrough, byName.steps]);
        }
      }),
      propertyRuns(3131, 30),
    );
  });
});
