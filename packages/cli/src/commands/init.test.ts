import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { fakeIo } from '../test-support.js';

describe('faultline init', () => {
  it('writes a starter manifest, config and schema that lint clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-init-'));
    const io = fakeIo(dir);
    expect(await run(['init', 'arch'], io)).toBe(0);
    expect(io.out()).toBe(
      'wrote arch/faultline.yaml\nwrote arch/faultline.config.yaml\nwrote arch/faultline.schema.json\n\nnext: faultline lint arch && faultline simulate arch --fail us-east-1\n',
    );
    expect(readFileSync(join(dir, 'arch/faultline.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/faultline\.schema\.json\n/);
    const lint = fakeIo(dir);
    expect(await run(['lint', 'arch'], lint)).toBe(0);
    // Clean: no finding at all, not even a suppressed one.
    expect(lint.out()).toBe('✔ no problems (12 rules, 1 file)\n');
    const sim = fakeIo(dir);
    expect(await run(['simulate', 'arch', '--fail', 'us-east-1'], sim)).toBe(0);
    expect(sim.out().split('\n')[0]).toBe('If us-east-1 fails: 4 down, 0 degraded — impact 0');
  });

  it('never overwrites a file unless --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-init-'));
    expect(await run(['init'], fakeIo(dir))).toBe(0);
    const again = fakeIo(dir);
    expect(await run(['init'], again)).toBe(2);
    expect(again.err()).toBe('faultline: error: faultline.yaml already exists (pass --force to overwrite, or choose another directory)\n');
    expect(await run(['init', '--force'], fakeIo(dir))).toBe(0);
  });

  it('names a directory outside the working directory as typed, never by its absolute path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-init-'));
    mkdirSync(join(root, 'here'));
    const io = fakeIo(join(root, 'here'));
    expect(await run(['init', '../there/arch'], io)).toBe(0);
    expect(io.out()).toContain('wrote ../there/arch/faultline.yaml\n');
    expect(io.out()).toContain('next: faultline lint ../there/arch && ');
    expect(io.out()).not.toContain(root);
  });
});
