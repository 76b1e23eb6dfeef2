import { ruleTester } from '../lint/rule-tester.test-support.js';
import { controlPlaneInDataPath } from './control-plane-in-data-path.js';

const path = (edge: string) => `
  health-checks: { kind: service, plane: control }
  state: { kind: database, dependsOn: [health-checks] }
  nlb: { kind: loadbalancer, plane: data, dependsOn: [${edge}] }
`;

ruleTester(controlPlaneInDataPath, {
  valid: [
    { name: 'is silent when the data plane keeps the last state (a soft edge: the near miss)', code: path('{ target: state, mode: soft }') },
    { name: 'follows the running system: a start-up-only edge is not on the data path', code: path('{ target: state, phase: startup }') },
    { name: 'follows the running system: a fallback edge is not on the data path', code: path('{ target: state, fallback: true }') },
    { name: 'follows the running system: an async edge is not on the data path', code: path('{ target: state, mode: async }') },
  ],
  invalid: [
    {
      name: 'reports a data-plane component with a hard path to a control plane',
      code: path('state'),
      findings: [
        {
          severity: 'warn',
          target: 'nlb',
          related: ['state', 'health-checks'],
          subject: ['health-checks', 'nlb'],
          message: 'nlb (plane: data) hard-depends on the control plane health-checks: nlb → state → health-checks',
          at: { line: 6, col: 55 },
        },
      ],
    },
    { name: 'follows the running system: a phase: runtime edge is on the data path', code: path('{ target: state, phase: runtime }'), findings: [{ target: 'nlb' }] },
  ],
});
