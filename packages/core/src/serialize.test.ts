import { describe, expect, it } from 'vitest';
import { fromJson, ModelJsonError, toJson } from './serialize.js';
import { simulate } from './engine/simulate.js';
import { model } from './test-support.js';

const m = model(`
  us-east-1: { kind: region }
  use1-az1: { kind: zone, in: us-east-1 }
  use1-az2: { kind: zone, in: us-east-1 }
  db: { kind: database, in: { use1-az1: 2, use1-az2: 1 }, minHealthy: 2, description: "<b>primary</b>" }
  cache-a: { kind: cache, in: use1-az1 }
  cache-b: { kind: cache, in: use1-az2 }
  api:
    kind: service
    critical: true
    weight: 4
    plane: data
    scope: regional
    owner: team-a
    availability: 0.999
    tags: { constructor: x, tier: 1 }
    in: [use1-az1, use1-az2]
    dependsOn:
      - db
      - { anyOf: [cache-a, cache-b], need: 1, mode: soft, timeoutMs: 50 }
      - { target: cache-a, mode: soft, retries: 2, circuitBreaker: true, via: data, rollout: staged }
  mon: { kind: monitoring, monitors: [api, db] }
`);

const roundTrip = (json: unknown) => fromJson(JSON.parse(JSON.stringify(json)));

describe('toJson / fromJson', () => {
  it('round-trips a model through JSON text, Maps included', () => {
    const back = roundTrip(toJson(m));
    expect(back).toEqual(m);
    expect(back.components.get('api')!.tags).toEqual(
      new Map([
        ['constructor', 'x'],
        ['tier', '1'],
      ]),
    );
  });

  it('keeps the engine result identical', () => {
    const faults = [{ target: 'use1-az1' }, { target: 'cache-b', effect: 'degraded' as const }];
    const before = simulate(m, faults);
    const after = simulate(roundTrip(toJson(m)), faults);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.summary).toEqual(before.summary);
  });

  it('writes arrays, never id-keyed objects, in a stable order', () => {
    const json = toJson(m);
    expect(json.components.map((c) => c.id)).toEqual([...m.components.keys()]);
    expect(Array.isArray(json.components[6]!.tags)).toBe(true);
    expect(JSON.stringify(toJson(roundTrip(json)))).toBe(JSON.stringify(json));
  });

  it('rejects what is not a serialized model', () => {
    expect(() => fromJson(null)).toThrow(ModelJsonError);
    expect(() => fromJson({ format: 'other' })).toThrow(/format "faultline.model\/1"/);
    const json = toJson(m);
    expect(() => fromJson({ ...json, components: [...json.components, json.components[0]] })).toThrow(/appears twice/);
  });
});
