import { describe, expect, it } from 'vitest';
import { modelOf, problemsOf } from '../test-support.js';
import { CATALOG, entity, ZONES } from './catalog-sample.test-support.js';

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
