import { describe, expect, it } from 'vitest';
import type { Model } from '../model.js';
import { formatDiagnostic } from '../diagnostics.js';
import { loadFiles, modelOf, problemsOf } from '../test-support.js';
import { loadManifests } from '../load/loader.js';
import { joinPath } from './placeholders.js';

/** Edges of a component as `target:mode`. */
function edges(m: Model, id: string): string[] {
  return m.components.get(id)!.dependsOn.map((d) => (d.type === 'edge' ? `${d.target}:${d.mode}` : `anyOf[${d.anyOf.join(',')}]:${d.mode}`));
}

const ARTISTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: artist-lookup
  description: Looks artists up
spec:
  type: service
  lifecycle: experimental
  owner: team-a
  system: artist-engagement-portal
  dependsOn: ['resource:artists-db']
  consumesApis: [search-api, orphan-api]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: artists-db, description: Stores artist details }
spec: { type: database, owner: team-a, system: artist-engagement-portal }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: artist-engagement-portal }
spec: { owner: team-a, domain: Artists }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: artists }
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: search, namespace: Discovery }
spec:
  type: service
  owner: group:discovery/team-b
  providesApis: [default/search-api]
  dependsOn: [resource:index, Component:default/shared-lib]
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: index, namespace: discovery }
spec: { type: elasticsearch, dependencyOf: [component:default/artist-lookup] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: shared-lib }
spec: { type: library, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: search-api }
spec: { type: openapi, lifecycle: production, owner: team-b, definition: x }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: orphan-api }
spec: { type: openapi, lifecycle: production, owner: team-b, definition: x }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: jane }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: root }
spec: { targets: [./a.yaml] }
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: new-service }
spec: { type: service, steps: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Workflow
metadata: { name: custom-kinds-are-ignored }
`;

describe('a Backstage catalog as input', () => {
  const m = modelOf(['catalog-info.yaml', ARTISTS]);

  it('makes Components and Resources components, with ids from namespace and name; other kinds are read without complaint', () => {
    expect([...m.components.keys()]).toEqual(['artist-lookup', 'artists-db', 'discovery.search', 'discovery.index']);
    expect(m.name).toBe('catalog-info');
    expect(m.files).toEqual(['catalog-info.yaml']);
  });

  it('maps spec.type to kind, owner and description to fields, System and Domain to tags', () => {
    const c = m.components.get('artist-lookup')!;
    expect(c).toMatchObject({ kind: 'service', owner: 'team-a', description: 'Looks artists up', isDomain: false, critical: true });
    expect([...c.tags]).toEqual([
      ['system', 'artist-engagement-portal'],
      ['domain', 'artists'],
      ['lifecycle', 'experimental'],
      ['backstage', 'component:default/artist-lookup'],
    ]);
    expect(m.components.get('artists-db')!.kind).toBe('database');
    expect(m.components.get('discovery.index')!.kind).toBe('elasticsearch');
    expect(m.components.get('discovery.search')!.owner).toBe('group:discovery/team-b');
  });

  it('turns dependsOn, consumesApis (→ the providers) and dependencyOf into hard edges; a library and an API without provider add none', () => {
    expect(edges(m, 'artist-lookup')).toEqual(['artists-db:hard', 'discovery.search:hard', 'discovery.index:hard']);
    expect(edges(m, 'discovery.search')).toEqual(['discovery.index:hard']);
  });

  it('keeps every position in the catalog file: the component at metadata.name, each edge at its ref', () => {
    const c = m.components.get('artist-lookup')!;
    expect(c.at).toMatchObject({ file: 'catalog-info.yaml', line: 4, col: 9 });
    expect(c.dependsOn.map((d) => `${d.at.line}:${d.at.col}`)).toEqual(['11:15', '12:18', '41:45']);
  });

  it('resolves a ref without kind when exactly one Component or Resource has the name, and asks for the kind otherwise', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: website, dependsOn: [api-db, thing] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: api-db }
spec: { type: database }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: thing }
spec: { type: database }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: thing }
spec: { type: service }
`;
    expect(problemsOf(['c.yaml', text])).toEqual([
      'c.yaml:4:44: error: "thing" in web.spec.dependsOn is ambiguous: component:default/thing and resource:default/thing both exist (write the kind, e.g. component:thing)',
      'c.yaml:18:19: error: "thing" is defined twice (component:default/thing and resource:default/thing) (also at c.yaml:13:19) (rename one of the entities)',
    ]);
  });

  it('reports a ref to a missing entity at its line and column, with a "did you mean"', () => {
    const text = ARTISTS.replace("dependsOn: ['resource:artists-db']", "dependsOn: ['resource:artist-db', 'system:artist-engagement-portal']");
    expect(problemsOf(['catalog-info.yaml', text])).toEqual([
      'catalog-info.yaml:11:15: error: unknown entity "resource:artist-db" in artist-lookup.spec.dependsOn (did you mean "resource:artists-db"?)',
      'catalog-info.yaml:11:37: error: artist-lookup.spec.dependsOn names system:default/artist-engagement-portal, a system (only Components, Resources and APIs can be depended on; an API stands for its providers)',
    ]);
    expect(problemsOf(['c.yaml', ARTISTS.replace('consumesApis: [search-api, orphan-api]', 'consumesApis: [serch-api]')])).toEqual([
      'c.yaml:12:18: error: unknown entity "serch-api" in artist-lookup.spec.consumesApis (did you mean "search-api"?)',
    ]);
  });

  it('lets a ref name a component of a faultline manifest loaded alongside (infrastructure described there)', () => {
    const manifest = 'apiVersion: faultline/v1\ncomponents:\n  artists-db: { kind: database }\n';
    const catalog = ARTISTS.replace(/---\napiVersion: backstage.io\/v1alpha1\nkind: Resource\nmetadata: \{ name: artists-db.*\n.*\n/, '');
    const m2 = modelOf(['catalog-info.yaml', catalog], ['infra.yaml', manifest]);
    expect(edges(m2, 'artist-lookup')[0]).toBe('artists-db:hard');
    expect(m2.components.get('artists-db')!.at.file).toBe('infra.yaml');
  });

  it('reports an entity whose id a manifest also defines, naming both places', () => {
    const manifest = 'apiVersion: faultline/v1\ncomponents:\n  artists-db: { kind: database }\n';
    expect(problemsOf(['catalog-info.yaml', ARTISTS], ['infra.yaml', manifest])).toEqual([
      'catalog-info.yaml:16:19: error: "artists-db" is defined twice (resource:default/artists-db and a faultline manifest) (also at infra.yaml:3:3) (remove "kind" from the manifest entry to add fields to the entity instead)',
    ]);
  });

  it('reads faultline-ignore comments on an entity name for lint', () => {
    const text = ARTISTS.replace('  name: artist-lookup\n', '  name: artist-lookup  # faultline-ignore single-point-of-failure accepted for the demo\n');
    expect(modelOf(['c.yaml', text]).components.get('artist-lookup')!.suppressions).toEqual([
      { rule: 'single-point-of-failure', reason: 'accepted for the demo', at: { file: 'c.yaml', line: 4, col: 24, endLine: 4, endCol: 88 } },
    ]);
  });
});

