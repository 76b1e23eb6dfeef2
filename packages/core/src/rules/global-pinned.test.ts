import { expect } from 'vitest';
import { ruleTester } from '../lint/rule-tester.test-support.js';
import { globalPinned } from './global-pinned.js';

const regions = `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  use1-az2: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
`;

const body = (edge: string) => `${regions}  keys: { kind: config, in: use1-az1 }\n  iam: { kind: auth, scope: global, in: [use1-az1, usw2-az1], dependsOn: [${edge}] }\n`;

ruleTester(globalPinned, {
  valid: [
    {
      name: 'is silent for a global component that survives either region (the near miss)',
      code: `${regions}  iam: { kind: auth, scope: global, in: [use1-az1, use1-az2, usw2-az1] }\n`,
    },
    { name: 'follows the running system: a start-up-only dependency in one region does not pin a global component', code: body('{ target: keys, phase: startup }') },
    { name: 'follows the running system: a fallback dependency in one region does not pin a global component', code: body('{ target: keys, fallback: true }') },
  ],
  invalid: [
    {
      name: 'reports a scope: global component that one region takes down, with the region and the chain',
      code: `${regions}  iam: { kind: auth, scope: global, in: [use1-az1, use1-az2] }\n`,
      findings: [
        {
          severity: 'error',
          target: 'iam',
          related: ['us-east-1'],
          message: 'iam is declared scope: global but goes down when us-east-1 fails (iam runs in use1-az2 → use1-az2 runs in us-east-1 → us-east-1 failed)',
          at: { line: 10, col: 3 },
        },
      ],
    },
    {
      name: 'finds the pin through a dependency, not only through placements',
      code: `${regions}  dns: { kind: dns, in: use1-az1 }\n  login: { kind: auth, scope: global, in: [use1-az1, usw2-az1], dependsOn: [dns] }\n`,
      findings: [{ target: 'login', related: ['us-east-1'], message: expect.stringContaining('login needs dns → dns runs in use1-az1') }],
    },
    {
      name: 'follows the running system: a hard runtime dependency in one region pins a global component',
      code: body('keys'),
      findings: [{ target: 'iam', related: ['us-east-1'] }],
    },
  ],
});
