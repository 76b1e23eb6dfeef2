/**
 * Shared helpers for the end-to-end and fixture tests: the built CLI, and the
 * fixtures loaded in-process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, loadManifests, simulate, type Model, type Simulation } from '@faultline/core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The built CLI, as users run it: the launcher of the bundle (packages/cli/vite.config.ts), the file the package links as `faultline`. */
export const BIN = join(ROOT, 'packages/cli/bin/faultline.js');

export interface RunOptions {
  /** @default ROOT */
  readonly cwd?: string;
  /** Variables set (or, with `undefined`, removed) on top of this process's environment, NO_COLOR=1 and an empty GITHUB_ACTIONS. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Bytes of stdout or stderr kept before the run fails. @default 64 MiB (a viewer page on a large model) */
  readonly maxBuffer?: number;
}

/** What a run of the CLI gave back: its exit code (-1 when it did not exit) and its output. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The cache of loads the tests' runs share (docs/cache.md): a fresh directory per test process, never the user's ~/.cache. */
const CACHE_DIR = mkdtempSync(join(tmpdir(), 'faultline-test-cache-'));

/** Runs the built CLI (`faultline <args>`) without colour, outside GitHub Actions, with the cache in a temporary directory. */
export function faultline(args: readonly string[], options: RunOptions = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', FAULTLINE_CACHE_DIR: CACHE_DIR, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Loads a fixture file or directory (relative to the repo root) or fails the test. */
export function fixture(path: string): Model {
  const abs = join(ROOT, path);
  const files = statSync(abs).isDirectory()
    ? readdirSync(abs)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(abs, f))
    : [abs];
  const result = loadManifests(files.map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') })));
  if (!result.model) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.model;
}

/** Simulates `--fail` faults. */
export function fail(model: Model, ...targets: string[]): Simulation {
  return simulate(
    model,
    targets.map((target) => ({ target })),
  );
}

/** Ids with the given status, sorted. */
export function ids(sim: Simulation, status: 'down' | 'degraded'): string[] {
  return sim.nodes
    .filter((n) => n.status === status)
    .map((n) => n.id)
    .sort();
}

/** The chain of one victim as `id:link` steps. */
export function chainOf(sim: Simulation, id: string): string[] {
  const node = sim.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`${id} is not worsened`);
  return node.chain.map((s) => `${s.id}:${s.link}`);
}
