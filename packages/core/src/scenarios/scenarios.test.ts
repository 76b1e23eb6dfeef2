import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { formatScenariosJunit, formatScenariosText } from '../format/scenarios.js';
import { model, modelOf, SCENARIO_SHOP } from '../test-support.js';
import { checkScenario, runScenario } from './evaluate.js';
import { loadScenarios, type Scenario } from './load.js';

const shop = model(SCENARIO_SHOP);

function scenarios(body: string, path = 'resilience.yaml'): Scenario[] {
  const r = loadScenarios([{ path, text: `apiVersion: faultline/v1\nscenarios:\n${body}` }]);
  if (r.diagnostics.length) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return [...r.files[0]!.scenarios];
}

function errors(text: string): string[] {
  return loadScenarios([{ path: 's.yaml', text }]).diagnostics.map(formatDiagnostic);
}

describe('a scenario', () => {
  it('passes when the hypothesis holds', () => {
    const [s] = scenarios(`
  - name: one instance
    faults: [web@az-a]
    expect: { up: [site, web], maxDown: 0, maxImpact: 0 }
`);
    const r = runScenario(shop, s!);
    expect(r.passed).toBe(true);
    expect(r.rungs[0]!.faults).toEqual(['web@az-a']);
  });

  it('fails with the chain of causes of each violating component, at the line of the promise', () => {
    const [s] = scenarios(`
  - name: lose a zone
    faults: [az-a]
    expect:
      up: [site]
`);
    const r = runScenario(shop, s!);
    expect(r.passed).toBe(false);
    const v = r.rungs[0]!.violations[0]!;
    expect(v).toMatchObject({ expectation: 'up', id: 'site', actual: 'down', message: 'site must stay up but is down' });
    expect(v.at).toMatchObject({ file: 'resilience.yaml', line: 7, col: 12 });
    expect(v.chain!.map((c) => c.id)).toEqual(['site', 'api', 'az-a']);
  });

  it('pins accepted outages: expected down passes, and fails once the component survives', () => {
    const [down, survives] = scenarios(`
  - name: db zone
    faults: [az-b]
    expect: { down: [db, api, site], atMostDegraded: [web] }
  - name: a web replica
    faults: [web@az-a]
    expect: { down: [web] }
`);
    expect(runScenario(shop, down!).passed).toBe(true);
    const r = runScenario(shop, survives!);
    expect(r.rungs[0]!.violations[0]!.message).toBe('web is expected down (an accepted outage) but is up: update the scenario');
  });

  it('checks atMostDegraded, maxDown and maxImpact', () => {
    const [s] = scenarios(`
  - name: db
    faults: [db]
    expect: { atMostDegraded: [web, site], maxDown: 0, maxImpact: 4 }
`);
    const r = runScenario(shop, s!);
    expect(r.rungs[0]!.violations.map((v) => v.expectation)).toEqual(['maxDown', 'maxImpact']);
    expect(r.rungs[0]!.summary).toMatchObject({ down: 1, degraded: 2, impact: 5 });
  });
});

describe('FIS-like targets', () => {
  it('count: every choice of n targets must hold', () => {
    const [one, two] = scenarios(`
  - name: any one api instance
    faults: [{ select: "id=api", count: 1 }]
    expect: { up: [web] }
  - name: any two web placements
    faults: [{ select: "id=web", count: 2 }]
    expect: { up: [web] }
`);
    const r1 = runScenario(shop, one!);
    expect(r1.passed).toBe(true);
    expect(r1.rungs[0]!.choices).toBe(2);
    const r2 = runScenario(shop, two!);
    expect(r2.passed).toBe(false);
    expect(r2.rungs[0]!.faults).toEqual(['web@az-a', 'web@az-b']);
  });

  it('percent: rounds up, over the pool of every placement of every match', () => {
    const [s] = scenarios(`
  - name: half of the zones' services
    faults: [{ select: "kind=service in=az-a", percent: 50 }]
    expect: { up: [web] }
`);
    const r = runScenario(shop, s!);
    expect(r.rungs[0]!.choices).toBe(2);
    expect(r.passed).toBe(true);
  });

  it('stops at the choice budget and says so', () => {
    const [s] = scenarios(`
  - name: one of anything
    faults: [{ select: "kind=zone", count: 1 }]
    expect: { up: [region] }
`);
    const r = runScenario(shop, s!, { maxChoices: 1 });
    expect(r.rungs[0]!).toMatchObject({ passed: true, choices: 1, truncated: true });
  });
});

