import { ruleTester } from '../lint/rule-tester.test-support.js';
import { timeoutInversion } from './timeout-inversion.js';

const manifest = (timeoutMs: number) => `
  storefront: { kind: service, dependsOn: [{ target: checkout, timeoutMs: ${timeoutMs} }] }
  checkout: { kind: service, dependsOn: [{ target: payments, timeoutMs: 2000, retries: 2 }] }
  payments: { kind: service }
`;

/** The inverted manifest with one edge changed: the caller's (`caller`) or the callee's (`callee`). */
const inverted = (edge: 'caller' | 'callee', extra: string) =>
  edge === 'callee'
    ? manifest(3000).replace('timeoutMs: 2000, retries: 2 }', `timeoutMs: 2000, retries: 2, ${extra} }`)
    : manifest(3000).replace('timeoutMs: 3000 }', `timeoutMs: 3000, ${extra} }`);

ruleTester(timeoutInversion, {
  valid: [
    { name: 'is silent when the caller waits longer than the whole worst case (the near miss)', code: manifest(6500) },
    { name: 'ignores async edges: a consumer holds no caller waiting below the callee', code: inverted('callee', 'mode: async') },
    { name: 'ignores async edges: a consumer holds no caller waiting as the caller', code: inverted('caller', 'mode: async') },
    { name: 'ignores phase: startup edges below the callee, which a running request never waits on', code: inverted('callee', 'phase: startup') },
    { name: 'ignores phase: startup edges as the caller, which a running request never waits on', code: inverted('caller', 'phase: startup') },
  ],
  invalid: [
    {
      name: "reports a caller that gives up before the callee's worst case, naming both numbers",
      code: manifest(3000),
      findings: [
        {
          severity: 'warn',
          target: 'storefront',
          related: ['checkout', 'payments'],
          subject: ['checkout', 'storefront'],
          message: 'storefront waits 3000 ms for checkout, but checkout can wait 6000 ms for payments (2000 ms × 3 attempts)',
          at: { line: 4, col: 54 },
        },
      ],
    },
    { name: 'counts phase: runtime edges, which a running request waits on', code: inverted('callee', 'phase: runtime'), findings: [{ target: 'storefront' }] },
    { name: 'still counts a fallback edge: the caller waits, and retries, before it falls back', code: inverted('callee', 'fallback: true'), findings: [{ target: 'storefront' }] },
  ],
});
