/**
 * What `cutSets` and `availability` say about the incident fixtures.
 * Facts come from fixtures/README.md (and, through it, docs/incidents.md).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { availability, cutSets, rankFailures, recoveryOrder, spofs, type CutSets } from '@faultline/core';
import { manifest, specArb } from '../packages/core/src/analyses/random-manifests.test-support.js';
import { propertyRuns } from '../packages/core/src/property-runs.test-support.js';
import { model } from '../packages/core/src/test-support.js';
import { fixture } from './support.js';

const sets = (r: CutSets): string[] => r.sets.map((s) => s.members.join(' + '));

describe('Salesforce: datacenter power, and a failover that was itself broken', () => {
  const m = fixture('fixtures/salesforce.yaml');
  const r = cutSets(m, 'salesforce-app');

  it('the incident is a minimal pair: {dc1-power, dc-failover}, with {dc-1, dc-failover} and {db-cluster, dc-failover}', () => {
    expect(sets(r)).toEqual(expect.arrayContaining(['dc1-power + dc-failover', 'dc-1 + dc-failover', 'db-cluster + dc-failover']));
    const incident = r.sets.find((s) => s.members.join(' + ') === 'dc1-power + dc-failover')!;
    expect(incident.because).toContainEqual({ type: 'group', anyOf: ['db-cluster', 'db-cluster-dc2'], need: 1, lost: ['db-cluster', 'db-cluster-dc2'], mode: 'hard' });
  });

  it('no single failure takes salesforce-app down, apart from its own', () => {
    expect(r.counts[0]).toBe(0);
    expect(r.sets.every((s) => s.members.length === 2)).toBe(true);
    expect(r.truncated).toBe(false);
  });
});

describe('re:Invent DEV341: 5 of 6 web instances in one AZ, the database in the other', () => {
  it('before the fix, each AZ alone takes the site down, so the AZ pair is not a minimal cut set; the only pair is the load balancer’s two placements', () => {
    const r = cutSets(fixture('fixtures/ecommerce-dev341.yaml'), 'ecommerce-site');
    expect(sets(r).filter((s) => !s.includes(' + '))).toEqual(expect.arrayContaining(['az1', 'az2', 'web@az1']));
    expect(sets(r)).not.toContain('az1 + az2');
    expect(sets(r).filter((s) => s.includes(' + '))).toEqual(['lb@az1 + lb@az2']);
  });

  it('after the fix, no AZ alone takes the site down and {az1, az2} is a minimal order-2 cut set', () => {
    const r = cutSets(fixture('fixtures/ecommerce-dev341-fixed.yaml'), 'ecommerce-site');
    const singles = sets(r).filter((s) => !s.includes(' + '));
    expect(singles).not.toContain('az1');
    expect(singles).not.toContain('az2');
    expect(sets(r)).toContain('az1 + az2');
  });

  it('availability agrees with the cut sets: the site is up unless one of its nine single failures (its own included) happens, or both lb placements fail', () => {
    const m = fixture('fixtures/ecommerce-dev341.yaml');
    const trials = 200_000;
    // Defaults: 0.99999 for the four domains, 0.9999 for db, web, web@az1, lb and the site itself, and for each lb placement.
    const exact = 0.99999 ** 4 * 0.9999 ** 5 * (1 - 0.0001 * 0.0001);
    const site = availability(m).components.find((c) => c.id === 'ecommerce-site')!;
    expect(site).toMatchObject({ method: 'enumeration', exact: true });
    expect(site.availability).toBeCloseTo(exact, 14);
    expect(site.contributors.slice(0, 1)).toEqual([{ members: [expect.any(String)], probability: expect.any(Number), share: expect.any(Number) }]);
    const mc = availability(m, { method: 'montecarlo', trials }).components.find((c) => c.id === 'ecommerce-site')!;
    expect(mc.low).toBeLessThanOrEqual(exact);
    expect(mc.high).toBeGreaterThanOrEqual(exact);
  });

  it('the placement holding 5 of 6 instances matters to the site before the fix; after it, a web placement matters only with another failure', () => {
    const before = availability(fixture('fixtures/ecommerce-dev341.yaml'), { importance: 20 });
    const az1 = before.components[0]!.importance.find((i) => i.failure === 'web@az1')!;
    // A single point of failure: it takes part in as much of the downtime as the site's own web tier (18.5 %).
    expect(az1.fussellVesely).toBeGreaterThan(0.15);
    expect(az1.birnbaum).toBeGreaterThan(0.99);
    const after = availability(fixture('fixtures/ecommerce-dev341-fixed.yaml'), { importance: 20 });
    const web = after.components[0]!.importance.filter((i) => i.failure.startsWith('web@'));
    expect(web.length).toBeGreaterThan(0);
    for (const i of web) expect(i.fussellVesely).toBeLessThan(1e-4);
    // And Monte Carlo, as before: 100,000 trials never see a web placement matter after the fix.
    const mc = availability(fixture('fixtures/ecommerce-dev341-fixed.yaml'), { method: 'montecarlo', trials: 100_000, importance: 20 });
    expect(mc.components[0]!.importance.map((i) => i.failure).filter((f) => f.startsWith('web@'))).toEqual([]);
  });
});

describe('PagerDuty 2016: a 2-of-3 quorum over "independent" deployments', () => {
  it('the shared peering point is a single cut set of notifications; separate peering points make it a pair with dc-c', () => {
    expect(sets(cutSets(fixture('fixtures/pagerduty-2016.yaml'), 'notifications'))).toContain('peering-point');
    const fixed = sets(cutSets(fixture('fixtures/pagerduty-2016-fixed.yaml'), 'notifications'));
    expect(fixed.filter((s) => !s.includes(' + '))).toEqual([]);
    expect(fixed).toContain('dc-c + peering-point');
  });
});

describe('Roblox 2021: one Consul under every platform service', () => {
  it('consul, boltdb and consul-streaming are single cut sets of every platform service', () => {
    const m = fixture('fixtures/roblox-2021.yaml');
    for (const svc of ['platform-svc-a', 'platform-svc-d']) expect(sets(cutSets(m, svc))).toEqual(['consul-streaming', 'boltdb', 'consul']);
  });
});

describe('every single failure, ranked, on the incidents', () => {
  it('Roblox: Consul and its internals top the ranking, each taking every platform service and telemetry down', () => {
    const ranking = rankFailures(fixture('fixtures/roblox-2021.yaml'));
    const top = ranking.failures.slice(0, 3);
    expect(top.map((f) => f.fault).sort()).toEqual(['boltdb', 'consul', 'consul-streaming']);
    for (const f of top) expect(f.first.critical).toEqual(['platform-svc-a', 'platform-svc-b', 'platform-svc-c', 'platform-svc-d']);
    expect(ranking.detail(ranking.positionOf('consul')!).down).toContain('telemetry');
  });
  it('PagerDuty: the shared peering point is a hidden SPOF of notifications', () => {
    const ranking = rankFailures(fixture('fixtures/pagerduty-2016.yaml'));
    const peering = ranking.failures[ranking.positionOf('peering-point')!]!;
    expect(peering).toMatchObject({ criticalCount: 1, first: { critical: ['notifications'] }, hidden: true });
    expect(spofs(ranking).map((f) => f.fault)).toContain('peering-point');
  });
});

describe('recovery on random manifests', () => {
  it('starts every component only after its hard start-up dependencies, its groups and its placements allow it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }).chain((n) => fc.array(specArb(n), { minLength: n, maxLength: n })),
        (specs) => {
          const m = model(`${manifest(specs)}\n`);
          const r = recoveryOrder(m);
          const wave = (id: string) => r.waveOf(id) ?? Infinity;
          for (const c of m.components.values()) {
            const w = r.waveOf(c.id);
            if (w === undefined) continue;
            for (const d of c.dependsOn) {
              // Soft, async, fallback and run-time-only dependencies never block a start.
              if (d.mode !== 'hard' || d.fallback || d.phase === 'runtime') continue;
              if (d.type === 'edge') expect(wave(d.target)).toBeLessThan(w);
              else expect(d.anyOf.filter((x) => wave(x) < w).length).toBeGreaterThanOrEqual(d.need);
            }
            const up = c.placements.filter((p) => wave(p.domain) < w).reduce((n, p) => n + p.replicas, 0);
            if (c.placements.length > 0)
              expect(up).toBeGreaterThanOrEqual(
                Math.min(
                  c.minHealthy,
                  c.placements.reduce((n, p) => n + p.replicas, 0),
                ),
              );
          }
          // Never started = deadlocked or blocked, and simulate holds every one of them up with no fault.
          const never = [...m.components.keys()].filter((id) => r.waveOf(id) === undefined).sort();
          expect([...r.heldUpBySimulate].sort()).toEqual(never);
        },
      ),
      propertyRuns(20251123, 200),
    );
  });
});
