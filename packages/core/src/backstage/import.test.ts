import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import type { Component, Model } from '../model.js';
import { importBackstage } from './import.js';

const files = import.meta.glob<string>('../../../../fixtures/backstage/*.yaml', { query: '?raw', import: 'default', eager: true });
const sources = Object.entries(files)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([key, text]) => ({ path: key.replace(/^(\.\.\/)+/, ''), text }));

/** Everything the analyses read from a component, positions aside. */
function essence(c: Component): unknown {
  return {
    kind: c.kind,
    isDomain: c.isDomain,
    placements: c.placements.map((p) => [p.domain, p.replicas]),
    minHealthy: c.minHealthy,
    scope: c.scope,
    plane: c.plane,
    critical: c.critical,
    weight: c.weight,
    availability: c.availability,
    dependsOn: c.dependsOn.map(({ at: _at, ...d }) => ('memberAt' in d ? { ...d, memberAt: undefined } : d)),
    monitors: c.monitors,
    owner: c.owner,
    tags: [...c.tags],
    description: c.description,
    aliases: c.aliases,
  };
}

function essences(m: Model): Map<string, unknown> {
  return new Map([...m.components.values()].map((c) => [c.id, essence(c)]));
}

describe('faultline import backstage', () => {
  const result = importBackstage(sources);

  it('writes one manifest that loads into the same model as the catalog and its overlay', () => {
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    const original = loadManifests(sources).model!;
    const imported = loadManifests([{ path: 'faultline.yaml', text: result.text! }]);
    expect(imported.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(essences(imported.model!)).toEqual(essences(original));
    expect(imported.model!.name).toBe('northwind-market');
    // 15 Components (the library is not modelled) and 14 Resources; the overlay places every one.
    expect(result).toMatchObject({ components: original.components.size, fromCatalog: 29, unplaced: [] });
  });

  it('cites the source entity of each component and marks missing placements with a TODO', () => {
    const text = result.text!;
    expect(text).toMatch(/^# Written by "faultline import backstage" from fixtures\/backstage\/catalog-info\.yaml, /);
    expect(text).toContain('  # component:payments/ledger (fixtures/backstage/payments.yaml:46)\n  payments.ledger:\n');
    expect(text).toContain('  # component:default/web-frontend (fixtures/backstage/storefront.yaml:6)\n  web-frontend:\n');
    for (const id of result.unplaced) expect(text).toContain(`TODO: in: [<zone or region ids>] (where ${id} runs;`);
    expect(text).not.toContain('shared-ui-kit');
  });

  it('marks every component without placement, when the catalog comes without overlay', () => {
    const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, description: "Places orders: cards, vouchers" }
spec: { type: service, owner: team-checkout, system: shop, dependsOn: [resource:orders-db] }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: orders-db, namespace: Data }
spec: { type: postgres, dependencyOf: [component:default/checkout] }
`;
    const r = importBackstage([{ path: 'catalog-info.yaml', text: catalog }]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringContaining('unknown entity "resource:orders-db"')]);
    const fixed = importBackstage([{ path: 'catalog-info.yaml', text: catalog.replace('resource:orders-db', 'resource:data/orders-db') }]);
    expect(fixed.unplaced).toEqual(['checkout', 'data.orders-db']);
    expect(fixed.text).toBe(`# Written by "faultline import backstage" from catalog-info.yaml.
# Each component cites the catalog entity it came from (also kept in tags.backstage).
# Backstage does not say where things run: 2 components still need "in:" (see the TODOs).

apiVersion: faultline/v1
name: catalog-info
components:
  # component:default/checkout (catalog-info.yaml:3)
  # TODO: in: [<zone or region ids>] (where checkout runs; placements let faultline see shared fate)
  checkout:
    kind: service
    owner: team-checkout
    description: "Places orders: cards, vouchers"
    tags: { system: shop, backstage: component:default/checkout }
    dependsOn:
      - data.orders-db

  # resource:data/orders-db (catalog-info.yaml:8)
  # TODO: in: [<zone or region ids>] (where data.orders-db runs; placements let faultline see shared fate)
  data.orders-db:
    kind: database
    tags: { backstage: resource:data/orders-db }
`);
  });

  it('refuses input without any Backstage component', () => {
    const r = importBackstage([{ path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' }]);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'm.yaml:1:1: error: no Backstage Component or Resource in the files given (pass catalog files (apiVersion: backstage.io/v1alpha1), e.g. catalog-info.yaml)',
    ]);
    expect(r.text).toBeUndefined();
  });
});
