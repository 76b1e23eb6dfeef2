import { ruleTester } from '../lint/rule-tester.test-support.js';
import { unguardedCrossRegion } from './unguarded-cross-region.js';

const manifest = (edge: string) => `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  failover-ctl: { kind: service, in: use1-az1 }
  app-west: { kind: service, in: usw2-az1, dependsOn: [${edge}] }
`;

ruleTester(unguardedCrossRegion, {
  valid: [
    { name: 'is silent when the edge is guarded (the near miss)', code: manifest('{ target: failover-ctl, circuitBreaker: true, fallback: true }') },
    { name: 'is silent when the edge is soft', code: manifest('{ target: failover-ctl, mode: soft }') },
    { name: 'is silent when the edge is not a call', code: manifest('{ target: failover-ctl, via: auth }') },
    { name: 'is silent on a start-up-only edge: the running caller does not need it', code: manifest('{ target: failover-ctl, phase: startup }') },
    { name: 'is silent on an async edge', code: manifest('{ target: failover-ctl, mode: async }') },
  ],
  invalid: [
    {
      name: 'reports a hard call into a region where the callee alone runs, with no breaker or fallback',
      code: manifest('failover-ctl'),
      findings: [
        {
          severity: 'warn',
          target: 'app-west',
          related: ['failover-ctl'],
          message: 'app-west in us-west-2 calls failover-ctl, which runs only in us-east-1, with a hard edge and no circuit breaker or fallback',
          at: { line: 10, col: 56 },
        },
      ],
    },
    { name: 'reports a phase: runtime edge like a plain one', code: manifest('{ target: failover-ctl, phase: runtime }'), findings: [{ target: 'app-west' }] },
  ],
});
