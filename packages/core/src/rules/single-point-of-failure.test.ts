import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { ruleTester } from '../lint/rule-tester.test-support.js';
import { model } from '../test-support.js';
import { singlePointOfFailure } from './single-point-of-failure.js';

const tiers = `
  aws: { kind: provider }
  region: { kind: region, in: aws }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  web: { kind: service, in: [az1, az2] }
  site: { kind: service, critical: true, dependsOn: [web] }
`;

const consul = `
  consul: { kind: discovery }
  api: { kind: service, critical: true, dependsOn: [consul] }
  games: { kind: service, critical: true, dependsOn: [consul] }
`;

ruleTester(singlePointOfFailure, {
  valid: [
    {
      name: 'is silent when each member has its own peering point (the near miss)',
      code: `
  peering-a: { kind: network }
  peering-b: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering-a] }
  dc-b: { kind: datacenter, dependsOn: [peering-b] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, critical: true, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`,
    },
    { name: 'leaves out providers, regions and whole replicated components by default', code: tiers },
    {
      name: 'is silenced by a fallback on the edge: the engine does not propagate through it',
      code: consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ target: consul, fallback: true }]'),
    },
    {
      name: 'is silenced by an anyOf with an independent member',
      code: `${consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ anyOf: [consul, consul-b] }]')}  consul-b: { kind: discovery }\n`,
    },
    {
      name: 'is silent on a phase: startup dependency, which a running system does not need',
      code: consul.replaceAll('dependsOn: [consul]', 'dependsOn: [{ target: consul, phase: startup }]'),
    },
    { name: 'does not count a critical component failing on its own', code: `\n  lonely: { kind: service, critical: true }\n` },
  ],
  invalid: [
    {
      name: 'reports the failing component, with its critical victims and the chain (Roblox: one Consul)',
      code: `
  consul: { kind: discovery }
  svc-a: { kind: service, critical: true, dependsOn: [consul] }
  svc-b: { kind: service, critical: true, dependsOn: [consul] }
  tool: { kind: service, dependsOn: [consul] }
`,
      findings: [
        {
          severity: 'error',
          target: 'consul',
          related: ['svc-a', 'svc-b'],
          message: 'consul is a single point of failure: its failure takes down 2 critical components (svc-a and svc-b)',
          at: { line: 4, col: 3 },
          details: ['svc-a needs consul → consul failed'],
        },
      ],
    },
    {
      name: 'marks it hidden when it defeats redundancy on the way (PagerDuty: a shared peering point)',
      code: `
  peering: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering] }
  dc-b: { kind: datacenter, dependsOn: [peering] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, critical: true, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`,
      findings: [
        {
          target: 'peering',
          related: ['notify'],
          message: "peering is a hidden single point of failure: it defeats notify's anyOf [app-a, app-b, app-c] and takes down 1 critical component (notify)",
        },
      ],
    },
    { name: 'reports whole replicated components with includeReplicated', code: tiers, options: { includeReplicated: true }, findings: [{ target: 'web' }] },
    { name: 'reports providers and regions when no kind is ignored', code: tiers, options: { ignoreKinds: [] }, findings: [{ target: 'aws' }, { target: 'region' }] },
    {
      name: 'counts only the victims without a fallback on their edge',
      code: consul.replace('dependsOn: [consul]', 'dependsOn: [{ target: consul, fallback: true }]'),
      findings: [{ target: 'consul', related: ['games'] }],
    },
    {
      name: 'never reports a journey as the failing component, only as a victim',
      code: `
  cart: { kind: service }
  purchase: { kind: journey, dependsOn: [cart] }
  report: { kind: journey, dependsOn: [purchase] }
`,
      findings: [{ target: 'cart', related: ['purchase', 'report'] }],
    },
  ],
});

describe('single-point-of-failure beside logical-single-point-of-failure', () => {
  it('leaves whole replicated components to logical-single-point-of-failure: with default options no component is reported by both', () => {
    // A web tier that two components use directly: shared, so the logical rule reports it (minDependents: 2).
    const shared = `${tiers}  admin: { kind: service, dependsOn: [web] }\n`;
    const all = lint(model(shared), { config: { rules: new Map(), spofWithoutPlacements: 'rule' } }).findings.filter(
      (f) => f.rule === 'single-point-of-failure' || f.rule === 'logical-single-point-of-failure',
    );
    expect(all.map((f) => `${f.rule} ${f.target}`)).toEqual(['logical-single-point-of-failure web']);
  });
});
