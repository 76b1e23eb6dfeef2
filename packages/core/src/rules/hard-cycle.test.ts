import { ruleTester } from '../lint/rule-tester.test-support.js';
import { hardCycle } from './hard-cycle.js';

const cycle = `
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [c] }
  c: { kind: service, dependsOn: [a] }
  d: { kind: service, dependsOn: [a] }
`;

// A hard cycle is about cold start, so it is judged on the start-up view: the dependencies needed to start.
const pair = (edge: string) => `
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [${edge}] }
`;

ruleTester(hardCycle, {
  valid: [
    { name: 'is silent when one edge of the cycle is soft (the near miss)', code: cycle.replace('dependsOn: [a] }\n  d', 'dependsOn: [{ target: a, mode: soft }] }\n  d') },
    {
      name: 'ignores a cycle through an anyOf with an outside member, which can still start',
      code: `
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service }
`,
    },
    { name: 'never forms a hard cycle through an async edge', code: pair('{ target: a, mode: async }') },
    { name: 'never forms a hard cycle through a fallback edge', code: pair('{ target: a, fallback: true }') },
    { name: 'never forms a hard cycle through a runtime-only edge: it is not needed to start', code: pair('{ target: a, phase: runtime }') },
  ],
  invalid: [
    {
      name: 'reports a cycle of hard dependencies once, on its first member, with one concrete path',
      code: cycle,
      findings: [
        {
          severity: 'error',
          target: 'a',
          related: ['b', 'c'],
          subject: ['a', 'b', 'c'],
          message: 'hard dependency cycle a → b → c → a: none of these 3 can start until the others are up',
          at: { file: 'test.yaml', line: 4, col: 35 },
          relatedPlaces: [
            { id: 'b', at: { line: 5 } },
            { id: 'c', at: { line: 6 } },
          ],
        },
      ],
    },
    {
      name: 'forms one through a start-up-only edge: neither can start until the other is up',
      code: pair('{ target: a, phase: startup }'),
      findings: [{ target: 'a', message: 'hard dependency cycle a → b → a: none of the two can start until the others are up' }],
    },
  ],
});