describe('malformed catalog documents', () => {
  it('an entity Backstage itself rejects is skipped with one warning; only faultline.dev/ annotations are errors', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Componnet
metadata: { name: a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: "Bad Name" }
spec: { type: service }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: no-spec }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: b }
spec: { type: service, dependsOn: [{ target: a }] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: c
  annotations: { faultline.dev/critical: true }
spec: { type: database }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: d }
spec: { owner: me }
---
apiVersion: backstage.io/v1
kind: Component
metadata: { name: e }
spec: { type: service, dependsOn: ['component:'] }
`;
    const r = loadFiles(['bad.yaml', text]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'bad.yaml:23:42: error: metadata.annotations.faultline.dev/critical: expected a string, found boolean true (quote the value)',
    ]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'bad.yaml:2:7: warning: skipped a: Backstage kind "Componnet" is not one faultline models (did you mean "Component"?)',
      'bad.yaml:7:19: warning: skipped Component "Bad Name": metadata.name: "Bad Name" is not a Backstage name (letters and digits, separated by "-", "_" or ".") (Backstage rejects this entity too; fix it to have it analysed)',
      'bad.yaml:12:19: warning: skipped Component "no-spec": missing required field "spec" (a Component needs at least "spec: { type: … }")',
      'bad.yaml:17:36: warning: skipped spec.dependsOn[0]: a map where Backstage expects an entity ref (refs are [kind:][namespace/]name, e.g. resource:orders-db)',
      'bad.yaml:29:7: warning: skipped Component "d": missing required field "type" in spec (Backstage rejects this entity too; fix it to have it analysed)',
      'bad.yaml:34:36: warning: skipped "component:" is not an entity ref in e.spec.dependsOn (refs are [kind:][namespace/]name, e.g. resource:orders-db)',
    ]);
  });

  it('takes the first of a list where one value is expected, and one ref where a list is expected, with a warning each', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec:
  type: [website, spa]
  owner: team-a
  system: [shop, legacy]
  dependsOn: resource:db
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: db }
spec: { type: database, system: shop }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-a, domain: [commerce, retail] }
`;
    const r = loadFiles(['variance.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'variance.yaml:5:9: warning: spec.type is a list where Backstage expects one value: took the first, "website", skipped "spa" (write one type)',
      'variance.yaml:7:11: warning: spec.system is a list where Backstage expects one value: took the first, "shop", skipped "legacy" (write one system)',
      'variance.yaml:8:14: warning: spec.dependsOn is one ref where Backstage expects a list: read as [resource:db] (write "dependsOn: [resource:db]")',
      'variance.yaml:18:32: warning: spec.domain is a list where Backstage expects one value: took the first, "commerce", skipped "retail" (write one domain)',
    ]);
    const web = r.model!.components.get('web')!;
    expect(web.kind).toBe('website');
    expect(Object.fromEntries(web.tags)).toMatchObject({ system: 'shop', domain: 'commerce' });
    expect(edges(r.model!, 'web')).toEqual(['db:hard']);
  });

  it('says nothing more about refs to a skipped entity: one root cause, one warning', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: website, dependsOn: ['component:legacy scheduler', resource:old-cache, component:model, old-cache] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: legacy scheduler }
