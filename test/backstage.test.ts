/**
 * A Backstage catalog through the built CLI: `faultline lint` and
 * `simulate` read fixtures/backstage (51 entities in six catalog files plus
 * an overlay) as they read manifests, findings land on the catalog lines
 * (text and SARIF), broken catalogs exit 2 with file:line:col, and
 * `faultline import backstage` writes a manifest that lints the same.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';
import { sarifValidator } from '../packages/core/src/format/sarif-schema.test-support.js';

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

describe('faultline lint on a Backstage catalog with an overlay', () => {
  it('finds the real problems, on the catalog-info lines', () => {
    const r = faultline(['lint', 'fixtures/backstage']);
    // The partner's webhook API has no provider in the catalog: one warning naming the consumer.
    expect(r.stderr).toBe(
      `fixtures/backstage/checkout.yaml:43:18: warning: notification-service consumes api:default/partner-webhooks-api, which no Component in the files given provides: no edge (add the provider's "providesApis: [api:partner-webhooks-api]", or model the outside service in a faultline manifest)\n`,
    );
    expect(r.code).toBe(1);
    // The status page shares public-dns with the site it reports on; orders-db is in one zone.
    const platform = r.stdout.slice(r.stdout.indexOf('fixtures/backstage/platform.yaml\n'));
    expect(platform).toContain(
      '\n  21:9  error  status-page and web-frontend, which it monitors, are both down when public-dns fails: the monitor is blind exactly when needed (status-page needs public-dns → public-dns failed)  monitor-independence\n      21 │   name: status-page\n',
    );
    expect(r.stdout).toContain('fixtures/backstage/checkout.yaml\n');
    expect(r.stdout).toContain('\n  48:9  error  orders-db is a single point of failure');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ \d+ problems \(\d+ errors, \d+ warnings\)$/);
  });

  it('writes SARIF that validates, with locations in the catalog files', () => {
    const r = faultline(['lint', 'fixtures/backstage', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results as SarifResult[];
    const places = results.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    expect(places).toContain('monitor-independence fixtures/backstage/platform.yaml:21');
    expect(places).toContain('single-point-of-failure fixtures/backstage/storefront.yaml:133');
    const catalogFiles = new Set(results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri).filter((u) => !u.endsWith('faultline-overlay.yaml')));
    // payments.yaml holds only logical single points of failure (replicated services, warn), each used by one
    // component: silent by default (minDependents: 2), located in payments.yaml with minDependents: 1.
    expect([...catalogFiles].sort()).toEqual(['fixtures/backstage/checkout.yaml', 'fixtures/backstage/platform.yaml', 'fixtures/backstage/storefront.yaml']);
    const config = join(mkdtempSync(join(tmpdir(), 'faultline-backstage-config-')), 'faultline.config.yaml');
    writeFileSync(config, 'rules:\n  logical-single-point-of-failure: { minDependents: 1 }\n');
    const wide = JSON.parse(faultline(['lint', 'fixtures/backstage', '--format', 'sarif', '--config', config]).stdout).runs[0].results as SarifResult[];
    const inPayments = wide.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'fixtures/backstage/payments.yaml');
    expect(inPayments.length).toBeGreaterThan(0);
    expect(new Set(inPayments.map((x) => x.ruleId))).toEqual(new Set(['logical-single-point-of-failure']));
  });

  it('honours a faultline-ignore comment on an entity', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-backstage-'));
    for (const f of ['catalog-info', 'org', 'storefront', 'checkout', 'payments', 'platform', 'faultline-overlay']) {
      let text = readFileSync(join(ROOT, `fixtures/backstage/${f}.yaml`), 'utf8');
      if (f === 'checkout') text = text.replace('  name: orders-db\n', '  name: orders-db  # faultline-ignore single-point-of-failure failover drill booked for Q3\n');
      writeFileSync(join(dir, `${f}.yaml`), text);
    }
    const r = faultline(['lint', '.', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { findings: { rule: string; target: string; suppressed: boolean; file: string; line: number }[] };
    expect(out.findings.find((f) => f.target === 'orders-db' && f.rule === 'single-point-of-failure')).toMatchObject({ suppressed: true, file: 'checkout.yaml', line: 48 });
  });
});

describe('faultline simulate on a Backstage catalog', () => {
  it('answers "what breaks if use1-az1 fails?" with chains through catalog entities', () => {
    const r = faultline(['simulate', 'fixtures/backstage', '--fail', 'use1-az1']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('If use1-az1 fails: 14 down (2 critical), 0 degraded — impact 20');
    expect(r.stdout).toContain('checkout-service weight 10  fixtures/backstage/checkout.yaml:6:9');
    expect(r.stdout).toContain('checkout-service needs orders-db → orders-db runs in use1-az1 → use1-az1 failed (fault)');
  });

  it('fails a whole Backstage System by its tag, and keeps the payments ledger up through its replica', () => {
    // System payments/payments: its id, like every entity's outside the default namespace, is namespace.name.
    const r = faultline(['simulate', 'fixtures/backstage', '--fail', 'tag.system=payments.payments', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { faults: { hits: string[] }[]; nodes: { id: string; status: string }[] };
    expect(out.faults[0]!.hits.sort()).toEqual([
      'payments.fraud-model-store',
      'payments.fraud-scoring',
      'payments.ledger',
      'payments.ledger-db-primary',
      'payments.ledger-db-replica',
      'payments.payment-gateway',
    ]);
    expect(out.nodes.find((n) => n.id === 'checkout-service')).toMatchObject({ status: 'down' });
    const primary = JSON.parse(faultline(['simulate', 'fixtures/backstage', '--fail', 'payments.ledger-db-primary', '--format', 'json']).stdout) as { nodes: { id: string }[] };
    expect(primary.nodes.map((n) => n.id)).toEqual(['payments.ledger-db-primary']);
  });

  it('names entities as Backstage refs do: kind:namespace/name, kind:name, name, case-insensitively', () => {
    const byRef = faultline(['simulate', 'fixtures/backstage', '--fail', 'resource:payments/ledger-db-primary', '--format', 'json']);
    expect(byRef.code).toBe(0);
    expect((JSON.parse(byRef.stdout) as { faults: { hits: string[] }[] }).faults[0]!.hits).toEqual(['payments.ledger-db-primary']);
    const r = faultline(['simulate', 'fixtures/backstage', '--fail', 'Resource:Orders-DB']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe('  Resource:Orders-DB hits orders-db');
    const unknown = faultline(['simulate', 'fixtures/backstage', '--fail', 'resource:ordrs-db']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('faultline: error: unknown component "resource:ordrs-db" (did you mean "resource:orders-db"?)\n');
  });
});

describe('broken catalogs', () => {
  it('exit 2 with file:line:col for every problem, and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-backstage-'));
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: web',
        '  annotations:',
        '    faultline.dev/in: "{ az1: two }"',
        'spec:',
        '  type: website',
        '  dependsOn: [resource:sesion-db]',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Resource',
        'metadata: { name: session-db }',
        'spec: { type: redis }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: [oops] }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'overlay.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  az1: { kind: zone }\n  web: { critical: true, wieght: 3 }\n');
    const r = faultline(['lint', '.'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        // An entity Backstage itself rejects is skipped with a warning (printed first, as the load reports it).
        'catalog-info.yaml:18:19: warning: skipped an entity: metadata.name: expected a string, found a list (Backstage rejects this entity too; fix it to have it analysed)',
        'catalog-info.yaml:6:31: error: faultline.dev/in.az1: expected a number, found "two"',
        'catalog-info.yaml:9:15: error: unknown entity "resource:sesion-db" in web.spec.dependsOn (did you mean "resource:session-db"?)',
        'overlay.yaml:4:26: error: unknown field "wieght" in web (did you mean "weight"?)',
        'faultline: 3 problems in the manifests; nothing was analysed',
        '',
      ].join('\n'),
    );
  });
});

describe('faultline import backstage', () => {
  it('writes a manifest that lints exactly like the catalog it came from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-backstage-'));
    const out = join(dir, 'faultline.yaml');
    const r = faultline(['import', 'backstage', 'fixtures/backstage', '-o', out]);
    expect(r.code).toBe(0);
    // The load's one warning (the partner API nobody provides), then what was written.
    expect(r.stderr).toMatch(
      /^fixtures\/backstage\/checkout\.yaml:43:18: warning: notification-service consumes api:default\/partner-webhooks-api[^\n]*\nfaultline: wrote .*faultline\.yaml: 36 components, 29 from catalog entities\n$/,
    );
    const rules = (path: string): string[] =>
      (JSON.parse(faultline(['lint', path, '--format', 'json']).stdout) as { findings: { rule: string; target: string }[] }).findings.map((f) => `${f.rule} ${f.target}`).sort();
    expect(rules(out)).toEqual(rules('fixtures/backstage'));
    expect(faultline(['import', 'backstage', 'fixtures/backstage', '-o', out]).code).toBe(2);
  });
});

describe('a catalog as found in the wild (fixtures/backstage-wild)', () => {
  const places = (stderr: string) =>
    stderr
      .split('\n')
      .filter((l) => l.includes(': warning: '))
      .map((l) => l.slice(0, l.indexOf(': warning: ')))
      .sort();

  it('lints: exit 0, one warning per thing skipped, SPOF findings as warnings while nothing is placed', () => {
    const r = faultline(['lint', 'fixtures/backstage-wild']);
    expect(r.code).toBe(0);
    expect(places(r.stderr)).toEqual(
      [
        'all-apis.yaml:15:9', // the Location pasted twice
        'all-resources.yaml:12:7', // a target deleted from disk
        'all-systems.yaml:9:7', // a Location naming itself
        'catalog-info.yaml:17:7', // a URL target
        'ai/recommender-model.yaml:3:7', // a plugin's kind
        'components/artist-lookup.yaml:16:11', // spec.system as a list
        'components/playlist.yaml:10:18', // an API nobody provides
        'components/playlist.yaml:18:9', // a name Backstage rejects (and the ref to it: silent)
        'resources/retired-cache.yaml:8:3', // no spec.type (and the ref to it: silent)
        'systems/artist-portal.yaml:7:11', // spec.domain as a list
      ]
        .map((p) => `fixtures/backstage-wild/${p}`)
        .sort(),
    );
    // The OpenAPI and AsyncAPI files pulled in by $text/$yaml are not mentioned at all.
    expect(r.stderr).not.toContain('.oas.yaml');
    expect(r.stderr).not.toContain('asyncapi');
    expect(r.stderr).toContain('faultline: note: 6 single-point-of-failure findings are warnings: no component of');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 6 problems (0 errors, 6 warnings)');
  });

  it('the root Location gives the same entities and findings as the directory', () => {
    const fromDir = faultline(['lint', 'fixtures/backstage-wild', '--format', 'json']);
    const fromRoot = faultline(['lint', 'fixtures/backstage-wild/catalog-info.yaml', '--format', 'json']);
    expect(fromRoot.code).toBe(0);
    expect(places(fromRoot.stderr)).toEqual(places(fromDir.stderr));
    // The model is named after the first file read; everything else is the same.
    const essence = (out: string) =>
      (JSON.parse(out) as { findings: { rule: string; severity: string; target: string; related: string[]; file: string; line: number }[] }).findings.map((f) => [
        f.rule,
        f.severity,
        f.target,
        f.related,
        `${f.file}:${f.line}`,
      ]);
    expect(essence(fromRoot.stdout)).toEqual(essence(fromDir.stdout));
    expect(essence(fromRoot.stdout)).toHaveLength(6);
  });

  it('simulates: a subcomponent takes its parent down, an apm Resource is monitoring', () => {
    const r = faultline(['simulate', 'fixtures/backstage-wild/catalog-info.yaml', '--fail', 'streams-transcoder', '--format', 'json']);
    expect(r.code).toBe(0);
    const sim = JSON.parse(r.stdout) as { nodes: { id: string; status: string }[] };
    expect(sim.nodes.map((n) => `${n.id}:${n.status}`).sort()).toEqual(['labs.searcher:down', 'playlist-service:down', 'streams-transcoder:down', 'streams:down']);
    const monitoring = faultline(['simulate', 'fixtures/backstage-wild', '--fail', 'kind=monitoring']);
    expect(monitoring.stdout).toContain('kind=monitoring hits grafana, dynatrace');
    // faultline.config.yaml beside the catalog maps the team's own "portal-ui" type, for every command.
    expect(faultline(['simulate', 'fixtures/backstage-wild', '--fail', 'kind=website']).stdout).toContain('kind=website hits artist-web');
  });
});
