import { describe, expect, it } from 'vitest';
import { modelOf, problemsOf } from '../test-support.js';

function entity(name: string, spec: string, annotations = ''): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${annotations ? `  annotations:\n${annotations.replace(/^/gm, '    ')}\n` : ''}spec: { type: service${spec ? `, ${spec}` : ''} }
`;
}

const ZONES = 'apiVersion: faultline/v1\ncomponents:\n  az1: { kind: zone }\n  az2: { kind: zone }\n  az3: { kind: zone }\n';
const CATALOG = [
  entity('web', 'dependsOn: [component:api, component:recs, component:cache-a, component:cache-b]', 'faultline.dev/critical: "true"\nfaultline.dev/in: "{ az1: 2, az2: 1 }"'),
  entity('api', ''),
  entity('recs', ''),
  entity('cache-a', ''),
  entity('cache-b', ''),
].join('---\n');

describe('faultline.dev annotations', () => {
  it('are parsed as YAML flow and validated with the manifest schema; positions point inside the value', () => {
    const m = modelOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES]);
    const web = m.components.get('web')!;
    expect(web.critical).toBe(true);
    expect(m.components.get('api')!.critical).toBe(false);
    expect(web.placements.map((p) => [p.domain, p.replicas, `${p.at.file}:${p.at.line}:${p.at.col}`])).toEqual([
      ['az1', 2, 'catalog.yaml:7:26'],
      ['az2', 1, 'catalog.yaml:7:34'],
    ]);
  });

  it('give every manifest field: kind overrides the mapped kind; depends-on adds groups and soft edges; aliases, monitors, tags', () => {
    const text = entity(
      'login',
      'dependsOn: [component:db-a, component:db-b]',
      [
        'faultline.dev/kind: auth',
        'faultline.dev/plane: control',
        'faultline.dev/scope: regional',
        'faultline.dev/weight: "3"',
        'faultline.dev/availability: "0.9995"',
        'faultline.dev/min-healthy: "1"',
        'faultline.dev/aliases: "[login-svc, auth.example.com]"',
        'faultline.dev/tags: "{ tier: 1 }"',
        'faultline.dev/monitors: "[db-a]"',
        'faultline.dev/depends-on: "[{ anyOf: [db-a, db-b] }, { target: flags, mode: soft }]"',
      ].join('\n'),
    );
    const m = modelOf(['c.yaml', [text, entity('db-a', ''), entity('db-b', ''), entity('flags', '')].join('---\n')]);
    const login = m.components.get('login')!;
    expect(login).toMatchObject({
      kind: 'auth',
      plane: 'control',
      scope: 'regional',
      weight: 3,
      availability: 0.9995,
      aliases: ['login-svc', 'auth.example.com'],
      monitors: ['db-a'],
    });
    expect(login.tags.get('tier')).toBe('1');
    expect(login.dependsOn.map((d) => (d.type === 'group' ? `anyOf[${d.anyOf.join(',')}]` : `${d.target}:${d.mode}`))).toEqual(['anyOf[db-a,db-b]', 'flags:soft']);
  });

  it('report bad values at their place inside the annotation, unknown names with a "did you mean"', () => {
    const text = entity(
      'web',
      '',
      [
        'faultline.dev/critical: "yes"',
        'faultline.dev/min-healty: "2"',
        'faultline.dev/in: "{ az1: 2, az9: x }"',
        'faultline.dev/depends-on: "[{ target: db, mode: sfot }]"',
        'faultline.dev/scope: "{ unclosed"',
      ].join('\n'),
    );
    expect(problemsOf(['c.yaml', text])).toEqual([
      'c.yaml:6:30: error: faultline.dev/critical: expected true or false, found "yes"',
      'c.yaml:7:5: error: unknown annotation "faultline.dev/min-healty" (did you mean "faultline.dev/min-healthy"?)',
      'c.yaml:8:39: error: faultline.dev/in.az9: expected a number, found "x"',
      'c.yaml:9:53: error: faultline.dev/depends-on[0].mode: expected one of "hard", "soft", "async", found "sfot" (did you mean "soft"?)',
      expect.stringMatching(/^c\.yaml:10:\d+: error: faultline\.dev\/scope: .* \(the value is YAML flow, e\.g\. "\{ use1-az1: 2 \}" or "\[a, b\]"\)$/),
    ]);
  });

  it('never let a "__proto__" name vanish', () => {
    const text = entity('web', '', 'faultline.dev/tags: "{ ok: 1, __proto__: { polluted: true } }"');
    expect(problemsOf(['c.yaml', text])).toEqual(['c.yaml:6:35: error: "__proto__" is not allowed as a name in faultline.dev/tags (rename it)']);
  });

  it('only apply to modelled entities', () => {
    const api = 'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: x\n  annotations:\n    faultline.dev/critical: "true"\nspec: { type: openapi }\n';
    const lib = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ui\n  annotations: { faultline.dev/weight: "2" }\nspec: { type: library }\n';
    expect(problemsOf(['a.yaml', api], ['b.yaml', lib])).toEqual([
      'a.yaml:6:5: error: faultline.dev/critical on api:default/x, which is not modelled (faultline reads these annotations on Components and Resources)',
      'b.yaml:5:18: error: faultline.dev/weight on component:default/ui, which is not modelled (a library is build-time; add "faultline.dev/kind" to model it)',
    ]);
  });
});

describe('an overlay manifest', () => {
  const overlay = `apiVersion: faultline/v1
