import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../lint/config.js';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string, options?: Record<string, unknown>) =>
  lint(model(body), options ? { config: { ...DEFAULT_CONFIG, rules: new Map([['single-point-of-failure', { options }]]) } } : {}).findings.filter(
    (f) => f.rule === 'single-point-of-failure',
  );

describe('single-point-of-failure', () => {
  it('reports the failing component, with its critical victims and the chain (Roblox: one Consul)', () => {
    const [f, ...rest] = found(`
  consul: { kind: discovery }
  svc-a: { kind: service, critical: true, dependsOn: [consul] }
  svc-b: { kind: service, critical: true, dependsOn: [consul] }
  tool: { kind: service, dependsOn: [consul] }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      target: 'consul',
      related: ['svc-a', 'svc-b'],
      message: 'consul is a single point of failure: its failure takes down 2 critical components (svc-a and svc-b)',
      at: { line: 4, col: 3 },
      details: ['svc-a needs consul → consul failed'],
    });
  });

  it('marks it hidden when it defeats redundancy on the way (PagerDuty: a shared peering point)', () => {
    const [f, ...rest] = found(`
  peering: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering] }
  dc-b: { kind: datacenter, dependsOn: [peering] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, critical: true, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      target: 'peering',
      related: ['notify'],
      message: "peering is a hidden single point of failure: it defeats notify's anyOf [app-a, app-b, app-c] and takes down 1 critical component (notify)",
    });
  });

  it('is silent when each member has its own peering point (the near miss)', () => {
    expect(found(`
  peering-a: { kind: network }
  peering-b: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering-a] }
  dc-b: { kind: datacenter, dependsOn: [peering-b] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, critical: true, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`)).toEqual([]);
  });

  const tiers = `
  aws: { kind: provider }
  region: { kind: region, in: aws }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  web: { kind: service, in: [az1, az2] }
  site: { kind: service, critical: true, dependsOn: [web] }
`;
  it('leaves out providers, regions and whole replicated components unless told otherwise', () => {
    expect(found(tiers)).toEqual([]);
    expect(found(tiers, { includeReplicated: true }).map((f) => f.target)).toEqual(['web']);
    expect(found(tiers, { ignoreKinds: [] }).map((f) => f.target)).toEqual(['aws', 'region']);
  });

  it('leaves whole replicated components to logical-single-point-of-failure: with default options no component is reported by both', () => {
    // A web tier that two components use directly: shared, so the logical rule reports it (minDependents: 2).
    const shared = `${tiers}  admin: { kind: service, dependsOn: [web] }\n`;
    const all = lint(model(shared)).findings.filter((f) => f.rule === 'single-point-of-failure' || f.rule === 'logical-single-point-of-failure');
    expect(all.map((f) => `${f.rule} ${f.target}`)).toEqual(['logical-single-point-of-failure web']);
  });

  const consul = `
  consul: { kind: discovery }
  api: { kind: service, critical: true, dependsOn: [consul] }
  games: { kind: service, critical: true, dependsOn: [consul] }
`;
  it('is silenced by a fallback on the edge: the engine does not propagate through it', () => {
    expect(found(consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ target: consul, fallback: true }]'))).toEqual([]);
    expect(found(consul.replace('dependsOn: [consul]', 'dependsOn: [{ target: consul, fallback: true }]')).map((f) => f.related)).toEqual([['games']]);
  });

  it('is silenced by an anyOf with an independent member', () => {
    expect(found(`${consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ anyOf: [consul, consul-b] }]')}  consul-b: { kind: discovery }
`)).toEqual([]);
  });

  it('is silent on a phase: startup dependency, which a running system does not need', () => {
    expect(found(consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ target: consul, phase: startup }]'))).toEqual([]);
  });

  it('never reports a journey as the failing component, only as a victim', () => {
    const findings = found(`
  cart: { kind: service }
  purchase: { kind: journey, dependsOn: [cart] }
  report: { kind: journey, dependsOn: [purchase] }
`);
    expect(findings.map((f) => [f.target, f.related])).toEqual([['cart', ['purchase', 'report']]]);
  });

  it('does not count a critical component failing on its own', () => {
    expect(found(`\n  lonely: { kind: service, critical: true }\n`)).toEqual([]);
  });
});
