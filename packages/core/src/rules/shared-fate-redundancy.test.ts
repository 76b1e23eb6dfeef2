import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'shared-fate-redundancy');

describe('shared-fate-redundancy', () => {
  it('reports anyOf members that one failure takes down together', () => {
    const [f, ...rest] = found(`
  peering: { kind: network }
  dc-a: { kind: datacenter, dependsOn: [peering] }
  dc-b: { kind: datacenter, dependsOn: [peering] }
  dc-c: { kind: datacenter }
  app-a: { kind: service, in: dc-a }
  app-b: { kind: service, in: dc-b }
  app-c: { kind: service, in: dc-c }
  notify: { kind: service, dependsOn: [{ anyOf: [app-a, app-b, app-c], need: 2 }] }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'notify',
      related: ['peering', 'app-a', 'app-b', 'app-c'],
      subject: ['app-a', 'app-b', 'app-c', 'notify'],
      message: "notify's anyOf [app-a, app-b, app-c] (needs 2) loses app-a and app-b when peering fails: the redundancy shares one fate",
      at: { line: 11, col: 40 },
    });
  });

  it('reports replicas that one zone takes down below minHealthy (DEV341: 5 of 6 in one zone)', () => {
    const [f, ...rest] = found(`
  aws: { kind: provider }
  region: { kind: region, in: aws }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  web: { kind: service, in: { az1: 5, az2: 1 }, minHealthy: 3 }
`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      target: 'web',
      related: ['az1', 'az2'],
      message: "web's replicas (6 over az1 and az2, needs 3) lose 5 in az1 when az1 fails: the redundancy shares one fate",
      details: ['web runs in az1 → az1 failed'],
    });
  });

  it('is silent for replicas spread so that any one zone leaves enough (the near miss)', () => {
    expect(found(`
  aws: { kind: provider }
  region: { kind: region, in: aws }
  az1: { kind: zone, in: region }
  az2: { kind: zone, in: region }
  web: { kind: service, in: { az1: 3, az2: 3 }, minHealthy: 3 }
`)).toEqual([]);
  });
});
