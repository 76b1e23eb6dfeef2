/**
 * The published JSON Schema stays in sync with the zod schema
 * ===========================================================
 *
 * packages/core/faultline.schema.json is committed (editors point
 * `# yaml-language-server: $schema=…` at it), so it must equal what
 * `manifestJsonSchema()` generates: `node scripts/write-schema.mjs` rewrites
 * it from the built core. Files are read through vite's `import.meta.glob`
 * (no `node:` import in core, not even in tests).
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { loadManifests } from './load/loader.js';
import { manifestJsonSchema } from './schema.js';
import { looksLikeTerraformJson } from './terraform/sniff.js';

const committed = import.meta.glob<string>('../faultline.schema.json', { query: '?raw', import: 'default', eager: true })['../faultline.schema.json'];
const fixtureFiles = import.meta.glob<string>('../../../fixtures/**/*.{yaml,yml,json}', { query: '?raw', import: 'default', eager: true });

type Json = { readonly [key: string]: unknown };

/** Every subschema, with its JSON pointer. */
function* walk(node: unknown, at = '#'): Generator<[string, Json]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [i, x] of node.entries()) yield* walk(x, `${at}/${i}`);
    return;
  }
  yield [at, node as Json];
  for (const [k, v] of Object.entries(node)) yield* walk(v, `${at}/${k}`);
}

describe('faultline.schema.json', () => {
  const generated = `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;

  it('is committed and equal to manifestJsonSchema()', () => {
    expect(committed, 'packages/core/faultline.schema.json is missing: run node scripts/write-schema.mjs').toBeDefined();
    expect(committed === generated, 'packages/core/faultline.schema.json is out of date: run node scripts/write-schema.mjs').toBe(true);
  });

  it('is draft-07, the newest draft yaml-language-server supports', () => {
    const schema = manifestJsonSchema();
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['$id']).toMatch(/faultline\.schema\.json$/);
    expect(schema['required']).toEqual(['apiVersion', 'components']);
  });

  it('rejects unknown fields: every object with properties has additionalProperties false', () => {
    const objects = [...walk(manifestJsonSchema())].filter(([, s]) => s['type'] === 'object' && 'properties' in s);
    // the manifest, a component, an edge and a group at least
    expect(objects.length).toBeGreaterThanOrEqual(4);
    for (const [at, s] of objects) expect([at, s['additionalProperties']]).toEqual([at, false]);
    const withKind = objects.filter(([, s]) => 'kind' in (s['properties'] as Json));
    expect(withKind.map(([, s]) => s['required'])).toContainEqual(['kind']);
  });

  it('constrains component ids with the id grammar', () => {
    const components = (manifestJsonSchema()['properties'] as Json)['components'] as Json;
    expect((components['propertyNames'] as Json)['pattern']).toBe('^[A-Za-z0-9][A-Za-z0-9._-]*$');
  });
});

/** Fixture directories read together with another (a catalog and an overlay for the Kubernetes objects they describe). */
const COMPANIONS: ReadonlyMap<string, string> = new Map([['fixtures/boutique-catalog', 'fixtures/kubernetes']]);

describe('fixtures', () => {
  // A fixture is a manifest when it has a top-level `components:` (or is a Backstage catalog); a directory is one model.
  const models = new Map<string, { path: string; text: string }[]>();
  const all = Object.entries(fixtureFiles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, text]) => ({ path: key.replace(/^(\.\.\/)+/, ''), text }));
  for (const { path, text } of all) {
    // Terraform JSON (fixtures/terraform) is a model too; other JSON (traces) is not.
    if (!/^components:|^apiVersion: ([a-z0-9-]+\.)*backstage\.io\//m.test(text) && !looksLikeTerraformJson(text)) continue;
    const dir = path.slice(0, path.lastIndexOf('/'));
    // A catalog tree (Locations naming files in subdirectories) is one model.
    const group = dir === 'fixtures' ? path : dir.startsWith('fixtures/backstage-wild') ? 'fixtures/backstage-wild' : dir;
    const companion = COMPANIONS.get(group);
    const first = models.has(group) || companion === undefined ? [] : all.filter((f) => f.path.startsWith(`${companion}/`));
    models.set(group, [...(models.get(group) ?? first), { path, text }]);
  }

  it('finds the fixtures', () => expect(models.size).toBeGreaterThan(10));

  it.each([...models.keys()])('%s loads without diagnostics', (group) => {
    const result = loadManifests(models.get(group)!);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(result.model!.components.size).toBeGreaterThan(0);
  });
});
