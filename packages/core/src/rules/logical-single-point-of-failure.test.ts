import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { ruleTester } from '../lint/rule-tester.test-support.js';
import { model } from '../test-support.js';
import { logicalSinglePointOfFailure } from './logical-single-point-of-failure.js';

const RULE = 'logical-single-point-of-failure';

/** Every finding of every rule, at the default config. */
const lintAll = (body: string) => lint(model(body)).findings;

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

/** Consul with a fallback on every critical edge. */
const fallback = consul.replaceAll('critical: true, in: [az1, az2], dependsOn: [consul]', 'critical: true, in: [az1, az2], dependsOn: [{ target: consul, fallback: true }]');

/** Consul with a second cluster beside it in an anyOf. */
const cells = consul
  .replace('  api:', '  consul-b: { kind: discovery, in: [az1, az2, az3], minHealthy: 2 }\n  api:')
  .replaceAll('dependsOn: [consul] }', 'dependsOn: [{ anyOf: [consul, consul-b] }] }');

// minDependents (2) counts the components that use a component directly.
const tier = `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  payments: { kind: service, in: [az1, az2] }
  checkout: { kind: service, critical: true, dependsOn: [payments] }
`;
// A second direct user (a group member counts as its owner) makes it shared.
const shared = `${tier}  refunds: { kind: service, dependsOn: [{ anyOf: [payments, ledger] }] }\n  ledger: { kind: database }\n`;
// One component using it twice (an edge and an anyOf member) counts once.
const twice = `${tier.replace('dependsOn: [payments] }', 'dependsOn: [payments, { anyOf: [payments, ledger] }] }')}  ledger: { kind: database }\n`;

ruleTester(logicalSinglePointOfFailure, {
  valid: [
    { name: 'is silenced by a fallback on every critical edge (the engine does not propagate through it)', code: fallback },
    { name: 'is silenced by an anyOf with an independent member (a second cluster)', code: cells },
    {
      // minDependents: 1, so that the component below, used by one component, is judged on the exclusions alone.
      name: 'never reports a component with one replica as the failing component',
      code: `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  one: { kind: service, in: az1 }
  site: { kind: service, critical: true, in: [az1, az2], dependsOn: [one] }
`,
      options: { minDependents: 1 },
    },
    {
      name: 'does not count a replicated critical component failing on its own',
      code: `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  lonely: { kind: service, critical: true, in: [az1, az2] }
`,
      options: { minDependents: 1 },
    },
    { name: 'reports only shared components by default: a replicated tier that only its one caller uses is the ordinary shape of a service', code: tier },
    { name: 'counts one component using it twice (an edge and an anyOf member) once', code: twice },
    { name: 'is silent on a tier below minDependents: 3', code: tier, options: { minDependents: 3 } },
    { name: 'is silent on a shared tier below minDependents: 3', code: shared, options: { minDependents: 3 } },
    { name: 'leaves out the kinds in ignoreKinds', code: consul, options: { ignoreKinds: ['discovery'] } },
  ],
  invalid: [
    {
      name: 'reports a replicated component whose whole failure takes critical components down, acknowledging the replicas (Roblox: one Consul cluster)',
      code: consul,
      findings: [
        {
          severity: 'warn',
          target: 'consul',
          related: ['api', 'games', 'chat', 'avatars'],
          message: 'consul runs 3 replicas, but one logical failure of it takes down api and 3 more critical components',
          at: { line: 8, col: 3 },
          details: ['api needs consul → consul failed', 'critical components down: api, games, chat and avatars'],
        },
      ],
    },
    {
      name: 'names one or two victims outright',
      code: consul.replace(/ {2}chat: .*\n {2}avatars: .*\n/, ''),
      findings: [{ target: 'consul', message: 'consul runs 3 replicas, but one logical failure of it takes down api and games', details: ['api needs consul → consul failed'] }],
    },
    {
      // minDependents: 1, so that each component below, used by one component, is judged on the exclusions alone.
      name: 'never reports a journey or a domain as the failing component',
      code: `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  checkout: { kind: service, in: [az1, az2] }
  purchase: { kind: journey, dependsOn: [checkout] }
  report: { kind: journey, critical: true, dependsOn: [purchase] }
`,
      options: { minDependents: 1 },
      findings: [{ target: 'checkout' }],
    },
    {
      name: 'counts replicas across placements, and in one zone too (S3 2017: the index subsystem)',
      code: `
  region: { kind: region }
  az1: { kind: zone, in: region }
  index: { kind: database, in: { az1: 12 }, minHealthy: 8 }
  s3: { kind: service, critical: true, dependsOn: [index] }
  placement: { kind: service, dependsOn: [index] }
`,
      findings: [{ target: 'index', message: 'index runs 12 replicas, but one logical failure of it takes down s3' }],
    },
    { name: "reports a tier that one caller uses with minDependents: 1, the rule's wider reading", code: tier, options: { minDependents: 1 }, findings: [{ target: 'payments' }] },
    { name: 'reports a tier with a second direct user (a group member counts as its owner) by default', code: shared, findings: [{ target: 'payments', related: ['checkout'] }] },
    { name: 'reports a tier one component uses twice with minDependents: 1', code: twice, options: { minDependents: 1 }, findings: [{ target: 'payments' }] },
    {
      name: 'notes the redundancy the logical failure defeats on its way',
      code: `
  region: { kind: region }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  config: { kind: config, in: [az1, az2] }
  a: { kind: service, dependsOn: [config] }
  b: { kind: service, dependsOn: [config] }
  c: { kind: service }
  site: { kind: service, critical: true, dependsOn: [{ anyOf: [a, b, c], need: 2 }] }
`,
      findings: [
        {
          target: 'config',
          related: ['site'],
          message: 'config runs 2 replicas, but one logical failure of it takes down site',
          details: expect.arrayContaining(["on the way it defeats site's anyOf [a, b, c]"]),
        },
      ],
    },
  ],
});

