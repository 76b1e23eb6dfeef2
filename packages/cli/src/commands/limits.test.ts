/**
 * Number options that would make a run never end are refused with the
 * limit, instead of accepted with no progress (docs/limits.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';

describe('limits on number options', () => {
  it('test --max-choices 1e12 is refused; a million is allowed', async () => {
    const dir = workspace('  z1: { kind: zone }\n  app: { kind: service, in: z1 }\n');
    writeFileSync(join(dir, 's.scenarios.yaml'), 'apiVersion: faultline/v1\nmanifests: [m.yaml]\nscenarios:\n  - name: lose z1\n    faults: [z1]\n    expect: { down: [app] }\n');
    const refused = await cli(dir, 'test', 's.scenarios.yaml', '--max-choices', '1e12');
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      'faultline: error: --max-choices must be at most 1,000,000, got 1e12 (each choice is one simulation; narrow the select/count target instead, see docs/limits.md)\n',
    );
    expect((await cli(dir, 'test', 's.scenarios.yaml', '--max-choices', '1000000')).code).toBe(0);
  });

  it('cutsets takes a time limit, and says when it stopped there', async () => {
    const dir = workspace('  a: { kind: service }\n  t: { kind: service, dependsOn: [a] }\n');
    const r = await cli(dir, 'cutsets', 'm.yaml', '--target', 't', '--max-seconds', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^t: 1 single point of failure/);
    expect((await cli(dir, 'cutsets', 'm.yaml', '--target', 't', '--max-seconds', '0')).code).toBe(2);
  });
});

describe('outputs never replace inputs', () => {
  it('lint -o pointing at the manifest is refused and the manifest is kept', async () => {
    const dir = workspace('  api: { kind: service }\n');
    const before = readFileSync(join(dir, 'm.yaml'), 'utf8');
    const r = await cli(dir, 'lint', 'm.yaml', '--format', 'json', '-o', 'm.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toBe('faultline: error: "m.yaml" is one of the inputs; nothing was written (choose another file for the output)\n');
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(before);
    expect((await cli(dir, 'lint', 'm.yaml', '--format', 'json', '-o', 'report.json')).code).toBe(0);
  });
});

describe('faultline test <directory>', () => {
  it('reads the scenario files in it, instead of saying it holds no YAML', async () => {
    const dir = workspace('  z1: { kind: zone }\n  app: { kind: service, in: z1 }\n');
    writeFileSync(join(dir, 'a.scenarios.yaml'), 'apiVersion: faultline/v1\nmanifests: [m.yaml]\nscenarios:\n  - name: lose z1\n    faults: [z1]\n    expect: { down: [app] }\n');
    const r = await cli(dir, 'test', '.');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/1 scenario: 1 passed/);
    const none = workspace('  app: { kind: service }\n');
    expect((await cli(none, 'test', '.')).err).toBe('faultline: error: "." holds no scenario files (*.scenarios.yaml) (point at a scenario file or a directory of them)\n');
  });
});
