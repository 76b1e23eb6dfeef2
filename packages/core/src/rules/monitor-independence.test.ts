import { ruleTester } from '../lint/rule-tester.test-support.js';
import { monitorIndependence } from './monitor-independence.js';

const body = (edge: string) => `
  consul: { kind: discovery }
  api: { kind: service, dependsOn: [consul] }
  telemetry: { kind: monitoring, monitors: [consul], dependsOn: [${edge}] }
`;

ruleTester(monitorIndependence, {
  valid: [
    {
      name: 'is silent for a monitor that shares no failure with what it monitors (the near miss)',
      code: `
  consul: { kind: discovery }
  svc: { kind: service, dependsOn: [consul] }
  own-db: { kind: database }
  telemetry: { kind: monitoring, monitors: [consul, svc], dependsOn: [own-db] }
`,
    },
    { name: 'follows the running system: a monitor that needs the monitored cluster only to start is not blind with it', code: body('{ target: consul, phase: startup }') },
    { name: 'follows the running system: a monitor with a fallback for the monitored cluster is not blind with it', code: body('{ target: consul, fallback: true }') },
  ],
  invalid: [
    {
      name: 'reports a monitor that depends on what it monitors (Roblox: telemetry on Consul)',
      code: `
  consul: { kind: discovery }
  svc: { kind: service, dependsOn: [consul] }
  telemetry: { kind: monitoring, monitors: [consul, svc], dependsOn: [consul] }
`,
      findings: [
        {
          severity: 'error',
          target: 'telemetry',
          related: ['consul', 'svc'],
          message: 'telemetry monitors consul but is down when consul fails, blind exactly when needed (telemetry needs consul → consul failed)',
          at: { line: 6, col: 3 },
        },
      ],
    },
    {
      name: 'finds a common cause of both sides, with the chain on each, and counts degraded as blind',
      code: `
  net: { kind: network }
  shop: { kind: service, dependsOn: [net] }
  status: { kind: statuspage, monitors: [shop], dependsOn: [{ target: net, mode: soft }] }
`,
      findings: [
        {
          target: 'status',
          related: ['net', 'shop'],
          message: 'status and shop, which it monitors, are both worse when net fails: the monitor is blind exactly when needed (status uses net (soft) → net failed)',
          details: ['shop: shop needs net → net failed'],
        },
      ],
    },
    { name: 'follows the running system: a monitor that needs the monitored cluster while running is blind with it', code: body('consul'), findings: [{ target: 'telemetry' }] },
  ],
});
