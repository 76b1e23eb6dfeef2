import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';
import { DEFAULT_CONFIG } from '../lint/config.js';

const found = (body: string, options?: Record<string, unknown>) =>
  lint(model(body), options ? { config: { ...DEFAULT_CONFIG, rules: new Map([['single-region-critical', { options }]]) } } : {}).findings.filter(
    (f) => f.rule === 'single-region-critical',
  );

const regions = `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  queue: { kind: queue, in: use1-az1 }
`;

describe('single-region-critical', () => {
  it('reports a critical component in two regions that one of them takes down', () => {
    const [f, ...rest] = found(`${regions}  checkout: { kind: service, critical: true, in: [use1-az1, usw2-az1], dependsOn: [queue] }\n`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'warn',
      target: 'checkout',
      related: ['us-east-1'],
      message: 'checkout (critical) runs in us-east-1 and us-west-2 and goes down when us-east-1 fails (checkout needs queue → queue runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)',
      at: { line: 10, col: 3 },
    });
  });

  it('judges a component without placements by the regions it is served from', () => {
    const [f] = found(`${regions}  app-east: { kind: service, in: use1-az1 }\n  app-west: { kind: service, in: usw2-az1, dependsOn: [queue] }\n  site: { kind: service, critical: true, dependsOn: [{ anyOf: [app-east, app-west] }] }\n`);
    expect(f).toMatchObject({ target: 'site', related: ['us-east-1'] });
  });

  it('is silent when the component survives each region (the near miss)', () => {
    expect(found(`${regions}  checkout: { kind: service, critical: true, in: [use1-az1, usw2-az1], dependsOn: [{ target: queue, mode: soft }] }\n`)).toEqual([]);
  });

  it('leaves a deliberate single-region component alone unless includeSingleRegion is set', () => {
    const body = `${regions}  batch: { kind: service, critical: true, in: use1-az1 }\n`;
    expect(found(body)).toEqual([]);
    const [f] = found(body, { includeSingleRegion: true });
    expect(f).toMatchObject({ target: 'batch', message: 'batch (critical) runs only in us-east-1 and goes down when us-east-1 fails (batch runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)' });
  });

  it('serves a component from the regions of its runtime hard dependencies only: not start-up-only or fallback ones', () => {
    const site = (edge: string) => `${regions}  app-east: { kind: service, in: use1-az1 }\n  app-west: { kind: service, in: usw2-az1 }\n  site: { kind: service, critical: true, dependsOn: [app-east, ${edge}] }\n`;
    expect(found(site('app-west')).map((f) => f.related)).toEqual([['us-east-1', 'us-west-2']]);
    // Needing app-west only to start, or with a fallback, leaves site a single-region design, not reported by default.
    expect(found(site('{ target: app-west, phase: startup }'))).toEqual([]);
    expect(found(site('{ target: app-west, fallback: true }'))).toEqual([]);
    expect(found(site('{ target: app-west, phase: startup }'), { includeSingleRegion: true }).map((f) => f.message)).toEqual([
      'site (critical) runs only in us-east-1 and goes down when us-east-1 fails (site needs app-east → app-east runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)',
    ]);
  });
});