spec: { type: service }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: old-cache }
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: AiResource
metadata: { name: model }
`;
    const r = loadFiles(['skip.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings.map((w) => `${w.at.line}: ${w.message}`)).toEqual([
      '8: skipped Component "legacy scheduler": metadata.name: "legacy scheduler" is not a Backstage name (letters and digits, separated by "-", "_" or ".")',
      '14: skipped Resource "old-cache": missing required field "type" in spec',
      '17: skipped model: Backstage kind "AiResource" is not one faultline models',
    ]);
    expect(edges(r.model!, 'web')).toEqual([]);
  });

  it('keeps the first of a Location, a Group or a User defined twice, with a warning; a User in two namespaces is two Users', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: root }
spec: { targets: [./a.yaml] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: Root }
spec: { targets: [./b.yaml] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: guest }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: guest, namespace: contractors }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: web }
spec: { type: website, owner: user:guest }
`;
    const r = loadFiles(['twice.yaml', text]);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'twice.yaml:8:19: warning: skipped a second location:default/Root: the entity is defined twice; the first is read (also at twice.yaml:3:19) (Backstage compares kinds, namespaces and names case-insensitively; remove one)',
    ]);
    expect([...r.model!.components.keys()]).toEqual(['web']);
  });

  it('subcomponentOf: the parent needs its part (a hard edge from the parent)', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: archive }
spec: { type: service }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ingestion }
spec: { type: service, subcomponentOf: archive }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: indexer, namespace: search }
spec: { type: service, subcomponentOf: component:default/archive }
`;
    const m = modelOf(['sub.yaml', text]);
    expect(edges(m, 'archive')).toEqual(['ingestion:hard', 'search.indexer:hard']);
    expect(edges(m, 'ingestion')).toEqual([]);
    expect(m.components.get('archive')!.dependsOn[0]!.at).toMatchObject({ line: 9, col: 40 });
  });

  it('an API nobody provides: a warning naming the consumer and the API, no edge', () => {
    const r = loadFiles(['catalog-info.yaml', ARTISTS]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'catalog-info.yaml:12:30: warning: artist-lookup consumes api:default/orphan-api, which no Component in the files given provides: no edge (add the provider\'s "providesApis: [api:orphan-api]", or model the outside service in a faultline manifest)',
      'catalog-info.yaml:79:7: warning: skipped custom-kinds-are-ignored: Backstage kind "Workflow" is not one faultline models (custom kinds are left out; model what it stands for with a faultline manifest if it can fail)',
    ]);
  });

  it("a kind Backstage does not define (a plugin's, a typo) is skipped with one warning, and the rest is read", () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Componnet
metadata: { name: a }
---
apiVersion: backstage.io/v1alpha1
kind: AiResource
metadata: { name: gpt-4o }
spec: { type: model }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: b }
spec: { type: service }
`;
    const r = loadFiles(['kinds.yaml', text]);
    expect([...r.model!.components.keys()]).toEqual(['b']);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'kinds.yaml:2:7: warning: skipped a: Backstage kind "Componnet" is not one faultline models (did you mean "Component"?)',
      'kinds.yaml:6:7: warning: skipped gpt-4o: Backstage kind "AiResource" is not one faultline models (did you mean "Resource"?)',
    ]);
  });

  it('keep the YAML errors and the unsupported apiVersion message', () => {
    expect(problemsOf(['y.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: a\n'])[0]).toMatch(/^y\.yaml:\d+:\d+: error: flow map/);
    expect(problemsOf(['z.yaml', 'apiVersion: example.com/v1\nkind: Component\n'])).toEqual([
      'z.yaml:1:13: error: unsupported apiVersion "example.com/v1" (faultline reads "faultline/v1" manifests and Backstage catalogs ("backstage.io/v1alpha1"))',
    ]);
  });
});

