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

  it("ignores async edges: a consumer holds no caller waiting, neither as the caller nor below the callee", () => {
    expect(found(manifest(3000).replace('timeoutMs: 2000, retries: 2 }', 'timeoutMs: 2000, retries: 2, mode: async }'))).toEqual([]);
    expect(found(manifest(3000).replace('timeoutMs: 3000 }', 'timeoutMs: 3000, mode: async }'))).toEqual([]);
  });

  it('ignores phase: startup edges, which a running request never waits on', () => {
    expect(found(manifest(3000).replace('timeoutMs: 2000, retries: 2 }', 'timeoutMs: 2000, retries: 2, phase: startup }'))).toEqual([]);
    expect(found(manifest(3000).replace('timeoutMs: 3000 }', 'timeoutMs: 3000, phase: startup }'))).toEqual([]);
    expect(found(manifest(3000).replace('timeoutMs: 2000, retries: 2 }', 'timeoutMs: 2000, retries: 2, phase: runtime }'))).toHaveLength(1);
  });

  it('still counts a fallback edge: the caller waits, and retries, before it falls back', () => {
    expect(found(manifest(3000).replace('timeoutMs: 2000, retries: 2 }', 'timeoutMs: 2000, retries: 2, fallback: true }'))).toHaveLength(1);
  });
});
