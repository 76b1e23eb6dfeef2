import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import type { Model } from '../model.js';
import { readObserved } from '../observed/read.js';
import type { ObservedGraph } from '../observed/types.js';
import { model } from '../test-support.js';
import { drift } from './drift.js';
import { driftSarif, formatDrift, driftReport } from '../format/drift.js';

const files = import.meta.glob<string>(['../../../../fixtures/backstage/*.yaml', '../../../../fixtures/otel-demo-catalog/*.yaml', '../../../../fixtures/observed/*'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const source = (key: string): { path: string; text: string } => ({ path: key.replace(/^(\.\.\/)+/, ''), text: files[key]! });

function observed(lines: readonly string[], path = 'graph.prom'): ObservedGraph {
  const text = lines.map((l) => {
    const [client, server, calls, connection] = l.split(/\s+/);
    return `traces_service_graph_request_total{client="${client}",server="${server}"${connection ? `,connection_type="${connection}"` : ''}} ${calls}`;
  });
  const r = readObserved({ path, text: text.join('\n') });
  if (!r.graph) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.graph;
}

/** `rule target→related: message` per finding. */
function report(m: Model, g: ObservedGraph, minCalls?: number): string[] {
  return drift(m, g, minCalls ? { minCalls } : {}).findings.map((f) => `${f.severity} ${f.rule} ${f.subject.join(',')}: ${f.message}`);
}

const SHOP = `
  web: { kind: service, dependsOn: [api, { target: recs, mode: soft }, { target: flags, via: config }] }
  api: { kind: service, dependsOn: [{ anyOf: [db-a, db-b] }] }
  recs: { kind: service }
  db-a: { kind: database }
  db-b: { kind: database }
  flags: { kind: config }
  search: { kind: service, aliases: [search-svc] }
  prober: { kind: monitoring, monitors: [web] }
  reports: { kind: service, critical: false }
`;

describe('drift', () => {
  const m = model(SHOP);

  it('finds a call with no declared path, with its count and what declaring it hard would add', () => {
    const found = drift(m, observed(['web api 100', 'web recs 5', 'api db-a 90', 'api db-b 80', 'search-svc db-b 7', 'recs api 3']));
    expect(found.findings.map((f) => [f.rule, f.severity, f.target, f.related, f.message, f.details])).toEqual([
      [
        'undeclared-dependency',
        'error',
        'recs',
        ['api'],
        'recs calls api (3 calls) but declares no dependency path to it',
        ['declared as hard, a failure of api would also take down recs (1 component, impact +1)'],
      ],
      [
        'undeclared-dependency',
        'error',
        'search',
        ['db-b'],
        'search calls db-b (7 calls) but declares no dependency path to it',
        ['declared as hard, a failure of db-b would also take down search (1 component, impact +1)', 'seen in the traces as search-svc → db-b'],
      ],
    ]);
  });

  it('names what a hidden dependency would take down with it', () => {
    const chain = model(`
  dc: { kind: datacenter }
  shop: { kind: service, dependsOn: [cart], in: dc }
  cart: { kind: service, in: dc }
  ledger: { kind: database }
`);
    const [f, g] = drift(chain, observed(['shop cart 9', 'cart ledger 4', 'cart dc 1'])).findings;
    expect(f!.details).toEqual(["declared as hard, it adds nothing to what dc's failure already takes down"]);
    expect(g!.details).toEqual(['declared as hard, a failure of ledger would also take down shop, cart (2 components, impact +2)']);
    expect(g!.relatedPlaces).toEqual([{ id: 'ledger', at: chain.components.get('ledger')!.at }]);
  });

  it('counts a transitive path and a monitor as declared', () => {
    expect(report(m, observed(['web db-a 5', 'prober web 1000', 'web api 1', 'api db-a 2']))).toEqual([]);
  });

  it('warns about declared edges never observed between traced services, skipping config edges and untraced callers', () => {
    expect(report(m, observed(['web api 10', 'recs db-a 1', 'api db-a 3', 'flags web 1']))).toEqual([
      'warn unobserved-dependency recs,web: web declares a soft dependency on recs, which the traces never show it calling',
      'error undeclared-dependency db-a,recs: recs calls db-a (1 call) but declares no dependency path to it',
      'error undeclared-dependency flags,web: flags calls web (1 call) but declares no dependency path to it',
    ]);
    // api → db-b is never seen, but db-b is not in the traces at all: nothing can be said about it.
    expect(report(m, observed(['web api 10', 'web recs 1', 'api db-a 3']))).toEqual([]);
  });

  it('lists trace names that match no component, with a "did you mean"', () => {
    expect(report(m, observed(['web api 10', 'web recs 1', 'webb api 4', 'api db-a 1', 'zzz-loadgen web 2']))).toEqual([
      'warn unknown-service webb: "webb" in the traces matches no component (4 calls in or out)',
      'warn unknown-service zzz-loadgen: "zzz-loadgen" in the traces matches no component (2 calls in or out)',
    ]);
    const f = drift(m, observed(['webb api 4', 'web api 1', 'api db-a 1'])).findings[0]!;
    expect(f.details).toEqual(['did you mean "web"? add "webb" to its aliases']);
    expect(f.at).toMatchObject({ file: 'graph.prom', line: 1, col: 45, endCol: 49 });
  });

  it('ignores undeclared calls below --min-calls and reports messaging edges as warnings', () => {
    expect(report(m, observed(['web api 10', 'web recs 1', 'api db-a 1', 'reports recs 2']), 3)).toEqual([]);
    expect(report(m, observed(['web api 10', 'web recs 1', 'api db-a 1', 'reports recs 2 messaging_system']))).toEqual([
      'warn undeclared-dependency recs,reports: reports sends messages to recs (2 messages, through a messaging system) but no declared queue connects them',
    ]);
    const topic = model(`
  orders: { kind: service, dependsOn: [orders-topic] }
  mailer: { kind: service, dependsOn: [orders-topic] }
  orders-topic: { kind: queue }
`);
    expect(report(topic, observed(['orders mailer 5 messaging_system', 'orders orders-topic 5']))).toEqual([]);
    expect(report(topic, observed(['orders mailer 5']))[0]).toMatch(/^error undeclared-dependency mailer,orders: /);
  });

  it("never claims a consumer's failure would take its producer down: the producer does not wait on it", () => {
    const shop = model(`
  checkout: { kind: service, critical: true }
  accounting: { kind: service }
`);
    const [f, ...rest] = drift(shop, observed(['checkout accounting 8 messaging_system'])).findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warn', rule: 'undeclared-dependency', target: 'checkout', related: ['accounting'] });
    expect(f!.details).toEqual([
      'checkout does not wait on accounting, so a failure of accounting never reaches it; declare the topic (kind: queue), checkout depending on it and accounting reading it with mode: async',
    ]);
    expect(f!.details.join(' ')).not.toMatch(/take down|declared as hard/);
    // A plain call between the same two keeps its blast radius.
    expect(drift(shop, observed(['checkout accounting 8'])).findings[0]!.details[0]).toBe(
      'declared as hard, a failure of accounting would also take down checkout (1 component, impact +1)',
    );
  });

  it('finds a messaging pair declared through the topic, with the consumer reading it async (what import observed writes)', () => {
    const topic = model(`
  checkout: { kind: service, dependsOn: [orders-topic] }
  accounting: { kind: service, dependsOn: [{ target: orders-topic, mode: async }] }
  orders-topic: { kind: queue }
`);
    expect(report(topic, observed(['checkout accounting 8 messaging_system']))).toEqual([]);
    // Jaeger links carry no messaging label: the same flow seen as a call is declared through the topic the consumer reads.
    expect(report(topic, observed(['checkout accounting 8']))).toEqual([]);
    expect(report(topic, observed(['accounting checkout 8']))[0]).toMatch(/^error undeclared-dependency accounting,checkout: accounting calls checkout/);
    // A consumer that declares it reads what the producer sends is declared too, and its async edge is observed.
    const direct = model(`
  checkout: { kind: service }
  accounting: { kind: service, dependsOn: [{ target: checkout, mode: async }] }
`);
    expect(report(direct, observed(['checkout accounting 8 messaging_system', 'accounting accounting 1']))).toEqual([]);
  });

  it('rejects an alias that another component already answers to', () => {
    const clash = model(`
  a: { kind: service, aliases: [shared, b] }
  b: { kind: service }
  c: { kind: service, aliases: [shared] }
`);
    expect(drift(clash, observed(['a b 1'])).diagnostics.map(formatDiagnostic)).toEqual([
      'test.yaml:4:3: error: alias "b" of a is also a component id (also at test.yaml:5:3) (a trace name can match one component only; remove one of them)',
      'test.yaml:6:3: error: alias "shared" of c is also an alias of a (also at test.yaml:4:3) (a trace name can match one component only; remove one of them)',
    ]);
  });
});

describe('drift on the Backstage fixture', () => {
  const loaded = loadManifests(
    Object.keys(files)
      .filter((k) => k.includes('/fixtures/backstage/'))
      .sort()
      .map(source),
  );
  const catalog = loaded.model!;
  const graphs = ['jaeger-dependencies.json', 'otel-service-graph.prom', 'otel-service-graph.promql.json'].map(
    (name) => readObserved(source(`../../../../fixtures/observed/${name}`)).graph!,
  );

  it('finds the known differences, the same in Jaeger and OTel forms but for the messaging label', () => {
    expect(loaded.diagnostics).toEqual([]);
    const results = graphs.map((g) => report(catalog, g).map((line) => line.replace(/\(.*\)$/, '')));
    expect(results[0]).toEqual(
      [
        'error undeclared-dependency checkout-service,notifications-service: checkout-service calls notifications-service (75,551 calls), which is not in the catalog or the manifests',
        'warn unobserved-dependency recommendation-service,web-frontend: web-frontend declares a soft dependency on recommendation-service, which the traces never show it calling',
        'error undeclared-dependency catalog-db,search-service: search-service calls catalog-db (18,844 calls) but declares no dependency path to it',
      ].map((line) => line.replace(/\(.*\)$/, '')),
    );
    // The OTel forms label checkout-service → notifications-service a messaging edge: a producer does not wait on its consumer (a warning).
    expect(results[1]).toEqual([
      'warn undeclared-dependency checkout-service,notifications-service: checkout-service sends messages to notifications-service (75,551 messages, through a messaging system), which is not in the catalog or the manifests',
      ...results[0]!.slice(1),
    ]);
    expect(results[2]).toEqual(results[1]);
  });

  it('matches trace names through aliases from the overlay and from annotations', () => {
    const r = drift(catalog, graphs[0]!);
    expect(r.matched.get('payment-gateway')).toBe('payments.payment-gateway');
    expect(r.matched.get('ledger')).toBe('payments.ledger');
    expect(r.stats).toMatchObject({ services: 19, matched: 18, edges: 23 });
  });

  it('points findings into the catalog and the traces file, in SARIF too', () => {
    const r = drift(catalog, graphs[1]!);
    expect(r.findings.map((f) => `${f.rule}@${f.at.file}:${f.at.line}:${f.at.col}`)).toEqual([
      'undeclared-dependency@fixtures/backstage/checkout.yaml:6:9',
      'unobserved-dependency@fixtures/backstage/storefront.yaml:20:67',
      'undeclared-dependency@fixtures/backstage/storefront.yaml:61:9',
    ]);
    // The callee no catalog entity answers to is a related place in the traces file.
    expect(r.findings[0]!.relatedPlaces).toEqual([
      { id: 'notifications-service', at: expect.objectContaining({ file: 'fixtures/observed/otel-service-graph.prom', line: 22, col: 106 }) },
    ]);
    const log = driftSarif(driftReport(r, catalog, graphs[1]!)) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      }[];
    };
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((x) => x.id)).toEqual(['undeclared-dependency', 'unobserved-dependency', 'unknown-service']);
    for (const x of run.results) expect(run.tool.driver.rules[x.ruleIndex]!.id).toBe(x.ruleId);
    expect(run.results[2]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/backstage/storefront.yaml' },
      region: { startLine: 61, startColumn: 9, endLine: 61, endColumn: 23 },
    });
  });

  it('prints in every lint format', () => {
    const r = drift(catalog, graphs[0]!);
    const text = formatDrift('text', r, catalog, graphs[0]!);
    expect(text.split('\n')[0]).toBe(
      'Compared northwind-market with fixtures/observed/jaeger-dependencies.json (Jaeger dependency links): 19 services (18 matched), 23 observed dependencies, 9,329,762 calls; 22 declared dependencies checked',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 3 problems (2 errors, 1 warning)');
    const json = JSON.parse(formatDrift('json', r, catalog, graphs[0]!)) as { summary: unknown; drift: { matched: { name: string; id: string }[] } };
    expect(json.summary).toEqual({ error: 2, warn: 1 });
    expect(json.drift.matched).toContainEqual({ name: 'payment-gateway', id: 'payments.payment-gateway' });
    expect(formatDrift('markdown', r, catalog, graphs[0]!)).toMatch(/^### faultline drift: ❌ 2 errors, 1 warning\n\nCompared northwind-market/);
    expect(formatDrift('github', r, catalog, graphs[0]!).split('\n')[0]).toMatch(/^::error file=fixtures\/backstage\/checkout\.yaml,line=6,col=9,.*title=undeclared-dependency::/);
  });
});

