/**
 * Every input together: overlays on Kubernetes workloads and compose
 * services, one component described by a catalog and by what runs, and the
 * duplicates that stay errors.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import type { Component, Model } from '../model.js';
import { loadFiles, modelOf, problemsOf } from '../test-support.js';

/** A Deployment (or another workload kind) with a Service in front; `env` as `NAME: value` pairs. */
function workload(name: string, options: { env?: Record<string, string>; replicas?: number; kind?: string; image?: string; annotations?: string } = {}): string {
  const env = Object.entries(options.env ?? {})
    .map(([k, v]) => `            - { name: ${k}, value: "${v}" }\n`)
    .join('');
  return `apiVersion: apps/v1
kind: ${options.kind ?? 'Deployment'}
metadata:
  name: ${name}
${options.annotations ? `  annotations:\n${options.annotations.replace(/^/gm, '    ')}\n` : ''}spec:
  replicas: ${options.replicas ?? 1}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: main
          image: ${options.image ?? name}
${env ? `          env:\n${env}` : ''}---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec: { selector: { app: ${name} } }
`;
}

const K8S = [
  workload('web', { env: { API: 'api:80' }, replicas: 3 }),
  workload('api', { env: { DB: 'postgres://db:5432/shop', CACHE: 'redis://cache:6379' }, replicas: 2 }),
  workload('db', { kind: 'StatefulSet', image: 'postgres:16' }),
  workload('cache', { image: 'redis:7' }),
  `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api }
spec: { minAvailable: 2, selector: { matchLabels: { app: api } } }
`,
].join('---\n');

const ZONES = 'apiVersion: faultline/v1\ncomponents:\n  az1: { kind: zone }\n  az2: { kind: zone }\n';

const COMPOSE = `name: shop
services:
  api:
    image: example/api
    environment:
      DATABASE_URL: postgres://db:5432/shop
      BROKER_URL: amqp://broker:5672
    depends_on:
      migrate: { condition: service_completed_successfully }
  worker:
    image: example/api
    command: celery worker
    environment: { BROKER_URL: "amqp://broker:5672" }
  migrate:
    image: example/api
    environment: { DB_HOST: db }
  db:
    image: postgres:16
  broker:
    image: rabbitmq:3
`;

function entity(kind: string, name: string, spec: string, annotations = '', extra = ''): string {
  return `apiVersion: backstage.io/v1alpha1
kind: ${kind}
metadata:
  name: ${name}
${extra}${annotations ? `  annotations:\n${annotations.replace(/^/gm, '    ')}\n` : ''}spec: { ${spec} }
`;
}

const overlay = (body: string): string => `apiVersion: faultline/v1\ncomponents:\n${body}`;

function edges(c: Component): string[] {
  return c.dependsOn.map((d) =>
    d.type === 'edge' ? `${d.target}:${d.mode}${d.phase ? `:${d.phase}` : ''}${d.timeoutMs ? `:${d.timeoutMs}ms` : ''}` : `anyOf[${d.anyOf.join(',')}]`,
  );
}

const place = (at: { file: string; line: number }): string => `${at.file}:${at.line}`;
const placements = (m: Model, id: string): string[] => m.components.get(id)!.placements.map((p) => `${p.domain}=${p.replicas}@${place(p.at)}`);

