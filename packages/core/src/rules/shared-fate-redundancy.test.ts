import { ruleTester } from '../lint/rule-tester.test-support.js';
import { sharedFateRedundancy } from './shared-fate-redundancy.js';

const zones = (placement: string) => `
  aws: { kind: provider }
  region: { kind: region, in: aws }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  web: { kind: service, in: ${placement}, minHealthy: 3 }
`;

ruleTester(sharedFateRedundancy, {
  valid: [{ name: 'is silent for replicas spread so that any one zone leaves enough (the near miss)', code: zones('{ az1: 3, az2: 3 }') }],
  invalid: [
    {
      name: 'reports anyOf members that one failure takes down together',
      code: `
  peering: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering] }
  dc-b: { kind: datacenter, dependsOn: [peering] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`,
      findings: [
        {
          severity: 'warn',
          target: 'notify',
          related: ['peering', 'app-a', 'app-b', 'app-c'],
          subject: ['app-a', 'app-b', 'app-c', 'notify'],
          message: "notify's anyOf [app-a, app-b, app-c] (needs 2) loses app-a and app-b when peering fails: the redundancy shares one fate",
          at: { line: 11, col: 40 },
        },
      ],
    },
    {
      name: 'reports replicas that one zone takes down below minHealthy (DEV341: 5 of 6 in one zone)',
      code: zones('{ az1: 5, az2: 1 }'),
      findings: [
        {
          target: 'web',
          related: ['az1', 'az2'],
          message: "web's replicas (6 over az1 and az2, needs 3) lose 5 in az1 when az1 fails: the redundancy shares one fate",
          details: ['web runs in az1 → az1 failed'],
        },
      ],
    },
  ],
});
