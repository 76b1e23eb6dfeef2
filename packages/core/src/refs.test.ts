import { describe, expect, it } from 'vitest';
import { simulate } from './engine/simulate.js';
import { compile } from './engine/compile.js';
import { FaultError, resolveFault } from './engine/faults.js';
import { fromJson, toJson } from './serialize.js';
import { canonicalRefs, resolveRef } from './refs.js';
import { model, modelOf } from './test-support.js';

const entity = (kind: string, name: string, namespace?: string, spec = 'type: service') => `---
apiVersion: backstage.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  ${spec}
  owner: team-a
`;

/** A catalog with the same name in two namespaces, and a name used once outside `default`. */
const CATALOG = modelOf([
  'catalog-info.yaml',
  [
    entity('Component', 'ledger', 'payments', 'type: service\n  dependsOn: [resource:artists-db]'),
    entity('Component', 'ledger', 'billing'),
    entity('Resource', 'artists-db', 'payments', 'type: database'),
    entity('Component', 'Dynatrace', undefined, 'type: monitoring-tool'),
    entity('Component', 'web', undefined, 'type: website\n  dependsOn: [component:payments/ledger]'),
  ].join(''),
]);

const deployment = (name: string, namespace: string | undefined, kind = 'Deployment', labels = `app: ${name}`) => `---
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  selector: { matchLabels: { ${labels} } }
  template:
    metadata: { labels: { ${labels} } }
    spec:
      containers: [{ name: main, image: example/${name}:1 }]
`;
const service = (name: string, selector: string, namespace?: string) => `---
apiVersion: v1
kind: Service
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  selector: { ${selector} }
  ports: [{ port: 80 }]
`;

const CLUSTER = modelOf([
  'k8s.yaml',
  [
    deployment('frontend', undefined),
    deployment('redis-cart', undefined, 'StatefulSet'),
    deployment('loadgenerator', 'loadtest'),
    deployment('api', undefined, 'Deployment', 'app: api, track: stable'),
    deployment('api-canary', undefined, 'Deployment', 'app: api, track: canary'),
    service('redis-cart', 'app: redis-cart'),
    service('api', 'app: api'),
    service('cache', 'app: redis-cart'),
  ].join(''),
]);

const COMPOSE = modelOf(['compose.yaml', 'name: shop\nservices:\n  web: { image: nginx, environment: { API: "http://db:5432" } }\n  db: { image: postgres:16 }\n']);

const id = (m: Parameters<typeof resolveRef>[0], text: string) => resolveRef(m, text).id;

describe('resolveRef: Backstage refs', () => {
  it('reads kind:namespace/name, namespace/name and kind:name, case-insensitively', () => {
    expect(id(CATALOG, 'component:payments/ledger')).toBe('payments.ledger');
    expect(id(CATALOG, 'Component:Payments/ledger')).toBe('payments.ledger');
    expect(id(CATALOG, 'billing/ledger')).toBe('billing.ledger');
    expect(id(CATALOG, 'resource:payments/artists-db')).toBe('payments.artists-db');
    expect(id(CATALOG, 'component:Dynatrace')).toBe('Dynatrace');
    expect(id(CATALOG, 'dynatrace')).toBe('Dynatrace');
  });

  it('reads a name outside the default namespace when it is unique there', () => {
    expect(id(CATALOG, 'resource:artists-db')).toBe('payments.artists-db');
    expect(id(CATALOG, 'artists-db')).toBe('payments.artists-db');
  });

  it('lists the candidates of an ambiguous name', () => {
    const r = resolveRef(CATALOG, 'ledger');
    expect(r.id).toBeUndefined();
    expect(r.message).toBe('"ledger" names 2 components: payments.ledger (component:payments/ledger), billing.ledger (component:billing/ledger)');
    expect(r.candidates).toEqual(['payments.ledger', 'billing.ledger']);
  });

  it('an exact id always wins, and the default namespace before any other', () => {
    const m = modelOf(['c.yaml', entity('Component', 'ledger') + entity('Component', 'ledger', 'payments')]);
    expect(id(m, 'ledger')).toBe('ledger');
    expect(id(m, 'component:ledger')).toBe('ledger');
    expect(id(m, 'payments.ledger')).toBe('payments.ledger');
  });

  it('suggests over ids and refs', () => {
    expect(resolveRef(CATALOG, 'resource:payments/artist-db').hint).toBe('did you mean "resource:payments/artists-db"?');
    expect(resolveRef(CATALOG, 'paymnts.ledger').hint).toBe('did you mean "payments.ledger"?');
    expect(canonicalRefs(CATALOG.components.get('web')!)).toEqual(['component:default/web']);
  });
});

