/**
 * docker compose files through the built CLI: fixtures/compose/compose.yaml
 * (a web app, an API with two replicas, PostgreSQL, Redis, RabbitMQ with a
 * Celery worker, a migration job and a profiled admin page). Recovery starts
 * the job after the database and the API after the job; a database failure
 * takes down what needs it at runtime; lint lands on compose.yaml lines; the
 * imported manifest loads into the same answers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline } from './support.js';

const FIXTURE = 'fixtures/compose/compose.yaml';

describe('faultline recovery on a compose file', () => {
  it('starts the migration job after its database and the API after the job', () => {
    const r = faultline(['recovery', FIXTURE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Cold start: all 8 components come up in 5 waves');
    expect(r.stdout).toMatch(/wave 1 +\(3\) db, cache, broker\n/);
    expect(r.stdout).toMatch(/wave 2 +\(2\) worker, migrate\n/);
    expect(r.stdout).toMatch(/wave 3 +\(1\) api\n/);
    expect(r.stdout).toMatch(/wave 4 +\(1\) web\n/);
    // The warnings say what compose cannot: no zones, and the profiled service left out.
    expect(r.stderr).toContain(`${FIXTURE}:8:1: warning: compose names no zones: every service of project "bookshop" runs on one synthetic host, bookshop.host`);
    expect(r.stderr).toContain(`${FIXTURE}:81:15: warning: skipped 1 service that only runs with a profile: adminer (debug)`);
  });
});

describe('faultline simulate on a compose file', () => {
  it('takes down what needs the database at runtime, not the finished migration job', () => {
    const r = faultline(['simulate', FIXTURE, '--fail', 'db']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('If db fails: 4 down (4 critical), 0 degraded — impact 4');
    expect(r.stdout).toContain(`api  ${FIXTURE}:17:3\n      api needs db → db failed (fault)`);
    expect(r.stdout).toContain('web needs api → api needs db → db failed (fault)');
    expect(r.stdout).toContain('worker needs db → db failed (fault)');
    // The job ran once at start: it is neither down nor a way for the failure to travel.
    expect(r.stdout).not.toContain('migrate');
  });

  it('leaves the Celery worker degraded, not down, when the broker fails (an async consumer)', () => {
    const r = faultline(['simulate', FIXTURE, '--fail', 'broker', '--format', 'json']);
    expect(r.code).toBe(0);
    const nodes = (JSON.parse(r.stdout) as { nodes: { id: string; status: string }[] }).nodes;
    const status = new Map(nodes.map((n) => [n.id, n.status]));
    expect(status.get('worker')).toBe('degraded');
    expect(status.get('api')).toBe('down');
    // The API reads through to PostgreSQL without Redis (x-faultline: fallback).
    const cache = faultline(['simulate', FIXTURE, '--fail', 'cache', '--format', 'json']);
    expect((JSON.parse(cache.stdout) as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(['cache']);
  });
});

describe('faultline lint on a compose file', () => {
  it('exits 1 with findings on compose.yaml lines, in text and SARIF', () => {
    const r = faultline(['lint', FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('\n  60:3   error  db is a single point of failure: its failure takes down 3 critical components (web, api and worker)  single-point-of-failure\n');
    expect(r.stdout).toContain("\n  35:17  warn   api's replicas (2 over bookshop.host, needs 1) lose 2 in bookshop.host");
    const sarif = faultline(['lint', FIXTURE, '--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const results = JSON.parse(sarif.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    const places = results.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}:${x.locations[0]!.physicalLocation.region.startLine}`);
    expect(places).toContain(`single-point-of-failure ${FIXTURE}:60`);
    expect(places).toContain(`single-point-of-failure ${FIXTURE}:74`);
    expect(new Set(results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set([FIXTURE]));
  });

  it('exits 0 when x-faultline places the services in zones a manifest alongside defines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-zones-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    deploy: { replicas: 2 }\n    x-faultline: { in: [az-a, az-b] }\n');
    writeFileSync(join(dir, 'zones.yaml'), 'apiVersion: faultline/v1\nname: zones\ncomponents:\n  az-a: { kind: zone }\n  az-b: { kind: zone }\n');
    const r = faultline(['lint', '.', '--no-config'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('no problems');
  });

  it('reads broken entries as warnings at their lines, never exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-'));
    writeFileSync(
      join(dir, 'docker-compose.yml'),
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    environment: [API=http://api:80, 42]',
        '    depends_on: { api: { condition: sometimes }, ghost: {} }',
        '    deploy: { replicas: two }',
        '  api:',
        '    image: example/api',
        '  broken: 17',
        '',
      ].join('\n'),
    );
    const r = faultline(['lint', '.', '--no-config'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('7:3  error  api is a single point of failure');
    expect(r.stderr).toContain('docker-compose.yml:4:38: warning: web: skipped an environment entry: not "KEY=value"');
    expect(r.stderr).toContain('docker-compose.yml:5:37: warning: web: unknown depends_on condition "sometimes"; read as service_started');
    expect(r.stderr).toContain('docker-compose.yml:5:50: warning: web: skipped depends_on "ghost": no such service');
    expect(r.stderr).toContain('docker-compose.yml:6:25: warning: web: skipped replicas: not a whole number');
    expect(r.stderr).toContain('docker-compose.yml:9:3: warning: skipped: service "broken" is not a map');
  });
});

describe('a compose file with an overlay and suppression comments', () => {
  const OVERLAY = `apiVersion: faultline/v1
name: bookshop
components:
  eu-west-1: { kind: region }
  az-a: { kind: zone, in: eu-west-1 }
  az-b: { kind: zone, in: eu-west-1 }
  web: { in: [az-a, az-b] }
  api: { in: { az-a: 1, az-b: 1 }, critical: true }
  worker: { in: az-b }
  migrate: { in: az-a }
  db: { in: az-a }
  cache: { in: az-b }
  broker: { in: az-b }
`;

  it('places every service with an overlay: no synthetic host, failures by zone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-overlay-'));
    writeFileSync(join(dir, 'compose.yaml'), readFileSync(FIXTURE, 'utf8'));
    writeFileSync(join(dir, 'overlay.yaml'), OVERLAY);
    const r = faultline(['simulate', '.', '--fail', 'az-a'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('If az-a fails: 6 down (1 critical), 0 degraded — impact 1');
    expect(r.stdout).toContain('api needs db → db runs in az-a → az-a failed (fault)');
    expect(r.stderr).not.toContain('compose names no zones');
    expect(faultline(['simulate', '.', '--fail', 'bookshop.host'], { cwd: dir })).toMatchObject({ code: 2 });
  });

  it('honours a faultline-ignore comment on a service', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-ignore-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      readFileSync(FIXTURE, 'utf8').replace('\n  db:\n', '\n  db:  # faultline-ignore single-point-of-failure managed PostgreSQL in production\n'),
    );
    const r = faultline(['lint', '.', '--no-config', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { findings: { rule: string; target: string; suppressed: boolean; line: number }[] };
    expect(out.findings.find((f) => f.target === 'db' && f.rule === 'single-point-of-failure')).toMatchObject({ suppressed: true, line: 60 });
  });
});

describe('faultline import compose', () => {
  it('writes a manifest that loads into the same answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-compose-import-'));
    const out = join(dir, 'faultline.yaml');
    const r = faultline(['import', 'compose', FIXTURE, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`faultline: wrote ${out}: 8 components, 7 from compose services`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('name: bookshop\n');
    expect(text).toContain(`  # service bookshop/api (${FIXTURE}:17)\n  api:\n`);
    expect(text).toContain('      - { target: migrate, phase: startup }\n');
    expect(text).toContain('      - { target: broker, mode: async }\n');
    expect(faultline(['lint', out, '--format', 'json']).code).toBe(1);
    const original = faultline(['simulate', FIXTURE, '--fail', 'db']).stdout.split('\n')[0];
    expect(faultline(['simulate', out, '--fail', 'db']).stdout.split('\n')[0]).toBe(original);
    expect(faultline(['recovery', out]).stdout).toBe(faultline(['recovery', FIXTURE]).stdout);
  });
});
