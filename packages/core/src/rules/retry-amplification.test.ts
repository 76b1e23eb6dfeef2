import { ruleTester } from '../lint/rule-tester.test-support.js';
import { retryAmplification } from './retry-amplification.js';

const chain = (last: number) => `
  cdn: { kind: cdn, dependsOn: [web] }
  web: { kind: service, dependsOn: [{ target: checkout, retries: 1 }] }
  checkout: { kind: service, dependsOn: [{ target: payments, retries: 2 }] }
  payments: { kind: service, dependsOn: [{ target: gateway, retries: ${last} }] }
  gateway: { kind: external }
`;

const cycle = `
  a: { kind: service, dependsOn: [{ target: b, retries: 4, mode: soft }] }
  b: { kind: service, dependsOn: [{ target: a, retries: 4, mode: soft }] }
`;

ruleTester(retryAmplification, {
  valid: [
    { name: 'is silent under the threshold (the near miss: one retry fewer at the bottom)', code: chain(0) },
    { name: 'is silent at the threshold', code: chain(2), options: { threshold: 18 } },
    { name: 'terminates on a cycle of calls', code: cycle },
    {
      name: 'is silent at once when no call retries, whatever the threshold',
      code: `
  a: { kind: service, dependsOn: [b, { anyOf: [c, d], need: 1 }] }
  b: { kind: service, dependsOn: [{ target: c, retries: 0 }] }
  c: { kind: service, dependsOn: [{ target: d, retries: 9, via: config }] }
  d: { kind: external }
`,
      options: { threshold: 1 },
    },
    { name: 'is silent when all the retrying calls together stay within the threshold (2 × 3 × 1)', code: chain(0), options: { threshold: 6 } },
    {
      name: 'is silent when the retrying calls together exceed the threshold but no single path does',
      code: `
  a: { kind: service, dependsOn: [{ target: b, retries: 1 }] }
  b: { kind: external }
  c: { kind: service, dependsOn: [{ target: d, retries: 1 }] }
  d: { kind: external }
`,
      options: { threshold: 3 },
    },
    {
      name: 'ignores async edges: retries of a consumer reading a queue are not multiplied into a request path',
      code: chain(2).replace('{ target: checkout, retries: 1 }', '{ target: checkout, retries: 1, mode: async }'),
    },
    {
      name: 'ignores phase: startup edges, which no request goes through',
      code: chain(2).replace('{ target: payments, retries: 2 }', '{ target: payments, retries: 2, phase: startup }'),
    },
  ],
  invalid: [
    {
      name: 'reports the call path whose retries multiply beyond the threshold, from the first retrying caller',
      code: chain(2),
      findings: [
        {
          severity: 'warn',
          target: 'web',
          related: ['checkout', 'payments', 'gateway'],
          subject: ['checkout', 'gateway', 'payments', 'web'],
          message: 'web → checkout → payments → gateway multiplies one request into up to 18 attempts (2 × 3 × 3; threshold 10)',
          at: { line: 5, col: 47 },
        },
      ],
    },
    {
      name: 'reports a path as soon as the retrying calls together may exceed the threshold',
      code: chain(0),
      options: { threshold: 5 },
      findings: [{ target: 'web', message: 'web → checkout → payments multiplies one request into up to 6 attempts (2 × 3; threshold 5)' }],
    },
    {
      name: 'terminates on a cycle of calls, cutting it where the search meets it',
      code: cycle,
      options: { threshold: 4 },
      findings: [{ target: 'a', message: 'a → b multiplies one request into up to 5 attempts (5; threshold 4)' }],
    },
    {
      name: 'below an async hop, the synchronous path of the consumer still counts on its own',
      code: chain(4).replace('{ target: checkout, retries: 1 }', '{ target: checkout, retries: 1, mode: async }'),
      findings: [{ target: 'checkout', message: 'checkout → payments → gateway multiplies one request into up to 15 attempts (3 × 5; threshold 10)' }],
    },
    {
      name: 'still counts a fallback edge: the retries happen before the caller falls back',
      code: chain(2).replace('{ target: payments, retries: 2 }', '{ target: payments, retries: 2, fallback: true }'),
      findings: [{ target: 'web' }],
    },
  ],
});
