import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { run } from '../program.js';

function fakeIo(cwd: string): Io & { out: () => string } {
  const out: string[] = [];
  return { out: () => out.join(''), stdout: (t) => out.push(t), stderr: () => undefined, cwd, env: { FAULTLINE_NO_CACHE: '1' }, paint: (_s, t) => t };
}

describe('faultline rules', () => {
  it('lists every rule with its default severity and options', async () => {
    const io = fakeIo(mkdtempSync(join(tmpdir(), 'faultline-rules-')));
    expect(await run(['rules'], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines[0]).toBe('hard-cycle                       error  Components depend on each other in a cycle of hard dependencies, so none of them can start from nothing.');
    expect(lines.filter((l) => /^[a-z]/.test(l)).map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'hard-cycle error',
      'monitor-independence error',
      'global-pinned error',
      'single-point-of-failure error',
      'logical-single-point-of-failure warn',
      'shared-fate-redundancy warn',
      'single-region-critical warn',
      'control-plane-in-data-path warn',
      'global-config-push error',
      'retry-amplification warn',
      'timeout-inversion warn',
      'unguarded-cross-region warn',
    ]);
    expect(io.out()).toContain('threshold (default 10): Report call paths whose product of retries + 1 is above this.');
  });

  it('shows the severities a config sets, and lists rules as Markdown or JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-rules-'));
    writeFileSync(join(dir, 'faultline.config.yaml'), 'rules:\n  hard-cycle: off\n');
    const text = fakeIo(dir);
    await run(['rules'], text);
    expect(text.out()).toMatch(/^hard-cycle {23}off /);
    expect(text.out()).toContain('12 rules, 1 set by the config.');
    const md = fakeIo(dir);
    await run(['rules', '--format', 'markdown', '--no-config'], md);
    expect(md.out().split('\n')[2]).toBe('| `hard-cycle` | error | Components depend on each other in a cycle of hard dependencies, so none of them can start from nothing. | — |');
    const json = fakeIo(dir);
    await run(['rules', '--format', 'json'], json);
    expect(JSON.parse(json.out()).rules).toHaveLength(12);
  });
});
