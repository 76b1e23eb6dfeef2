import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DIFF_BASE, DIFF_HEAD, pair } from '../test-support.js';

const BASE = DIFF_BASE;
const HEAD = DIFF_HEAD;

describe('faultline diff (in process)', () => {
  it('gates on a new SPOF: exit 1, with the verdict first', async () => {
    const r = await cli(pair(BASE, HEAD), 'diff', 'base.yaml', 'head.yaml', '--format', 'markdown');
    expect(r).toMatchObject({ code: 1, err: '' });
    expect(r.out.split('\n')[0]).toBe('### faultline diff: ⚠️ This change adds 1 SPOF for a critical component and 1 error finding');
    expect(r.out).toContain('- 🔴 **app** gains a new SPOF: `queue` (directly)');
  });

  it('passes an unchanged architecture: exit 0', async () => {
    const r = await cli(pair(BASE, BASE), 'diff', '--base', 'base.yaml', '--head', 'head.yaml');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[1]).toBe('✔ No architecture changes');
  });

  it('--no-config and --config are honoured; a broken config is exit 2 at its line', async () => {
    const dir = pair(BASE, HEAD);
    writeFileSync(join(dir, 'faultline.config.yaml'), 'rules:\n  single-point-of-failure: { severity: warn }\n');
    const warned = await cli(dir, 'diff', 'base.yaml', 'head.yaml', '--format', 'json');
    expect(JSON.parse(warned.out).summary).toMatchObject({ newErrors: 0, newWarnings: 1, newSpofs: 1 });
    expect(warned.code).toBe(1); // a new SPOF for a critical component still fails
    const defaults = await cli(dir, 'diff', 'base.yaml', 'head.yaml', '--format', 'json', '--no-config');
    expect(JSON.parse(defaults.out).summary).toMatchObject({ newErrors: 1, newWarnings: 0 });
    writeFileSync(join(dir, 'faultline.config.yaml'), 'rules:\n  single-point-of-failur: warn\n');
    const broken = await cli(dir, 'diff', 'base.yaml', 'head.yaml');
    expect(broken.code).toBe(2);
    expect(broken.err.split('\n')[0]).toMatch(/^faultline\.config\.yaml:2:3: error: /);
  });

  it('rejects an unknown format and a bad --top (or its old name --max-items) as usage errors (exit 2)', async () => {
    const dir = pair(BASE, HEAD);
    expect((await cli(dir, 'diff', 'base.yaml', 'head.yaml', '--format', 'sarif')).code).toBe(2);
    expect((await cli(dir, 'diff', 'base.yaml', 'head.yaml', '--top', '0')).code).toBe(2);
    expect((await cli(dir, 'diff', 'base.yaml', 'head.yaml', '--max-items', '0')).code).toBe(2);
  });
});
