/**
 * The bitset DP against its oracles: on random graphs with cycles, soft and
 * async edges, fallbacks, start-up and run-time phases, journeys, anyOf/quorum
 * groups and weighted placements, every single failure's counts, impact,
 * critical victims and hidden flag must equal repeated simulation, the
 * victims must equal a naive fixpoint read straight off the manifest, and
 * every node's killers must equal the failures whose simulation takes it
 * down. Journeys are never failures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { compile } from '../engine/compile.js';
import { Propagator, CAUSE_FAULT } from '../engine/propagate.js';
import { model } from '../test-support.js';
import { failureSpace } from './failure-space.js';
import { failuresBySimulation } from './rank-oracle.js';
import { rankFailures } from './rank.js';
import { failureNames, manifest, naiveOutcome, specArb } from './random-manifests.test-support.js';

const graphArb = fc.integer({ min: 2, max: 22 }).chain((n) => fc.array(specArb(n, { weights: true, maxDeps: 4 }), { minLength: n, maxLength: n }));

describe('rankFailures (bitset DP) equals repeated simulation', () => {
  it('on random graphs with cycles and mixed gates and edge kinds, for every failure and every chunk size', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom(1, 2, 64), fc.constantFrom(0, 1, 3, 10), fc.boolean(), (specs, wordsPerRow, listed, decimal) => {
        // `decimal`: a weight of 0.1 is no binary fraction, so impact is summed pair by pair instead of counted.
        const m = model(`${manifest(specs).replaceAll('weight: 3.25', decimal ? 'weight: 0.1' : 'weight: 3.25')}\n`);
        const graph = compile(m);
        const expected = new Map(failuresBySimulation(graph, { listed }).map((f) => [f.fault, f]));
        const ranking = rankFailures(graph, { wordsPerRow, listed });
        expect(ranking.failures).toHaveLength(expected.size);
        for (const f of ranking.failures) expect(f).toEqual(expected.get(f.fault));
        // The failures are exactly the manifest's non-journey components and multi-domain placements.
        expect(ranking.failures.map((f) => f.fault).sort()).toEqual(failureNames(m).sort());
        const ids = [...m.components.keys()];
        for (const f of ranking.failures) {
          const { down, notUp } = naiveOutcome(m, [f.fault]);
          const critical = (set: Set<string>, not?: Set<string>) => ids.filter((id) => id !== f.fault && set.has(id) && !not?.has(id) && m.components.get(id)!.critical);
          const all = ranking.detail(ranking.positionOf(f.fault));
          expect({ fault: f.fault, down: f.downCount, degraded: f.degradedCount, critical: all.critical, criticalDegraded: all.criticalDegraded }).toEqual({
            fault: f.fault,
            down: down.size - (down.has(f.fault) ? 1 : 0),
            degraded: notUp.size - down.size,
            critical: critical(down),
            criticalDegraded: critical(notUp, down),
          });
          expect([f.criticalCount, f.criticalDegradedCount]).toEqual([all.critical.length, all.criticalDegraded.length]);
          // The gates a finding names, without the lists, are the ones the lists give.
          const victims = new Set(all.critical);
          expect(ranking.namedGates(ranking.positionOf(f.fault))).toEqual({
            ...(all.defeated.some((g) => victims.has(g.owner)) ? { onCritical: all.defeated.find((g) => victims.has(g.owner)) } : {}),
            ...(all.defeated.length > 0 ? { first: all.defeated[0] } : {}),
          });
          // What `spof` names of a hidden failure: the gates of `defeated` whose owner goes down (critical, or any), the first few and the count.
          const downVictims = new Set(all.down);
          const sample = (gates: typeof all.defeated, shown: number) => ({ first: gates.slice(0, shown), count: gates.length });
          for (const shown of [0, 1, 2, 3]) {
            expect(ranking.defeatedGates(ranking.positionOf(f.fault), shown)).toEqual({
              onCritical: sample(
                all.defeated.filter((g) => victims.has(g.owner)),
                shown,
              ),
              onDown: sample(
                all.defeated.filter((g) => downVictims.has(g.owner)),
                shown,
              ),
            });
          }
        }
      }),
      propertyRuns(20240611, 150),
    );
  });

  it('and every node’s killers are exactly the failures that take it down, or leave it not up', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom<'down' | 'notUp'>('down', 'notUp'), (specs, layer) => {
        const graph = compile(model(`${manifest(specs)}\n`));
        const ranking = rankFailures(graph, { wordsPerRow: 1 });
        const space = failureSpace(graph);
        const state = new Propagator(graph);
        const expected = new Map<number, number[]>();
        for (let v = 0; v < graph.size; v++) expected.set(v, []);
        for (const node of space.nodes) {
          state.run([{ node, down: true, cause: CAUSE_FAULT, source: -1 }]);
          for (let v = 0; v < graph.size; v++) {
            if (layer === 'down' ? state.isDown(v) : state.isNotUp(v)) expected.get(v)!.push(ranking.positionOf(node));
          }
        }
        const all = ranking.killersOf([...expected.keys()], layer);
        for (const [v, list] of expected) expect(all.get(v)).toEqual(list.sort((a, b) => a - b));
        const one = graph.size - 1;
        expect(ranking.killers(one, layer)).toEqual(expected.get(one));
        for (let c = 0; c < graph.components; c++) if (graph.componentAt[c]!.isJourney) expect(ranking.positionOf(c)).toBe(-1);
      }),
      propertyRuns(7, 80),
    );
  });

  it('and killers recorded in the ranking’s own sweep (`recordKillers`) are those of a separate sweep, which equal simulation', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom(1, 2, 16), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (specs, wordsPerRow, placements, pick) => {
        const graph = compile(model(`${manifest(specs)}\n`));
        // Some engine nodes (components, replicas, gates), the last one twice.
        const recorded = Array.from({ length: graph.size }, (_, v) => v).filter((v) => ((pick >>> (v % 31)) & 1) === 1);
        if (recorded.length > 0) recorded.push(recorded[recorded.length - 1]!);
        const withRecord = rankFailures(graph, { wordsPerRow, placements, recordKillers: recorded });
        const plain = rankFailures(graph, { wordsPerRow, placements });
        expect(withRecord.failures).toEqual(plain.failures);
        expect(withRecord.killersOf(recorded, 'down')).toEqual(plain.killersOf(recorded, 'down'));
        const space = failureSpace(graph, { placements });
        const state = new Propagator(graph);
        const expected = new Map<number, number[]>(recorded.map((v) => [v, []]));
        for (const node of space.nodes) {
          state.run([{ node, down: true, cause: CAUSE_FAULT, source: -1 }]);
          for (const [v, list] of expected) if (state.isDown(v)) list.push(withRecord.positionOf(node));
        }
        for (const [v, list] of expected) expect(withRecord.killers(v)).toEqual(list.sort((a, b) => a - b));
      }),
      propertyRuns(20261208, 80),
    );
  });
});
