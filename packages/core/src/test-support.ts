/**
 * Helpers for tests: load a manifest from text, or fail the test with its diagnostics.
 */
import { formatDiagnostic } from './diagnostics.js';
import { loadManifests } from './loader.js';
import type { Model } from './model.js';
import { simulate, type Simulation } from './simulate.js';

/** Wraps a `components:` body (indented by two spaces) into a manifest and loads it. */
export function model(components: string, file = 'test.yaml'): Model {
  const text = `apiVersion: faultline/v1\nname: test\ncomponents:\n${components.replace(/^\n/, '')}`;
  const result = loadManifests([{ path: file, text }]);
  if (!result.model) throw new Error(`manifest did not load:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return result.model;
}

/** Every component's status after the faults, as an object for `toEqual`. */
export function statuses(m: Model, ...faults: string[]): Record<string, string> {
  const sim = simulate(m, faults.map((target) => ({ target })));
  const out: Record<string, string> = {};
  for (const id of m.components.keys()) out[id] = sim.status(id);
  return out;
}

/** Ids worsened by the faults, `id:status`, sorted. */
export function worsened(sim: Simulation): string[] {
  return sim.nodes.map((n) => `${n.id}:${n.status}`).sort();
}
