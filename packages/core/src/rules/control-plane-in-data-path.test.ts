import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'control-plane-in-data-path');

describe('control-plane-in-data-path', () => {
  it('reports a data-plane component with a hard path to a control plane', () => {
    const [f, ...rest] = found(`
  health-checks: { kind: service, plane: control }
  state: { kind: database, dependsOn: [health-checks] }
  nlb: { kind: loadbalancer, plane: data, dependsOn: [state] }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'nlb',
      related: ['state', 'health-checks'],
      subject: ['health-checks', 'nlb'],
      message: 'nlb (plane: data) hard-depends on the control plane health-checks: nlb → state → health-checks',
      at: { line: 6, col: 55 },
    });
  });

  it('is silent when the data plane keeps the last state (a soft edge: the near miss)', () => {
    expect(found(`
  health-checks: { kind: service, plane: control }
  state: { kind: database, dependsOn: [health-checks] }
  nlb: { kind: loadbalancer, plane: data, dependsOn: [{ target: state, mode: soft }] }
`)).toEqual([]);
  });

  const path = (edge: string) => `
  health-checks: { kind: service, plane: control }
  state: { kind: database, dependsOn: [health-checks] }
  nlb: { kind: loadbalancer, plane: data, dependsOn: [${edge}] }
`;
  it('follows the running system: a start-up-only, fallback or async edge is not on the data path', () => {
    expect(found(path('{ target: state, phase: startup }'))).toEqual([]);
    expect(found(path('{ target: state, fallback: true }'))).toEqual([]);
    expect(found(path('{ target: state, mode: async }'))).toEqual([]);
    expect(found(path('{ target: state, phase: runtime }')).map((f) => f.target)).toEqual(['nlb']);
  });
});
