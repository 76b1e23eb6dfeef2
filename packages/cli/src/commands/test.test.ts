import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../test-support.js';

/** A directory holding base.yaml and head.yaml. */
function pair(base: string, head: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-'));
  const manifest = (components: string) => `apiVersion: faultline/v1\nname: t\ncomponents:\n${components}`;
  writeFileSync(join(dir, 'base.yaml'), manifest(base));
  writeFileSync(join(dir, 'head.yaml'), manifest(head));
  return dir;
}

const BASE = '  db: { kind: database, in: [z1, z2] }\n  z1: { kind: zone }\n  z2: { kind: zone }\n  app: { kind: service, critical: true, in: [z1, z2], dependsOn: [db] }\n';
const HEAD = `${BASE}  queue: { kind: queue }\n`.replace('dependsOn: [db]', 'dependsOn: [db, queue]');

describe('faultline test (in process)', () => {
  it('offers every lint format plus junit', async () => {
    const dir = pair(BASE, HEAD);
    writeFileSync(join(dir, 'resilience.scenarios.yaml'), 'apiVersion: faultline/v1\nmanifests: [head.yaml]\nscenarios:\n  - name: lose z1\n    faults: [z1]\n    expect: { up: [app] }\n');
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github', 'junit']) {
      const r = await cli(dir, 'test', 'resilience.scenarios.yaml', '--format', format);
      expect([format, r.code, r.err]).toEqual([format, 0, '']);
    }
    expect((await cli(dir, 'test', 'resilience.scenarios.yaml', '--format', 'tap')).code).toBe(2);
  });
});
