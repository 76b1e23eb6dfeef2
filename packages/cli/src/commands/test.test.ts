import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DIFF_BASE, DIFF_HEAD, pair } from '../test-support.js';

const BASE = DIFF_BASE;
const HEAD = DIFF_HEAD;

describe('faultline test (in process)', () => {
  it('offers every lint format plus junit', async () => {
    const dir = pair(BASE, HEAD);
    writeFileSync(
      join(dir, 'resilience.scenarios.yaml'),
      'apiVersion: faultline/v1\nmanifests: [head.yaml]\nscenarios:\n  - name: lose z1\n    faults: [z1]\n    expect: { up: [app] }\n',
    );
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github', 'junit']) {
      const r = await cli(dir, 'test', 'resilience.scenarios.yaml', '--format', format);
      expect([format, r.code, r.err]).toEqual([format, 0, '']);
    }
    expect((await cli(dir, 'test', 'resilience.scenarios.yaml', '--format', 'tap')).code).toBe(2);
  });
});
