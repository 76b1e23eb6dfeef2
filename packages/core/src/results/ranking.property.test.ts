/**
 * A ranking through its parts and bytes and back answers exactly as the
 * ranking it was taken from, on random graphs; bytes that are not such a
 * ranking of this graph are no ranking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import { compile } from '../engine/compile.js';
import { model } from '../test-support.js';
import { rankFailures } from '../analyses/rank.js';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { decodeRanking, encodeRanking, rankingParts, restoreRanking } from './ranking.js';

const graphArb = fc.integer({ min: 2, max: 16 }).chain((n) => fc.array(specArb(n, { weights: true, maxDeps: 4 }), { minLength: n, maxLength: n }));

describe('a ranking kept as bytes', () => {
  it('restores to the same failures, details, gates, positions and killers', () => {
    fc.assert(
      fc.property(graphArb, fc.constantFrom(0, 3, 10), (specs, listed) => {
        const graph = compile(model(`${manifest(specs)}\n`));
        const ranking = rankFailures(graph, { listed });
        const bytes = encodeRanking(rankingParts(ranking), graph)!;
        // At an odd offset inside a larger buffer, as a file read into a pooled Buffer would be.
        const pooled = new Uint8Array(bytes.length + 7);
        pooled.set(bytes, 3);
        expect(decodeRanking(pooled.subarray(3, 3 + bytes.length), graph)).toStrictEqual(decodeRanking(bytes, graph));
        const parts = decodeRanking(bytes, graph)!;
        const restored = restoreRanking(graph, parts, { listed })!;
        expect(restored.failures).toStrictEqual(ranking.failures);
        expect(restored.listed).toBe(ranking.listed);
        for (let i = 0; i < ranking.failures.length; i++) {
          expect(restored.detail(i)).toStrictEqual(ranking.detail(i));
          expect(restored.namedGates(i)).toStrictEqual(ranking.namedGates(i));
          expect(restored.defeatedGates(i, 1)).toStrictEqual(ranking.defeatedGates(i, 1));
        }
        for (let v = 0; v < graph.size; v++) {
          expect(restored.positionOf(v)).toBe(ranking.positionOf(v));
          expect(restored.killers(v, 'notUp')).toEqual(ranking.killers(v, 'notUp'));
        }
        // Truncated, extended, or another graph's: none decodes.
        expect(decodeRanking(bytes.subarray(0, bytes.length - 1), graph)).toBeUndefined();
        expect(decodeRanking(new Uint8Array([...bytes, 0]), graph)).toBeUndefined();
        expect(decodeRanking(new Uint8Array(3), graph)).toBeUndefined();
        const other = compile(model(`${manifest(specs)}\n  extra-node: { kind: service }\n`));
        expect(decodeRanking(bytes, other)).toBeUndefined();
      }),
      propertyRuns(20261208, 40),
    );
  });

  it('keeps no ranking whose fault UTF-8 cannot carry, and restores none whose nodes do not fit the graph', () => {
    const graph = compile(model('  a: { kind: service, critical: true, dependsOn: [b] }\n  b: { kind: database }\n'));
    const ranking = rankFailures(graph);
    const parts = rankingParts(ranking);
    const lone = { ...parts, failures: parts.failures.map((f, i) => (i === 0 ? { ...f, fault: '\ud800' } : f)) };
    expect(encodeRanking(lone, graph)).toBeUndefined();
    expect(restoreRanking(graph, { ...parts, nodes: parts.nodes.map(() => 0) })).toBeUndefined();
    expect(restoreRanking(graph, { ...parts, nodes: parts.nodes.subarray(1) })).toBeUndefined();
  });
});
