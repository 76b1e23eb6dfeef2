import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'hard-cycle');

describe('hard-cycle', () => {
  const cycle = `
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [c] }
  c: { kind: service, dependsOn: [a] }
  d: { kind: service, dependsOn: [a] }
`;
  it('reports a cycle of hard dependencies once, on its first member, with one concrete path', () => {
    const [f, ...rest] = found(cycle);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      target: 'a',
      related: ['b', 'c'],
      subject: ['a', 'b', 'c'],
      message: 'hard dependency cycle a → b → c → a: none of these 3 can start until the others are up',
      at: { file: 'test.yaml', line: 4, col: 35 },
    });
    expect(f!.relatedPlaces!.map((p) => `${p.id}:${p.at.line}`)).toEqual(['b:5', 'c:6']);
  });

  it('is silent when one edge of the cycle is soft (the near miss)', () => {
    expect(found(cycle.replace('dependsOn: [a] }\n  d', 'dependsOn: [{ target: a, mode: soft }] }\n  d'))).toEqual([]);
  });

  it('ignores a cycle through an anyOf with an outside member, which can still start', () => {
    expect(found(`
  a: { kind: service, dependsOn: [{ anyOf: [b, c] }] }
  b: { kind: service, dependsOn: [a] }
  c: { kind: service }
`)).toEqual([]);
  });

  // A hard cycle is about cold start, so it is judged on the start-up view: the dependencies needed to start.
  const pair = (edge: string) => `
  a: { kind: service, dependsOn: [b] }
  b: { kind: service, dependsOn: [${edge}] }
`;
  it('never forms a hard cycle through an async or fallback edge', () => {
    expect(found(pair('{ target: a, mode: async }'))).toEqual([]);
    expect(found(pair('{ target: a, fallback: true }'))).toEqual([]);
  });

  it('never forms a hard cycle through a runtime-only edge: it is not needed to start', () => {
    expect(found(pair('{ target: a, phase: runtime }'))).toEqual([]);
  });

  it('forms one through a start-up-only edge: neither can start until the other is up', () => {
    expect(found(pair('{ target: a, phase: startup }')).map((f) => f.message)).toEqual([
      'hard dependency cycle a → b → a: none of the two can start until the others are up',
    ]);
  });
});