describe('an overlay on Kubernetes workloads', () => {
  it('places a workload, makes it critical and heavier, refines an edge and adds one, each value at its overlay line', () => {
    const o = overlay(`  web:
    in: { az1: 2, az2: 1 }
    critical: true
    weight: 5
    owner: team-web
  api:
    dependsOn:
      - { target: cache, mode: soft, timeoutMs: 200 }
      - { target: db, phase: runtime }
      - audit
  audit: { kind: service }
`);
    const m = modelOf(['k8s.yaml', K8S], ['zones.yaml', ZONES], ['overlay.yaml', o]);
    const web = m.components.get('web')!;
    expect(web).toMatchObject({ critical: true, weight: 5, owner: 'team-web' });
    expect(placements(m, 'web')).toEqual(['az1=2@overlay.yaml:4', 'az2=1@overlay.yaml:4']);
    // The workload stays where Kubernetes defines it.
    expect(place(web.at)).toBe('k8s.yaml:4');
    const api = m.components.get('api')!;
    expect(edges(api)).toEqual(['db:hard:runtime', 'cache:soft:200ms', 'audit:hard']);
    // A refined edge stays at the env value that found it; an added one is at the overlay line.
    expect(api.dependsOn.map((d) => place(d.at))).toEqual(['k8s.yaml:36', 'k8s.yaml:37', 'overlay.yaml:12']);
  });

  it('replaces the derived placement and the budget counted against it, and drops the synthetic zone once nothing runs there', () => {
    const all = overlay('  web: { in: az1 }\n  api: { in: [az1, az2] }\n  db: { in: az2 }\n  cache: { in: az1 }\n');
    const loaded = loadFiles(['k8s.yaml', K8S], ['zones.yaml', ZONES], ['overlay.yaml', all]);
    const m = loaded.model!;
    expect(m.components.has('cluster')).toBe(false);
    expect(m.components.get('api')!.minHealthy).toBe(1);
    expect(loaded.warnings.map(formatDiagnostic)).toEqual([]);
    // Placing some: the warning counts what is left in the synthetic zone.
    const some = loadFiles(['k8s.yaml', K8S], ['zones.yaml', ZONES], ['overlay.yaml', overlay('  web: { in: az1 }\n  api: { in: [az1, az2], minHealthy: 2 }\n')]);
    expect(some.model!.components.get('api')!.minHealthy).toBe(2);
    // The same placement written again keeps the budget.
    expect(modelOf(['k8s.yaml', K8S], ['overlay.yaml', overlay('  api: { in: { cluster: 2 } }\n')]).components.get('api')!.minHealthy).toBe(2);
    expect(some.warnings.map(formatDiagnostic)).toEqual([expect.stringMatching(/^k8s\.yaml:47:9: warning: no zone is known for 2 workloads \(db, cache\)/)]);
  });

  it('replaces what an annotation on the workload could replace, and conflicts with what an annotation wrote', () => {
    const annotated = K8S.replace('  name: db\n', '  name: db\n  annotations:\n    faultline.dev/critical: "true"\n');
    expect(problemsOf(['k8s.yaml', annotated], ['zones.yaml', ZONES], ['overlay.yaml', overlay('  db: { critical: false }\n  cache: { critical: true }\n')])).toEqual([
      'overlay.yaml:3:9: error: db: critical is false in the overlay (overlay.yaml) but true in annotation faultline.dev/critical on Kubernetes (StatefulSet db) (also at k8s.yaml:49:5) (say it in one place, or make both say the same)',
    ]);
  });

  it('naming nothing is an error with a "did you mean" over the workloads', () => {
    expect(problemsOf(['k8s.yaml', K8S], ['overlay.yaml', overlay('  cahce: { critical: true }\n')])).toEqual([
      'overlay.yaml:3:10: error: cahce has no "kind", and no Kubernetes workload has this id (did you mean "cache"?)',
    ]);
    expect(problemsOf(['k8s.yaml', K8S], ['c.yaml', entity('Component', 'site', 'type: website')], ['overlay.yaml', overlay('  zzz: { critical: true }\n')])).toEqual([
      'overlay.yaml:3:8: error: zzz has no "kind", and no Backstage entity or Kubernetes workload has this id (add "kind" to define a component, or use the id of a Backstage entity or Kubernetes workload to add fields to it)',
    ]);
  });

  it('gives one workload one overlay entry, checked like a manifest component', () => {
    expect(problemsOf(['k8s.yaml', K8S], ['a.yaml', overlay('  db: { weight: 2 }\n')], ['b.yaml', overlay('  db: { wieght: 2 }\n')])).toEqual([
      'b.yaml:3:3: error: "db" has two overlay entries (also at a.yaml:3:3) (merge them into one)',
    ]);
    expect(problemsOf(['k8s.yaml', K8S], ['b.yaml', overlay('  db: { wieght: 2 }\n')])).toEqual(['b.yaml:3:9: error: unknown field "wieght" in db (did you mean "weight"?)']);
  });
});

describe('an overlay on compose services', () => {
  it('places services, overrides what compose derived (a one-shot job is not critical, a consumer is async) and refines edges', () => {
    const o = overlay(`  api: { in: { az1: 2, az2: 2 }, minHealthy: 2 }
  migrate: { critical: true, in: az1 }
  worker:
    in: az2
    dependsOn: [{ target: broker, mode: hard }]
  db: { in: az1 }
  broker: { in: az2 }
`);
    const loaded = loadFiles(['compose.yaml', COMPOSE], ['zones.yaml', ZONES], ['overlay.yaml', o]);
    const m = loaded.model!;
    expect(m.components.get('migrate')!.critical).toBe(true);
    expect(edges(m.components.get('worker')!)).toEqual(['broker:hard']);
    expect(placements(m, 'api')).toEqual(['az1=2@overlay.yaml:3', 'az2=2@overlay.yaml:3']);
    // Every service placed: no synthetic host, no warning about one.
    expect(m.components.has('shop.host')).toBe(false);
    expect(loaded.warnings).toEqual([]);
  });

  it('keeps the synthetic host for the services left on it, and says how many', () => {
    const loaded = loadFiles(['compose.yaml', COMPOSE], ['zones.yaml', ZONES], ['overlay.yaml', overlay('  db: { in: az1 }\n')]);
    expect(placements(loaded.model!, 'api')).toEqual(['shop.host=1@compose.yaml:3']);
    expect(loaded.warnings.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^compose\.yaml:2:1: warning: compose names no zones: 4 services of project "shop" run on one synthetic host/),
    ]);
  });

  it('naming nothing is an error with a "did you mean" over the services', () => {
    expect(problemsOf(['compose.yaml', COMPOSE], ['overlay.yaml', overlay('  brokr: { critical: true }\n')])).toEqual([
      'overlay.yaml:3:10: error: brokr has no "kind", and no compose service has this id (did you mean "broker"?)',
    ]);
  });
});

