/**
 * A scenario must promise something (`expect: {}` passed green whatever
 * happened), and a pass over some of the choices only must say so.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { SCENARIO_FORMATTERS } from '../format/scenarios-formatters.js';
import { model, SCENARIO_SHOP } from '../test-support.js';
import { runScenario } from './evaluate.js';
import { loadScenarios } from './load.js';

describe('scenarios that promise nothing', () => {
  it('expect: {} is an error at the expectation, not a green test', () => {
    const text = 'apiVersion: faultline/v1\nscenarios:\n  - name: nothing\n    faults: [a]\n    expect: {}\n  - name: empty lists\n    faults: [a]\n    expect: { up: [] }\n';
    expect(loadScenarios([{ path: 's.yaml', text }]).diagnostics.map(formatDiagnostic)).toEqual([
      's.yaml:5:13: error: scenario "nothing" expects nothing, so it would always pass (say what must hold: up, atMostDegraded, down, maxDown or maxImpact)',
      's.yaml:8:13: error: scenario "empty lists" expects nothing, so it would always pass (say what must hold: up, atMostDegraded, down, maxDown or maxImpact)',
    ]);
  });
});

describe('a pass over some of the choices only', () => {
  it('says so in the JUnit report, where CI shows the test', () => {
    const text = 'apiVersion: faultline/v1\nscenarios:\n  - name: one of anything\n    faults: [{ select: "kind=zone", count: 1 }]\n    expect: { up: [region] }\n';
    const loaded = loadScenarios([{ path: 's.yaml', text }]);
    const results = loaded.files[0]!.scenarios.map((s) => runScenario(model(SCENARIO_SHOP), s, { maxChoices: 1 }));
    expect(results[0]!.passed).toBe(true);
    const junit = SCENARIO_FORMATTERS.junit([{ path: 's.yaml', manifests: [], model: 'shop', results }]);
    expect(junit).toContain('<system-out>budget reached: not every choice was checked (1 checked in one rung; raise --max-choices)</system-out>');
  });
});
