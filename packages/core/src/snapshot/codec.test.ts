/**
 * A snapshot gives back exactly what was loaded, or nothing: the model, its
 * graph, the warnings and Location targets round-trip; truncated, corrupt or
 * foreign bytes decode to undefined, never to a throw or another model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../property-runs.test-support.js';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FORMAT, type Snapshot } from './codec.js';
import { loadManifests } from '../load/loader.js';
import { compile } from '../engine/compile.js';
import { toJson } from '../serialize.js';
import { manifest, specArb } from '../analyses/random-manifests.test-support.js';
import type { Component, Dependency, Model } from '../model.js';
import type { Diagnostic } from '../diagnostics.js';

const fixtures = import.meta.glob<string>('../../../../fixtures/**/*.{yaml,yml}', { query: '?raw', import: 'default', eager: true });

function snapshotOf(model: Model, warnings: readonly Diagnostic[] = [], extra: readonly string[] = []): Snapshot {
  return { model, warnings, locations: [], graph: compile(model), extra };
}

function roundTrip(s: Snapshot): Snapshot {
  const bytes = encodeSnapshot(s);
  expect(bytes).toBeDefined();
  const back = decodeSnapshot(bytes!);
  expect(back).toBeDefined();
  return back!;
}

function expectSame(back: Snapshot, s: Snapshot): void {
  expect(back.model).toStrictEqual(s.model);
  expect(JSON.stringify(toJson(back.model))).toBe(JSON.stringify(toJson(s.model)));
  expect(back.warnings).toStrictEqual(s.warnings);
  expect(back.warnings.map((w) => JSON.stringify(w))).toEqual(s.warnings.map((w) => JSON.stringify(w)));
  expect(back.locations).toStrictEqual(s.locations);
  expect(back.extra).toStrictEqual(s.extra);
  const { model: _a, ...graph } = back.graph!;
  const { model: _b, ...expected } = s.graph!;
  expect(graph).toStrictEqual(expected);
  expect(back.graph!.model).toBe(back.model);
  expect(back.graph!.componentAt[0]).toBe([...back.model.components.values()][0]);
  // The references read back serve the compiler as they are: another view compiles as from the cold model.
  const { model: _c, ...again } = compile(back.model, 'startup');
  const { model: _d, ...cold } = compile(s.model, 'startup');
  expect(again).toStrictEqual(cold);
}

