/**
 * Helpers for tests: load a manifest from text, or fail the test with its diagnostics.
 */
import { formatDiagnostic } from './diagnostics.js';
import { loadManifests } from './load/loader.js';
import type { Model } from './model.js';
import { simulate, type Simulation } from './engine/simulate.js';

/** Wraps a `components:` body (indented by two spaces) into a manifest and loads it. */
export function model(components: string, file = 'test.yaml'): Model {
  const text = `apiVersion: faultline/v1\nname: test\ncomponents:\n${components.replace(/^\n/, '')}`;
  const result = loadManifests([{ path: file, text }]);
  if (!result.model) throw new Error(`manifest did not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.model;
}

/** Every component's status after the faults, as an object for `toEqual`. */
export function statuses(m: Model, ...faults: string[]): Record<string, string> {
  const sim = simulate(
    m,
    faults.map((target) => ({ target })),
  );
  const out: Record<string, string> = {};
  for (const id of m.components.keys()) out[id] = sim.status(id);
  return out;
}

/** Ids worsened by the faults, `id:status`, sorted. */
export function worsened(sim: Simulation): string[] {
  return sim.nodes.map((n) => `${n.id}:${n.status}`).sort();
}

/** Loads whole files, given as [path, text] pairs. */
export function loadFiles(...files: [path: string, text: string][]): ReturnType<typeof loadManifests> {
  return loadManifests(files.map(([path, text]) => ({ path, text })));
}

/** The model of whole files, or fails the test with their diagnostics. */
export function modelOf(...files: [path: string, text: string][]): Model {
  const r = loadFiles(...files);
  if (!r.model) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.model;
}

/** The diagnostics of whole files, formatted. */
export function problemsOf(...files: [path: string, text: string][]): string[] {
  return loadFiles(...files).diagnostics.map(formatDiagnostic);
}

/** A small shop for the scenario tests: two zones, a database in one, a weighted critical site. */
export const SCENARIO_SHOP = `
  region: { kind: region }
  az-a: { kind: zone, in: region }
  az-b: { kind: zone, in: region }
  db: { kind: database, in: az-b }
  web: { kind: service, in: { az-a: 2, az-b: 2 }, minHealthy: 2, dependsOn: [{ target: db, mode: soft }] }
  api: { kind: service, in: [az-a, az-b], minHealthy: 2 }
  site: { kind: service, critical: true, weight: 10, dependsOn: [web, api] }
`;
