import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifests, neighbourhood, toGraph, type Model } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { adjacency, neighbourhoodOf } from './neighbourhood.js';

const ROOT = join(import.meta.dirname, '../../..');
function load(path: string): Model {
  const files = path.endsWith('.yaml')
    ? [path]
    : readdirSync(join(ROOT, path))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `${path}/${f}`);
  const r = loadManifests(files.map((f) => ({ path: f, text: readFileSync(join(ROOT, f), 'utf8') })));
  if (!r.model) throw new Error('fixture did not load');
  return r.model;
}

describe('neighbourhoodOf', () => {
  it("finds the same components as core's graphology neighbourhood, at 1 to 3 hops", () => {
    for (const dir of ['fixtures/example', 'fixtures/aws-2025.yaml', 'fixtures/roblox-2021.yaml']) {
      const model = load(dir);
      const graph = toGraph(model);
      const adj = adjacency(model);
      for (const id of model.components.keys())
        for (const hops of [1, 2, 3]) expect([...neighbourhoodOf(adj, id, hops)].sort(), `${id} at ${hops}`).toEqual([...neighbourhood(graph, id, hops)].sort());
    }
  });
});
