import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from '../test-support.js';

// Every command that loads manifests reads the config beside them (its
// backstage.types and terraform rows shape the model), and takes
// -c/--config and --no-config as lint, diff and view do.
const COMMANDS: readonly (readonly string[])[] = [
  ['simulate', 'm.yaml', '--fail', 'db'],
  ['spof', 'm.yaml'],
  ['recovery', 'm.yaml'],
  ['availability', 'm.yaml'],
  ['cutsets', 'm.yaml', '--target', 'web'],
  ['test', 't.scenarios.yaml'],
  ['drift', 'm.yaml', '--observed', 'calls.json'],
];

function project(): string {
  const dir = workspace('  web: { kind: service, dependsOn: [db] }\n  db: { kind: database }\n', 'faultline-config-option-');
  writeFileSync(join(dir, 't.scenarios.yaml'), 'apiVersion: faultline/v1\nmanifests: [m.yaml]\nscenarios:\n  - name: db down\n    faults: [db]\n    expect: { down: [web] }\n');
  writeFileSync(join(dir, 'calls.json'), '{ "data": [{ "parent": "web", "child": "db", "callCount": 10 }] }\n');
  writeFileSync(join(dir, 'faultline.config.yaml'), 'rules: [\n');
  writeFileSync(join(dir, 'good.yaml'), 'backstage:\n  types: { my-watch: monitoring }\n');
  return dir;
}

describe('-c/--config and --no-config on every command that loads manifests', () => {
  it.each(COMMANDS)('%s: a broken config beside the manifests is exit 2 at its line; --no-config and -c pass it by', async (...args) => {
    const dir = project();
    const beside = await cli(dir, ...args);
    expect(beside.code).toBe(2);
    expect(beside.err).toMatch(/^faultline\.config\.yaml:2:1: error: /m);
    const none = await cli(dir, ...args, '--no-config');
    expect(none.code, none.err).not.toBe(2);
    const given = await cli(dir, ...args, '-c', 'good.yaml');
    expect(given.code, given.err).not.toBe(2);
    const missing = await cli(dir, ...args, '--config', 'nowhere.yaml');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nowhere.yaml');
  });
});
