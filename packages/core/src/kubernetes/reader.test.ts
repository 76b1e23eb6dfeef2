import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import type { Model } from '../model.js';
import { loadFiles, modelOf } from '../test-support.js';
import { guessKind } from './kinds.js';
import { evenly } from './reader.js';
import { labelSelector, selects } from './selectors.js';

/** Edges of a component as `target:mode[:phase]` or `anyOf[a,b]`. */
function edges(m: Model, id: string): string[] {
  return m.components
    .get(id)!
    .dependsOn.map((d) => (d.type === 'edge' ? `${d.target}${d.phase ? `:${d.phase}` : ''}` : `anyOf[${d.anyOf.join(',')}]${d.phase ? `:${d.phase}` : ''}`));
}

function placements(m: Model, id: string): Record<string, number> {
  return Object.fromEntries(m.components.get(id)!.placements.map((p) => [p.domain, p.replicas]));
}

function warningsOf(...files: [string, string][]): string[] {
  return loadFiles(...files).warnings.map(formatDiagnostic);
}

/** A Deployment with a Service in front, the env given as YAML list items (indented for `env:`). */
function app(
  name: string,
  options: { namespace?: string; env?: string; replicas?: number; labels?: string; extraSpec?: string; init?: string; image?: string; kind?: string } = {},
): string {
  const ns = options.namespace ? `\n  namespace: ${options.namespace}` : '';
  const labels = options.labels ?? `app: ${name}`;
  return `apiVersion: apps/v1
kind: ${options.kind ?? 'Deployment'}
metadata:
  name: ${name}${ns}
spec:
${options.replicas !== undefined ? `  replicas: ${options.replicas}\n` : ''}  selector:
    matchLabels: { ${labels} }
  template:
    metadata:
      labels: { ${labels} }
    spec:
${options.extraSpec ?? ''}${options.init ? `      initContainers:\n        - name: init\n          image: busybox\n          env:\n${options.init}` : ''}      containers:
        - name: main
          image: ${options.image ?? name}
${options.env ? `          env:\n${options.env}` : ''}---
apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns}
spec:
  selector: { ${labels} }
  ports: [{ port: 80 }]
`;
}

const env = (pairs: Record<string, string>): string =>
  Object.entries(pairs)
    .map(([k, v]) => `            - name: ${k}\n              value: "${v}"\n`)
    .join('');

