import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wildcardMatch } from './io.js';
import { cli } from './test-support.js';

const entity = (kind: string, name: string, spec: string) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const location = (name: string, targets: string[]) => entity('Location', name, `{ targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}] }`);

/** A catalog tree: a root Location, a Location of Locations, a glob, a directory target, a cycle, a missing file, a URL. */
function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-locations-'));
  mkdirSync(join(dir, 'components'));
  mkdirSync(join(dir, 'resources'));
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(dir, 'catalog-info.yaml'), location('root', ['./all.yaml', 'https://example.com/catalog-info.yaml', './missing.yaml', '../../etc/hostname']));
  writeFileSync(join(dir, 'all.yaml'), location('all', ['./components/*.yaml', './resources', './catalog-info.yaml']));
  writeFileSync(join(dir, 'components', 'web.yaml'), entity('Component', 'web', '{ type: website, dependsOn: [resource:db] }'));
  writeFileSync(join(dir, 'components', 'api.yaml'), entity('Component', 'api', '{ type: service, dependsOn: [resource:db] }'));
  writeFileSync(join(dir, 'components', 'notes.txt'), 'not yaml');
  writeFileSync(join(dir, 'resources', 'db.yaml'), entity('Resource', 'db', '{ type: database }'));
  writeFileSync(join(dir, 'elsewhere', 'stray.yaml'), entity('Component', 'stray', '{ type: service }'));
  return dir;
}

describe('following Backstage Locations', () => {
  it('reads what the root Location names, transitively, and warns about URLs, missing files and cycles', async () => {
    const dir = tree();
    const r = await cli(dir, 'simulate', 'catalog-info.yaml', '--fail', 'db', '--format', 'json');
    expect(r.code).toBe(0);
    const sim = JSON.parse(r.out) as { nodes: { id: string; status: string }[] };
    expect(sim.nodes.map((n) => `${n.id}:${n.status}`).sort()).toEqual(['api:down', 'db:down', 'web:down']);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'catalog-info.yaml:4:33: warning: Location target "https://example.com/catalog-info.yaml" not followed: a URL; faultline reads files only (clone or download the files it names, and pass them with the others)',
      'catalog-info.yaml:4:74: warning: Location target "./missing.yaml" not followed: no such file (missing.yaml) (fix the path, or remove the target)',
      `catalog-info.yaml:4:92: warning: Location target "../../etc/hostname" not followed: ${join(dir, '../../etc/hostname')} is outside the working directory and the directories given (run faultline from a directory that holds the whole catalog, or pass that file too)`,
      'all.yaml:4:57: warning: Location target "./catalog-info.yaml" leads back to catalog-info.yaml, which leads here: a cycle; each file is read once (remove the target that points back)',
    ]);
  });

  it('gives the same model from the root Location as from the directory (the stray file aside)', async () => {
    const dir = tree();
    const fromRoot = await cli(dir, 'spof', 'catalog-info.yaml', '--format', 'json');
    const fromDir = await cli(join(dir), 'spof', '.', '--format', 'json');
    expect(fromRoot.code).toBe(0);
    expect(fromDir.code).toBe(0);
    const ids = (out: string) => (JSON.parse(out) as { failures: { fault: string }[] }).failures.map((x) => x.fault).sort();
    expect(ids(fromDir.out)).toEqual(ids(fromRoot.out));
    expect(ids(fromRoot.out)).toEqual(['db']);
    // The stray file is in the directory but no Location names it.
    expect((await cli(dir, 'simulate', '.', '--fail', 'stray')).code).toBe(0);
    expect((await cli(dir, 'simulate', 'catalog-info.yaml', '--fail', 'stray')).code).toBe(2);
  });

  it('a glob that matches nothing is a warning, and a load that ends with no component is still an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-locations-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), location('root', ['./components/*.yaml']));
    const r = await cli(dir, 'lint', 'catalog-info.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('catalog-info.yaml:4:19: warning: Location target "./components/*.yaml" not followed: it matches no file');
    expect(r.err).toContain('error: no components in the file given: nothing to analyse');
  });
});

describe('wildcardMatch', () => {
  it('matches * and ? within a name, in linear time', () => {
    expect(wildcardMatch('*.yaml', 'web.yaml')).toBe(true);
    expect(wildcardMatch('*.yaml', 'web.yml')).toBe(false);
    expect(wildcardMatch('w?b-*.y*ml', 'web-1.yaml')).toBe(true);
    expect(wildcardMatch('*a*a*a*a*b', 'a'.repeat(10_000))).toBe(false);
    expect(wildcardMatch('', '')).toBe(true);
    expect(wildcardMatch('*', '')).toBe(true);
  });
});
