/**
 * `faultline test`: scenario files checked by simulation, as CI runs them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

function faultline(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'packages/cli/dist/main.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('faultline test', () => {
  it('passes the example shop\'s promises (exit 0)', () => {
    const r = faultline('test', 'fixtures/scenarios/example.scenarios.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('5 scenarios: 5 passed, 0 failed');
  });

  it('the e-commerce case fails before the fix and passes after it', () => {
    const before = faultline('test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml');
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('ecommerce-site must stay up but is down  fixtures/scenarios/ecommerce-dev341.scenarios.yaml:14:12');
    expect(before.stdout).toContain('ecommerce-site needs lb → lb needs web → web runs in az1 → az1 failed (fault)');
    expect(faultline('test', 'fixtures/scenarios/ecommerce-dev341-fixed.scenarios.yaml').code).toBe(0);
  });

  it('the FIS walkthrough: terminating one instance leaves the site up; the ladder breaks at the region', () => {
    const r = faultline('test', 'fixtures/scenarios/fis-walkthrough.scenarios.yaml', '--format', 'json');
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
    const r = faultline('test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', 'fixtures/scenarios/ecommerce-dev341-fixed.scenarios.yaml', '--format', 'junit');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="faultline" tests="6" failures="3">/);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(6);
    expect(r.stdout.match(/<failure /g)).toHaveLength(3);
  });

  it('--manifest tests the same promises against another architecture', () => {
    const r = faultline('test', 'fixtures/scenarios/ecommerce-dev341.scenarios.yaml', '--manifest', 'fixtures/ecommerce-dev341-fixed.yaml');
    expect(r.code).toBe(0);
  });

  it('bad scenario files exit 2 with file:line:col and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-scenarios-'));
    const bad = join(dir, 'bad.scenarios.yaml');
    writeFileSync(bad, `apiVersion: faultline/v1\nmanifests: [${join(ROOT, 'fixtures/fis-walkthrough.yaml')}]\nscenarios:\n  - name: x\n    faults: [web-asgg]\n    expect: { up: [albb] }\n`);
    const r = faultline('test', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.scenarios.yaml:6:20: error: unknown component "albb" in scenario "x" (did you mean "alb"?)');
    expect(r.stderr).toContain('bad.scenarios.yaml:5:14: error: unknown component "web-asgg" (did you mean "web-asg"?)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
