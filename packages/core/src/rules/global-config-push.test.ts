import { ruleTester } from '../lint/rule-tester.test-support.js';
import { globalConfigPush } from './global-config-push.js';

const edge = (region: string, rollout: string) => `
  proxy-${region}: { kind: cdn, in: ${region}, dependsOn: [{ target: feature-file, via: config, rollout: ${rollout} }] }`;
const manifest = (rollout: string) => `
  cf: { kind: provider }
  emea: { kind: region, in: cf }
  apac: { kind: region, in: cf }
  feature-file: { kind: config }${edge('emea', rollout)}${edge('apac', rollout)}
  site: { kind: service, critical: true, dependsOn: [{ anyOf: [proxy-emea, proxy-apac] }] }
`;

ruleTester(globalConfigPush, {
  valid: [
    { name: 'is silent when the same config is rolled out in stages (the near miss)', code: manifest('staged') },
    {
      name: 'is silent for a global push whose failure stays in one region and downs nothing critical',
      code: `
  cf: { kind: provider }
  emea: { kind: region, in: cf }
  other: { kind: service, critical: true }
  flags: { kind: config }
  proxy: { kind: cdn, in: emea, dependsOn: [{ target: flags, via: config, rollout: global }] }
`,
    },
    {
      name: 'does not count consumers that read the config only to start: a push never reaches a running copy',
      code: manifest('global').replaceAll('rollout: global }', 'rollout: global, phase: startup }'),
    },
  ],
  invalid: [
    {
      name: 'reports a globally pushed config that takes its consumers down in several regions (Cloudflare)',
      code: manifest('global'),
      findings: [
        {
          severity: 'error',
          target: 'feature-file',
          related: ['proxy-emea', 'proxy-apac', 'site'],
          message: 'feature-file is pushed with rollout: global to 2 consumers; its failure takes down its consumers in 2 regions (emea and apac) and 1 critical component (site)',
          at: { line: 7, col: 3 },
          relatedPlaces: [{ id: 'proxy-emea' }, { id: 'proxy-apac' }],
        },
      ],
    },
    {
      name: 'counts only the consumers that read the config while running',
      code: `${manifest('global').replace('rollout: global }', 'rollout: global, phase: startup }')}  shop: { kind: service, critical: true, dependsOn: [proxy-apac] }\n`,
      findings: [{ target: 'feature-file', message: 'feature-file is pushed with rollout: global to 1 consumer; its failure takes down 1 critical component (shop)' }],
    },
  ],
});
