/**
 * `faultline drift` and `faultline import observed` through the built CLI:
 * the Backstage fixture against a day of trace-derived dependencies in
 * Jaeger and OpenTelemetry forms, with their known differences: one hidden
 * dependency (search-service reads catalog-db directly), one declared edge
 * never exercised (the soft recommendations call), one callee that no
 * entity answers to (notifications-service: an undeclared dependency on a
 * service not in the catalog, or a warning where OTel labels it messaging),
 * and two names matched only through aliases (payment-gateway, ledger); then
 * a namespaced catalog of the OpenTelemetry demo matched by bare names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';
import { sarifValidator } from '../packages/core/src/format/sarif-schema.test-support.js';

const FORMS = ['jaeger-dependencies.json', 'otel-service-graph.prom', 'otel-service-graph.promql.json'];

interface DriftJson {
  findings: { rule: string; severity: string; target: string; related: string[]; message: string; file: string; line: number; details: string[] }[];
  summary: { error: number; warn: number };
  drift: { observed: { format: string }; stats: { services: number; matched: number }; matched: { name: string; id: string }[] };
}

describe('faultline drift on the Backstage fixture', () => {
  it('reports the same differences from Jaeger links, a Prometheus dump and a PromQL answer, and exits 1', () => {
    const outs = FORMS.map((form) => faultline(['drift', 'fixtures/backstage', '--observed', `fixtures/observed/${form}`, '--format', 'json']));
    // The partner's webhook API has no provider in the catalog: a warning, not a problem.
    for (const r of outs)
      expect([r.code, r.stderr]).toEqual([
        1,
        `fixtures/backstage/checkout.yaml:43:18: warning: notification-service consumes api:default/partner-webhooks-api, which no Component in the files given provides: no edge (add the provider's "providesApis: [api:partner-webhooks-api]", or model the outside service in a faultline manifest)\n`,
      ]);
    const [jaeger, prom, promql] = outs.map((r) => JSON.parse(r.stdout) as DriftJson);
    const essence = (d: DriftJson): unknown =>
      d.findings.map((f) => [f.rule, f.severity, f.target, f.related, f.message, f.file.startsWith('fixtures/observed/') ? 'traces' : `${f.file}:${f.line}`]);
    const rest = [
      [
        'unobserved-dependency',
        'warn',
        'web-frontend',
        ['recommendation-service'],
        'web-frontend declares a soft dependency on recommendation-service, which the traces never show it calling',
        'fixtures/backstage/storefront.yaml:20',
      ],
      [
        'undeclared-dependency',
        'error',
        'search-service',
        ['catalog-db'],
        'search-service calls catalog-db (18,844 calls) but declares no dependency path to it',
        'fixtures/backstage/storefront.yaml:61',
      ],
    ];
    expect(essence(jaeger!)).toEqual([
      [
        'undeclared-dependency',
        'error',
        'checkout-service',
        [],
        'checkout-service calls notifications-service (75,551 calls), which is not in the catalog or the manifests',
        'fixtures/backstage/checkout.yaml:6',
      ],
      ...rest,
    ]);
    // OTel labels the pair a messaging edge: the producer does not wait on its consumer, so a warning.
    expect(essence(prom!)).toEqual([
      [
        'undeclared-dependency',
        'warn',
        'checkout-service',
        [],
        'checkout-service sends messages to notifications-service (75,551 messages, through a messaging system), which is not in the catalog or the manifests',
        'fixtures/backstage/checkout.yaml:6',
      ],
      ...rest,
    ]);
    expect(essence(promql!)).toEqual(essence(prom!));
    expect([jaeger, prom, promql].map((d) => d!.drift.observed.format)).toEqual(['jaeger', 'otel-prometheus', 'otel-promql']);
    expect(jaeger!.summary).toEqual({ error: 2, warn: 1 });
    expect(prom!.summary).toEqual({ error: 1, warn: 2 });
    expect(jaeger!.drift.matched).toEqual(
      expect.arrayContaining([
        { name: 'payment-gateway', id: 'payments.payment-gateway' },
        { name: 'ledger', id: 'payments.ledger' },
      ]),
    );
    expect(jaeger!.findings[0]!.details).toEqual([
      'declared as hard, a failure of notifications-service would take down checkout-service and with it web-frontend, mobile-bff (3 components, impact 20)',
      'did you mean "notification-service"? then add "notifications-service" to its aliases',
    ]);
  });

  it('prints the stylish text with the catalog line under each finding', () => {
    const r = faultline(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json']);
    expect(r.code).toBe(1);
    expect(
      r.stdout,
    ).toBe(`Compared northwind-market with fixtures/observed/jaeger-dependencies.json (Jaeger dependency links): 19 services (18 matched), 23 observed dependencies, 9,329,762 calls; 22 declared dependencies checked

fixtures/backstage/checkout.yaml
  6:9  error  checkout-service calls notifications-service (75,551 calls), which is not in the catalog or the manifests  undeclared-dependency
      6 │   name: checkout-service
        │         ^^^^^^^^^^^^^^^^
      ↳ declared as hard, a failure of notifications-service would take down checkout-service and with it web-frontend, mobile-bff (3 components, impact 20)
      ↳ did you mean "notification-service"? then add "notifications-service" to its aliases

fixtures/backstage/storefront.yaml
  20:67  warn   web-frontend declares a soft dependency on recommendation-service, which the traces never show it calling  unobserved-dependency
      20 │   consumesApis: [catalog-api, cart-api, checkout-api, search-api, recommendations-api, api:auth-api]
         │                                                                   ^^^^^^^^^^^^^^^^^^^
      ↳ both appear in the traces; stale, or a path that rarely runs (a fallback, a failover, this soft edge)
  61:9   error  search-service calls catalog-db (18,844 calls) but declares no dependency path to it  undeclared-dependency
      61 │   name: search-service
         │         ^^^^^^^^^^^^^^
      ↳ declared as hard, a failure of catalog-db would also take down search-service (1 component, impact +0)

✖ 3 problems (2 errors, 1 warning)
`);
  });

  it('writes SARIF that validates, pointing into the catalog and the traces file', () => {
    const r = faultline(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/otel-service-graph.prom', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0] as {
      tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
      results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    };
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(['undeclared-dependency', 'unobserved-dependency', 'unknown-service']);
    expect(run.results.map((x) => `${x.ruleId}@${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`)).toEqual([
      'undeclared-dependency@fixtures/backstage/checkout.yaml:6',
      'unobserved-dependency@fixtures/backstage/storefront.yaml:20',
      'undeclared-dependency@fixtures/backstage/storefront.yaml:61',
    ]);
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex]!.id).toBe(x.ruleId);
  });

  it('annotates a workflow log and writes a PR comment', () => {
    const github = faultline(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json', '--format', 'github']);
    expect(github.stdout.split('\n')[2]).toBe(
      '::error file=fixtures/backstage/storefront.yaml,line=61,col=9,endLine=61,endColumn=23,title=undeclared-dependency::search-service calls catalog-db (18,844 calls) but declares no dependency path to it%0Adeclared as hard, a failure of catalog-db would also take down search-service (1 component, impact +0)',
    );
    const markdown = faultline(['drift', 'fixtures/backstage', '--observed', 'fixtures/observed/jaeger-dependencies.json', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^### faultline drift: ❌ 2 errors, 1 warning\n\nCompared northwind-market with /);
    expect(markdown.stdout).toContain('undeclared-dependency');
  });

  it('exits 0 once the hidden dependency is declared, and matches a name once it is an alias', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-drift-'));
    for (const f of ['catalog-info', 'org', 'storefront', 'checkout', 'payments', 'platform', 'faultline-overlay']) {
      let text = readFileSync(join(ROOT, `fixtures/backstage/${f}.yaml`), 'utf8');
      if (f === 'storefront') text = text.replace('dependsOn: [resource:search-index]', 'dependsOn: [resource:search-index, resource:catalog-db]');
      if (f === 'faultline-overlay') text = text.replace('  notification-service: { in: use1-az2 }', '  notification-service: { in: use1-az2, aliases: [notifications-service] }');
      writeFileSync(join(dir, `${f}.yaml`), text);
    }
    const r = faultline(['drift', dir, '--observed', 'fixtures/observed/otel-service-graph.prom', '--format', 'json']);
    expect(r.stderr).toBe(
      `${join(dir, 'checkout.yaml').replace(/checkout\.yaml$/, '')}checkout.yaml:43:18: warning: notification-service consumes api:default/partner-webhooks-api, which no Component in the files given provides: no edge (add the provider's "providesApis: [api:partner-webhooks-api]", or model the outside service in a faultline manifest)\n`,
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as DriftJson;
    expect(out.findings.map((f) => `${f.rule} ${f.target}`)).toEqual(['unobserved-dependency web-frontend']);
    expect(out.drift.stats).toMatchObject({ services: 19, matched: 19 });
  });

  it('exits 2 on a broken traces file, with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-drift-'));
    writeFileSync(join(dir, 'graph.prom'), 'traces_service_graph_request_total{client="web"} 3\n');
    const r = faultline(['drift', 'fixtures/backstage', '--observed', join(dir, 'graph.prom')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/graph\.prom:1:1: error: traces_service_graph_request_total without a server label \(.*\)\nfaultline: 1 problem in .*graph\.prom\n$/);
  });
});

describe('faultline drift on a namespaced catalog (fixtures/otel-demo-catalog)', () => {
  it('matches the bare service names of the traces to namespaced entities and exits 1 on a call to a service not in the catalog', () => {
    const r = faultline(['drift', 'fixtures/otel-demo-catalog', '--observed', 'fixtures/observed/otel-demo-service-graph.prom', '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const out = JSON.parse(r.stdout) as DriftJson;
    expect(out.drift.stats).toMatchObject({ services: 19, matched: 17 });
    expect(out.drift.matched).toEqual(
      expect.arrayContaining([
        { name: 'checkout', id: 'shop.checkout' },
        { name: 'flagd', id: 'platform.flagd' },
        { name: 'product-catalog', id: 'shop.productcatalog' },
      ]),
    );
    expect(out.findings.map((f) => `${f.severity} ${f.rule} ${f.message}`)).toEqual([
      'warn unobserved-dependency shop.frontend declares a hard dependency on shop.payment, which the traces never show it calling',
      'error undeclared-dependency shop.checkout calls shop.payment (8,031 calls) but declares no dependency path to it',
      'warn unobserved-dependency shop.email declares a hard dependency on platform.flagd, which the traces never show it calling',
      'error undeclared-dependency shop.shipping calls quote (48,242 calls), which is not in the catalog or the manifests',
      'warn unknown-service "load-generator" in the traces matches no component (412,870 calls in or out)',
    ]);
    // The stale frontend → payment edge does not hide what the undeclared call adds.
    expect(out.findings[1]!.details[0]).toBe(
      'declared as hard, a failure of shop.payment would also take down shop.frontend-proxy, shop.frontend, shop.checkout (3 components, impact +1)',
    );
  });
});

describe('faultline import observed', () => {
  it('writes a starter manifest that faultline drift then finds nothing undeclared in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-drift-'));
    const out = join(dir, 'faultline.yaml');
    const r = faultline(['import', 'observed', 'fixtures/observed/otel-service-graph.prom', '-o', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('  checkout-service:\n    kind: service\n    dependsOn:\n      - orders-db # guessed hard: 151,102 calls\n');
    // Messages go through a guessed topic: checkout publishes to it, notifications reads it async.
    expect(text).toContain('      - checkout-service-messages # guessed hard (publishes to the topic): 75,551 messages\n');
    expect(text).toContain(
      '  notifications-service:\n    kind: service\n    dependsOn:\n      - { target: checkout-service-messages, mode: async } # guessed async (reads the topic): 75,551 messages\n',
    );
    expect(text).toContain('  catalog-db:\n    kind: database # guessed from the name\n');
    const drift = faultline(['drift', out, '--observed', 'fixtures/observed/jaeger-dependencies.json', '--format', 'json']);
    expect(drift.code).toBe(0);
    expect((JSON.parse(drift.stdout) as DriftJson).findings).toEqual([]);
    // The traces it came from, messages included, find nothing undeclared or unobserved either.
    const again = faultline(['drift', out, '--observed', 'fixtures/observed/otel-service-graph.prom', '--format', 'json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as DriftJson).findings).toEqual([]);
  });
});