components:
  api: { in: [az1, az2], weight: 5 }
  web:
    dependsOn:
      - { target: recs, mode: soft, timeoutMs: 300 }
      - { anyOf: [cache-a, cache-b] }
      - az3
`;

  it('adds fields to the entity with its id, refines edges the catalog declares and turns the edges to group members into the group', () => {
    const m = modelOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES], ['overlay.yaml', overlay]);
    const web = m.components.get('web')!;
    expect(
      web.dependsOn.map((d) =>
        d.type === 'group' ? `anyOf[${d.anyOf.join(',')}]:${d.at.file}` : `${d.target}:${d.mode}${d.timeoutMs ? `:${d.timeoutMs}ms` : ''}:${d.at.file}:${d.at.line}`,
      ),
    ).toEqual(['api:hard:catalog.yaml:8', 'recs:soft:300ms:catalog.yaml:8', 'anyOf[cache-a,cache-b]:overlay.yaml', 'az3:hard:overlay.yaml:8']);
    expect(m.components.get('api')).toMatchObject({ weight: 5, kind: 'service' });
    expect(m.components.get('api')!.placements.map((p) => `${p.domain}@${p.at.file}:${p.at.line}`)).toEqual(['az1@overlay.yaml:3', 'az2@overlay.yaml:3']);
    expect(m.components.get('api')!.at.file).toBe('catalog.yaml');
  });

  it('conflicts with an annotation or the catalog when both set one field differently, naming both places', () => {
    const clash = `apiVersion: faultline/v1
components:
  web:
    critical: false
    in: az1
    tags: { backstage: other }
    dependsOn:
      - { target: api, mode: soft }
  api:
    dependsOn: [{ target: web, timeoutMs: 100 }]
`;
    const annotated = CATALOG.replace('spec: { type: service }', 'spec: { type: service, dependsOn: [web] }\n').replace(
      'name: api\n',
      'name: api\n  annotations:\n    faultline.dev/depends-on: "[{ target: web, timeoutMs: 50 }]"\n',
    );
    expect(problemsOf(['catalog.yaml', annotated], ['zones.yaml', ZONES], ['overlay.yaml', clash])).toEqual([
      'overlay.yaml:4:5: error: web: critical is false in the overlay (overlay.yaml) but true in annotation faultline.dev/critical (also at catalog.yaml:6:5) (say it in one place, or make both say the same)',
      'overlay.yaml:5:5: error: web: in is "az1" in the overlay (overlay.yaml) but {"az1":2,"az2":1} in annotation faultline.dev/in (also at catalog.yaml:7:5) (say it in one place, or make both say the same)',
      'overlay.yaml:6:13: error: web: tags.backstage is "other" in the overlay (overlay.yaml) but "component:default/web" in the catalog (component:default/web) (also at catalog.yaml:4:9) (say it in one place, or make both say the same)',
      'overlay.yaml:10:32: error: api: dependsOn web.timeoutMs is 100 in the overlay (overlay.yaml) but 50 in annotation faultline.dev/depends-on (also at catalog.yaml:15:48) (say it in one place, or make both say the same)',
    ]);
  });

  it('without kind and without a matching entity is the usual missing-kind error, with a hint', () => {
    const stray = 'apiVersion: faultline/v1\ncomponents:\n  wbe: { critical: true }\n';
    expect(problemsOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES], ['overlay.yaml', stray])).toEqual([
      'overlay.yaml:3:8: error: wbe has no "kind" and no catalog entity has this id (did you mean "web"?)',
    ]);
    expect(problemsOf(['m.yaml', stray])).toEqual([expect.stringMatching(/^m\.yaml:3:8: error: missing required field "kind" in wbe/)]);
  });

  it('gives one entity at most one overlay entry, and checks overlay fields like manifest fields', () => {
    const twice = 'apiVersion: faultline/v1\ncomponents:\n  api: { weight: 2 }\n';
    const bad = 'apiVersion: faultline/v1\ncomponents:\n  api: { wieght: 2 }\n';
    expect(problemsOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES], ['a.yaml', twice], ['b.yaml', twice])).toEqual([
      'b.yaml:3:3: error: "api" has two overlay entries (also at a.yaml:3:3) (merge them into one)',
    ]);
    expect(problemsOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES], ['b.yaml', bad])).toEqual(['b.yaml:3:10: error: unknown field "wieght" in api (did you mean "weight"?)']);
  });
});
