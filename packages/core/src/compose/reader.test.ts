import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import type { Model } from '../model.js';
import { loadFiles, modelOf, statuses } from '../test-support.js';
import { imageName, kindForService } from './kinds.js';
import { importCompose } from './import.js';
import { loadManifests } from '../load/loader.js';

/** Edges of a component as `target:mode[:phase]`. */
function edges(m: Model, id: string): string[] {
  return m.components.get(id)!.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}:${d.mode}${d.phase ? `:${d.phase}` : ''}` : `anyOf[${d.anyOf.join(',')}]`));
}

function warningsOf(...files: [string, string][]): string[] {
  return loadFiles(...files).warnings.map(formatDiagnostic);
}

const SHOP = `name: shop
services:
  web:
    build: ./web
    environment:
      API_URL: http://api:8000
    depends_on: [api]
  api:
    build: ./api
    environment:
      - DATABASE_URL=postgres://u:p@db:5432/shop
      - REDIS_URL=redis://cache:6379/0
      - QUEUE=amqp://broker
      - FROM_SHELL
      - STRIPE_URL=https://api.stripe.com/v1
    depends_on:
      db: { condition: service_healthy }
      migrate: { condition: service_completed_successfully }
    deploy: { replicas: 3 }
  worker:
    build: ./api
    command: ["python", "-m", "consumer"]
    environment: { BROKER_HOST: broker, DB: "db:5432" }
  migrate:
    build: ./api
    restart: "no"
    environment: { DB_HOST: db }
    depends_on: { db: { condition: service_healthy } }
  db: { image: "postgres:16" }
  cache: { image: docker.io/bitnami/valkey:8 }
  broker: { image: rabbitmq:3-management }
`;

describe('compose services as components', () => {
  it('guesses kinds from the image, then the name', () => {
    expect(imageName('registry:5000/org/redis:7@sha256:abc')).toBe('redis');
    expect(kindForService('db', 'postgres:16-alpine')).toBe('database');
    expect(kindForService('store', 'mongo')).toBe('database');
    expect(kindForService('admin', 'mongo-express')).toBe('service');
    expect(kindForService('events', 'confluentinc/cp-kafka:7.6')).toBe('queue');
    expect(kindForService('sessions', 'memcached')).toBe('cache');
    expect(kindForService('orders-db', undefined)).toBe('database');
    expect(kindForService('nats', undefined)).toBe('queue');
    expect(kindForService('api', 'example/api')).toBe('service');
  });

  it('reads environment values and depends_on as edges, one edge when both name a service', () => {
    const m = modelOf(['compose.yaml', SHOP]);
    expect([...m.components.keys()]).toEqual(['web', 'api', 'worker', 'migrate', 'db', 'cache', 'broker', 'shop.host']);
    expect(edges(m, 'web')).toEqual(['api:hard']);
    // api.stripe.com is outside the project, whatever its first label; FROM_SHELL has no value.
    expect(edges(m, 'api')).toEqual(['db:hard', 'cache:hard', 'broker:hard', 'migrate:hard:startup']);
    // A consumer (its command says so) reads a queue asynchronously; a bare name counts in a *_HOST variable.
    expect(edges(m, 'worker')).toEqual(['broker:async', 'db:hard']);
    expect(m.components.get('cache')!.kind).toBe('cache');
    expect(m.components.get('api')!.placements.map((p) => `${p.domain}:${p.replicas}`)).toEqual(['shop.host:3']);
    expect(m.components.get('shop.host')!.kind).toBe('datacenter');
  });

  it('takes depends_on on a long-running service as needed to run too, unless x-faultline says start-up only (the voting app: vote waits for redis and writes to it)', () => {
    const vote = `services:
  vote: { build: ./vote, depends_on: { redis: { condition: service_healthy } } }
  result: { build: ./result, depends_on: { db: { condition: service_healthy } }, x-faultline: { dependsOn: [{ target: db, phase: startup }] } }
  worker: { build: ./worker, depends_on: [redis, db] }
  redis: { image: redis:alpine }
  db: { image: postgres:15-alpine }
