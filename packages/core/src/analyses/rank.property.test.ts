/**
 * The bitset DP against the oracle: on random graphs with cycles, soft edges,
 * anyOf/quorum groups and weighted placements, every single failure's counts,
 * impact, critical victims and hidden flag must equal repeated simulation,
 * and every node's killers must equal the failures whose simulation takes it
 * down (ALGORITHMS.md §4.8).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { Propagator, CAUSE_FAULT } from '../propagate.js';
import { model } from '../test-support.js';
import { failureSpace } from './failure-space.js';
import { failuresBySimulation } from './rank-oracle.js';
import { rankFailures } from './rank.js';

interface Spec {
  readonly critical: boolean | undefined;
  readonly weight: number;
  readonly placements: readonly (readonly [number, number])[];
  readonly minHealthy: number;
  readonly deps: readonly { readonly targets: readonly number[]; readonly need: number; readonly soft: boolean; readonly group: boolean }[];
}

const specArb = (n: number): fc.Arbitrary<Spec> =>
  fc.record({
    critical: fc.option(fc.boolean(), { nil: undefined }),
    weight: fc.constantFrom(0, 0.5, 1, 2, 3.25),
    placements: fc.array(fc.tuple(fc.nat(n - 1), fc.integer({ min: 1, max: 3 })), { maxLength: 3 }),
    minHealthy: fc.integer({ min: 1, max: 6 }),
    deps: fc.array(
      fc.record({ targets: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 4 }), need: fc.integer({ min: 1, max: 4 }), soft: fc.boolean(), group: fc.boolean() }),
      { maxLength: 4 },
    ),
  });

const graphArb = fc.integer({ min: 2, max: 22 }).chain((n) => fc.array(specArb(n), { minLength: n, maxLength: n }));

/** Writes a valid manifest: no self references, no duplicates, need and minHealthy within range. */
function manifest(specs: readonly Spec[]): string {
  const anyCritical = specs.some((s) => s.critical === true);
  return specs
    .map((s, i) => {
      const fields = [`kind: ${i % 5 === 0 ? 'zone' : 'service'}`, `weight: ${s.weight}`];
      if (anyCritical && s.critical !== undefined) fields.push(`critical: ${s.critical}`);
      const placements = new Map<number, number>();
      for (const [d, r] of s.placements) if (d !== i && !placements.has(d)) placements.set(d, r);
      if (placements.size > 0) {
        let total = 0;
        for (const r of placements.values()) total += r;
        fields.push(`in: { ${[...placements].map(([d, r]) => `c${d}: ${r}`).join(', ')} }`, `minHealthy: ${Math.min(s.minHealthy, total)}`);
      }
      const deps: string[] = [];
      for (const d of s.deps) {
        const targets = [...new Set(d.targets.filter((t) => t !== i))];
        if (targets.length === 0) continue;
        const mode = d.soft ? ', mode: soft' : '';
        if (d.group) deps.push(`{ anyOf: [${targets.map((t) => `c${t}`).join(', ')}], need: ${Math.min(d.need, targets.length)}${mode} }`);
        else deps.push(`{ target: c${targets[0]}${mode} }`);
      }
      if (deps.length > 0) fields.push(`dependsOn: [${deps.join(', ')}]`);
      return `  c${i}: { ${fields.join(', ')} }`;
    })
    .join('\n');
}

describe('rankFailures (bitset DP) equals repeated simulation', () => {
  it('on random graphs with cycles and mixed gates, for every failure and every chunk size', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom(1, 2, 64), (specs, wordsPerRow) => {
        const graph = compile(model(`${manifest(specs)}\n`));
        const expected = new Map(failuresBySimulation(graph).map((f) => [f.fault, f]));
        const ranking = rankFailures(graph, { wordsPerRow });
        expect(ranking.failures).toHaveLength(expected.size);
        for (const f of ranking.failures) expect(f).toEqual(expected.get(f.fault));
      }),
      { numRuns: 300, seed: 20240611 },
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
          state.run([{ node, down: true, cause: CAUSE_FAULT, edge: -1 }]);
          for (let v = 0; v < graph.size; v++) {
            if (layer === 'down' ? state.isDown(v) : state.isNotUp(v)) expected.get(v)!.push(ranking.positionOf(node));
          }
        }
        const all = ranking.killersOf([...expected.keys()], layer);
        for (const [v, list] of expected) expect(all.get(v)).toEqual(list.sort((a, b) => a - b));
        const one = graph.size - 1;
        expect(ranking.killers(one, layer)).toEqual(expected.get(one));
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
