/**
 * `faultline test`: scenario files checked by simulation, as CI runs them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';
import { sarifValidator } from '../packages/core/src/format/sarif-schema.test-support.js';

describe('faultline test', () => {
  it("passes the example shop's promises (exit 0)", () => {
    const r = faultline(['test', 'fixtures/scenarios/example.scenarios.yaml']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('5 scenarios: 5 passed, 0 failed');
  });

  it('the e-commerce case fails before the fix and passes after it', () => {
    const before = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml']);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('ecommerce-site must stay up but is down  fixtures/scenarios/ecommerce-dev341.scenarios.yaml:14:12');
    expect(before.stdout).toContain('ecommerce-site needs lb → lb needs web → web runs in az1 → az1 failed (fault)');
    expect(faultline(['test', 'fixtures/scenarios/ecommerce-dev341-fixed.scenarios.yaml']).code).toBe(0);
  });

  it('the FIS walkthrough: terminating one instance leaves the site up; the ladder breaks at the region', () => {
    const r = faultline(['test', 'fixtures/scenarios/fis-walkthrough.scenarios.yaml', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const [one, ladder] = out.files[0].scenarios;
    expect(one).toMatchObject({ name: 'terminate one instance of the Auto Scaling group', passed: true });
    expect(one.rungs[0].choices).toBe(2);
    expect(ladder.passed).toBe(false);
    expect(ladder.rungs.map((r: { name: string }) => r.name)).toEqual(['one instance', 'one zone', 'one region']);
    expect(ladder.rungs[2].violations[0]).toMatchObject({ expectation: 'up', id: 'alb', actual: 'down', line: 21 });
  });

  it('writes JUnit XML for CI test tabs', () => {
    const r = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', 'fixtures/scenarios/ecommerce-dev341-fixed.scenarios.yaml', '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="faultline" tests="6" failures="2">/);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(6);
    expect(r.stdout.match(/<failure /g)).toHaveLength(2);
  });

  it('--manifest tests the same promises against another architecture', () => {
    const r = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', '--manifest', 'fixtures/ecommerce-dev341-fixed.yaml']);
    expect(r.code).toBe(0);
  });

  it('bad scenario files exit 2 with file:line:col and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-scenarios-'));
    const bad = join(dir, 'bad.scenarios.yaml');
    writeFileSync(
      bad,
      `apiVersion: faultline/v1\nmanifests: [${join(ROOT, 'fixtures/fis-walkthrough.yaml')}]\nscenarios:\n  - name: x\n    faults: [web-asgg]\n    expect: { up: [albb] }\n`,
    );
    const r = faultline(['test', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.scenarios.yaml:6:20: error: unknown component "albb" in scenario "x" (did you mean "alb"?)');
    expect(r.stderr).toContain('bad.scenarios.yaml:5:14: error: unknown component "web-asgg" (did you mean "web-asg"?)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes SARIF that validates, one result per broken promise at its line in the scenario file', () => {
    const r = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['scenario-hypothesis']);
    expect(
      run.results.map(
        (x: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
          `${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`,
      ),
    ).toEqual(['fixtures/scenarios/ecommerce-dev341.scenarios.yaml:14', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml:18']);
    expect(run.results[0].message.text).toContain('ecommerce-site needs lb → lb needs web → web runs in az1 → az1 failed (fault)');
  });

  it('writes GitHub annotations on the lines of the broken promises', () => {
    const r = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::error file=fixtures/scenarios/ecommerce-dev341.scenarios.yaml,line=14,col=12,endLine=14,endColumn=26,title=scenario-hypothesis::scenario "lose az1": ecommerce-site must stay up but is down%0Aecommerce-site needs lb → lb needs web → web runs in az1 → az1 failed (fault)%0Afaults: az1 → 4 down, 0 degraded, impact 10',
    );
    expect(lines.at(-1)).toBe('faultline test: 3 scenarios, 1 passed, 2 failed');
  });

  it('writes Markdown for a PR comment, and a passing run says so', () => {
    const failing = faultline(['test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', '--format', 'markdown']);
    expect(failing.stdout.split('\n')[0]).toBe('### faultline test: ❌ 2 of 3 scenarios failed (2 broken promises)');
    const passing = faultline(['test', 'fixtures/scenarios/ecommerce-dev341-fixed.scenarios.yaml', '--format', 'markdown']);
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n')[0]).toBe('### faultline test: ✅ all 3 scenarios hold');
  });

  it('-o writes the report to a file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'faultline-junit-')), 'junit.xml');
    const r = faultline(['test', 'fixtures/scenarios/fis-walkthrough.scenarios.yaml', '--format', 'junit', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^faultline: a promise is broken; report written to /);
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml /);
  });
});
