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
      name: 'reports each crossing call of components that share a zone or a set of regions, with the regions of each pair',
      code: `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  eu-west-1: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  euw1-az1: { kind: zone, in: eu-west-1 }
  ctl: { kind: service, in: use1-az1 }
  both: { kind: service, in: { use1-az1: 1, euw1-az1: 1 } }
  a: { kind: service, in: usw2-az1, dependsOn: [ctl, both] }
  b: { kind: service, in: usw2-az1, dependsOn: [ctl, both] }
  c: { kind: service, in: { usw2-az1: 1, use1-az1: 1 }, dependsOn: [ctl, both] }
  d: { kind: service, in: { usw2-az1: 1, euw1-az1: 1 }, dependsOn: [both] }
`,
      findings: [
        { target: 'a', related: ['ctl'], message: 'a in us-west-2 calls ctl, which runs only in us-east-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'a', related: ['both'], message: 'a in us-west-2 calls both, which runs only in us-east-1 and eu-west-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'b', related: ['ctl'], message: 'b in us-west-2 calls ctl, which runs only in us-east-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'b', related: ['both'], message: 'b in us-west-2 calls both, which runs only in us-east-1 and eu-west-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'c', related: ['ctl'], message: 'c in us-west-2 calls ctl, which runs only in us-east-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'c', related: ['both'], message: 'c in us-west-2 calls both, which runs only in us-east-1 and eu-west-1, with a hard edge and no circuit breaker or fallback' },
        { target: 'd', related: ['both'], message: 'd in us-west-2 calls both, which runs only in us-east-1 and eu-west-1, with a hard edge and no circuit breaker or fallback' },
      ],
    },
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
