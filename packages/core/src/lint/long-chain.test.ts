/**
 * Lint of a 10,000-long dependency chain: every component is a single point
 * of failure of every component after it, 50 million (failure, victim)
 * pairs. The ranking listed them all (about 1 GB and most of 25 seconds),
 * each finding's `related` held every victim (lint JSON: "Invalid string
 * length"), and each finding's chain ran a whole simulation. Now the output
 * and the work grow linearly with the chain: asserted on sizes and on the
 * propagation's own work counter, never on time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Propagator } from '../engine/propagate.js';
import { formatLintJson } from '../format/lint-json.js';
import { formatLintText, lintTextChunks } from '../format/lint-text.js';
import { loadManifests } from '../load/loader.js';
import { lint } from './lint.js';
import { lintReport } from './report.js';

const N = 10_000;
const lines = ['apiVersion: faultline/v1', 'name: chain', 'components:', '  root: { kind: database }'];
for (let i = 0; i < N; i++) lines.push(`  c${i}: { kind: service, dependsOn: [${i > 0 ? `c${i - 1}` : 'root'}] }`);
const text = `${lines.join('\n')}\n`;
const model = loadManifests([{ path: 'chain.yaml', text }]).model!;

afterEach(() => vi.restoreAllMocks());

describe('lint of a 10,000-long chain', () => {
  it('reports every single point of failure with exact counts, in output and work linear in the chain', () => {
    // Work: every node the propagation engine touches, over the whole lint run.
    let touched = 0;
    const touch = Propagator.prototype.touch;
    vi.spyOn(Propagator.prototype, 'touch').mockImplementation(function (this: Propagator, v: number) {
      touched++;
      touch.call(this, v);
    });
    const result = lint(model, { config: { rules: new Map(), spofWithoutPlacements: 'rule' } });
    const spofs = result.findings.filter((f) => f.rule === 'single-point-of-failure');
    expect(spofs).toHaveLength(N);
    // A whole simulation per finding touched N²/2 = 50,000,000 nodes.
    expect(touched).toBeLessThan(50 * N);
    const root = spofs.find((f) => f.target === 'root')!;
    expect(root.message).toBe(`root is a single point of failure: its failure takes down ${N} critical components (c0, c1, c2, c3, c4 and ${N - 5} more)`);
    expect(root.details).toEqual(['c0 needs root → root failed']);
    expect(spofs.find((f) => f.target === `c${N - 2}`)!.message).toBe(`c${N - 2} is a single point of failure: its failure takes down 1 critical component (c${N - 1})`);
    for (const f of result.findings) expect(f.related.length).toBeLessThanOrEqual(10);

    const report = lintReport([result]);
    const sources = new Map([['chain.yaml', text]]);
    // Quadratic output named every victim of every failure: 50 million ids.
    expect(formatLintText(report, { sources }).length).toBeLessThan(N * 400);
    expect(formatLintJson(report).length).toBeLessThan(N * 1200);
    // The text report comes in pieces of at most a thousand findings.
    const chunks = [...lintTextChunks(report, { sources })];
    expect(chunks.length).toBeGreaterThanOrEqual(N / 1000);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(1000 * 400);
  });
});
