/**
 * Fuzzing the loader and the engine with hostile YAML (docs/limits.md):
 * duplicate keys, deep nesting, huge scalars, unicode and control
 * characters, tags, anchors, odd numbers, spliced into a valid manifest at
 * random lines. Whatever the text, the load never throws, every diagnostic
 * points inside the file, and a model that loads can be simulated and
 * linted. Fast by default; `FAULTLINE_PROPERTY_RUNS=2000` runs it deep.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../engine/simulate.js';
import { lint } from '../lint/lint.js';
import { propertyRuns } from '../property-runs.test-support.js';
import { loadManifests } from './loader.js';

const BASE = [
  'apiVersion: faultline/v1',
  'name: fuzz',
  'components:',
  '  region: { kind: region }',
  '  zone-a: { kind: zone, in: region }',
  '  zone-b: { kind: zone, in: region }',
  '  db:',
  '    kind: database',
  '    in: { zone-a: 2, zone-b: 1 }',
  '    minHealthy: 2',
  '  api:',
  '    kind: service',
  '    critical: true',
  '    in: [zone-a, zone-b]',
  '    dependsOn:',
  '      - db',
  '      - { anyOf: [db, cache], need: 1, mode: soft }',
  '  cache: { kind: cache, in: zone-a, tags: { tier: hot } }',
];

/** Fragments a careless or malicious change could write. */
const fragment = fc.oneof(
  fc.constantFrom(
    '    dependsOn: []',
    '    kind: service',
    'components:',
    'apiVersion: faultline/v1',
    '  api: { kind: service }',
    '    in: { zone-a: 2147483648 }',
    '    weight: 1e308',
    '    weight: .nan',
    '    minHealthy: -0',
    '    retries: .inf',
    '  __proto__: { kind: service }',
    '  constructor: { kind: service }',
    '    tags: { __proto__: x }',
    '  x: &a [*a]',
    '  y: *missing',
    '  z: !!binary aGVsbG8=',
    '  t: !custom { kind: service }',
    '%YAML 1.1',
    '---',
    '...',
    '  "unterminated: { kind: service }',
    "  'also unterminated",
    '\t  tabbed: { kind: service }',
    '  on: { kind: service }',
    '  ? [complex, key]',
    '  : { kind: service }',
    '  q: { kind: service, dependsOn: [{ target: api, target: db }] }',
    '\uFEFF  bom: { kind: service }',
    '  e\u0301t\u00e9: { kind: service }',
    '  emoji-\u{1F525}: { kind: service }',
    '  rtl: { kind: "\u202Eecivres" }',
    '  ctl: { kind: "a\u0007b\u001bc" }',
    '  sep: { kind: "a\u2028b" }',
  ),
  fc.nat(1000).map((n) => `  deep: { kind: service, tags: { x: ${'['.repeat(n)}${']'.repeat(n)} } }`),
  fc.nat(50_000).map((n) => `  huge: { kind: service, description: ${'x'.repeat(n)} }`),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `  ${s}`),
  fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\r', '\t', '{', '[', ':', '"', ' '), maxLength: 20 }),
);

const hostileText = fc.array(fc.tuple(fc.nat(BASE.length), fragment), { minLength: 1, maxLength: 4 }).map((edits) => {
  const lines = [...BASE];
  for (const [at, text] of edits) lines.splice(at, 0, text);
  return `${lines.join('\n')}\n`;
});

const runs = propertyRuns(1717, 25);

describe('hostile YAML (fuzz)', () => {
  // A deep run (FAULTLINE_PROPERTY_RUNS) gets time in proportion; the default stays far inside the project's timeout.
  it('never throws; every diagnostic is inside the file; what loads can be simulated and linted', { timeout: Math.max(30_000, runs.numRuns * 500) }, () => {
    fc.assert(
      fc.property(hostileText, fc.boolean(), (text, fastPath) => {
        const lineCount = text.split('\n').length;
        const result = loadManifests([{ path: 'fuzz.yaml', text }], { fastPath });
        for (const d of [...result.diagnostics, ...result.warnings]) {
          expect(d.at.file).toBe('fuzz.yaml');
          expect(d.at.line).toBeGreaterThanOrEqual(1);
          expect(d.at.line).toBeLessThanOrEqual(lineCount);
          expect(d.at.col).toBeGreaterThanOrEqual(1);
          expect(d.message).not.toMatch(/\n/);
        }
        if (!result.model) {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          return;
        }
        const first = [...result.model.components.keys()][0]!;
        const sim = simulate(result.model, [{ target: first }]);
        expect(Number.isFinite(sim.summary.impact)).toBe(true);
        lint(result.model);
      }),
      runs,
    );
  });
});
