/**
 * Numbers a manifest may hold are bounded so the engine's sums stay exact:
 * a replica count past 2^31 overflowed the compiled graph's 32-bit
 * thresholds (a component with 2.1 billion replicas left was reported down),
 * and `weight: 1e308` made impact Infinity (null in JSON). The load refuses
 * them, so lint and simulate agree.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { simulate } from '../engine/simulate.js';
import { MAX_REPLICAS, MAX_WEIGHT } from '../limits.js';
import { loadManifests } from './loader.js';

function problems(components: string): string[] {
  const result = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\ncomponents:\n  z: { kind: zone }\n  y: { kind: zone }\n${components}` }]);
  expect(result.model).toBeUndefined();
  return result.diagnostics.map(formatDiagnostic);
}

describe('limits on the numbers of a manifest', () => {
  it('a replica count past the limit is an error at the count', () => {
    expect(problems('  a: { kind: service, in: { z: 2147483648 } }\n')).toEqual([
      "m.yaml:5:32: error: a.in.z: must be at most 1000000, found 2147483648 (a limit that keeps the engine's sums exact; see docs/limits.md)",
    ]);
  });

  it('replicas within the limit per placement but past it in all are an error at "in"', () => {
    expect(problems(`  a: { kind: service, in: { z: ${MAX_REPLICAS}, y: 1 } }\n`)).toEqual([
      "m.yaml:5:27: error: a has 1,000,001 replicas in all, more than 1,000,000 (model them as fewer, larger units; the limit keeps the engine's counts exact, see docs/limits.md)",
    ]);
  });

  it('minHealthy, weight, retries and timeoutMs past their limits', () => {
    const found = problems(
      '  a: { kind: service, in: z, minHealthy: 5000000000, weight: 1e308 }\n  b: { kind: service, dependsOn: [{ target: a, retries: 1e12, timeoutMs: 1e300 }] }\n',
    );
    expect(found.map((p) => p.replace(/ \(a limit.*$/, ''))).toEqual([
      'm.yaml:5:42: error: a.minHealthy: must be at most 1000000, found 5000000000',
      'm.yaml:5:62: error: a.weight: must be at most 1000000000, found 1e+308',
      'm.yaml:6:57: error: b.dependsOn[0].retries: must be at most 1000, found 1000000000000',
      'm.yaml:6:74: error: b.dependsOn[0].timeoutMs: must be at most 2147483647, found 1e+300',
    ]);
  });

  it('at the limits the engine counts exactly: the largest component keeps its replicas, impact is finite', () => {
    const text = `apiVersion: faultline/v1\ncomponents:\n  z: { kind: zone }\n  y: { kind: zone }\n  a: { kind: service, in: { z: ${MAX_REPLICAS - 1}, y: 1 }, minHealthy: ${MAX_REPLICAS - 1}, weight: ${MAX_WEIGHT} }\n  b: { kind: service, weight: ${MAX_WEIGHT}, dependsOn: [a] }\n`;
    const model = loadManifests([{ path: 'm.yaml', text }]).model!;
    expect(simulate(model, [{ target: 'y' }]).summary.down).toBe(1); // y alone
    const lost = simulate(model, [{ target: 'z' }]);
    expect(lost.summary.down).toBe(3); // z, a, b
    expect(lost.summary.impact).toBe(2 * MAX_WEIGHT);
  });
});

describe('terminal escape sequences', () => {
  it('in a key or a value are shown as escapes in every diagnostic', () => {
    expect(problems('  a: { kind: service, owner: 7, "\\e[31mkey\\u202e": 1 }\n')).toEqual([
      'm.yaml:5:30: error: a.owner: expected a string, found number 7 (quote the value)',
      'm.yaml:5:33: error: unknown field "\\x1b[31mkey\\u202e" in a (allowed: kind, in, minHealthy, scope, plane, critical, weight, availability, dependsOn, monitors, owner, tags, description, aliases)',
    ]);
  });
});