/** Backstage entities in a namespace, each `name: deps` (deps: refs, comma-separated), with extra annotations. */
function catalog(namespace: string, entities: Record<string, string>, annotations: Record<string, string> = {}): Model {
  const docs = Object.entries(entities).map(
    ([name, deps]) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  namespace: ${namespace}${annotations[name] ? `\n  annotations: { ${annotations[name]} }` : ''}
spec:
  type: service
  owner: team-a${deps ? `\n  dependsOn: [${deps}]` : ''}
`,
  );
  const r = loadManifests([{ path: 'catalog-info.yaml', text: docs.join('') }]);
  if (!r.model) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.model;
}

describe('drift on a namespaced catalog', () => {
  it('matches bare trace names to entities by metadata.name when the name is unique across namespaces', () => {
    const m = catalog('payments', { gateway: 'component:ledger', ledger: '' });
    const r = drift(m, observed(['gateway ledger 10']));
    expect(r.findings).toEqual([]);
    expect([...r.matched]).toEqual([
      ['gateway', 'payments.gateway'],
      ['ledger', 'payments.ledger'],
    ]);
    expect(report(m, observed(['ledger gateway 3']))).toContain(
      'error undeclared-dependency payments.gateway,payments.ledger: payments.ledger calls payments.gateway (3 calls) but declares no dependency path to it',
    );
  });

  it('warns about a bare name two namespaces share, naming the candidates, and matches neither', () => {
    const two = loadManifests([
      {
        path: 'c.yaml',
        text: ['payments', 'billing']
          .map((ns) => `---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ledger, namespace: ${ns} }\nspec: { type: service, owner: a }\n`)
          .join(''),
      },
    ]).model!;
    const r = drift(two, observed(['ledger zz 4']));
    expect(r.findings.slice(0, 1).map((f) => [f.severity, f.rule, f.message, f.details])).toEqual([
      [
        'warn',
        'unknown-service',
        '"ledger" in the traces names 2 components (payments.ledger, billing.ledger), so it matches none (4 calls in or out)',
        ['add "ledger" to the aliases of the one it is (faultline.dev/service-name: ledger on its entity or workload)'],
      ],
    ]);
    expect(r.matched.size).toBe(0);
  });

  it('reads faultline.dev/service-name as the name traces give an entity', () => {
    const m = catalog('shop', { frontend: 'component:productcatalog', productcatalog: '' }, { productcatalog: '"faultline.dev/service-name": product-catalog' });
    expect(m.components.get('shop.productcatalog')!.aliases).toEqual(['product-catalog']);
    const r = drift(m, observed(['frontend product-catalog 7']));
    expect(r.findings).toEqual([]);
    expect(r.matched.get('product-catalog')).toBe('shop.productcatalog');
  });

  it('reports a call from a known caller to a service in no catalog as an undeclared dependency (error), with its blast radius', () => {
    const m = catalog('shop', { frontend: 'component:basket', basket: '' });
    const r = drift(m, observed(['frontend basket 100', 'basket coupon-service 40', 'basket flagd 9 messaging_system']));
    expect(r.findings.map((f) => [f.severity, f.rule, f.subject, f.message, f.details])).toEqual([
      [
        'error',
        'undeclared-dependency',
        ['coupon-service', 'shop.basket'],
        'shop.basket calls coupon-service (40 calls), which is not in the catalog or the manifests',
        [
          'declared as hard, a failure of coupon-service would take down shop.basket and with it shop.frontend (2 components, impact 2)',
          "add coupon-service (a component, or an entity in the catalog) and shop.basket's dependency on it",
        ],
      ],
      [
        'warn',
        'undeclared-dependency',
        ['flagd', 'shop.basket'],
        'shop.basket sends messages to flagd (9 messages, through a messaging system), which is not in the catalog or the manifests',
        ['shop.basket does not wait on flagd, so a failure of flagd never reaches it; add flagd and the topic between them (kind: queue)'],
      ],
    ]);
    expect(r.findings[0]!.relatedPlaces![0]).toMatchObject({ id: 'coupon-service', at: { file: 'graph.prom', line: 2 } });
    // A name close to an entity's bare name is suggested as such.
    expect(drift(m, observed(['frontend baskett 3'])).findings.find((f) => f.rule === 'undeclared-dependency')!.details[1]).toBe(
      'did you mean "basket"? then add "baskett" to its aliases',
    );
    // Below --min-calls it is only a name nobody knows.
    expect(report(m, observed(['frontend basket 100', 'basket coupon-service 2']), 3)).toEqual([
      'warn unknown-service coupon-service: "coupon-service" in the traces matches no component (2 calls in or out)',
    ]);
  });

  it('computes the blast radius of an undeclared call without the stale edges the traces contradict', () => {
    // The frontend still declares payment (stale: never called); checkout calls payment undeclared.
    const m = model(`
  proxy: { kind: service, critical: true, dependsOn: [frontend] }
  frontend: { kind: service, dependsOn: [checkout, payment] }
  checkout: { kind: service }
  payment: { kind: service }
`);
    const r = drift(m, observed(['proxy frontend 50', 'frontend checkout 20', 'checkout payment 20']));
    expect(r.findings.map((f) => `${f.rule}: ${f.message} / ${f.details[0]}`)).toEqual([
      'unobserved-dependency: frontend declares a hard dependency on payment, which the traces never show it calling / both appear in the traces; stale, or a path that rarely runs (a fallback, a failover)',
      // Not "adds checkout, impact +0": with the stale edge, payment's failure seemed to take the proxy down already.
      'undeclared-dependency: checkout calls payment (20 calls) but declares no dependency path to it / declared as hard, a failure of payment would also take down proxy, frontend, checkout (3 components, impact +1)',
    ]);
  });

  it('judges a declared edge whenever both ends appear in the traces, a caller that never calls anything included', () => {
    const m = model(`
  web: { kind: service, dependsOn: [email] }
  email: { kind: service, dependsOn: [flags] }
  flags: { kind: service }
`);
    expect(drift(m, observed(['web email 5', 'web flags 5'])).findings.map((f) => [f.message, f.details])).toEqual([
      [
        'email declares a hard dependency on flags, which the traces never show it calling',
        [
          'both appear in the traces; stale, or a path that rarely runs (a fallback, a failover)',
          'email never calls anything in the traces: if it is not instrumented, its calls are not seen',
        ],
      ],
    ]);
    // A callee seen only through a caller no component answers to still appears in the traces.
    expect(report(m, observed(['web email 5', 'zz-cron flags 1']))[0]).toBe(
      'warn unobserved-dependency email,flags: email declares a hard dependency on flags, which the traces never show it calling',
    );
  });
});

describe('drift on the OpenTelemetry demo catalog (fixtures/otel-demo-catalog)', () => {
  const loaded = loadManifests(
    Object.keys(files)
      .filter((k) => k.includes('/fixtures/otel-demo-catalog/'))
      .sort()
      .map(source),
  );

  it('matches the bare service names of the traces to namespaced entities, and finds what the catalog misses', () => {
    expect(loaded.diagnostics).toEqual([]);
    const g = readObserved(source('../../../../fixtures/observed/otel-demo-service-graph.prom')).graph!;
    const r = drift(loaded.model!, g);
    expect(r.stats).toMatchObject({ services: 19, matched: 17 });
    expect(r.matched.get('checkout')).toBe('shop.checkout');
    expect(r.matched.get('product-catalog')).toBe('shop.productcatalog');
    expect(r.matched.get('valkey-cart')).toBe('platform.valkey-cart');
    expect(r.findings.map((f) => `${f.severity} ${f.rule} ${f.subject.join(',')}`)).toEqual([
      'warn unobserved-dependency shop.frontend,shop.payment',
      'error undeclared-dependency shop.checkout,shop.payment',
      'warn unobserved-dependency platform.flagd,shop.email',
      'error undeclared-dependency quote,shop.shipping',
      'warn unknown-service load-generator',
    ]);
    expect(r.findings[1]!.details[0]).toBe(
      'declared as hard, a failure of shop.payment would also take down shop.frontend-proxy, shop.frontend, shop.checkout (3 components, impact +1)',
    );
  });
});
