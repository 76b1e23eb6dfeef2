/**
 * The built `faultline` binary, run as a user runs it (a child process).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, faultline, ROOT } from './support.js';

describe('faultline simulate on the example', () => {
  it('answers "what breaks if us-east-1 DNS fails?" on its first line', () => {
    const r = faultline(['simulate', 'fixtures/example', '--fail', 'kind=dns in=us-east-1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('If kind=dns in=us-east-1 fails: 6 down, 4 degraded (3 critical) — impact 11.5');
    expect(r.stdout).toContain('fixtures/example/services.yaml:');
    expect(r.stdout).toContain('iam needs dns-use1 → dns-use1 runs in use1-az');
  });

  it('prints the JSON contract: faults, summary and every worsened node (faults included) with its causes', () => {
    const r = faultline(['simulate', 'fixtures/example', '--fail', 'dns-use1', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      faults: { spec: string }[];
      summary: { down: number; degraded: number; impact: number };
      nodes: { id: string; status: string; because: { type: string }[]; chain: { id: string; link: string }[] }[];
    };
    expect(out.faults.map((f) => f.spec)).toEqual(['dns-use1']);
    expect(out.summary).toMatchObject({ down: 6, degraded: 4, impact: 11.5 });
    expect(out.nodes.map((n) => n.id).sort()).toEqual([
      'cdn',
      'checkout',
      'deploy-pipeline',
      'dns-use1',
      'fraud-check',
      'fulfillment',
      'iam',
      'payments',
      'recommendations',
      'storefront',
    ]);
    for (const n of out.nodes) {
      expect(['down', 'degraded']).toContain(n.status);
      expect(n.because.length).toBeGreaterThan(0);
      expect(n.chain.at(-1)).toMatchObject({ id: 'dns-use1', link: 'fault' });
    }
    expect(out.nodes.find((n) => n.id === 'dns-use1')!.because).toEqual([{ type: 'fault', fault: 'dns-use1', effect: 'down' }]);
  });

  it('accepts several faults, slow and degraded ones', () => {
    const r = faultline(['simulate', 'fixtures/example', '--slow', 'payments', '--fail', 'use1-az1', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { faults: { spec: string; effect: string }[] };
    expect(out.faults).toEqual([
      { spec: 'use1-az1', effect: 'down', hits: ['use1-az1'] },
      { spec: 'payments', effect: 'slow', hits: ['payments'] },
    ]);
  });
});

describe('bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'apiVersion: faultline/v1\ncomponents:\n  api:\n    kind: service\n    dependson: [db]\n');

  it('exits 2 with one line per problem at file:line:col, and no stack trace', () => {
    const r = faultline(['simulate', bad, '--fail', 'api']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml:5:5: error: unknown field "dependson" in api \(did you mean "dependsOn"\?\)\n/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('exits 2 on an unknown fault, suggesting the closest id', () => {
    const r = faultline(['simulate', 'fixtures/example', '--fail', 'us-east-2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faultline: error: unknown component "us-east-2" \(did you mean "us-east-1"\?\)\n$/);
  });
  it('exits 2 on a missing path, a missing fault, an unknown command or format', () => {
    expect(faultline(['simulate', 'nope/', '--fail', 'x']).code).toBe(2);
    expect(faultline(['simulate', 'fixtures/example']).stderr).toMatch(/nothing to simulate/);
    expect(faultline(['simulte']).code).toBe(2);
    expect(faultline(['simulate', 'fixtures/example', '--fail', 'iam', '--format', 'xml']).code).toBe(2);
  });
  it('prints help and the version with exit 0', () => {
    expect(faultline(['--help']).code).toBe(0);
    expect(faultline(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('a directory that holds more than manifests', () => {
  it('analyses the manifests and warns, at its line, about each file it skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-mixed-'));
    writeFileSync(join(dir, 'shop.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database }\n  api: { kind: service, dependsOn: [db] }\n');
    writeFileSync(join(dir, 'openapi.yaml'), 'openapi: 3.0.0\ninfo: { title: Shop, version: "1" }\npaths: {}\n');
    const sim = faultline(['simulate', dir, '--fail', 'db'], { cwd: dir });
    expect(sim.code).toBe(0);
    expect(sim.stdout.split('\n')[0]).toBe('If db fails: 2 down (2 critical), 0 degraded — impact 2');
    expect(sim.stderr).toBe(
      `openapi.yaml:1:1: warning: skipped: no apiVersion, not a faultline manifest or any input faultline reads (faultline reads "faultline/v1" manifests, Backstage catalogs, Kubernetes, docker compose, Terraform; name the file itself to see why it is refused)\n`,
    );
    // Named on its own, the same file is refused.
    const named = faultline(['lint', join(dir, 'openapi.yaml')]);
    expect(named.code).toBe(2);
  });
});

describe('a reader that stops early', () => {
  it('closes the pipe without an EPIPE stack trace, as Unix tools do', () => {
    // `head -1` exits after one line; the rest of the output meets a closed pipe.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" spof fixtures/example --all | head -1; "${process.execPath}" "${BIN}" --help | head -1`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(2);
  });
});

describe('faultline schema', () => {
  it('prints a draft-07 JSON Schema', () => {
    const r = faultline(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });
});
