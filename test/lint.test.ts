/**
 * `faultline lint` across the repository: every incident fixture yields the
 * findings its incident is about (docs/incidents.md, fixtures/README.md), the fixed variants
 * lose them (a replicated tier that one component uses still fails as a
 * whole, which `minDependents: 1` reports), the README tour and the CI recipe work with the built CLI, and
 * the repository's own fixtures pass against the committed baseline
 * (dogfooding, docs/architecture.md#dogfooding).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, lint, type Finding } from '@faultline/core';
import { faultline, fixture, ROOT } from './support.js';
import { sarifValidator } from '../packages/core/src/format/sarif-schema.test-support.js';

/** `rule target` for every finding of a fixture, sorted. */
function findings(path: string): string[] {
  return lint(fixture(path))
    .findings.map((f) => `${f.rule} ${f.target}`)
    .sort();
}

/** The targets of logical-single-point-of-failure with `minDependents: 1`: every replicated tier, shared or not. */
function everyLogical(path: string): string[] {
  const rule = 'logical-single-point-of-failure';
  const config = { ...DEFAULT_CONFIG, rules: new Map([[rule, { options: { minDependents: 1 } }]]) };
  return lint(fixture(path), { config })
    .findings.filter((f) => f.rule === rule)
    .map((f) => f.target)
    .sort();
}

function only(path: string, rule: string): Finding[] {
  return lint(fixture(path)).findings.filter((f) => f.rule === rule);
}

