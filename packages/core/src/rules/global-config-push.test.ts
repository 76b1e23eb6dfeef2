import { describe, expect, it } from 'vitest';
import { lint } from '../lint/lint.js';
import { model } from '../test-support.js';

const found = (body: string) => lint(model(body)).findings.filter((f) => f.rule === 'global-config-push');

const edge = (region: string, rollout: string) => `
  proxy-${region}: { kind: cdn, in: ${region}, dependsOn: [{ target: feature-file, via: config, rollout: ${rollout} }] }`;
const manifest = (rollout: string) => `
  cf: { kind: provider }
  emea: { kind: region, in: cf }
  apac: { kind: region, in: cf }
  feature-file: { kind: config }${edge('emea', rollout)}${edge('apac', rollout)}
  site: { kind: service, critical: true, dependsOn: [{ anyOf: [proxy-emea, proxy-apac] }] }
`;

describe('global-config-push', () => {
  it('reports a globally pushed config that takes its consumers down in several regions (Cloudflare)', () => {
    const [f, ...rest] = found(manifest('global'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'error',
      target: 'feature-file',
      related: ['proxy-emea', 'proxy-apac', 'site'],
      message: 'feature-file is pushed with rollout: global to 2 consumers; its failure takes down its consumers in 2 regions (emea and apac) and 1 critical component (site)',
      at: { line: 7, col: 3 },
    });
    expect(f!.relatedPlaces!.map((p) => p.id)).toEqual(['proxy-emea', 'proxy-apac']);
  });

  it('is silent when the same config is rolled out in stages (the near miss)', () => {
    expect(found(manifest('staged'))).toEqual([]);
  });

  it('is silent for a global push whose failure stays in one region and downs nothing critical', () => {
    expect(found(`
  cf: { kind: provider }
  emea: { kind: region, in: cf }
  other: { kind: service, critical: true }
  flags: { kind: config }
  proxy: { kind: cdn, in: emea, dependsOn: [{ target: flags, via: config, rollout: global }] }
`)).toEqual([]);
  });

  it('does not count consumers that read the config only to start: a push never reaches a running copy', () => {
    const startup = manifest('global').replaceAll('rollout: global }', 'rollout: global, phase: startup }');
    expect(found(startup)).toEqual([]);
    const one = `${manifest('global').replace('rollout: global }', 'rollout: global, phase: startup }')}  shop: { kind: service, critical: true, dependsOn: [proxy-apac] }\n`;
    expect(found(one).map((f) => f.message)).toEqual([
      'feature-file is pushed with rollout: global to 1 consumer; its failure takes down 1 critical component (shop)',
    ]);
  });
});
