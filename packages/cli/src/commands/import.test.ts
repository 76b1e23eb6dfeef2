import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBackstage, loadManifests } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { run } from '../program.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function fakeIo(cwd = ROOT): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: { FAULTLINE_NO_CACHE: '1' }, paint: (_s, t) => t };
}

/** What the load says about fixtures/backstage on stderr: its partner API has no provider. */
const PARTNER_API_WARNING = `fixtures/backstage/checkout.yaml:43:18: warning: notification-service consumes api:default/partner-webhooks-api, which no Component in the files given provides: no edge (add the provider's "providesApis: [api:partner-webhooks-api]", or model the outside service in a faultline manifest)\n`;

describe('faultline import backstage', () => {
  it('prints an equivalent manifest to stdout and says what it wrote on stderr', async () => {
    const io = fakeIo();
    expect(await run(['import', 'backstage', 'fixtures/backstage'], io)).toBe(0);
    expect(io.err.join('')).toBe(`${PARTNER_API_WARNING}faultline: manifest written to stdout: 36 components, 29 from catalog entities\n`);
    const loaded = loadManifests([{ path: 'faultline.yaml', text: io.out.join('') }]);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.model!.components.size).toBe(36);
  });

  it('cites sources outside the working directory as typed (../…), never by their absolute path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
    const io = fakeIo(dir);
    const typed = relative(dir, join(ROOT, 'fixtures/backstage'));
    expect(await run(['import', 'backstage', typed], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain(`${typed}/checkout.yaml:6)`);
    // (The relative path may contain the root's name, so look for it where an absolute path would start.)
    expect(text).not.toMatch(new RegExp(`[ (]${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('writes -o, and refuses to overwrite it unless --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
    const out = join(dir, 'faultline.yaml');
    writeFileSync(out, '# mine\n');
    const io = fakeIo();
    expect(await run(['import', 'backstage', 'fixtures/backstage', '-o', out], io)).toBe(2);
    expect(io.err.join('')).toBe(
      `${PARTNER_API_WARNING}faultline: error: "${out}" already exists; nothing was written (pass --force to overwrite it, or choose another file with -o)\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('# mine\n');
    const forced = fakeIo();
    expect(await run(['import', 'backstage', 'fixtures/backstage', '-o', out, '--force'], forced)).toBe(0);
    expect(forced.err.join('').replace(PARTNER_API_WARNING, '')).toMatch(/^faultline: wrote .*faultline\.yaml: 36 components/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Written by "faultline import backstage"/);
  });

  it('reports catalog problems at file:line:col and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: web }\nspec: { type: website, dependsOn: [resource:db] }\n',
    );
    const io = fakeIo(dir);
    expect(await run(['import', 'backstage', 'catalog-info.yaml', '-o', 'out.yaml'], io)).toBe(2);
    expect(io.err.join('')).toBe(
      'catalog-info.yaml:4:36: error: unknown entity "resource:db" in web.spec.dependsOn (add the entity to the catalog files given, or define its id in a faultline manifest)\nfaultline: 1 problem in the manifests; nothing was analysed\n',
    );
    expect(existsSync(join(dir, 'out.yaml'))).toBe(false);
  });

  it("reads the config's backstage.types rows, or ignores them with --no-config", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: checks }\nspec: { type: synthetic-checks, owner: sre }\n');
    writeFileSync(join(dir, 'faultline.config.yaml'), 'backstage:\n  types:\n    synthetic-checks: monitoring\n');
    const kindOf = async (...args: string[]) => {
      const io = fakeIo(dir);
      expect(await run(['import', 'backstage', 'catalog-info.yaml', ...args], io)).toBe(0);
      return loadManifests([{ path: 'out.yaml', text: io.out.join('') }]).model?.components.get('checks')?.kind;
    };
    expect(await kindOf()).toBe('monitoring');
    expect(await kindOf('--no-config')).toBe('synthetic-checks');
  });

  it('returns the warnings of its load beside the manifest', () => {
    const text = readFileSync(join(ROOT, 'fixtures/backstage/checkout.yaml'), 'utf8');
    const result = importBackstage([{ path: 'fixtures/backstage/checkout.yaml', text }]);
    expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('partner-webhooks-api'));
  });
});

describe('faultline import observed', () => {
  it('writes a starter manifest from each format', async () => {
    for (const file of ['jaeger-dependencies.json', 'otel-service-graph.prom', 'otel-service-graph.promql.json']) {
      const io = fakeIo();
      expect(await run(['import', 'observed', `fixtures/observed/${file}`, '--name', 'traced'], io)).toBe(0);
      const loaded = loadManifests([{ path: 'faultline.yaml', text: io.out.join('') }]);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.model!.name).toBe('traced');
      // The OTel service graph marks checkout → notifications as messages: one guessed topic is added between them.
      const messaging = file.startsWith('otel');
      expect(loaded.model!.components.size).toBe(messaging ? 20 : 19);
      expect(loaded.model!.components.get('checkout-service-messages')?.kind).toBe(messaging ? 'queue' : undefined);
      expect(io.err.join('')).toBe('faultline: manifest written to stdout: 23 observed dependencies; review the "# guessed" lines and the TODOs\n');
    }
  });

  it('exits 2 with the place of a problem, or a one-line error for a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-import-'));
    writeFileSync(join(dir, 'deps.json'), '{"data": [\n  {"parent": "a", "child": 3, "callCount": 1}\n]}\n');
    const io = fakeIo(dir);
    expect(await run(['import', 'observed', 'deps.json'], io)).toBe(2);
    expect(io.err.join('')).toBe('deps.json:2:28: error: data[0].child: expected a string, found number 3 (quote the value)\nfaultline: 1 problem in deps.json\n');
    const missing = fakeIo(dir);
    expect(await run(['import', 'observed', 'nope.json'], missing)).toBe(2);
    expect(missing.err.join('')).toBe('faultline: error: cannot read "nope.json": no such file (pass a Jaeger JSON, a Prometheus dump or a PromQL JSON file)\n');
  });
});
