import { describe, expect, it } from 'vitest';
import type { Model } from '../model.js';
import { formatDiagnostic } from '../diagnostics.js';
import { loadFiles, modelOf, problemsOf } from '../test-support.js';

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
  it('are errors at file:line:col, all reported in one pass', () => {
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
    expect(problemsOf(['bad.yaml', text])).toEqual([
      'bad.yaml:7:19: error: metadata.name: "Bad Name" is not a Backstage name (letters and digits, separated by "-", "_" or ".")',
      'bad.yaml:12:19: error: missing required field "spec" (a Component needs at least "spec: { type: … }")',
      'bad.yaml:17:36: error: spec.dependsOn[0]: expected a string, found a map',
      'bad.yaml:23:42: error: metadata.annotations.faultline.dev/critical: expected a string, found boolean true (quote the value)',
      'bad.yaml:29:7: error: missing required field "type" in spec',
      'bad.yaml:34:36: error: "component:" is not an entity ref in e.spec.dependsOn (refs are [kind:][namespace/]name, e.g. resource:orders-db)',
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
