/**
 * The caches of loads and of results, end to end: the built CLI prints
 * exactly the same on a cached run as on a cold one (stdout, stderr and exit
 * code), for lint, simulate, spof and availability across the fixtures and
 * formats, from a damaged entry too, and runs started together leave a
 * whole entry behind (docs/cache.md).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '@faultline/core';
import { BIN, faultline, ROOT, type RunResult } from './support.js';

const FIXTURES = [
  'fixtures/example',
  'fixtures/aws-2021.yaml',
  'fixtures/backstage-wild',
  'fixtures/backstage',
  'fixtures/kubernetes',
  'fixtures/compose',
  'fixtures/terraform/asg',
  'fixtures/otel-demo-catalog',
];
const COMMANDS: readonly (readonly string[])[] = [['lint'], ['simulate', '--fail', 'kind=zone'], ['spof', '--top', '5']];

function entries(directory: string): string[] {
  return readdirSync(directory).filter((f) => f.endsWith('.faultline-load'));
}

describe('a cached run prints what a cold one prints', () => {
  for (const fixture of FIXTURES) {
    it(fixture, () => {
      const cache = mkdtempSync(join(tmpdir(), 'faultline-e2e-cache-'));
      for (const command of COMMANDS) {
        const args = [command[0]!, fixture, ...command.slice(1)];
        const cold = faultline([...args, '--no-cache'], { env: { FAULTLINE_CACHE_DIR: cache } });
        const writing = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
        const reading = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
        expect(writing, `${args.join(' ')} (first run, writes the cache)`).toEqual(cold);
        expect(reading, `${args.join(' ')} (from the cache)`).toEqual(cold);
        expect(cold.stdout.length + cold.stderr.length).toBeGreaterThan(0);
      }
      // One entry for the fixture, whatever the command: the key is the input, not the question.
      expect(entries(cache)).toHaveLength(1);
    });
  }

  it('results too: spof, availability and lint in every format, and from damaged entries', () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-e2e-cache-'));
    const runs = [
      ['spof', 'fixtures/aws-2021.yaml', '--format', 'json'],
      ['spof', 'fixtures/otel-demo-catalog'],
      ['availability', 'fixtures/example', '--format', 'markdown'],
      ['availability', 'fixtures/aws-2021.yaml', '--method', 'montecarlo', '--trials', '2000', '--seed', '9'],
      ['lint', 'fixtures/backstage-wild', '--format', 'sarif'],
      ['lint', 'fixtures/example', '--format', 'json'],
    ];
    const colds = runs.map((args) => faultline([...args, '--no-cache']));
    for (const [i, args] of runs.entries()) {
      expect(faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } }), `${args.join(' ')} (writes)`).toEqual(colds[i]);
      expect(faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } }), `${args.join(' ')} (from the cache)`).toEqual(colds[i]);
    }
    const kept = readdirSync(cache).filter((f) => f.endsWith('.faultline-result'));
    expect(kept).toHaveLength(runs.length);
    // Every entry damaged: each run computes again and prints the same.
    for (const name of kept) {
      const bytes = readFileSync(join(cache, name));
      bytes[bytes.length >> 1]! ^= 0x40;
      writeFileSync(join(cache, name), bytes);
    }
    for (const [i, args] of runs.entries()) expect(faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } }), `${args.join(' ')} (damaged)`).toEqual(colds[i]);
  });

  it('FAULTLINE_NO_CACHE=1 writes nothing', () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-e2e-cache-'));
    const r = faultline(['spof', 'fixtures/example'], { env: { FAULTLINE_CACHE_DIR: cache, FAULTLINE_NO_CACHE: '1' } });
    expect(r.code).toBe(0);
    expect(faultline(['lint', 'fixtures/example'], { env: { FAULTLINE_CACHE_DIR: cache, FAULTLINE_NO_CACHE: '1' } }).code).toBe(1);
    expect(readdirSync(cache)).toEqual([]);
  });
});

/** Runs the CLI without waiting, so that several run at once. */
function start(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

describe('concurrent runs', () => {
  it('four runs writing the same entry at once all answer right and leave one whole entry', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-e2e-cache-'));
    const args = ['lint', 'fixtures/backstage-wild'];
    const cold = faultline([...args, '--no-cache']);
    const runs = await Promise.all([1, 2, 3, 4].map(() => start(args, { FAULTLINE_CACHE_DIR: cache })));
    for (const r of runs) expect(r).toEqual(cold);
    const written = entries(cache);
    expect(written).toHaveLength(1);
    expect(readdirSync(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(decodeSnapshot(readFileSync(join(cache, written[0]!)))).toBeDefined();
    // And runs reading while others write.
    const mixed = await Promise.all([start(args, { FAULTLINE_CACHE_DIR: cache }), start([...args, '--no-cache'], {}), start(args, { FAULTLINE_CACHE_DIR: cache })]);
    for (const r of mixed) expect(r).toEqual(cold);
  });
});
