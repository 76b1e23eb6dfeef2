import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { run } from '../program.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function fakeIo(cwd = ROOT): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: { FAULTLINE_NO_CACHE: '1' }, paint: (_s, t) => t };
}

describe('faultline drift', () => {
  it('exits 1 on an undeclared dependency and 0 when only warnings remain', async () => {
    const io = fakeIo();
    expect(await run(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/otel-service-graph.prom'], io)).toBe(1);
    // The partner's webhook API has no provider in the catalog: a warning, not a problem.
    expect(io.err.join('')).toBe(
      `fixtures/backstage/checkout.yaml:43:18: warning: notification-service consumes api:default/partner-webhooks-api, which no Component in the files given provides: no edge (add the provider's "providesApis: [api:partner-webhooks-api]", or model the outside service in a faultline manifest)\n`,
    );
    expect(io.out.join('')).toContain('  61:9   error  search-service calls catalog-db (18,844 calls) but declares no dependency path to it  undeclared-dependency\n');

    const dir = mkdtempSync(join(tmpdir(), 'faultline-drift-'));
    const overlay = readFileSync(join(ROOT, 'fixtures/backstage/faultline-overlay.yaml'), 'utf8').replace(
      '  search-service: { in: [use1-az2, use1-az3] }',
      '  search-service: { in: [use1-az2, use1-az3], dependsOn: [{ target: catalog-db, mode: soft }] }',
    );
    writeFileSync(join(dir, 'overlay.yaml'), overlay);
    const paths = ['catalog-info', 'org', 'storefront', 'checkout', 'payments', 'platform'].map((f) => join(ROOT, `fixtures/backstage/${f}.yaml`));
    const declared = fakeIo();
    // The OTel form labels checkout-service → notifications-service (in no catalog) a messaging edge: a warning.
    expect(await run(['drift', ...paths, join(dir, 'overlay.yaml'), '--observed', 'fixtures/observed/otel-service-graph.prom', '--format', 'json'], declared)).toBe(0);
    expect(JSON.parse(declared.out.join('')).summary).toEqual({ error: 0, warn: 2 });
  });

  it('writes SARIF to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-drift-'));
    const io = fakeIo();
    expect(await run(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json', '-f', 'sarif', '-o', join(dir, 'drift.sarif')], io)).toBe(1);
    const log = JSON.parse(readFileSync(join(dir, 'drift.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['undeclared-dependency', 'unobserved-dependency', 'undeclared-dependency']);
  });

  it('takes --min-calls, and rejects bad usage with exit 2', async () => {
    const io = fakeIo();
    expect(await run(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json', '--min-calls', '80000'], io)).toBe(0);
    const bad = fakeIo();
    expect(await run(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json', '--min-calls', 'x'], bad)).toBe(2);
    expect(bad.err.join('')).toBe('faultline: error: --min-calls must be a whole number ≥ 1, got "x"\n');
    const missing = fakeIo();
    expect(await run(['drift', 'fixtures/backstage'], missing)).toBe(2);
    expect(missing.err.join('')).toContain("required option '--observed <file>' not specified");
  });
});
