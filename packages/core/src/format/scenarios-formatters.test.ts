import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { runScenario } from '../scenarios/evaluate.js';
import { loadScenarios } from '../scenarios/load.js';
import { model, SCENARIO_SHOP } from '../test-support.js';
import { plain } from './paint.js';
import type { ScenarioFileResult } from './scenarios.js';
import { SCENARIO_FORMAT_NAMES, SCENARIO_FORMATTERS } from './scenarios-formatters.js';
import { scenarioFindings } from './scenarios-findings.js';
import { sarifValidator } from './sarif-schema.test-support.js';

const shop = model(SCENARIO_SHOP);

// A file name and a scenario name full of characters that mean something to annotations, Markdown and HTML.
const FILE = 'ops/resilience,eu:1.scenarios.yaml';
const TEXT = `apiVersion: faultline/v1
scenarios:
  - name: "lose a zone | <b>100%</b>, *now*"
    faults: [az-a]
    expect:
      up: [site]
      maxDown: 1
  - name: one instance
    faults: [web@az-a]
    expect: { up: [site] }
  - name: escalate
    ladder:
      - { name: one instance, faults: [web@az-a] }
      - { name: one zone, faults: [az-b] }
    expect: { atMostDegraded: [site] }
`;

function results(): ScenarioFileResult[] {
  const loaded = loadScenarios([{ path: FILE, text: TEXT }]);
  if (loaded.diagnostics.length) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  const file = loaded.files[0]!;
  return [{ path: FILE, manifests: ['shop.yaml'], model: 'shop', results: file.scenarios.map((s) => runScenario(shop, s)) }];
}

describe('broken promises as findings', () => {
  it('one error per violation at the line of the promise, with the chain and the faults as details', () => {
    const findings = scenarioFindings(results());
    expect(findings.map((f) => [f.rule, f.severity, f.target, `${f.at.line}:${f.at.col}`, f.message])).toEqual([
      ['scenario-hypothesis', 'error', 'site', '6:12', 'scenario "lose a zone | <b>100%</b>, *now*": site must stay up but is down'],
      ['scenario-hypothesis', 'error', 'lose a zone | <b>100%</b>, *now*', '7:16', 'scenario "lose a zone | <b>100%</b>, *now*": 3 components down, more than maxDown 1'],
      ['scenario-hypothesis', 'error', 'site', '15:32', 'scenario "escalate", rung 2 of 2 "one zone": site may degrade but is down'],
    ]);
    expect(findings[0]!.details).toEqual(['site needs api → api runs in az-a → az-a failed (fault)', 'faults: az-a → 3 down, 0 degraded, impact 10']);
  });

  it('identifies a finding by scenario and promise, not by line', () => {
    const before = scenarioFindings(results()).map((f) => f.subject);
    const moved = loadScenarios([{ path: FILE, text: TEXT.replace('scenarios:\n', 'scenarios:\n\n\n') }]);
    const after = scenarioFindings([{ path: FILE, manifests: [], model: 'shop', results: moved.files[0]!.scenarios.map((s) => runScenario(shop, s)) }]);
    expect(after.map((f) => f.at.line)).toEqual([8, 9, 17]);
    expect(after.map((f) => f.subject)).toEqual(before);
    expect(new Set(before.map((s) => JSON.stringify(s))).size).toBe(3);
  });
});