describe('resolveRef: Kubernetes and compose', () => {
  it('reads kind/name with kubectl kinds, plurals, short names and groups', () => {
    for (const ref of ['statefulset/redis-cart', 'statefulsets/redis-cart', 'sts/redis-cart', 'statefulset.apps/redis-cart', 'StatefulSet/redis-cart']) {
      expect(id(CLUSTER, ref), ref).toBe('redis-cart');
    }
    expect(id(CLUSTER, 'deploy/frontend')).toBe('frontend');
    expect(id(CLUSTER, 'deployment/default/frontend')).toBe('frontend');
    expect(resolveRef(CLUSTER, 'deploy/redis-cart').id).toBeUndefined();
    expect(resolveRef(CLUSTER, 'sts/redis-crat').hint).toBe('did you mean "statefulset/redis-cart"?');
  });

  it('reads namespaced workloads as kind/namespace/name, and kind/name when unique', () => {
    expect(id(CLUSTER, 'deployment/loadtest/loadgenerator')).toBe('loadtest.loadgenerator');
    expect(id(CLUSTER, 'deploy/loadgenerator')).toBe('loadtest.loadgenerator');
    expect(id(CLUSTER, 'loadgenerator')).toBe('loadtest.loadgenerator');
    expect(canonicalRefs(CLUSTER.components.get('loadtest.loadgenerator')!)).toEqual(['deployment/loadtest/loadgenerator']);
  });

  it('reads svc/<name> as the workload behind the Service, ambiguous when several are', () => {
    expect(id(CLUSTER, 'svc/cache')).toBe('redis-cart');
    expect(id(CLUSTER, 'service/redis-cart')).toBe('redis-cart');
    expect(resolveRef(CLUSTER, 'svc/api').message).toBe('"svc/api" names 2 components: api (deployment/api), api-canary (deployment/api-canary)');
    // A Service's bare name is no name of the workload behind it.
    expect(id(CLUSTER, 'cache')).toBeUndefined();
  });

  it('reads compose services by name and project/name', () => {
    expect(id(COMPOSE, 'DB')).toBe('db');
    expect(id(COMPOSE, 'shop/db')).toBe('db');
  });
});

describe('refs as fault targets', () => {
  it('fails a component, or its placements, named by a ref', () => {
    const sim = simulate(CATALOG, [{ target: 'resource:artists-db' }]);
    expect(sim.status('web')).toBe('down');
    const graph = compile(CLUSTER);
    expect(resolveFault(graph, { target: 'sts/redis-cart@cluster' }).nodes).toEqual(resolveFault(graph, { target: 'redis-cart@cluster' }).nodes);
    expect(resolveFault(graph, { target: 'redis-cart@CLUSTER' }).nodes).toEqual(resolveFault(graph, { target: 'redis-cart@cluster' }).nodes);
  });

  it('is a FaultError for an ambiguous or unknown ref', () => {
    const graph = compile(CATALOG);
    expect(() => resolveFault(graph, { target: 'ledger' })).toThrow(FaultError);
    expect(() => resolveFault(graph, { target: 'ledger' })).toThrow('"ledger" names 2 components');
    expect(() => resolveFault(graph, { target: 'resource:nope' })).toThrow('unknown component "resource:nope"');
  });

  it('ids of plain manifests compare without case only when no other name matches', () => {
    const m = model('  Consul: { kind: service }\n  api: { kind: service, dependsOn: [Consul] }\n');
    expect(id(m, 'consul')).toBe('Consul');
    expect(simulate(m, [{ target: 'consul' }]).status('api')).toBe('down');
  });

  it('survives the viewer payload (toJson, fromJson)', () => {
    const back = fromJson(JSON.parse(JSON.stringify(toJson(CLUSTER))));
    expect(id(back, 'sts/redis-cart')).toBe('redis-cart');
    expect(back.components.get('redis-cart')!.refs).toEqual(CLUSTER.components.get('redis-cart')!.refs);
  });
});

describe('faultline.dev/service-name on a Kubernetes workload', () => {
  it('adds the traced name to its aliases, so drift and fault targets match it', () => {
    const m = modelOf([
      'k8s.yaml',
      deployment('productcatalogservice', 'shop').replace(
        '  name: productcatalogservice\n',
        '  name: productcatalogservice\n  annotations: { faultline.dev/service-name: product-catalog }\n',
      ),
    ]);
    expect(m.components.get('shop.productcatalogservice')!.aliases).toEqual(['product-catalog']);
    expect(id(m, 'Product-Catalog')).toBe('shop.productcatalogservice');
  });
});

describe('refs of an imported manifest', () => {
  it('reads the tags faultline import writes, so the manifest answers to the names its source did', () => {
    const m = model(`  redis-cart: { kind: cache, tags: { kubernetes: statefulset/redis-cart, namespace: default } }
  loadtest.loadgenerator: { kind: service, tags: { kubernetes: deployment/loadgenerator, namespace: loadtest } }
  payments.ledger: { kind: service, tags: { backstage: component:payments/ledger } }
  db: { kind: database, tags: { compose: bookshop/db } }
`);
    expect(id(m, 'sts/redis-cart')).toBe('redis-cart');
    expect(id(m, 'deploy/loadgenerator')).toBe('loadtest.loadgenerator');
    expect(id(m, 'component:payments/ledger')).toBe('payments.ledger');
    expect(id(m, 'ledger')).toBe('payments.ledger');
    expect(id(m, 'bookshop/db')).toBe('db');
  });
});
