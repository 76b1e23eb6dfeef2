/**
 * The fast component validator against zod, its oracle: on valid and
 * near-valid components (every field, wrong types, unknown keys, the
 * boundary numbers of limits.ts, unicode and odd ids, `__proto__`), the two
 * accept and reject the same components, and what the fast validator
 * accepts is what zod returns. The one place it may differ is a `__proto__`
 * key in a record (`in`, `tags`), which it leaves to zod by design.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REPLICAS, MAX_RETRIES, MAX_TIMEOUT_MS, MAX_WEIGHT } from '../limits.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { ComponentSchema } from '../schema.js';
import { fastComponent } from './fast-validate.js';

const validId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/);
const oddId = fc.constantFrom('', '-a', '.a', '_x', 'a b', 'a@b', 'a/b', 'é', 'café', '日本', '😀', 'a\u0000', '__proto__', 'constructor', 'toString', '1', '007');
const id = fc.oneof({ arbitrary: validId, weight: 5 }, { arbitrary: oddId, weight: 1 }, { arbitrary: fc.string({ maxLength: 4 }), weight: 1 });

/** The numbers at and around every limit a component field has. */
const boundary = fc.constantFrom(
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  0.9995,
  Number.MIN_VALUE,
  MAX_REPLICAS,
  MAX_REPLICAS + 1,
  MAX_WEIGHT,
  MAX_WEIGHT + 0.5,
  MAX_RETRIES,
  MAX_RETRIES + 1,
  MAX_TIMEOUT_MS,
  MAX_TIMEOUT_MS + 0.5,
  2 ** 53 - 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);
const number = fc.oneof(boundary, fc.integer({ min: -3, max: 2_000 }), fc.double({ noNaN: false }));

/** What a careless edit writes where a value belongs (YAML has no `undefined`: that case is below). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  number,
  fc.array(fc.oneof(fc.string({ maxLength: 3 }), number), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

/** `valid`, mostly; now and then anything else. */
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: junk, weight: 1 });

/** A plain object with these entries, `__proto__` as an own key (as js-yaml and the yaml package make it). */
function object(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/** A map with keys from `key` and values from `value`, sometimes with an own `__proto__` key. */
const map = (key: fc.Arbitrary<string>, value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc.uniqueArray(fc.tuple(key, value), { maxLength: 3, selector: ([k]) => k }).map(object);

/** Optional fields: each present or not, valid or not. */
const fields = (shape: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<(readonly [string, unknown])[]> =>
  fc
    .tuple(
      ...Object.entries(shape).map(([k, v]) =>
        fc.option(
          v.map((value) => [k, value] as const),
          { nil: undefined, freq: 2 },
        ),
      ),
    )
    .map((es) => es.filter((e) => e !== undefined));

const extraKey = fc.option(fc.tuple(fc.constantFrom('on', 'dependson', 'kinds', '__proto__', 'constructor', 'toString', 'x'), junk), { freq: 6, nil: undefined });

const edgeAttributes = {
  mode: mostly(fc.constantFrom('hard', 'soft', 'async')),
  via: mostly(fc.constantFrom('call', 'config', 'dns', 'auth', 'data')),
  rollout: mostly(fc.constantFrom('global', 'staged')),
  timeoutMs: mostly(fc.oneof(boundary, fc.integer({ min: 0, max: 60_000 }))),
  retries: mostly(fc.oneof(boundary, fc.integer({ min: 0, max: 5 }))),
  circuitBreaker: mostly(fc.boolean()),
  bulkhead: mostly(fc.boolean()),
  fallback: mostly(fc.boolean()),
  phase: mostly(fc.constantFrom('startup', 'runtime')),
};

const withExtra = (entries: fc.Arbitrary<(readonly [string, unknown])[]>): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(entries, extraKey).map(([es, extra]) => object(extra ? [...es, extra] : es));

const edge = withExtra(
  fc.tuple(fc.option(mostly(id), { freq: 8, nil: undefined }), fields(edgeAttributes)).map(([t, es]) => (t === undefined ? es : [['target', t] as const, ...es])),
);
const group = withExtra(
  fc
    .tuple(mostly(fc.array(mostly(id), { maxLength: 3 })), fields({ need: mostly(fc.oneof(boundary, fc.integer({ min: 1, max: 3 }))), ...edgeAttributes }))
    .map(([anyOf, es]) => [['anyOf', anyOf] as const, ...es]),
);
const dependency = fc.oneof(id, edge, group, junk);

const placement = fc.oneof(mostly(id), mostly(fc.array(mostly(id), { maxLength: 3 })), mostly(map(id, mostly(fc.oneof(boundary, fc.integer({ min: 1, max: 5 }))))));
const tags = map(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'constructor', 'team')), mostly(fc.oneof(fc.string({ maxLength: 4 }), boundary, fc.boolean())));

const component: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: junk, weight: 1 },
  {
    arbitrary: withExtra(
      fc
        .tuple(
          fc.option(mostly(fc.string({ maxLength: 8 })), { freq: 10, nil: undefined }),
          fields({
            in: placement,
            minHealthy: mostly(fc.oneof(boundary, fc.integer({ min: 1, max: 3 }))),
            scope: mostly(fc.constantFrom('global', 'regional', 'zonal')),
            plane: mostly(fc.constantFrom('control', 'data')),
            critical: mostly(fc.boolean()),
            weight: mostly(fc.oneof(boundary, fc.integer({ min: 0, max: 100 }))),
            availability: mostly(fc.oneof(boundary, fc.double({ min: 0.9, max: 1, noNaN: true }))),
            dependsOn: mostly(fc.array(dependency, { maxLength: 3 })),
            monitors: mostly(fc.array(mostly(id), { maxLength: 2 })),
            owner: mostly(fc.string({ maxLength: 6 })),
            tags: mostly(tags),
            description: mostly(fc.string({ maxLength: 6 })),
            aliases: mostly(fc.array(mostly(fc.string({ maxLength: 4 })), { maxLength: 2 })),
          }),
        )
        .map(([kind, es]) => (kind === undefined ? es : [['kind', kind] as const, ...es])),
    ),
    weight: 8,
  },
);