describe('every incident fixture fires the rules its incident is about', () => {
  it('Roblox 2021: Consul is a single point of failure, and telemetry is blind with it', () => {
    expect(findings('fixtures/roblox-2021.yaml')).toEqual([
      'monitor-independence telemetry',
      'single-point-of-failure boltdb',
      'single-point-of-failure consul',
      'single-point-of-failure consul-streaming',
    ]);
    const [spof] = only('fixtures/roblox-2021.yaml', 'single-point-of-failure').filter((f) => f.target === 'consul');
    expect(spof!.related).toEqual(['platform-svc-a', 'platform-svc-b', 'platform-svc-c', 'platform-svc-d']);
    expect(only('fixtures/roblox-2021.yaml', 'monitor-independence')[0]!.message).toBe(
      'telemetry monitors consul but is down when consul fails, blind exactly when needed (telemetry needs consul → consul failed)',
    );
  });

  it('AWS us-east-1 2021: IAM, Cognito and the console are global but pinned to us-east-1', () => {
    expect(findings('fixtures/aws-2021.yaml')).toEqual(['global-pinned aws-console', 'global-pinned cognito', 'global-pinned iam']);
    // IAM's two replicas do not survive a failure of IAM as a whole; only svc-west uses it here,
    // so the rule reports it with minDependents: 1, not by default.
    expect(everyLogical('fixtures/aws-2021.yaml')).toEqual(['iam']);
    for (const f of only('fixtures/aws-2021.yaml', 'global-pinned')) expect(f.related).toEqual(['us-east-1']);
  });

  it('AWS us-east-1 2025: auth is pinned, and the "multi-region" customer falls with us-east-1', () => {
    const all = findings('fixtures/aws-2025.yaml');
    expect(all).toContain('global-pinned aws-auth');
    expect(all).toContain('single-region-critical customer-service');
    // DynamoDB, which every service under it uses, fails as a whole whatever its replicas.
    expect(all).toContain('logical-single-point-of-failure dynamodb');
    // The trigger was logical too: the DNS automation emptied the endpoint's record, whatever its replicas;
    // only dynamodb uses the record, so the rule reports it with minDependents: 1.
    expect(all).not.toContain('logical-single-point-of-failure dynamodb-endpoint-dns');
    expect(everyLogical('fixtures/aws-2025.yaml')).toContain('dynamodb-endpoint-dns');
    expect(only('fixtures/aws-2025.yaml', 'single-region-critical')[0]!.message).toMatch(
      /^customer-service \(critical\) runs in us-east-1 and us-west-2 and goes down when us-east-1 fails \(customer-service lost its group member customer-app-usw2 → customer-app-usw2 needs customer-failover-ctl/,
    );
  });

  it('Cloudflare 2025: the feature file is a global config push; Downdetector is blind; the status page is not flagged', () => {
    const [push, ...more] = only('fixtures/cloudflare-2025.yaml', 'global-config-push');
    expect(more).toEqual([]);
    expect(push!.target).toBe('bot-feature-file');
    expect(push!.message).toBe(
      'bot-feature-file is pushed with rollout: global to 3 consumers; its failure takes down its consumers in 3 regions (cf-emea, cf-americas and cf-apac) and 9 critical components (chatgpt, claude, canva, dropbox, spotify and 4 more)',
    );
    expect(only('fixtures/cloudflare-2025.yaml', 'monitor-independence').map((f) => f.target)).toEqual(['downdetector']);
    expect(lint(fixture('fixtures/cloudflare-2025.yaml')).findings.filter((f) => f.target === 'cf-status-page')).toEqual([]);
  });

  it('PagerDuty: the shared peering point is a hidden SPOF and the quorum shares one fate', () => {
    expect(findings('fixtures/pagerduty-2016.yaml')).toEqual(['shared-fate-redundancy notifications', 'single-point-of-failure peering-point']);
    const [spof] = only('fixtures/pagerduty-2016.yaml', 'single-point-of-failure');
    expect(spof!.message).toBe(
      "peering-point is a hidden single point of failure: it defeats notifications' anyOf [pagerduty-a, pagerduty-b, pagerduty-c] and takes down 1 critical component (notifications)",
    );
    expect(only('fixtures/pagerduty-2016.yaml', 'shared-fate-redundancy')[0]!.message).toBe(
      "notifications' anyOf [pagerduty-a, pagerduty-b, pagerduty-c] (needs 2) loses pagerduty-a and pagerduty-b when peering-point fails: the redundancy shares one fate",
    );
  });

  it('Azure 2021: AAD and DNS under every login are single points of failure', () => {
    const spofs = only('fixtures/azure-2021.yaml', 'single-point-of-failure');
    for (const id of ['aad', 'azure-dns']) expect(spofs.find((f) => f.target === id)!.related).toEqual(['office365', 'teams', 'customer-business']);
  });

  it('DEV341 e-commerce: losing either zone takes the site down, az1 behind apparent redundancy', () => {
    expect(findings('fixtures/ecommerce-dev341.yaml')).toEqual([
      'shared-fate-redundancy web',
      'single-point-of-failure az1',
      'single-point-of-failure az2',
      'single-point-of-failure db',
    ]);
    expect(only('fixtures/ecommerce-dev341.yaml', 'single-point-of-failure').find((f) => f.target === 'az1')!.message).toMatch(
      /^az1 is a hidden single point of failure: it defeats web's placements/,
    );
    expect(only('fixtures/ecommerce-dev341.yaml', 'shared-fate-redundancy')[0]!.message).toBe(
      "web's replicas (6 over az1 and az2, needs 3) lose 5 in az1 when az1 fails: the redundancy shares one fate",
    );
  });

  it('Salesforce and the FIS walkthrough: no single physical failure takes the critical service down', () => {
    expect(only('fixtures/salesforce.yaml', 'single-point-of-failure')).toEqual([]);
    expect(findings('fixtures/fis-walkthrough.yaml')).toEqual([]);
    // Only the web tier failing as a whole (a bad deploy of every instance) does; one component uses it,
    // so the rule reports it with minDependents: 1, not by default.
    expect(everyLogical('fixtures/fis-walkthrough.yaml')).toEqual(['web-asg']);
  });
});

describe('the fixed variants', () => {
  it.each(['roblox-2021', 'pagerduty-2016'])('%s-fixed lints clean', (name) => {
    expect(findings(`fixtures/${name}-fixed.yaml`)).toEqual([]);
  });

  it.each([
    ['aws-2021', ['iam']],
    ['ecommerce-dev341', ['lb', 'rds', 'web']],
  ])("%s-fixed loses its incident's findings; its replicated tiers, each used by one component, remain logical single points of failure with minDependents: 1", (name, left) => {
    expect(findings(`fixtures/${name}-fixed.yaml`)).toEqual([]);
    expect(everyLogical(`fixtures/${name}-fixed.yaml`)).toEqual(left);
  });

  it('cloudflare-2025-fixed has no global config push; with keep-last-good (a fallback) the proxies stay up, so Downdetector shares no failure with what it monitors but the provider', () => {
    expect(findings('fixtures/cloudflare-2025-fixed.yaml')).toEqual([]);
  });
});

describe('the built CLI', () => {
  it('the README tour: lint the example, see its findings with the manifest lines, exit 1', () => {
    const r = faultline(['lint', 'fixtures/example']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('fixtures/example/data.yaml');
    expect(lines[1]).toBe(
      '  22:3  warn  user-db runs 4 replicas, but one logical failure of it takes down storefront and 2 more critical components  logical-single-point-of-failure',
    );
    expect(lines[2]).toBe('      22 │   user-db:');
    const platform = lines.indexOf('fixtures/example/platform.yaml');
    expect(lines[platform + 1]).toBe(
      '  21:3  error  iam is declared scope: global but goes down when us-east-1 fails (iam runs in use1-az2 → use1-az2 runs in us-east-1 → us-east-1 failed)  global-pinned',
    );
    expect(lines[platform + 2]).toBe('      21 │   iam:');
    expect(lines.at(-2)).toBe('✖ 12 problems (2 errors, 10 warnings)');
  });

  it('the CI recipe: every fixture passes against the committed baseline (dogfooding), in SARIF that validates', () => {
    const fixtures = readdirSync(join(ROOT, 'fixtures'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `fixtures/${f}`);
    const r = faultline(['lint', '--each', ...fixtures, 'fixtures/example', '--baseline', 'faultline-baseline.json', '--format', 'sarif']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = log.runs[0].results as { baselineState: string }[];
    expect(results.length).toBeGreaterThan(30);
    expect(results.every((x) => x.baselineState === 'unchanged')).toBe(true);
  });

  it('the github format annotates the example for a workflow log', () => {
    const r = faultline(['lint', 'fixtures/example', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain(
      '::error file=fixtures/example/platform.yaml,line=21,col=3,endLine=21,endColumn=6,title=global-pinned::iam is declared scope: global but goes down when us-east-1 fails (iam runs in use1-az2 → use1-az2 runs in us-east-1 → us-east-1 failed)',
    );
    expect(lines.at(-1)).toBe('faultline: 2 errors, 10 warnings');
  });

  it('init then lint: the starter files lint clean', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-e2e-init-'));
    expect(faultline(['init', dir]).code).toBe(0);
    const r = faultline(['lint', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ no problems (12 rules, 1 file)\n');
  });
});