describe('faultline test formats', () => {
  it('offers every lint format plus JUnit', () => {
    expect(SCENARIO_FORMAT_NAMES).toEqual(['text', 'json', 'sarif', 'markdown', 'github', 'junit']);
  });

  it('sarif: validates against the SARIF 2.1.0 schema and has what GitHub code scanning requires', () => {
    const validate = sarifValidator();
    const log = JSON.parse(SCENARIO_FORMATTERS.sarif(results(), { version: '1.2.3' }));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'faultline', semanticVersion: '1.2.3' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['scenario-hypothesis']);
    expect(run.tool.driver.rules[0]).toMatchObject({ defaultConfiguration: { level: 'error' } });
    expect(run.tool.driver.rules[0].helpUri).toBeUndefined();
    expect(run.tool.driver.rules[0].help.markdown).toContain('`docs/scenarios.md` in the faultline repository');
    expect(run.results).toHaveLength(3);
    for (const r of run.results) {
      expect(r).toMatchObject({ ruleId: 'scenario-hypothesis', ruleIndex: 0, level: 'error' });
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('ops/resilience%2Ceu%3A1.scenarios.yaml');
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(run.results[0].locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 12, endLine: 6, endColumn: 16 });
    expect(run.results[0].message.text).toBe(
      'scenario "lose a zone | <b>100%</b>, *now*": site must stay up but is down.\nsite needs api → api runs in az-a → az-a failed (fault)\nfaults: az-a → 3 down, 0 degraded, impact 10',
    );
    expect(run.results[2].relatedLocations[0]).toMatchObject({ id: 1, message: { text: 'one zone' }, physicalLocation: { region: { startLine: 14 } } });
    expect(run.invocations[0].properties).toEqual({ scenarios: 3, passed: 1, failed: 2 });
  });

  it('github: one escaped annotation per broken promise with its chain, then a summary line', () => {
    expect(SCENARIO_FORMATTERS.github(results()).split('\n')).toEqual([
      '::error file=ops/resilience%2Ceu%3A1.scenarios.yaml,line=6,col=12,endLine=6,endColumn=16,title=scenario-hypothesis::scenario "lose a zone | <b>100%25</b>, *now*": site must stay up but is down%0Asite needs api → api runs in az-a → az-a failed (fault)%0Afaults: az-a → 3 down, 0 degraded, impact 10',
      '::error file=ops/resilience%2Ceu%3A1.scenarios.yaml,line=7,col=16,endLine=7,endColumn=17,title=scenario-hypothesis::scenario "lose a zone | <b>100%25</b>, *now*": 3 components down, more than maxDown 1%0Afaults: az-a → 3 down, 0 degraded, impact 10',
      '::error file=ops/resilience%2Ceu%3A1.scenarios.yaml,line=15,col=32,endLine=15,endColumn=36,title=scenario-hypothesis::scenario "escalate", rung 2 of 2 "one zone": site may degrade but is down%0Asite needs api → api runs in az-b → az-b failed (fault)%0Afaults: az-b → 4 down, 1 degraded, impact 10',
      'faultline test: 3 scenarios, 1 passed, 2 failed',
      '',
    ]);
  });

  it("github: keeps GitHub's limit of 10 annotations per step and says how many more there are", () => {
    const [file] = results();
    const many: ScenarioFileResult = { ...file!, results: Array.from({ length: 12 }, () => file!.results[2]!) };
    const lines = SCENARIO_FORMATTERS.github([many]).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.at(-2)).toMatch(/^::notice title=faultline::2 more findings are not annotated/);
    expect(lines.at(-1)).toBe('faultline test: 12 scenarios, 0 passed, 12 failed');
  });

  it('markdown: a verdict, a table of broken promises with their chains, the held scenarios collapsed; manifest text escaped', () => {
    const md = SCENARIO_FORMATTERS.markdown(results());
    expect(md.split('\n').slice(0, 5)).toEqual([
      '### faultline test: ❌ 2 of 3 scenarios failed (3 broken promises)',
      '',
      '1 scenario file · manifests: shop.yaml.',
      '',
      '| | Scenario | Where | Broken promise |',
    ]);
    expect(md).toContain(
      '| 🔴 | "lose a zone \\| &lt;b&gt;100%&lt;/b&gt;, \\*now\\*" | ops/resilience,eu:1.scenarios.yaml:6:12 | site must stay up but is down<br>↳ site needs api → api runs in az-a → az-a failed (fault)<br>↳ faults: az-a → 3 down, 0 degraded, impact 10 |',
    );
    expect(md).toContain('| 🔴 | "escalate", rung 2 of 2 "one zone" |');
    expect(md).toContain('<details><summary>1 scenario held</summary>\n\n- ✔ one instance\n\n</details>');
    expect(md).not.toContain('<b>');
    const ok = SCENARIO_FORMATTERS.markdown([{ ...results()[0]!, results: [results()[0]!.results[1]!] }]);
    expect(ok.split('\n')[0]).toBe('### faultline test: ✅ the scenario holds');
  });

  it('json, text and junit still describe the same results', () => {
    const files = results();
    expect(JSON.parse(SCENARIO_FORMATTERS.json(files)).summary).toEqual({ scenarios: 3, passed: 1, failed: 2 });
    expect(SCENARIO_FORMATTERS.text(files, { paint: plain }).trim().split('\n').at(-1)).toBe('3 scenarios: 1 passed, 2 failed');
    expect(SCENARIO_FORMATTERS.junit(files).match(/<failure /g)).toHaveLength(2);
  });
});
