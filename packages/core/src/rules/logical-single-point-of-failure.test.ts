import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../lint/config.js';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const RULE = 'logical-single-point-of-failure';

const lintWith = (body: string, rules: [string, Record<string, unknown>][] = []) =>
  lint(model(body), rules.length ? { config: { ...DEFAULT_CONFIG, rules: new Map(rules.map(([id, options]) => [id, { options }])) } } : {}).findings;

const found = (body: string, options?: Record<string, unknown>) => lintWith(body, options ? [[RULE, options]] : []).filter((f) => f.rule === RULE);

/** Roblox 2021, replicated: one Consul cluster of three nodes in three zones under every service. */
const consul = `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  az3: { kind: zone, in: region }
  consul: { kind: discovery, in: [az1, az2, az3], minHealthy: 2 }
  api: { kind: service, critical: true, in: [az1, az2], dependsOn: [consul] }
  games: { kind: service, critical: true, in: [az1, az2], dependsOn: [consul] }
  chat: { kind: service, critical: true, in: [az1, az2], dependsOn: [consul] }
  avatars: { kind: service, critical: true, in: [az1, az2], dependsOn: [consul] }
  tool: { kind: service, dependsOn: [consul] }
`;

describe('logical-single-point-of-failure', () => {
  it('reports a replicated component whose whole failure takes critical components down, acknowledging the replicas (Roblox: one Consul cluster)', () => {
    const [f, ...rest] = found(consul);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'consul',
      related: ['api', 'games', 'chat', 'avatars'],
      message: 'consul runs 3 replicas, but one logical failure of it takes down api and 3 more critical components',
      at: { line: 8, col: 3 },
      details: ['api needs consul → consul failed', 'critical components down: api, games, chat and avatars'],
    });
  });

  it('names one or two victims outright', () => {
    const two = consul.replace(/ {2}chat: .*\n {2}avatars: .*\n/, '');
    expect(found(two)[0]!.message).toBe('consul runs 3 replicas, but one logical failure of it takes down api and games');
    expect(found(two)[0]!.details).toEqual(['api needs consul → consul failed']);
  });

  it('is the home of logical failures: single-point-of-failure stays silent on the same component, and reports only physical ones', () => {
    const findings = lintWith(consul);
    expect(findings.filter((f) => f.target === 'consul').map((f) => f.rule)).toEqual([RULE]);
    // Physical single points (one replica) are the sibling's, never this rule's.
    const single = lintWith(consul.replace('in: [az1, az2, az3], minHealthy: 2', 'in: az1'));
    expect(single.filter((f) => f.target === 'consul').map((f) => f.rule)).toEqual(['single-point-of-failure']);
  });

  it('never reports the same component twice with the default config of both rules', () => {
    const body = `${consul}  db: { kind: database, in: [az1, az2] }\n  pay: { kind: service, critical: true, dependsOn: [db] }\n  refunds: { kind: service, dependsOn: [db] }\n  solo: { kind: cache }\n  cart: { kind: service, critical: true, dependsOn: [solo] }\n`;
    const findings = lintWith(body).filter((f) => f.rule === RULE || f.rule === 'single-point-of-failure');
    const targets = findings.map((f) => f.target);
    expect(new Set(targets).size).toBe(targets.length);
    expect(findings.map((f) => `${f.rule} ${f.target}`).sort()).toEqual([`${RULE} consul`, `${RULE} db`, 'single-point-of-failure solo']);
  });

  it('is silenced by a fallback on every critical edge (the engine does not propagate through it), like its sibling', () => {
    const fallback = consul.replaceAll('critical: true, in: [az1, az2], dependsOn: [consul]', 'critical: true, in: [az1, az2], dependsOn: [{ target: consul, fallback: true }]');
    expect(found(fallback)).toEqual([]);
    const single = fallback.replace('in: [az1, az2, az3], minHealthy: 2', 'in: az1');
    expect(lintWith(single).filter((f) => f.target === 'consul')).toEqual([]);
  });

  it('is silenced by an anyOf with an independent member (a second cluster), like its sibling', () => {
    const cells = consul
      .replace('  api:', '  consul-b: { kind: discovery, in: [az1, az2, az3], minHealthy: 2 }\n  api:')
      .replaceAll('dependsOn: [consul] }', 'dependsOn: [{ anyOf: [consul, consul-b] }] }');
    expect(lintWith(cells).filter((f) => f.rule === RULE || f.rule === 'single-point-of-failure')).toEqual([]);
    const single = cells.replace('consul: { kind: discovery, in: [az1, az2, az3], minHealthy: 2 }', 'consul: { kind: discovery, in: az1 }');
    expect(lintWith(single).filter((f) => f.target === 'consul')).toEqual([]);
  });

  it('never reports a journey, a domain or a component with one replica as the failing component', () => {
    // minDependents: 1, so that each component below, used by one component, is judged on the exclusions alone.
    expect(found(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  checkout: { kind: service, in: [az1, az2] }
  purchase: { kind: journey, dependsOn: [checkout] }
  report: { kind: journey, critical: true, dependsOn: [purchase] }
`, { minDependents: 1 }).map((f) => f.target)).toEqual(['checkout']);
    expect(found(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  one: { kind: service, in: az1 }
  site: { kind: service, critical: true, in: [az1, az2], dependsOn: [one] }
`, { minDependents: 1 })).toEqual([]);
  });

  it('counts replicas across placements, and in one zone too (S3 2017: the index subsystem)', () => {
    const [f] = found(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  index: { kind: database, in: { az1: 12 }, minHealthy: 8 }
  s3: { kind: service, critical: true, dependsOn: [index] }
  placement: { kind: service, dependsOn: [index] }
`);
    expect(f!.message).toBe('index runs 12 replicas, but one logical failure of it takes down s3');
  });

  it('does not count a replicated critical component failing on its own', () => {
    expect(found(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  lonely: { kind: service, critical: true, in: [az1, az2] }
`, { minDependents: 1 })).toEqual([]);
  });

  it('reports only shared components by default: minDependents (2) counts the components that use it directly', () => {
    const tier = `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  payments: { kind: service, in: [az1, az2] }
  checkout: { kind: service, critical: true, dependsOn: [payments] }
`;
    // A replicated tier that only its one caller uses is the ordinary shape of a service: silent by default...
    expect(found(tier)).toEqual([]);
    // ...and reported with minDependents: 1, the rule's wider reading.
    expect(found(tier, { minDependents: 1 }).map((f) => f.target)).toEqual(['payments']);
    // A second direct user (a group member counts as its owner) makes it shared: reported by default.
    const shared = `${tier}  refunds: { kind: service, dependsOn: [{ anyOf: [payments, ledger] }] }\n  ledger: { kind: database }\n`;
    expect(found(shared).map((f) => `${f.target} ${f.related.join(',')}`)).toEqual(['payments checkout']);
    // One component using it twice (an edge and an anyOf member) counts once.
    const twice = `${tier.replace('dependsOn: [payments] }', 'dependsOn: [payments, { anyOf: [payments, ledger] }] }')}  ledger: { kind: database }\n`;
    expect(found(twice)).toEqual([]);
    expect(found(twice, { minDependents: 1 }).map((f) => f.target)).toEqual(['payments']);
    expect(found(tier, { minDependents: 3 })).toEqual([]);
    expect(found(shared, { minDependents: 3 })).toEqual([]);
  });

  it('leaves out the kinds in ignoreKinds', () => {
    expect(found(consul, { ignoreKinds: ['discovery'] })).toEqual([]);
  });

  it('notes the redundancy the logical failure defeats on its way', () => {
    const [f] = found(`
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  config: { kind: config, in: [az1, az2] }
  a: { kind: service, dependsOn: [config] }
  b: { kind: service, dependsOn: [config] }
  c: { kind: service }
  site: { kind: service, critical: true, dependsOn: [{ anyOf: [a, b, c], need: 2 }] }
`);
    expect(f).toMatchObject({ target: 'config', related: ['site'], message: 'config runs 2 replicas, but one logical failure of it takes down site' });
    expect(f!.details).toContain("on the way it defeats site's anyOf [a, b, c]");
  });
});
