import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'global-pinned');

const regions = `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  use1-az2: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
`;

describe('global-pinned', () => {
  it('reports a scope: global component that one region takes down, with the region and the chain', () => {
    const [f, ...rest] = found(`${regions}  iam: { kind: auth, scope: global, in: [use1-az1, use1-az2] }\n`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      target: 'iam',
      related: ['us-east-1'],
      message: 'iam is declared scope: global but goes down when us-east-1 fails (iam runs in use1-az2 → use1-az2 runs in us-east-1 → us-east-1 failed)',
      at: { line: 10, col: 3 },
    });
  });

  it('finds the pin through a dependency, not only through placements', () => {
    const [f] = found(`${regions}  dns: { kind: dns, in: use1-az1 }\n  login: { kind: auth, scope: global, in: [use1-az1, usw2-az1], dependsOn: [dns] }\n`);
    expect(f).toMatchObject({ target: 'login', related: ['us-east-1'] });
    expect(f!.message).toContain('login needs dns → dns runs in use1-az1');
  });

  it('is silent for a global component that survives either region (the near miss)', () => {
    expect(found(`${regions}  iam: { kind: auth, scope: global, in: [use1-az1, use1-az2, usw2-az1] }\n`)).toEqual([]);
  });

  it('follows the running system: a start-up-only or fallback dependency in one region does not pin a global component', () => {
    const body = (edge: string) => `${regions}  keys: { kind: config, in: use1-az1 }\n  iam: { kind: auth, scope: global, in: [use1-az1, usw2-az1], dependsOn: [${edge}] }\n`;
    expect(found(body('keys')).map((f) => f.related)).toEqual([['us-east-1']]);
    expect(found(body('{ target: keys, phase: startup }'))).toEqual([]);
    expect(found(body('{ target: keys, fallback: true }'))).toEqual([]);
  });
});