describe('files pulled in by $text, $json, $yaml or $ref', () => {
  const api = `apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: artist-api }
spec:
  type: openapi
  owner: team-a
  definition:
    $text: ./artist-api.oas.yaml
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: events }
spec: { type: asyncapi, owner: team-a, definition: { $yaml: "../common/events.yaml#/channels" } }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: remote }
spec: { type: openapi, owner: team-a, definition: { $text: "https://example.com/remote.yaml" } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: artists }
spec: { type: service, providesApis: [artist-api, events, remote] }
`;
  // An OpenAPI document has "components:", which alone would make it a manifest missing its apiVersion.
  const openapi = 'openapi: "3.0.0"\ninfo: { title: Artists, version: 1.0.0 }\npaths: {}\ncomponents:\n  schemas: {}\n';
  const asyncapi = 'asyncapi: 2.6.0\ninfo: { title: Events, version: 1.0.0 }\nchannels: {}\n';

  it('are never read as entities or manifests, whatever the order the walk finds them in', () => {
    const r = loadManifests([
      { path: 'catalog/apis/artist-api.oas.yaml', text: openapi, found: true },
      { path: 'catalog/apis/artist-api.yaml', text: api, found: true },
      { path: 'catalog/common/events.yaml', text: asyncapi, found: true },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect([...r.model!.components.keys()]).toEqual(['artists']);
  });

  it('are left out even when named, and a file nobody pulls in is still judged', () => {
    const r = loadManifests([
      { path: 'apis/artist-api.yaml', text: api },
      { path: 'apis/artist-api.oas.yaml', text: openapi },
      { path: 'apis/other.oas.yaml', text: openapi, found: true },
    ]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual(['apis/other.oas.yaml:1:1: error: missing apiVersion (add "apiVersion: faultline/v1" at the top)']);
  });

  it('resolve against the entity file, folding . and ..', () => {
    expect(joinPath('a/b', './c.yaml')).toBe('a/b/c.yaml');
    expect(joinPath('a/b', '../c.yaml')).toBe('a/c.yaml');
    expect(joinPath('', '../c.yaml')).toBe('../c.yaml');
    expect(joinPath('/x/y', '../../../c.yaml')).toBe('/c.yaml');
    expect(joinPath('a', '/abs/c.yaml')).toBe('/abs/c.yaml');
  });
});

describe('spec.type → kind', () => {
  const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: grafana }
spec: { type: monitoring-tool }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: dynatrace }
spec: { type: APM }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: portal }
spec: { type: Portal UI }
`;

  it('maps the types that say monitoring to the monitoring kind', () => {
    const m = modelOf(['c.yaml', text]);
    expect([...m.components.values()].map((c) => `${c.id}:${c.kind}`)).toEqual(['grafana:monitoring', 'dynatrace:monitoring', 'portal:portal-ui']);
  });

  it("reads the user's rows (faultline.config.yaml backstage.types) before the built-in table", () => {
    const r = loadManifests([{ path: 'c.yaml', text }], {
      backstageTypes: new Map([
        ['portal-ui', 'website'],
        ['apm', 'service'],
      ]),
    });
    expect([...r.model!.components.values()].map((c) => `${c.id}:${c.kind}`)).toEqual(['grafana:monitoring', 'dynatrace:service', 'portal:website']);
  });
});