describe('logical-single-point-of-failure beside single-point-of-failure', () => {
  it('is the home of logical failures: single-point-of-failure stays silent on the same component, and reports only physical ones', () => {
    expect(
      lintAll(consul)
        .filter((f) => f.target === 'consul')
        .map((f) => f.rule),
    ).toEqual([RULE]);
    // Physical single points (one replica) are the sibling's, never this rule's.
    const single = lintAll(consul.replace('in: [az1, az2, az3], minHealthy: 2', 'in: az1'));
    expect(single.filter((f) => f.target === 'consul').map((f) => f.rule)).toEqual(['single-point-of-failure']);
  });

  it('never reports the same component twice with the default config of both rules', () => {
    const body = `${consul}  db: { kind: database, in: [az1, az2] }\n  pay: { kind: service, critical: true, dependsOn: [db] }\n  refunds: { kind: service, dependsOn: [db] }\n  solo: { kind: cache }\n  cart: { kind: service, critical: true, dependsOn: [solo] }\n`;
    const findings = lintAll(body).filter((f) => f.rule === RULE || f.rule === 'single-point-of-failure');
    const targets = findings.map((f) => f.target);
    expect(new Set(targets).size).toBe(targets.length);
    expect(findings.map((f) => `${f.rule} ${f.target}`).sort()).toEqual([`${RULE} consul`, `${RULE} db`, 'single-point-of-failure solo']);
  });

  it('like its sibling, is silenced by a fallback on every critical edge: with one replica no rule reports the component', () => {
    const single = fallback.replace('in: [az1, az2, az3], minHealthy: 2', 'in: az1');
    expect(lintAll(single).filter((f) => f.target === 'consul')).toEqual([]);
  });

  it('like its sibling, is silenced by an anyOf with an independent member (a second cluster)', () => {
    expect(lintAll(cells).filter((f) => f.rule === RULE || f.rule === 'single-point-of-failure')).toEqual([]);
    const single = cells.replace('consul: { kind: discovery, in: [az1, az2, az3], minHealthy: 2 }', 'consul: { kind: discovery, in: az1 }');
    expect(lintAll(single).filter((f) => f.target === 'consul')).toEqual([]);
  });
});
