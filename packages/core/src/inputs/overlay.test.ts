import { describe, expect, it } from 'vitest';
import { modelOf, problemsOf } from '../test-support.js';
import { CATALOG, ZONES } from '../backstage/catalog-sample.test-support.js';

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
      'overlay.yaml:4:5: error: web: critical is false in the overlay (overlay.yaml) but true in annotation faultline.dev/critical on the catalog (component:default/web) (also at catalog.yaml:6:5) (say it in one place, or make both say the same)',
      'overlay.yaml:5:5: error: web: in is "az1" in the overlay (overlay.yaml) but {"az1":2,"az2":1} in annotation faultline.dev/in on the catalog (component:default/web) (also at catalog.yaml:7:5) (say it in one place, or make both say the same)',
      'overlay.yaml:6:13: error: web: tags.backstage is "other" in the overlay (overlay.yaml) but "component:default/web" in the catalog (component:default/web) (also at catalog.yaml:4:9) (say it in one place, or make both say the same)',
      'overlay.yaml:10:32: error: api: dependsOn web.timeoutMs is 100 in the overlay (overlay.yaml) but 50 in annotation faultline.dev/depends-on on the catalog (component:default/api) (also at catalog.yaml:15:48) (say it in one place, or make both say the same)',
    ]);
  });

  it('without kind and without a matching entity is the usual missing-kind error, with a hint', () => {
    const stray = 'apiVersion: faultline/v1\ncomponents:\n  wbe: { critical: true }\n';
    expect(problemsOf(['catalog.yaml', CATALOG], ['zones.yaml', ZONES], ['overlay.yaml', stray])).toEqual([
      'overlay.yaml:3:8: error: wbe has no "kind", and no Backstage entity has this id (did you mean "web"?)',
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