describe('an escalation ladder', () => {
  const [ladder] = scenarios(`
  - name: escalate
    ladder:
      - { name: one instance, faults: [web@az-a] }
      - { name: one zone, faults: [az-a] }
      - { name: the region, faults: [region] }
    expect: { up: [site] }
`);
  it('reports the first rung where the hypothesis breaks, and stops there', () => {
    const r = runScenario(shop, ladder!);
    expect(r.passed).toBe(false);
    expect(r.rungs.map((x) => `${x.name}:${x.passed}`)).toEqual(['one instance:true', 'one zone:false']);
    const text = formatScenariosText([{ path: 'resilience.yaml', manifests: ['shop.yaml'], results: [r] }]);
    expect(text).toContain('✖ escalate — breaks at rung 2 of 3, "one zone"');
    expect(text).toContain('site must stay up but is down  resilience.yaml:');
    expect(text.trim().split('\n').at(-1)).toBe('1 scenario: 0 passed, 1 failed');
  });
  it('writes JUnit XML with a failure per broken scenario, escaped', () => {
    const r = runScenario(shop, ladder!);
    const xml = formatScenariosJunit([{ path: 'a&b.yaml', manifests: [], results: [r] }]);
    expect(xml).toContain('<testsuite name="a&amp;b.yaml" tests="1" failures="1"');
    expect(xml).toContain('<failure type="hypothesis" message="site must stay up but is down">');
  });
});

describe('bad scenario files', () => {
  it('report each problem at file:line:col', () => {
    expect(errors('apiVersion: faultline/v1\nscenarios:\n  - name: x\n    fautls: [a]\n    expect: {}\n')).toEqual([
      's.yaml:4:5: error: unknown field "fautls" in scenarios[0] (did you mean "faults"?)',
    ]);
    expect(errors('apiVersion: faultline/v1\nscenarios:\n  - name: x\n    faults: [a]\n    expect: { up: [a], uup: [b] }\n')).toEqual([
      's.yaml:5:24: error: unknown field "uup" in scenarios[0].expect (did you mean "up"?)',
    ]);
    expect(errors('apiVersion: faultline/v1\nscenarios:\n  - name: x\n    expect: { up: [a] }\n')).toEqual([
      's.yaml:3:11: error: scenario "x" needs either faults or a ladder (add "faults: [id]")',
    ]);
    expect(errors('apiVersion: faultline/v1\nscenarios:\n  - name: x\n    faults: [{ select: "id=a" }]\n    expect: { up: [a] }\n')).toEqual([
      's.yaml:4:14: error: select "id=a" needs count or percent (one of them) (e.g. { select: "id=web", count: 1 }, or use target to fail every match)',
    ]);
    expect(errors('apiVersion: faultline/v1\nscenarios:\n  - name: x\n    faults: [{ target: a, effect: broken }]\n    expect: { up: [a] }\n')).toEqual([
      's.yaml:4:35: error: scenarios[0].faults[0].effect: expected one of "down", "degraded", "slow", found "broken"',
    ]);
    expect(errors('apiVersion: faultline/v1\nscenarios: [\n')[0]).toMatch(/^s\.yaml:3:1: error: /);
  });
  it('report unknown ids in hypotheses and faults at their lines, with a hint', () => {
    const [s] = scenarios(`
  - name: typo
    faults: [web@az-c, dbb]
    expect: { up: [sitee] }
`);
    expect(checkScenario(shop, s!).map(formatDiagnostic)).toEqual([
      'resilience.yaml:6:20: error: unknown component "sitee" in scenario "typo" (did you mean "site"?)',
      'resilience.yaml:5:14: error: unknown component "az-c" (did you mean "az-a"?)',
      'resilience.yaml:5:24: error: unknown component "dbb" (did you mean "db"?)',
    ]);
  });
});

describe('a scenario naming components by ref', () => {
  const catalog = modelOf([
    'catalog-info.yaml',
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, namespace: payments }
spec: { type: service, owner: a, dependsOn: [resource:ledger-db] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: ledger-db, namespace: payments }
spec: { type: database, owner: a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger, namespace: billing }
spec: { type: service, owner: a }
`,
  ]);

  it('fails and checks components named as the catalog names them', () => {
    const [s] = scenarios(`
  - name: the ledger database
    faults: [resource:ledger-db]
    expect: { down: [component:payments/ledger], up: [billing/ledger] }
`);
    expect(checkScenario(catalog, s!)).toEqual([]);
    const r = runScenario(catalog, s!);
    expect(r.passed).toBe(true);
  });

  it('reports an ambiguous ref at its line, with the candidates', () => {
    const [s] = scenarios(`
  - name: ambiguous
    faults: [ledger]
    expect: { up: [ledger] }
`);
    expect(checkScenario(catalog, s!).map(formatDiagnostic)).toEqual([
      'resilience.yaml:6:20: error: "ledger" names 2 components: payments.ledger (component:payments/ledger), billing.ledger (component:billing/ledger) in scenario "ambiguous" (name one by its id or its full ref: kind:namespace/name, kind/namespace/name)',
      'resilience.yaml:5:14: error: "ledger" names 2 components: payments.ledger (component:payments/ledger), billing.ledger (component:billing/ledger) (name one by its id or its full ref: kind:namespace/name, kind/namespace/name)',
    ]);
  });
});
