import { ruleTester } from '../lint/rule-tester.test-support.js';
import { singleRegionCritical } from './single-region-critical.js';

const regions = `
  aws: { kind: provider }
  us-east-1: { kind: region, in: aws }
  us-west-2: { kind: region, in: aws }
  use1-az1: { kind: zone, in: us-east-1 }
  usw2-az1: { kind: zone, in: us-west-2 }
  queue: { kind: queue, in: use1-az1 }
`;

const batch = `${regions}  batch: { kind: service, critical: true, in: use1-az1 }\n`;

/** A critical site served by app-east and, through `edge`, app-west. */
const site = (edge: string) =>
  `${regions}  app-east: { kind: service, in: use1-az1 }\n  app-west: { kind: service, in: usw2-az1 }\n  site: { kind: service, critical: true, dependsOn: [app-east, ${edge}] }\n`;

ruleTester(singleRegionCritical, {
  valid: [
    {
      name: 'is silent when the component survives each region (the near miss)',
      code: `${regions}  checkout: { kind: service, critical: true, in: [use1-az1, usw2-az1], dependsOn: [{ target: queue, mode: soft }] }\n`,
    },
    { name: 'leaves a deliberate single-region component alone unless includeSingleRegion is set', code: batch },
    // Needing app-west only to start, or with a fallback, leaves site a single-region design, not reported by default.
    { name: 'serves a component from the regions of its runtime hard dependencies only: not start-up-only ones', code: site('{ target: app-west, phase: startup }') },
    { name: 'serves a component from the regions of its runtime hard dependencies only: not fallback ones', code: site('{ target: app-west, fallback: true }') },
  ],
  invalid: [
    {
      name: 'reports a critical component in two regions that one of them takes down',
      code: `${regions}  checkout: { kind: service, critical: true, in: [use1-az1, usw2-az1], dependsOn: [queue] }\n`,
      findings: [
        {
          severity: 'warn',
          target: 'checkout',
          related: ['us-east-1'],
          message:
            'checkout (critical) runs in us-east-1 and us-west-2 and goes down when us-east-1 fails (checkout needs queue → queue runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)',
          at: { line: 10, col: 3 },
        },
      ],
    },
    {
      name: 'judges a component without placements by the regions it is served from',
      code: `${regions}  app-east: { kind: service, in: use1-az1 }\n  app-west: { kind: service, in: usw2-az1, dependsOn: [queue] }\n  site: { kind: service, critical: true, dependsOn: [{ anyOf: [app-east, app-west] }] }\n`,
      findings: [{ target: 'site', related: ['us-east-1'] }],
    },
    {
      name: 'reports a single-region component with includeSingleRegion',
      code: batch,
      options: { includeSingleRegion: true },
      findings: [
        {
          target: 'batch',
          message: 'batch (critical) runs only in us-east-1 and goes down when us-east-1 fails (batch runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)',
        },
      ],
    },
    {
      name: 'serves a component from the regions of its runtime hard dependencies',
      code: site('app-west'),
      findings: [{ target: 'site', related: ['us-east-1', 'us-west-2'] }],
    },
    {
      name: 'judges a component that needs the other region only to start as single-region',
      code: site('{ target: app-west, phase: startup }'),
      options: { includeSingleRegion: true },
      findings: [
        {
          target: 'site',
          message:
            'site (critical) runs only in us-east-1 and goes down when us-east-1 fails (site needs app-east → app-east runs in use1-az1 → use1-az1 runs in us-east-1 → us-east-1 failed)',
        },
      ],
    },
  ],
});
