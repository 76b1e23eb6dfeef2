/**
 * The startup graph of a model whose dependencies name no phase is the
 * runtime graph's arrays under the startup view: the same as compiling it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../property-runs.test-support.js';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import { loadManifests } from '../load/loader.js';
import { compile, startupGraph } from './compile.js';

describe('startupGraph', () => {
  it('equals compile(model, "startup"), with phases or without (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.array(specArb(n), { minLength: n, maxLength: n })),
        fc.boolean(),
        (drawn, phaseFree) => {
          const specs = phaseFree ? drawn.map((s) => ({ ...s, deps: s.deps.map((d) => ({ ...d, phase: undefined })) })) : drawn;
          const model = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\ncomponents:\n${manifest(specs)}\n` }]).model;
          if (!model) return;
          const runtime = compile(model);
          const startup = startupGraph(runtime);
          expect(startup.view).toBe('startup');
          expect(startupGraph(runtime)).toBe(startup);
          expect({ ...startup }).toStrictEqual({ ...compile(model, 'startup') });
        },
      ),
      propertyRuns(22, 80),
    );
  });
});

describe('ids resolved by the loader', () => {
  it('compile into the very graph a model built elsewhere compiles into (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.array(specArb(n), { minLength: n, maxLength: n })),
        (specs) => {
          const model = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\ncomponents:\n${manifest(specs)}\n` }]).model;
          if (!model) return;
          // The same components in a new model: compile resolves every id itself.
          const fresh = { ...model, components: new Map(model.components) };
          for (const view of ['runtime', 'startup'] as const) {
            const { model: _a, ...loaded } = compile(model, view);
            const { model: _b, ...own } = compile(fresh, view);
            expect(loaded).toStrictEqual(own);
          }
        },
      ),
      propertyRuns(23, 60),
    );
  });
});
