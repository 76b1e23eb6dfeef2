import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'unguarded-cross-region');

const manifest = (edge: string) => `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  failover-ctl: { kind: service, in: use1-az1 }
  app-west: { kind: service, in: usw2-az1, dependsOn: [${edge}] }
`;

describe('unguarded-cross-region', () => {
  it('reports a hard call into a region where the callee alone runs, with no breaker or fallback', () => {
    const [f, ...rest] = found(manifest('failover-ctl'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'app-west',
      related: ['failover-ctl'],
      message: 'app-west in us-west-2 calls failover-ctl, which runs only in us-east-1, with a hard edge and no circuit breaker or fallback',
      at: { line: 10, col: 56 },
    });
  });

  it('is silent when the edge is guarded (the near miss), soft, or not a call', () => {
    expect(found(manifest('{ target: failover-ctl, circuitBreaker: true, fallback: true }'))).toEqual([]);
    expect(found(manifest('{ target: failover-ctl, mode: soft }'))).toEqual([]);
    expect(found(manifest('{ target: failover-ctl, via: auth }'))).toEqual([]);
  });

  it('is silent on a start-up-only edge (the running caller does not need it) and on an async one', () => {
    expect(found(manifest('{ target: failover-ctl, phase: startup }'))).toEqual([]);
    expect(found(manifest('{ target: failover-ctl, mode: async }'))).toEqual([]);
    expect(found(manifest('{ target: failover-ctl, phase: runtime }'))).toHaveLength(1);
  });
});