describe('Kubernetes workloads and Services', () => {
  it('makes a component of each workload, ids namespaced outside default, and edges through Services named in env values', () => {
    const text = [
      app('frontend', { env: env({ CART_ADDR: 'cart:7070', CATALOG: 'http://catalog.shop.svc.cluster.local:3550/v1', NOISE: 'true', EXTERNAL: 'api.stripe.com:443' }) }),
      app('cart', { env: env({ REDIS_URL: 'redis://:secret@redis-cart:6379/0' }) }),
      app('redis-cart', { kind: 'StatefulSet', image: 'redis:7-alpine' }),
      app('catalog', { namespace: 'shop' }),
    ].join('---\n');
    const m = modelOf(['k8s.yaml', text]);
    expect([...m.components.keys()]).toEqual(['frontend', 'cart', 'redis-cart', 'shop.catalog', 'cluster']);
    expect(edges(m, 'frontend')).toEqual(['cart', 'shop.catalog']);
    expect(edges(m, 'cart')).toEqual(['redis-cart']);
    expect(m.components.get('redis-cart')!.kind).toBe('cache');
    expect(m.components.get('cart')!.tags.get('kubernetes')).toBe('deployment/cart');
    expect(m.components.get('shop.catalog')!.tags.get('namespace')).toBe('shop');
    // Positions: the component at metadata.name, the edge at the env value.
    const cart = m.components.get('cart')!.at;
    expect(cart).toMatchObject({ file: 'k8s.yaml', col: 9 });
    expect(text.split('\n')[cart.line - 1]).toBe('  name: cart');
    const edge = m.components.get('frontend')!.dependsOn[0]!;
    expect(text.split('\n')[edge.at.line - 1]).toContain('"cart:7070"');
  });

  it('resolves a Service to every workload its selector matches: several are an anyOf group', () => {
    const m = modelOf([
      'k8s.yaml',
      [
        app('web', { env: env({ API: 'api:80' }) }),
        app('api-stable', { labels: 'app: api, track: stable' }).split('---\n')[0]!,
        app('api-canary', { labels: 'app: api, track: canary' }).split('---\n')[0]!,
        'apiVersion: v1\nkind: Service\nmetadata: { name: api }\nspec: { selector: { app: api } }\n',
      ].join('---\n'),
    ]);
    expect(edges(m, 'web')).toEqual(['anyOf[api-stable,api-canary]']);
  });

  it('reads envFrom and configMapKeyRef ConfigMaps, and $(VAR) references', () => {
    const m = modelOf([
      'k8s.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { DB_HOST: "orders-db", DB_ADDR: "orders-db:5432", QUEUE: "amqp://broker:5672" }
---
${app('orders', {
  env: `            - name: DB
              valueFrom: { configMapKeyRef: { name: settings, key: DB_HOST } }
            - name: DB_URL
              value: "postgres://$(DB):5432/orders"
`,
})}---
${app('orders-db', { image: 'postgres:16' })}---
${app('broker', { image: 'bitnami/rabbitmq:3.13' })}---
${app('worker', {}).replace('          image: worker\n', '          image: worker\n          envFrom: [{ configMapRef: { name: settings } }]\n')}`,
    ]);
    expect(edges(m, 'orders')).toEqual(['orders-db']);
    expect(edges(m, 'worker')).toEqual(['orders-db', 'broker']);
    expect(m.components.get('orders-db')!.kind).toBe('database');
    expect(m.components.get('broker')!.kind).toBe('queue');
  });

  it('makes init containers start-up dependencies, unless a main container needs the same Service', () => {
    const m = modelOf([
      'k8s.yaml',
      [
        app('api', { init: env({ WAIT_FOR: 'db:5432', MIGRATE: 'schema:80' }), env: env({ DB: 'db:5432' }) }),
        app('db', { kind: 'StatefulSet', image: 'mysql:8' }),
        app('schema'),
      ].join('---\n'),
    ]);
    expect(edges(m, 'api')).toEqual(['db', 'schema:startup']);
  });

  it('warns about a Service selecting nothing and a cluster DNS name that no Service answers, and ignores other hosts', () => {
    const text = [
      app('web', { env: env({ GONE: 'ghost.default.svc.cluster.local:80', EXT: 'payments.example.com:443', BARE: 'nothing-here:80' }) }),
      'apiVersion: v1\nkind: Service\nmetadata: { name: orphan }\nspec: { selector: { app: nobody } }\n',
    ].join('---\n');
    const r = loadFiles(['k8s.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect(r.model!.components.get('web')!.dependsOn).toEqual([]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^k8s\.yaml:4:9: warning: no zone is known for 1 workload \(web\)/),
      expect.stringMatching(/^k8s\.yaml:17:22: warning: GONE names the Service ghost in namespace default, which is in none of these files; no dependency/),
      expect.stringMatching(/^k8s\.yaml:33:19: warning: Service orphan selects no workload in these files \(selector app=nobody\)/),
    ]);
  });

  it('skips other built-in kinds silently, warns once per custom resource, and reads kind: List', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata: { name: s }
  - apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: { name: i }
  - apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: { name: h }
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: { name: r }
  - apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: { name: vs }
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: api }
    spec:
      selector: { matchLabels: { app: api } }
      template:
        metadata: { labels: { app: api } }
        spec: { containers: [{ name: api, image: api }] }
`;
    const r = loadFiles(['list.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect([...r.model!.components.keys()]).toEqual(['api', 'cluster']);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^list\.yaml:17:11: warning: skipped: custom resource VirtualService \(networking\.istio\.io\/v1\)/),
      expect.stringMatching(/^list\.yaml:21:23: warning: no zone is known/),
    ]);
  });

  it('warns about malformed workloads instead of failing', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: no-selector }
spec:
  template:
    metadata: { labels: { app: x } }
    spec: { containers: [{ name: x, image: x }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: no-containers }
spec:
  selector: { matchLabels: { app: y } }
  template: { metadata: { labels: { app: y } }, spec: {} }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { labels: { app: z } }
spec: 3
`;
    const r = loadFiles(['bad.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect([...r.model!.components.keys()]).toEqual(['no-selector', 'cluster']);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^bad\.yaml:3:19: warning: Deployment no-selector has no spec\.selector/),
      expect.stringMatching(/^bad\.yaml:3:19: warning: no zone is known/),
      expect.stringMatching(/^bad\.yaml:11:19: warning: skipped: Deployment no-containers has no containers/),
      expect.stringMatching(/^bad\.yaml:18:11: warning: skipped: a StatefulSet without metadata\.name/),
    ]);
  });

  it('reports a workload id defined twice, naming both places', () => {
    const r = loadFiles(['a.yaml', app('api')], ['b.yaml', app('api', { kind: 'StatefulSet' })]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^b\.yaml:4:9: error: "api" is defined twice \(StatefulSet api and Deployment api\)/)]);
  });
});

describe('Kubernetes replicas, zones and disruption budgets', () => {
  const zoned = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  annotations:
    faultline.dev/zones: "eu-west-1a, eu-west-1b,eu-west-1c"
`;
  const spread = `      topologySpreadConstraints:
        - { maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule }
`;
  const antiAffinity = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - { topologyKey: topology.kubernetes.io/zone, labelSelector: { matchLabels: { app: b } } }
`;

  it('spreads replicas evenly over the zones of the Namespace when the pods spread over zones', () => {
    const daemon = app('agent', { namespace: 'shop', kind: 'DaemonSet' }).split('---\n')[0]!;
    const m = modelOf([
      'k8s.yaml',
      [zoned, app('a', { namespace: 'shop', replicas: 5, extraSpec: spread }), app('b', { namespace: 'shop', replicas: 2, extraSpec: antiAffinity }), daemon].join('---\n'),
    ]);
    expect(placements(m, 'shop.a')).toEqual({ 'eu-west-1a': 2, 'eu-west-1b': 2, 'eu-west-1c': 1 });
    expect(placements(m, 'shop.b')).toEqual({ 'eu-west-1a': 1, 'eu-west-1b': 1 });
    expect(placements(m, 'shop.agent')).toEqual({ 'eu-west-1a': 1, 'eu-west-1b': 1, 'eu-west-1c': 1 });
    expect(m.components.get('eu-west-1a')).toMatchObject({ kind: 'zone', isDomain: true, at: { line: 6 } });
    expect(m.components.has('cluster')).toBe(false);
  });

  it('puts replicas without zone information in the synthetic zone, with one warning for all of them', () => {
    const files: [string, string][] = [['k8s.yaml', [zoned, app('a', { namespace: 'shop', replicas: 3 }), app('b', { replicas: 2, extraSpec: spread })].join('---\n')]];
    const m = modelOf(...files);
    expect(placements(m, 'shop.a')).toEqual({ cluster: 3 });
    expect(placements(m, 'b')).toEqual({ cluster: 2 });
    expect(m.components.get('cluster')!.kind).toBe('zone');
    expect(warningsOf(...files)).toEqual([
      expect.stringContaining('warning: no zone is known for 2 workloads (shop.a, b): their replicas share one placement, the synthetic zone "cluster"'),
    ]);
  });

  it('turns PodDisruptionBudgets into minHealthy: numbers and percentages, minAvailable and maxUnavailable', () => {
    const pdb = (name: string, field: string, value: string, labels: string): string =>
      `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: ${name} }\nspec:\n  ${field}: ${value}\n  selector: { matchLabels: { ${labels} } }\n`;
    const text = [
      app('a', { replicas: 4 }),
      pdb('a', 'minAvailable', '3', 'app: a'),
      app('b', { replicas: 4 }),
      pdb('b', 'maxUnavailable', '"25%"', 'app: b'),
      app('c', { replicas: 3 }),
      pdb('c', 'minAvailable', '"50%"', 'app: c'),
      app('d', { replicas: 2 }),
      pdb('d', 'minAvailable', '5', 'app: d'),
      app('e', { replicas: 3 }),
      pdb('e', 'maxUnavailable', '3', 'app: e'),
      app('f', { replicas: 3 }),
    ].join('---\n');
    const m = modelOf(['k8s.yaml', text]);
    const healthy = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => [id, m.components.get(id)!.minHealthy]));
    expect(healthy).toEqual({ a: 3, b: 3, c: 2, d: 2, e: 1, f: 1 });
    expect(text.split('\n')[m.components.get('a')!.placements[0]!.at.line - 1]).toBe('  replicas: 4');
  });

  it('lets faultline.dev annotations override the kind and the placement', () => {
    const text = `${zoned}---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: search
  namespace: shop
  annotations:
    faultline.dev/kind: search-index
    faultline.dev/in: "{ eu-west-1a: 1, eu-west-1b: 1 }"
    faultline.dev/depends-on: "[{ target: shop.store, mode: soft }]"
spec:
  replicas: 5
  selector: { matchLabels: { app: search } }
  template:
    metadata: { labels: { app: search } }
    spec:
      containers:
        - name: search
          image: elasticsearch:8
          env: [{ name: STORE, value: "store:80" }]
---
${app('store', { namespace: 'shop', extraSpec: spread })}`;
    const m = modelOf(['k8s.yaml', text]);
    const search = m.components.get('shop.search')!;
    expect(search.kind).toBe('search-index');
    expect(placements(m, 'shop.search')).toEqual({ 'eu-west-1a': 1, 'eu-west-1b': 1 });
    expect(search.dependsOn).toMatchObject([{ target: 'shop.store', mode: 'soft' }]);
  });
});

describe('Kubernetes helpers', () => {
  it('guesses kinds from images, then names', () => {
    expect(guessKind('Deployment', ['docker.io/bitnami/postgresql:16@sha256:abc'], 'orders')).toBe('database');
    expect(guessKind('StatefulSet', ['mongo:7'], 'x')).toBe('database');
    expect(guessKind('Deployment', ['valkey/valkey:8'], 'x')).toBe('cache');
    expect(guessKind('StatefulSet', ['confluentinc/cp-kafka:7.6.0'], 'x')).toBe('queue');
    expect(guessKind('Deployment', ['ghcr.io/acme/app:1'], 'redis-cart')).toBe('cache');
    expect(guessKind('Deployment', ['ghcr.io/acme/app:1'], 'checkout')).toBe('service');
    expect(guessKind('CronJob', ['postgres:16'], 'backup')).toBe('job');
  });

  it('matches label selectors with expressions', () => {
    const s = labelSelector({
      matchLabels: { app: 'a' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['web', 'api'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    })!;
    expect(
      selects(
        s,
        new Map([
          ['app', 'a'],
          ['tier', 'web'],
        ]),
      ),
    ).toBe(true);
    expect(
      selects(
        s,
        new Map([
          ['app', 'a'],
          ['tier', 'db'],
        ]),
      ),
    ).toBe(false);
    expect(
      selects(
        s,
        new Map([
          ['app', 'a'],
          ['tier', 'web'],
          ['canary', 'yes'],
        ]),
      ),
    ).toBe(false);
    expect(labelSelector({})).toBeUndefined();
  });

  it('reads # faultline-ignore comments on a workload or directly above it; a Service keeps its comments to itself', () => {
    const text = `# faultline-ignore single-point-of-failure web is behind a CDN
${app('web', { env: env({ API: 'api:80' }) }).replace('  name: web\n', '  name: web  # faultline-ignore hidden-spof same reason\n')}---
${app('api', { replicas: 2 }).replace('spec:\n  selector: { app: api }', 'spec:\n  # faultline-ignore on-the-service nobody takes this\n  selector: { app: api }')}---
# faultline-ignore single-point-of-failure the cart store is rebuilt in seconds
${app('db', { kind: 'StatefulSet' }).replace('    spec:\n', '    spec:\n      # faultline-ignore shared-fate-redundancy deep inside the template\n')}`;
    const m = modelOf(['k8s.yaml', text]);
    const rules = (id: string): string[] => (m.components.get(id)!.suppressions ?? []).map((s) => `${s.rule}@${s.at.line}`);
    const lines = text.split('\n');
    const lineWith = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(rules('web')).toEqual([`single-point-of-failure@1`, `hidden-spof@${lineWith('hidden-spof')}`]);
    expect(rules('api')).toEqual([]);
    expect(rules('db')).toEqual([`single-point-of-failure@${lineWith('rebuilt in seconds')}`, `shared-fate-redundancy@${lineWith('deep inside')}`]);
    expect(m.components.get('db')!.suppressions![0]!.reason).toBe('the cart store is rebuilt in seconds');
  });

  it('reads # faultline-ignore comments on the items of a List', () => {
    const item = (name: string, comment: string): string =>
      `  ${comment}- apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ${name} }
    spec:
      selector: { matchLabels: { app: ${name} } }
      template:
        metadata: { labels: { app: ${name} } }
        spec: { containers: [{ name: main, image: ${name} }] }
`;
    const text = `apiVersion: v1\nkind: List\nitems:\n${item('a', '# faultline-ignore single-point-of-failure above a\n  ')}${item('b', '')}`;
    const m = modelOf(['list.yaml', text]);
    expect(m.components.get('a')!.suppressions?.map((s) => s.reason)).toEqual(['above a']);
    expect(m.components.get('b')!.suppressions).toBeUndefined();
  });

  it('spreads evenly', () => {
    expect([...evenly(7, ['a', 'b', 'c'])]).toEqual([
      ['a', 3],
      ['b', 2],
      ['c', 2],
    ]);
    expect([...evenly(1, ['a', 'b'])]).toEqual([['a', 1]]);
  });
});