describe('one component described by several inputs', () => {
  const catalog = [
    entity(
      'Component',
      'api',
      'type: service, owner: team-api, system: shop, lifecycle: production, dependsOn: [resource:db, component:audit]',
      '',
      '  description: The shop API\n',
    ),
    entity('Resource', 'cache', 'type: database, owner: team-data'),
    entity('Component', 'audit', 'type: service, owner: team-api'),
  ].join('---\n');

  it('merges a Backstage entity and the Deployment with its id: the catalog says what it is and who owns it, Kubernetes what runs, edges add up', () => {
    const loaded = loadFiles(['catalog.yaml', catalog], ['k8s.yaml', K8S]);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    const m = loaded.model!;
    const api = m.components.get('api')!;
    expect(api).toMatchObject({ kind: 'service', owner: 'team-api', description: 'The shop API', minHealthy: 2 });
    expect(Object.fromEntries(api.tags)).toEqual({
      system: 'shop',
      lifecycle: 'production',
      backstage: 'component:default/api',
      kubernetes: 'deployment/api',
      namespace: 'default',
    });
    expect(placements(m, 'api')).toEqual(['cluster=2@k8s.yaml:27']);
    // The catalog's edge to db and the env value's are one edge; audit comes from the catalog only.
    expect(edges(api)).toEqual(['db:hard', 'audit:hard', 'cache:hard']);
    expect(api.dependsOn.map((d) => place(d.at))).toEqual(['catalog.yaml:6', 'catalog.yaml:6', 'k8s.yaml:37']);
    expect(place(api.at)).toBe('k8s.yaml:25');
    // It answers to the names both inputs give it.
    expect(api.refs?.map((r) => `${r.input} ${r.kind}/${r.name}`)).toEqual(['backstage component/api', 'kubernetes deployment/api', 'kubernetes service/api']);
    // The catalog's type beats the guess from the image (redis → cache).
    expect(m.components.get('cache')!.kind).toBe('database');
    expect(m.components.get('audit')!.tags.get('backstage')).toBe('component:default/audit');
    expect([...m.components.keys()]).toEqual(['audit', 'web', 'api', 'db', 'cache', 'cluster']);
  });

  it('keeps what the input authoritative for a field says, and warns, naming both places, when the other wrote something else', () => {
    const annotated = catalog.replace('  name: api\n', '  name: api\n  annotations:\n    faultline.dev/in: "[az1]"\n');
    const k8s = K8S.replace('  name: cache\n', '  name: cache\n  annotations:\n    faultline.dev/kind: queue\n');
    const loaded = loadFiles(['catalog.yaml', annotated], ['k8s.yaml', k8s], ['zones.yaml', ZONES]);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(loaded.warnings.map(formatDiagnostic)).toEqual([
      'catalog.yaml:6:5: warning: api: in is ["az1"] in annotation faultline.dev/in on the catalog (component:default/api) but {"cluster":2} in Kubernetes (Deployment api); Kubernetes decides in, so ["az1"] is ignored (also at k8s.yaml:27:13) (to override what Kubernetes says, write it in an overlay entry (a manifest entry without "kind") or in a faultline.dev annotation on the workload)',
      expect.stringMatching(/^k8s\.yaml:\d+:9: warning: no zone is known/),
      'k8s.yaml:68:5: warning: cache: kind is "queue" in annotation faultline.dev/kind on Kubernetes (Deployment cache) but "database" in the catalog (resource:default/cache); Backstage decides kind, so "queue" is ignored (also at catalog.yaml:14:15) (remove it from annotation faultline.dev/kind, or make both say the same)',
    ]);
    expect(placements(loaded.model!, 'api')).toEqual(['cluster=2@k8s.yaml:27']);
    expect(loaded.model!.components.get('cache')!.kind).toBe('database');
  });

  it('is a conflict, naming both places, when two inputs write different values for a field neither decides', () => {
    const annotated = catalog.replace('  name: cache\n', '  name: cache\n  annotations:\n    faultline.dev/weight: "3"\n');
    const k8s = K8S.replace('  name: cache\n', '  name: cache\n  annotations:\n    faultline.dev/weight: "5"\n');
    expect(problemsOf(['catalog.yaml', annotated], ['k8s.yaml', k8s])).toEqual([
      'k8s.yaml:68:5: error: cache: weight is 5 in annotation faultline.dev/weight on Kubernetes (Deployment cache) but 3 in annotation faultline.dev/weight on the catalog (resource:default/cache) (also at catalog.yaml:13:5) (say it in one place, or make both say the same)',
    ]);
  });

  it('merges a Backstage entity and the compose service with its id, and the overlay refines the result', () => {
    const c = [entity('Component', 'api', 'type: service, owner: team-api', 'faultline.dev/critical: "true"'), entity('Resource', 'db', 'type: database, owner: team-data')].join(
      '---\n',
    );
    const m = modelOf(['catalog.yaml', c], ['compose.yaml', COMPOSE], ['zones.yaml', ZONES], ['overlay.yaml', overlay('  db: { in: az1, weight: 2 }\n')]);
    expect(m.components.get('api')).toMatchObject({ owner: 'team-api', critical: true });
    expect(m.components.get('db')).toMatchObject({ kind: 'database', owner: 'team-data', weight: 2 });
    expect(placements(m, 'db')).toEqual(['az1=1@overlay.yaml:3']);
    expect(m.components.get('db')!.tags.get('compose')).toBe('shop/db');
  });

  it('keeps the # faultline-ignore comments of every description and of the overlay entry', () => {
    const c = catalog.replace('  name: cache\n', '  name: cache  # faultline-ignore single-point-of-failure in the catalog\n');
    const k8s = K8S.replace('  name: cache\n', '  name: cache  # faultline-ignore hidden-spof on the Deployment\n');
    const o = overlay('  # faultline-ignore shared-fate-redundancy in the overlay\n  cache: { weight: 2 }\n');
    const m = modelOf(['catalog.yaml', c], ['k8s.yaml', k8s], ['overlay.yaml', o]);
    expect(m.components.get('cache')!.suppressions?.map((x) => `${x.rule} ${x.at.file}:${x.at.line}`)).toEqual([
      'single-point-of-failure catalog.yaml:11',
      'hidden-spof k8s.yaml:66',
      'shared-fate-redundancy overlay.yaml:3',
    ]);
  });

  it('leaves duplicates errors: Kubernetes and compose, a manifest with kind and a workload, two manifests', () => {
    expect(problemsOf(['k8s.yaml', K8S], ['compose.yaml', COMPOSE])).toEqual([
      'compose.yaml:3:3: error: "api" is defined twice (compose service api and Kubernetes Deployment api) (also at k8s.yaml:25:9) (one component runs from one place: pass the Kubernetes files or the docker compose files, or rename one)',
      'compose.yaml:17:3: error: "db" is defined twice (compose service db and Kubernetes StatefulSet db) (also at k8s.yaml:47:9) (one component runs from one place: pass the Kubernetes files or the docker compose files, or rename one)',
    ]);
    expect(problemsOf(['k8s.yaml', K8S], ['m.yaml', overlay('  db: { kind: database }\n')])).toEqual([
      'k8s.yaml:47:9: error: "db" is defined twice (Kubernetes StatefulSet db and a faultline manifest) (also at m.yaml:3:3) (remove "kind" from the manifest entry to add fields to it instead)',
    ]);
    expect(problemsOf(['a.yaml', overlay('  db: { kind: database }\n')], ['b.yaml', overlay('  db: { kind: database }\n')])).toEqual([
      'b.yaml:3:3: error: "db" is defined twice (also at a.yaml:3:3) (give one of them another id, or merge them)',
    ]);
  });

  it('lets a manifest define a zone a Namespace names, instead of a duplicate', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  annotations: { faultline.dev/zones: "az1,az2" }\n---\n';
    const spread = K8S.replace(
      '      containers:\n        - name: main\n          image: web\n',
      '      topologySpreadConstraints: [{ topologyKey: topology.kubernetes.io/zone, maxSkew: 1, whenUnsatisfiable: DoNotSchedule }]\n      containers:\n        - name: main\n          image: web\n',
    );
    const m = modelOf(['k8s.yaml', ns + spread], ['zones.yaml', overlay('  eu: { kind: region }\n  az1: { kind: zone, in: eu }\n  az2: { kind: zone, in: eu }\n')]);
    expect(placements(m, 'web').map((p) => p.split('@')[0])).toEqual(['az1=2', 'az2=1']);
    expect(m.components.get('az1')!.placements.map((p) => p.domain)).toEqual(['eu']);
  });
});