describe('snapshots', () => {
  it('round-trip every fixture that loads, model, graph and warnings', () => {
    let loaded = 0;
    // Each file alone, and each directory as a whole (several files, Locations, overlays).
    const directories = new Map<string, { path: string; text: string; found: true }[]>();
    for (const [file, text] of Object.entries(fixtures)) {
      const dir = file.slice(0, file.lastIndexOf('/'));
      directories.set(dir, [...(directories.get(dir) ?? []), { path: file, text, found: true }]);
    }
    const inputs = [...Object.entries(fixtures).map(([path, text]) => [{ path, text, found: true as const }]), ...directories.values()];
    for (const sources of inputs) {
      const file = sources[0]!.path;
      const result = loadManifests(sources);
      if (!result.model) continue;
      loaded++;
      const s = { ...snapshotOf(result.model, result.warnings, [file]), locations: result.locations };
      expectSame(roundTrip(s), s);
    }
    expect(loaded).toBeGreaterThan(20);
  });

  it('round-trip generated manifests (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.array(specArb(n, { weights: true }), { minLength: n, maxLength: n })),
        (specs) => {
          const result = loadManifests([{ path: 'm.yaml', text: `apiVersion: faultline/v1\nname: t\ncomponents:\n${manifest(specs)}\n` }]);
          if (!result.model) return;
          const s = snapshotOf(result.model, result.warnings);
          expectSame(roundTrip(s), s);
        },
      ),
      propertyRuns(18, 60),
    );
  });

  it('round-trip every optional field, any text and any number (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(-0, 2 ** 31, -(2 ** 31) - 1, 0.1));
    // Positions are written as differences from the one before: any 32-bit integer, small steps and large ones.
    const position = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, 1, 2 ** 31 - 1, -(2 ** 31)));
    const range = fc.record({ file: fc.constantFrom('a.yaml', 'dir/ü.yaml', ''), line: position, col: position, endLine: position, endCol: position }, { noNullPrototype: true });
    const dependency = fc.oneof(
      fc.record(
        {
          type: fc.constant('edge' as const),
          target: text,
          // Values outside the enumerations are written as strings.
          mode: fc.constantFrom('hard', 'soft', 'async', 'other'),
          via: fc.constantFrom('call', 'config', 'dns', 'auth', 'data', 'other'),
          rollout: fc.constantFrom('global', 'staged'),
          timeoutMs: number,
          retries: number,
          circuitBreaker: fc.boolean(),
          bulkhead: fc.boolean(),
          fallback: fc.boolean(),
          phase: fc.constantFrom('startup', 'runtime'),
          at: range,
        },
        { requiredKeys: ['type', 'target', 'mode', 'via', 'at'], noNullPrototype: true },
      ),
      fc.record(
        {
          type: fc.constant('group' as const),
          anyOf: fc.array(text),
          need: number,
          mode: fc.constantFrom('hard'),
          via: fc.constantFrom('call'),
          memberAt: fc.array(range),
          at: range,
        },
        { noNullPrototype: true },
      ),
    );
    const component = fc.record(
      {
        kind: text,
        isDomain: fc.boolean(),
        isJourney: fc.boolean(),
        placements: fc.array(fc.record({ domain: text, replicas: number, at: range }, { noNullPrototype: true }), { maxLength: 3 }),
        minHealthy: number,
        scope: fc.constantFrom('zonal', 'regional', 'global'),
        plane: fc.constantFrom('data', 'control'),
        critical: fc.boolean(),
        weight: number,
        availability: number,
        dependsOn: fc.array(dependency, { maxLength: 3 }),
        monitors: fc.array(text, { maxLength: 2 }),
        monitorsAt: fc.array(range, { maxLength: 2 }),
        owner: text,
        tags: fc.array(fc.tuple(text, text), { maxLength: 3 }).map((pairs) => new Map(pairs)),
        description: text,
        aliases: fc.array(text, { maxLength: 2 }),
        refs: fc.array(fc.record({ input: fc.constantFrom('backstage', 'kubernetes', 'compose'), kind: text, namespace: text, name: text }, { noNullPrototype: true }), {
          maxLength: 2,
        }),
        at: range,
        suppressions: fc.array(fc.record({ rule: text, reason: text, at: range }, { noNullPrototype: true }), { maxLength: 2 }),
      },
      {
        requiredKeys: ['kind', 'isDomain', 'isJourney', 'placements', 'minHealthy', 'critical', 'weight', 'dependsOn', 'monitors', 'monitorsAt', 'tags', 'at'],
        noNullPrototype: true,
      },
    );
    const warning = fc.record(
      { code: fc.constantFrom('skipped-input', 'location'), severity: fc.constant('warning'), message: text, hint: text, at: range, related: fc.array(range, { maxLength: 2 }) },
      { requiredKeys: ['code', 'message', 'at'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(text, { maxLength: 6 }),
        fc.array(component, { minLength: 6, maxLength: 6 }),
        fc.array(warning, { maxLength: 3 }),
        text,
        (ids, bodies, warnings, name) => {
          const components = new Map<string, Component>();
          // References are written as the index of the component they name, and as text when they name none.
          const pick = (s: string, k: number): string => (ids.length > 0 && k % 3 !== 0 ? ids[(s.length + k) % ids.length]! : s);
          ids.forEach((id, i) => {
            const body = bodies[i]!;
            const dependsOn = body.dependsOn.map((d, k) => (d.type === 'edge' ? { ...d, target: pick(d.target, k) } : { ...d, anyOf: d.anyOf.map((m, j) => pick(m, k + j)) }));
            const placements = body.placements.map((p, k) => ({ ...p, domain: pick(p.domain, k + 1) }));
            const monitors = body.monitors.map((m, k) => pick(m, k));
            // Keys in the loader's order (resolve.ts): the id first. A mode or via outside the enumerations is no Dependency's type.
            components.set(id, inLoaderOrder({ id, ...body, placements, dependsOn: dependsOn as unknown as Dependency[], monitors }));
          });
          const model: Model = { name, files: ['a.yaml', name], components };
          const s: Snapshot = { model, warnings: warnings as Diagnostic[], locations: [], extra: [name] };
          const back = roundTrip(s);
          expect(back.model).toStrictEqual(model);
          for (const [id, c] of back.model.components) expect(Object.keys(c)).toEqual(Object.keys(components.get(id)!));
          expect(back.warnings.map((w) => JSON.stringify(w))).toEqual(warnings.map((w) => JSON.stringify(w)));
          expect(back.graph).toBeUndefined();
        },
      ),
      propertyRuns(19, 80),
    );
  });

  it('are refused for text UTF-8 cannot carry exactly (an unpaired surrogate)', () => {
    const model = loadManifests([{ path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, description: "x\\ud800y" }\n' }]).model!;
    expect(model.components.get('a')!.description).toBe('x\ud800y');
    expect(encodeSnapshot(snapshotOf(model))).toBeUndefined();
  });

  it('are refused for a position that is not a 32-bit integer (kept exactly, or not at all)', () => {
    const model = loadManifests([{ path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' }]).model!;
    for (const line of [2 ** 31, -(2 ** 31) - 1, 1.5, -0, Number.NaN]) {
      const a = { ...model.components.get('a')!, at: { file: 'm.yaml', line, col: 1, endLine: 1, endCol: 2 } };
      expect(encodeSnapshot({ model: { ...model, components: new Map([['a', a]]) }, warnings: [], locations: [], extra: [] })).toBeUndefined();
    }
    expect(encodeSnapshot(snapshotOf(model))).toBeDefined();
  });

  it('are smaller than the YAML they were loaded from', () => {
    const text = fixtures['../../../../fixtures/aws-2021.yaml']!;
    const model = loadManifests([{ path: 'aws-2021.yaml', text }]).model!;
    expect(encodeSnapshot(snapshotOf(model))!.length).toBeLessThan(new TextEncoder().encode(text).length);
  });

  describe('never trusted blindly', () => {
    const model = loadManifests([{ path: 'aws-2021.yaml', text: fixtures['../../../../fixtures/aws-2021.yaml']! }]).model!;
    const bytes = encodeSnapshot(snapshotOf(model, [], ['key']))!;

    it('a truncated snapshot is ignored', () => {
      for (const length of [0, 1, 20, 47, 48, 100, bytes.length >> 1, bytes.length - 8, bytes.length - 1]) expect(decodeSnapshot(bytes.subarray(0, length))).toBeUndefined();
    });

    it('a snapshot with any byte changed is ignored (property)', () => {
      fc.assert(
        fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (i, delta) => {
          const copy = bytes.slice();
          copy[i] = (copy[i]! + delta) & 255;
          expect(decodeSnapshot(copy)).toBeUndefined();
        }),
        propertyRuns(20, 200),
      );
    });

    it('foreign bytes, another format version and a bigger file are ignored', () => {
      expect(decodeSnapshot(new TextEncoder().encode('{"format":"faultline.model/1"}'.padEnd(400, ' ')))).toBeUndefined();
      expect(decodeSnapshot(new Uint8Array(4096))).toBeUndefined();
      const other = bytes.slice();
      new Uint32Array(other.buffer, 0, 2)[1] = SNAPSHOT_FORMAT + 1;
      expect(decodeSnapshot(other)).toBeUndefined();
      const longer = new Uint8Array(bytes.length + 8);
      longer.set(bytes);
      expect(decodeSnapshot(longer)).toBeUndefined();
    });

    it('random bytes never throw (property)', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (random, withHeader) => {
          const input = withHeader ? Uint8Array.from([...bytes.subarray(0, 40), ...random]) : random;
          expect(() => decodeSnapshot(input)).not.toThrow();
        }),
        propertyRuns(21, 200),
      );
    });

    it('reads bytes that start at any offset of their buffer', () => {
      const shifted = new Uint8Array(bytes.length + 3);
      shifted.set(bytes, 3);
      expect(decodeSnapshot(shifted.subarray(3))?.model).toStrictEqual(model);
    });
  });
});

/** A component with its keys in resolve.ts's order. */
function inLoaderOrder(c: Component): Component {
  const order = [
    'id',
    'kind',
    'isDomain',
    'isJourney',
    'placements',
    'minHealthy',
    'scope',
    'plane',
    'critical',
    'weight',
    'availability',
    'dependsOn',
    'monitors',
    'monitorsAt',
    'owner',
    'tags',
    'description',
    'aliases',
    'refs',
    'at',
    'suppressions',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const k of order) if (c[k] !== undefined) out[k] = c[k];
  out['dependsOn'] = c.dependsOn.map(dependencyInOrder);
  return out as unknown as Component;
}

function dependencyInOrder(d: Dependency): Dependency {
  const order = ['type', 'target', 'anyOf', 'need', 'mode', 'via', 'rollout', 'timeoutMs', 'retries', 'circuitBreaker', 'bulkhead', 'fallback', 'phase', 'memberAt', 'at'] as const;
  const out: Record<string, unknown> = {};
  const record = d as unknown as Record<string, unknown>;
  for (const k of order) if (record[k] !== undefined) out[k] = record[k];
  return out as unknown as Dependency;
}
