/**
 * Shared helpers for the end-to-end and fixture tests.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, loadManifests, simulate, type Model, type Simulation } from '@faultline/core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Loads a fixture file or directory (relative to the repo root) or fails the test. */
export function fixture(path: string): Model {
  const abs = join(ROOT, path);
  const files = statSync(abs).isDirectory()
    ? readdirSync(abs).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(abs, f))
    : [abs];
  const result = loadManifests(files.map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') })));
  if (!result.model) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.model;
}

/** Simulates `--fail` faults. */
export function fail(model: Model, ...targets: string[]): Simulation {
  return simulate(model, targets.map((target) => ({ target })));
}

/** Ids with the given status, sorted. */
export function ids(sim: Simulation, status: 'down' | 'degraded'): string[] {
  return sim.nodes.filter((n) => n.status === status).map((n) => n.id).sort();
}

/** The chain of one victim as `id:link` steps. */
export function chainOf(sim: Simulation, id: string): string[] {
  const node = sim.nodes.find((n) => n.id === id);
  if (!node) throw new Error(`${id} is not worsened`);
  return node.chain.map((s) => `${s.id}:${s.link}`);
}
