import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'monitor-independence');

describe('monitor-independence', () => {
  it('reports a monitor that depends on what it monitors (Roblox: telemetry on Consul)', () => {
    const [f, ...rest] = found(`
  consul: { kind: discovery }
  svc: { kind: service, dependsOn: [consul] }
  telemetry: { kind: monitoring, monitors: [consul, svc], dependsOn: [consul] }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      target: 'telemetry',
      related: ['consul', 'svc'],
      message: 'telemetry monitors consul but is down when consul fails, blind exactly when needed (telemetry needs consul → consul failed)',
      at: { line: 6, col: 3 },
    });
  });

  it('finds a common cause of both sides, with the chain on each, and counts degraded as blind', () => {
    const [f] = found(`
  net: { kind: network }
  shop: { kind: service, dependsOn: [net] }
  status: { kind: statuspage, monitors: [shop], dependsOn: [{ target: net, mode: soft }] }
`);
    expect(f).toMatchObject({
      target: 'status',
      related: ['net', 'shop'],
      message: 'status and shop, which it monitors, are both worse when net fails: the monitor is blind exactly when needed (status uses net (soft) → net failed)',
      details: ['shop: shop needs net → net failed'],
    });
  });

  it('is silent for a monitor that shares no failure with what it monitors (the near miss)', () => {
    expect(found(`
  consul: { kind: discovery }
  svc: { kind: service, dependsOn: [consul] }
  own-db: { kind: database }
  telemetry: { kind: monitoring, monitors: [consul, svc], dependsOn: [own-db] }
`)).toEqual([]);
  });

  it('follows the running system: a monitor that needs the monitored cluster only to start is not blind with it', () => {
    const body = (edge: string) => `
  consul: { kind: discovery }
  api: { kind: service, dependsOn: [consul] }
  telemetry: { kind: monitoring, monitors: [consul], dependsOn: [${edge}] }
`;
    expect(found(body('consul')).map((f) => f.target)).toEqual(['telemetry']);
    expect(found(body('{ target: consul, phase: startup }'))).toEqual([]);
    expect(found(body('{ target: consul, fallback: true }'))).toEqual([]);
  });
});
