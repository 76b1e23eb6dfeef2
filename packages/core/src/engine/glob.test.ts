/**
 * Selector globs (`--fail "id=*a*b"`, and the same selectors in scenario
 * files) match in linear time: a regex backtracked exponentially, so a
 * pull request could hang the check with a dozen stars.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../load/loader.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { runScenario } from '../scenarios/evaluate.js';
import { loadScenarios } from '../scenarios/load.js';
import { matches } from './faults.js';
import { simulate } from './simulate.js';

/** The old matcher, as the oracle: correct, but exponential on hostile patterns. */
function byRegex(actual: string, pattern: string): boolean {
  const escaped = pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(actual);
}

const hostile = `${'*a'.repeat(30)}*b`;
const text = 'a'.repeat(5000);

describe('selector globs', () => {
  it('agree with a regular expression on short texts', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 8 });
    const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '-', '*'), maxLength: 8 });
    fc.assert(
      fc.property(word, pattern, (w, p) => matches(w, p) === byRegex(w, p)),
      propertyRuns(17, 2000),
    );
  });

  it('a pattern of 30 stars against a 5,000-character text answers at once', () => {
    expect(matches(text, hostile)).toBe(false);
    expect(matches(`${text}b`, hostile)).toBe(true);
  });

  it('from --fail and from a scenario file', () => {
    const manifest = `apiVersion: faultline/v1\ncomponents:\n  ${text}: { kind: service }\n  ${text}b: { kind: service }\n`;
    const model = loadManifests([{ path: 'm.yaml', text: manifest }]).model!;
    expect(simulate(model, [{ target: `id=${hostile}` }]).nodes.map((n) => n.id)).toEqual([`${text}b`]);
    const scenarios = loadScenarios([
      { path: 's.yaml', text: `apiVersion: faultline/v1\nscenarios:\n  - name: stars\n    faults: ["id=${hostile}"]\n    expect: { down: ["${text}b"] }\n` },
    ]);
    expect(scenarios.diagnostics).toEqual([]);
    expect(runScenario(model, scenarios.files[0]!.scenarios[0]!).passed).toBe(true);
  });
});

describe('selector terms', () => {
  it('a key given twice is an error, not the last one silently kept', () => {
    const model = loadManifests([{ path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  d: { kind: dns }\n  c: { kind: cdn }\n' }]).model!;
    expect(() => simulate(model, [{ target: 'kind=dns kind=cdn' }])).toThrow('"kind=" is given twice in "kind=dns kind=cdn"');
    expect(simulate(model, [{ target: 'kind=dns,cdn' }]).summary.down).toBe(2);
  });
});