`;
    const m = modelOf(['compose.yaml', vote]);
    expect(edges(m, 'vote')).toEqual(['redis:hard']);
    expect(edges(m, 'worker')).toEqual(['redis:hard', 'db:hard']);
    expect(edges(m, 'result')).toEqual(['db:hard:startup']);
    expect(statuses(m, 'redis')).toMatchObject({ vote: 'down', worker: 'down', result: 'up' });
  });

  it('reads a one-shot job as start-up only: a failed database does not travel through it', () => {
    const m = modelOf(['compose.yaml', SHOP]);
    expect(edges(m, 'migrate')).toEqual(['db:hard:startup']);
    expect(m.components.get('migrate')!.critical).toBe(false);
    expect(m.components.get('migrate')!.tags.get('job')).toBe('one-shot');
    const s = statuses(m, 'migrate');
    expect(Object.entries(s).filter(([, v]) => v !== 'up')).toEqual([['migrate', 'down']]);
    expect(statuses(m, 'db')['migrate']).toBe('up');
  });

  it('points components and edges at their compose lines', () => {
    const m = modelOf(['compose.yaml', SHOP]);
    const api = m.components.get('api')!;
    expect(api.at).toMatchObject({ file: 'compose.yaml', line: 8, col: 3 });
    const at = api.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}@${d.at.line}:${d.at.col}` : ''));
    expect(at).toEqual(['db@11:9', 'cache@12:9', 'broker@13:9', 'migrate@18:7']);
    expect(api.placements[0]!.at).toMatchObject({ line: 19, col: 25 });
    expect(m.components.get('shop.host')!.at).toMatchObject({ line: 2, col: 1 });
  });

  it('warns once that no zones are known', () => {
    expect(warningsOf(['compose.yaml', SHOP])).toEqual([
      'compose.yaml:2:1: warning: compose names no zones: every service of project "shop" runs on one synthetic host, shop.host, and replicas there share its fate (say where services run with "x-faultline: { in: … }" on each service, or in an overlay; docs/compose.md)',
    ]);
  });

  it('skips profiled services with one warning, and services with replicas: 0', () => {
    const text = `services:
  app: { image: app, environment: { ADMIN_HOST: admin }, depends_on: [admin, debug] }
  admin: { image: adminer, profiles: [tools] }
  debug: { image: busybox, profiles: [debug] }
  spare: { image: app, deploy: { replicas: 0 } }
`;
    const m = modelOf(['deploy/compose.yaml', text]);
    expect([...m.components.keys()]).toEqual(['app', 'deploy.host']);
    expect(edges(m, 'app')).toEqual([]);
    expect(warningsOf(['deploy/compose.yaml', text]).filter((w) => !w.includes('no zones'))).toEqual([
      'deploy/compose.yaml:3:38: warning: skipped 2 services that only run with a profile: admin (tools), debug (debug) (faultline reads what "docker compose up" starts without --profile; remove "profiles:" to model a service)',
      'deploy/compose.yaml:5:44: warning: skipped spare: replicas: 0, so it does not run',
    ]);
  });

  it('lets x-faultline override the kind, place the service and refine an edge', () => {
    const text = `services:
  api:
    image: example/api
    environment: { CACHE_URL: "redis://sessions:6379" }
    x-faultline:
      critical: true
      in: { az-a: 2, az-b: 2 }
      minHealthy: 2
      dependsOn: [{ target: sessions, mode: soft, timeoutMs: 50 }]
  sessions:
    image: example/kv
    x-faultline: { kind: cache }
`;
    const m = modelOf(['compose.yaml', text], ['zones.yaml', 'apiVersion: faultline/v1\ncomponents:\n  az-a: { kind: zone }\n  az-b: { kind: zone }\n']);
    const api = m.components.get('api')!;
    expect(api.critical).toBe(true);
    expect(api.placements.map((p) => `${p.domain}:${p.replicas}@${p.at.line}`)).toEqual(['az-a:2@7', 'az-b:2@7']);
    expect(edges(m, 'api')).toEqual(['sessions:soft']);
    expect(m.components.get('sessions')!.kind).toBe('cache');
  });

  it('reports a wrong x-faultline field as an error at its line, like a manifest', () => {
    const r = loadFiles(['compose.yaml', 'services:\n  api:\n    image: a\n    x-faultline: { kindd: cache }\n']);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^compose\.yaml:4:20: error: unknown field "kindd"/)]);
  });

  it('reads malformed entries as warnings at their lines, never a crash', () => {
    const text = `services:
  web:
    image: [nginx]
    environment: "A=1"
    depends_on: 3
    network_mode: "service:vpn"
    deploy: { replicas: -1 }
  broken:
  list: [a]
`;
    const r = loadFiles(['compose.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings.map(formatDiagnostic).filter((w) => !w.includes('no zones'))).toEqual([
      'compose.yaml:3:12: warning: web: skipped image: not a string',
      'compose.yaml:4:18: warning: web: skipped environment: not a map or a list (write "KEY: value" entries or "- KEY=value" items)',
      'compose.yaml:5:17: warning: web: skipped depends_on: not a list or a map',
      'compose.yaml:6:19: warning: web: skipped network_mode "vpn": no such service (the services are web)',
      'compose.yaml:7:25: warning: web: skipped replicas: not a whole number (write "deploy: { replicas: 3 }")',
      'compose.yaml:8:3: warning: skipped: service "broken" is not a map (give it at least "image:" or "build:")',
      'compose.yaml:9:3: warning: skipped: service "list" is not a map (give it at least "image:" or "build:")',
    ]);
  });

  it('merges several compose files by service name, as docker compose -f a -f b does', () => {
    const m = modelOf(
      ['compose.yaml', 'name: p\nservices:\n  api: { image: a, environment: { DB_HOST: db } }\n  db: { image: postgres }\n  cache: { image: redis }\n'],
      ['compose.prod.yaml', 'services:\n  api: { deploy: { replicas: 4 }, environment: { CACHE: "cache:6379" } }\n'],
    );
    expect(edges(m, 'api')).toEqual(['db:hard', 'cache:hard']);
    expect(m.components.get('api')!.placements[0]).toMatchObject({ domain: 'p.host', replicas: 4, at: { file: 'compose.prod.yaml', line: 2 } });
  });

  it('reads # faultline-ignore comments on a service or directly above it, in every file given', () => {
    const text = SHOP.replace(
      '  db: { image: "postgres:16" }',
      '  # faultline-ignore single-point-of-failure a managed database in production\n  db: { image: "postgres:16" }',
    ).replace('    build: ./web\n', '    build: ./web  # faultline-ignore hidden-spof the web tier is stateless\n');
    const prod = 'services:\n  db:  # faultline-ignore shared-fate-redundancy one host here\n    image: postgres:16\n';
    const m = modelOf(['compose.yaml', text], ['compose.prod.yaml', prod]);
    expect(m.components.get('db')!.suppressions?.map((s) => `${s.rule} ${s.at.file}:${s.at.line}`)).toEqual([
      'single-point-of-failure compose.yaml:29',
      'shared-fate-redundancy compose.prod.yaml:2',
    ]);
    expect(m.components.get('web')!.suppressions?.map((s) => s.reason)).toEqual(['the web tier is stateless']);
    expect(m.components.get('api')!.suppressions).toBeUndefined();
  });

  it('recognises compose documents by content, not by every services key', () => {
    // A Helm values file with a services map of settings is no compose file, found in a directory.
    const r = loadManifests([{ path: 'chart/values.yaml', text: 'services:\n  enabled: true\n', found: true }]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([expect.stringContaining('chart/values.yaml:1:1: warning: skipped: no apiVersion')]);
    // A manifest that forgot apiVersion stays a manifest error.
    expect(loadFiles(['m.yaml', 'components:\n  a: { kind: service }\nservices: {}\n']).diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining('missing apiVersion')]);
  });
});

describe('importCompose', () => {
  it('writes a manifest that loads into the same model', () => {
    const r = importCompose([{ path: 'compose.yaml', text: SHOP }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.fromCompose).toBe(7);
    expect(r.text).toContain('name: shop\n');
    expect(r.text).toContain('      - { target: db, phase: startup }\n');
    const again = modelOf(['faultline.yaml', r.text!]);
    const original = modelOf(['compose.yaml', SHOP]);
    for (const id of original.components.keys()) expect(edges(again, id), id).toEqual(edges(original, id));
  });

  it('refuses files without a compose service', () => {
    const r = importCompose([{ path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' }]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining('no docker compose service in the files given')]);
  });
});
