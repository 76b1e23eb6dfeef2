/**
 * Kubernetes objects through the built CLI: fixtures/kubernetes (Online
 * Boutique's shape: Deployments, Services, a redis StatefulSet, a PDB, a
 * zoned Namespace, a load generator in another namespace) simulated and
 * linted as they are, findings on the Kubernetes lines (text and SARIF),
 * `faultline import kubernetes` writing a manifest that loads the same, and
 * odd objects skipped with warnings, never exit 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

/** The text of a fixture line. */
const lineOf = (file: string, line: number): string => readFileSync(join(ROOT, file), 'utf8').split('\n')[line - 1]!;

describe('faultline simulate on Kubernetes objects', () => {
  it('fails the redis-cart StatefulSet and takes down, through Services, what needs it, with chains', () => {
    const r = faultline(['simulate', 'fixtures/kubernetes', '--fail', 'redis-cart']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('If redis-cart fails: 5 down (4 critical), 0 degraded — impact 4');
    expect(r.stdout).toContain('cartservice  fixtures/kubernetes/cartservice.yaml:6:9\n      cartservice needs redis-cart → redis-cart failed (fault)');
    expect(r.stdout).toContain('checkoutservice needs cartservice → cartservice needs redis-cart → redis-cart failed (fault)');
    expect(r.stdout).toContain('frontend needs cartservice → cartservice needs redis-cart → redis-cart failed (fault)');
    // The load generator reaches the frontend by its cluster DNS name from another namespace (an envFrom ConfigMap).
    expect(r.stdout).toContain('loadtest.loadgenerator needs frontend → frontend needs cartservice');
    expect(r.stdout).not.toMatch(/productcatalogservice|paymentservice/);
    expect(r.stderr).toMatch(/^fixtures\/kubernetes\/adservice\.yaml:6:9: warning: no zone is known for 6 workloads/);
  });

  it('keeps the frontend up when one zone fails (spread over three, minAvailable 2), and names a workload by its kind/name tag', () => {
    const zone = JSON.parse(faultline(['simulate', 'fixtures/kubernetes', '--fail', 'europe-west1-b', '--format', 'json']).stdout) as { nodes: { id: string; status: string }[] };
    expect(zone.nodes.find((n) => n.id === 'frontend')?.status).not.toBe('down');
    const tagged = JSON.parse(faultline(['simulate', 'fixtures/kubernetes', '--fail', 'tag.kubernetes=statefulset/redis-cart', '--format', 'json']).stdout) as {
      faults: { hits: string[] }[];
    };
    expect(tagged.faults[0]!.hits).toEqual(['redis-cart']);
  });

  it('names workloads as kubectl users do: kind/name, short names, kind/namespace/name, the Service in front', () => {
    const r = faultline(['simulate', 'fixtures/kubernetes', '--fail', 'statefulset/redis-cart']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['If statefulset/redis-cart fails: 5 down (4 critical), 0 degraded — impact 4', '  statefulset/redis-cart hits redis-cart']);
    for (const [ref, id] of [
      ['sts/redis-cart', 'redis-cart'],
      ['deploy/loadgenerator', 'loadtest.loadgenerator'],
      ['deployment/loadtest/loadgenerator', 'loadtest.loadgenerator'],
      ['svc/cartservice', 'cartservice'],
    ]) {
      const out = JSON.parse(faultline(['simulate', 'fixtures/kubernetes', '--fail', ref!, '--format', 'json']).stdout) as { faults: { hits: string[] }[] };
      expect(out.faults[0]!.hits, ref).toEqual([id]);
    }
    const unknown = faultline(['simulate', 'fixtures/kubernetes', '--fail', 'statefulset/redis-crat']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('faultline: error: unknown component "statefulset/redis-crat" (did you mean "statefulset/redis-cart"?)\n');
    const cut = faultline(['cutsets', 'fixtures/kubernetes', '--target', 'deploy/frontend', '--format', 'json']);
    expect(cut.code).toBe(0);
    expect(JSON.parse(cut.stdout).target).toBe('frontend');
  });
});

describe('faultline lint on Kubernetes objects', () => {
  it('exits 1 (never 2) with findings on the Kubernetes lines', () => {
    const r = faultline(['lint', 'fixtures/kubernetes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fixtures/kubernetes/cartservice.yaml\n');
    expect(r.stdout).toContain('79:9  error  redis-cart is a single point of failure: its failure takes down 3 critical components (cartservice, checkoutservice and frontend)');
    expect(lineOf('fixtures/kubernetes/cartservice.yaml', 79)).toBe('  name: redis-cart');
  });

  it('writes SARIF whose locations are Kubernetes files and lines', () => {
    const r = faultline(['lint', 'fixtures/kubernetes', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as SarifResult[];
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      const { artifactLocation, region } = x.locations[0]!.physicalLocation;
      expect(artifactLocation.uri).toMatch(/^fixtures\/kubernetes\/[a-z]+\.yaml$/);
      expect(lineOf(artifactLocation.uri, region.startLine)).toMatch(/^ {2}name: /);
    }
    expect(results.map((x) => `${x.ruleId} ${x.locations[0]!.physicalLocation.artifactLocation.uri}`)).toContain('single-point-of-failure fixtures/kubernetes/cartservice.yaml');
  });

  it('skips what it cannot read with warnings and still exits 0 or 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-k8s-'));
    writeFileSync(
      join(dir, 'app.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web
          env: [{ name: API, value: "api.default.svc.cluster.local:80" }]
---
apiVersion: v1
kind: Service
metadata: { name: lonely }
spec: { selector: { app: nobody } }
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: web }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
`,
    );
    const r = faultline(['lint', '.'], { cwd: dir });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      expect.stringMatching(/^app\.yaml:3:19: warning: Deployment web has no spec\.selector/),
      expect.stringMatching(/^app\.yaml:3:19: warning: no zone is known for 1 workload \(web\)/),
      expect.stringMatching(/^app\.yaml:12:37: warning: API names the Service api in namespace default, which is in none of these files/),
      expect.stringMatching(/^app\.yaml:16:19: warning: Service lonely selects no workload/),
      expect.stringMatching(/^app\.yaml:20:7: warning: skipped: custom resource ServiceMonitor \(monitoring\.coreos\.com\/v1\)/),
    ]);
  });
});

describe('faultline import kubernetes', () => {
  it('writes a manifest that loads, simulates and lints like the Kubernetes files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-k8s-import-'));
    const out = join(dir, 'faultline.yaml');
    const r = faultline(['import', 'kubernetes', 'fixtures/kubernetes', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/faultline: wrote .*faultline\.yaml: 16 components, 12 from Kubernetes workloads; 6 in no known zone \(see the TODO comments\)\n$/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('name: kubernetes\n');
    expect(text).toContain('  # statefulset/redis-cart (fixtures/kubernetes/cartservice.yaml:79)\n  # TODO: in:');
    expect(text).toContain('  frontend:\n    kind: service\n    in: [ europe-west1-b, europe-west1-c, europe-west1-d ]\n    minHealthy: 2\n');
    const simulated = faultline(['simulate', out, '--fail', 'redis-cart']);
    expect(simulated.code).toBe(0);
    expect(simulated.stderr).toBe('');
    expect(simulated.stdout.split('\n')[0]).toBe('If redis-cart fails: 5 down (4 critical), 0 degraded — impact 4');
    const linted = faultline(['lint', out, '--format', 'json']);
    const original = faultline(['lint', 'fixtures/kubernetes', '--format', 'json']);
    const summary = (s: string) => (JSON.parse(s) as { findings: { rule: string; target: string }[] }).findings.map((f) => `${f.rule} ${f.target}`).sort();
    expect(summary(linted.stdout)).toEqual(summary(original.stdout));
  });

  it('refuses files without a workload', () => {
    const r = faultline(['import', 'kubernetes', 'fixtures/backstage/org.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no Kubernetes workload in the files given');
  });
});