/** A `__proto__` key in a record, the one shape the fast validator leaves to zod on purpose. */
function protoInRecord(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const isProtoMap = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m) && Object.hasOwn(m, '__proto__');
  return isProtoMap(v['in']) || isProtoMap(v['tags']);
}

describe('the fast component validator', () => {
  it('accepts what zod accepts, with the value zod returns, and rejects what zod rejects', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(component, (value) => {
        const fast = fastComponent(value);
        const zod = ComponentSchema.safeParse(value);
        if (fast !== undefined) {
          expect(zod.success).toBe(true);
          expect(fast).toStrictEqual(zod.data);
          accepted++;
        } else {
          if (!protoInRecord(value)) expect(zod.success).toBe(false);
          rejected++;
        }
      }),
      propertyRuns(18, 400),
    );
    // Both sides of the boundary were explored.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });

  it('agrees on the limits themselves', () => {
    const at = (field: string, value: unknown) => ({ kind: 'service', [field]: value });
    const edgeAt = (field: string, value: unknown) => ({ kind: 'service', dependsOn: [{ target: 'db', [field]: value }] });
    const cases = [
      at('minHealthy', MAX_REPLICAS),
      at('minHealthy', MAX_REPLICAS + 1),
      at('minHealthy', 0),
      at('weight', MAX_WEIGHT),
      at('weight', MAX_WEIGHT + 1),
      at('weight', -0),
      at('availability', 1),
      at('availability', 0),
      at('availability', Number.MIN_VALUE),
      at('in', { a: MAX_REPLICAS }),
      at('in', { a: MAX_REPLICAS + 1 }),
      at('in', { a: 1.5 }),
      at('in', []),
      at('in', {}),
      edgeAt('retries', MAX_RETRIES),
      edgeAt('retries', MAX_RETRIES + 1),
      edgeAt('timeoutMs', MAX_TIMEOUT_MS),
      edgeAt('timeoutMs', MAX_TIMEOUT_MS + 1),
      edgeAt('timeoutMs', 0.5),
      { kind: 'service', dependsOn: [{ anyOf: ['a'], need: 2 ** 53 - 1 }] },
      { kind: 'service', dependsOn: [{ anyOf: ['a'], need: 2 ** 53 }] },
      { kind: 'service', dependsOn: [{ anyOf: [] }] },
      { kind: 'service', dependsOn: [{ target: 'a', anyOf: ['b'] }] },
      { kind: 'service', dependsOn: [{ target: 'a', need: 1 }] },
      { kind: 'service', tags: { a: Number.NaN } },
      { kind: 'service', aliases: [''] },
      { kind: '' },
    ];
    for (const value of cases) {
      const fast = fastComponent(value);
      const zod = ComponentSchema.safeParse(value);
      if (fast !== undefined) expect(fast, JSON.stringify(value)).toStrictEqual(zod.data);
      else expect(zod.success, JSON.stringify(value)).toBe(false);
    }
  });

  it('leaves to zod what it reads in its own way: an undefined field, a __proto__ key in a record', () => {
    const proto = JSON.parse('{ "kind": "service", "tags": { "__proto__": "x" } }') as unknown;
    for (const value of [{ kind: 'service', owner: undefined }, { kind: 'service', dependsOn: [{ target: 'a', mode: undefined }] }, proto]) {
      expect(fastComponent(value)).toBeUndefined();
      expect(ComponentSchema.safeParse(value).success).toBe(true);
    }
  });

  it('returns the component itself, not a copy', () => {
    const value = { kind: 'service', in: { a: 2 }, dependsOn: ['db', { target: 'q', mode: 'async' }], tags: { team: 'x' } };
    expect(fastComponent(value)).toBe(value);
  });
});
