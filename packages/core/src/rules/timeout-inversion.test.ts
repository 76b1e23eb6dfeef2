import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'timeout-inversion');

const manifest = (timeoutMs: number) => `
  storefront: { kind: service, dependsOn: [{ target: checkout, timeoutMs: ${timeoutMs} }] }
  checkout: { kind: service, dependsOn: [{ target: payments, timeoutMs: 2000, retries: 2 }] }
  payments: { kind: service }
`;

describe('timeout-inversion', () => {
  it("reports a caller that gives up before the callee's worst case, naming both numbers", () => {
    const [f, ...rest] = found(manifest(3000));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'storefront',
      related: ['checkout', 'payments'],
      subject: ['checkout', 'storefront'],
      message: 'storefront waits 3000 ms for checkout, but checkout can wait 6000 ms for payments (2000 ms × 3 attempts)',
      at: { line: 4, col: 54 },
    });
  });

  it('is silent when the caller waits longer than the whole worst case (the near miss)', () => {
    expect(found(manifest(6500))).toEqual([]);
  });
});
