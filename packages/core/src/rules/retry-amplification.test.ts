import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../lint/config.js';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string, threshold?: number) =>
  lint(model(body), threshold ? { config: { ...DEFAULT_CONFIG, rules: new Map([['retry-amplification', { options: { threshold } }]]) } } : {}).findings.filter(
    (f) => f.rule === 'retry-amplification',
  );

const chain = (last: number) => `
  cdn: { kind: cdn, dependsOn: [web] }
  web: { kind: service, dependsOn: [{ target: checkout, retries: 1 }] }
  checkout: { kind: service, dependsOn: [{ target: payments, retries: 2 }] }
  payments: { kind: service, dependsOn: [{ target: gateway, retries: ${last} }] }
  gateway: { kind: external }
`;

describe('retry-amplification', () => {
  it('reports the call path whose retries multiply beyond the threshold, from the first retrying caller', () => {
    const [f, ...rest] = found(chain(2));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'web',
      related: ['checkout', 'payments', 'gateway'],
      subject: ['checkout', 'gateway', 'payments', 'web'],
      message: 'web → checkout → payments → gateway multiplies one request into up to 18 attempts (2 × 3 × 3; threshold 10)',
      at: { line: 5, col: 47 },
    });
  });

  it('is silent at or under the threshold (the near miss: one retry fewer at the bottom)', () => {
    expect(found(chain(0))).toEqual([]);
    expect(found(chain(2), 18)).toEqual([]);
  });

  it('terminates on a cycle of calls, cutting it where the search meets it', () => {
    const cycle = `
  a: { kind: service, dependsOn: [{ target: b, retries: 4, mode: soft }] }
  b: { kind: service, dependsOn: [{ target: a, retries: 4, mode: soft }] }
`;
    expect(found(cycle)).toEqual([]);
    expect(found(cycle, 4).map((f) => f.message)).toEqual(['a → b multiplies one request into up to 5 attempts (5; threshold 4)']);
  });

  it('ignores async edges: retries of a consumer reading a queue are not multiplied into a request path', () => {
    expect(found(chain(2).replace('{ target: checkout, retries: 1 }', '{ target: checkout, retries: 1, mode: async }')).map((f) => f.message)).toEqual([]);
    // Below the async hop, the synchronous path of checkout still counts on its own.
    expect(found(chain(4).replace('{ target: checkout, retries: 1 }', '{ target: checkout, retries: 1, mode: async }')).map((f) => f.message)).toEqual([
      'checkout → payments → gateway multiplies one request into up to 15 attempts (3 × 5; threshold 10)',
    ]);
  });

  it('ignores phase: startup edges, which no request goes through', () => {
    expect(found(chain(2).replace('{ target: payments, retries: 2 }', '{ target: payments, retries: 2, phase: startup }'))).toEqual([]);
  });

  it('still counts a fallback edge: the retries happen before the caller falls back', () => {
    expect(found(chain(2).replace('{ target: payments, retries: 2 }', '{ target: payments, retries: 2, fallback: true }'))).toHaveLength(1);
  });
});
