/**
 * Terraform plans and states through the built CLI: fixtures/terraform (a
 * two-AZ web app whose plan turns a database's multi_az off, an Auto Scaling
 * group over three subnets in a state, a serverless plan with a provider
 * alias) simulated, linted and diffed as they are, findings on the JSON
 * lines (text and SARIF), `faultline diff plan.json` as the PR gate,
 * `faultline import terraform`, and odd files skipped or refused in one line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_RESOURCES } from '@faultline/core';
import { faultline, ROOT } from './support.js';

interface SimulationJson {
  nodes: { id: string; status: string }[];
}

const lineOf = (file: string, line: number): string => readFileSync(join(ROOT, file), 'utf8').split('\n')[line - 1]!;
/** Status of every worsened node (simulate's JSON lists only those: absent is up). */
const statuses = (stdout: string): Map<string, string> => new Map((JSON.parse(stdout) as SimulationJson).nodes.map((n) => [n.id, n.status]));

describe('faultline simulate on a Terraform plan', () => {
  it('--fail us-east-1a takes down the single-AZ database and what references it, sparing the multi-AZ one and the other zone', () => {
    const r = faultline(['simulate', 'fixtures/terraform/web-app', '--fail', 'us-east-1a']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('If us-east-1a fails: 6 down (1 critical), 0 degraded — impact 1');
    expect(r.stdout).toContain(
      'checkout needs aws_route53_record.www → aws_route53_record.www needs aws_lb.web → aws_lb.web needs aws_instance.app → aws_instance.app needs aws_db_instance.orders → aws_db_instance.orders runs in us-east-1a → us-east-1a failed (fault)',
    );
    expect(r.stdout).toMatch(/aws_db_instance\.orders {2}fixtures\/terraform\/web-app\/plan\.json:(\d+):22/);
    expect(r.stdout).toContain('aws_db_instance.accounts lost us-east-1a: 1 replica left, needs 1');
    const json = statuses(faultline(['simulate', 'fixtures/terraform/web-app', '--fail', 'us-east-1a', '--format', 'json']).stdout);
    expect(json.get('aws_db_instance.accounts')).not.toBe('down');
    expect(json.has('aws_instance.bastion')).toBe(false);
    expect(json.has('aws_s3_bucket.assets')).toBe(false);
  });

  it('points each component at its address in the JSON', () => {
    const r = faultline(['simulate', 'fixtures/terraform/web-app/plan.json', '--fail', 'aws_db_instance.orders']);
    const m = /aws_db_instance\.orders {2}fixtures\/terraform\/web-app\/plan\.json:(\d+):(\d+)/.exec(r.stdout)!;
    expect(lineOf('fixtures/terraform/web-app/plan.json', Number(m[1]))).toBe('          "address": "aws_db_instance.orders",');
  });

  it('a state: us-west-2a takes the single-instance broker, and through the launch template the group; cache and Aurora keep replicas', () => {
    const r = faultline(['simulate', 'fixtures/terraform/asg/state.json', '--fail', 'us-west-2a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('aws_elasticache_replication_group.sessions lost us-west-2a: 2 replicas left, needs 1');
    expect(r.stdout).toContain('module.data.aws_rds_cluster.main lost us-west-2a: 1 replica left, needs 1');
    expect(r.stdout).toContain('aws_lb.tickets needs module.web.aws_autoscaling_group.web → module.web.aws_autoscaling_group.web needs aws_mq_broker.events');
    expect(r.stderr).toMatch(/^fixtures\/terraform\/asg\/state\.json:\d+:22: warning: aws_mq_broker is not in faultline's mapping table/);
  });

  it('a serverless plan: provider aliases place the EU function in eu-west-1; a us-east-1 failure spares it', () => {
    const json = statuses(faultline(['simulate', 'fixtures/terraform/serverless/plan.json', '--fail', 'us-east-1', '--format', 'json']).stdout);
    expect(json.get('aws_lambda_function.api')).toBe('down');
    expect(json.has('aws_lambda_function.api_eu')).toBe(false);
    expect(json.has('aws_dynamodb_table.orders_eu')).toBe(false);
  });
});

describe('faultline lint on a Terraform plan', () => {
  it('lands SARIF results on the JSON lines of the resources', () => {
    const r = faultline(['lint', 'fixtures/terraform/web-app', '--format', 'sarif']);
    expect(r.code).toBe(1);
    const results = (
      JSON.parse(r.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }
    ).runs[0]!.results;
    const orders = results.find(
      (x) =>
        x.ruleId === 'single-point-of-failure' &&
        lineOf('fixtures/terraform/web-app/plan.json', x.locations[0]!.physicalLocation.region.startLine).includes('aws_db_instance.orders'),
    );
    expect(orders?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('fixtures/terraform/web-app/plan.json');
  });
});

describe('faultline diff plan.json: the pull-request gate', () => {
  it('exits 1 on a plan that turns multi_az off under a critical journey, and names the database', () => {
    const r = faultline(['diff', 'fixtures/terraform/web-app/plan.json', 'fixtures/terraform/web-app/journeys.yaml']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'faultline diff shop: fixtures/terraform/web-app/plan.json (prior state) → fixtures/terraform/web-app/plan.json (planned)',
      '✖ This change adds 2 SPOFs for a critical component and 2 error findings',
    ]);
    expect(r.stdout).toContain('✖ checkout gains a new SPOF: aws_db_instance.orders (via aws_route53_record.www → aws_lb.web → aws_instance.app)');
    expect(r.stdout).toContain('✖ checkout gains a new SPOF: us-east-1a (via aws_route53_record.www → aws_lb.web → aws_instance.app → aws_db_instance.orders)');
    expect(r.stdout).toContain('- aws_db_instance.orders in us-east-1b');
  });

  it('writes the markdown verdict for a PR comment', () => {
    const r = faultline(['diff', 'fixtures/terraform/web-app/plan.json', 'fixtures/terraform/web-app/journeys.yaml', '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('This change adds 2 SPOFs for a critical component');
    expect(r.stdout).toContain('aws_db_instance.orders');
  });

  it('a plan that changes nothing that matters exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    const text = readFileSync(join(ROOT, 'fixtures/terraform/web-app/plan.json'), 'utf8');
    // The same plan with orders staying multi-AZ.
    const planned = text.indexOf('"resource_changes"');
    const kept = text.slice(0, planned).replace(/"multi_az": false/g, '"multi_az": true') + text.slice(planned);
    writeFileSync(join(dir, 'plan.json'), kept);
    const r = faultline(['diff', join(dir, 'plan.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔');
  });

  it('two paths that are not a plan keep the base/head form', () => {
    const r = faultline(['diff', 'fixtures/terraform/asg/state.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/diff needs a base and a head, got 1 path/);
  });
});

describe('directories, strangers and import', () => {
  it('a directory walk reads Terraform JSON and passes other JSON over in silence', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    copyFileSync(join(ROOT, 'fixtures/terraform/asg/state.json'), join(dir, 'state.json'));
    writeFileSync(join(dir, 'package.json'), '{ "name": "infra", "version": "1.0.0" }\n');
    writeFileSync(join(dir, 'terraform.tfstate.backup.json'), '{\n  "version": 4,\n  "terraform_version": "1.9.8",\n  "serial": 3,\n  "lineage": "x",\n  "resources": []\n}\n');
    const r = faultline(['spof', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('package.json');
    expect(r.stderr).toMatch(/terraform\.tfstate\.backup\.json:2:3: warning: skipped: a raw Terraform state file/);
  });

  it('a raw state file named is one error line with the command to run (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    writeFileSync(join(dir, 'terraform.tfstate'), '{\n  "version": 4,\n  "terraform_version": "1.9.8",\n  "serial": 3,\n  "lineage": "x",\n  "resources": []\n}\n');
    const r = faultline(['lint', 'terraform.tfstate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'terraform.tfstate:2:3: error: a raw Terraform state file: faultline reads the JSON that terraform show -json prints (run "terraform show -json > state.json" (or "terraform show -json plan.out > plan.json" for a plan) and pass that file)',
    );
  });

  it('rows in faultline.config.yaml beside the JSON extend the mapping table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    copyFileSync(join(ROOT, 'fixtures/terraform/asg/state.json'), join(dir, 'state.json'));
    writeFileSync(join(dir, 'faultline.config.yaml'), 'terraform:\n  resources:\n    aws_mq_broker: { kind: queue }\n');
    const r = faultline(['simulate', 'state.json', '--fail', 'aws_mq_broker.events', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('import terraform writes a manifest that simulates the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    const out = join(dir, 'faultline.yaml');
    const r = faultline(['import', 'terraform', 'fixtures/terraform/web-app', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/faultline: wrote .*faultline\.yaml: 13 components, 7 from Terraform resources/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# aws_db_instance (fixtures/terraform/web-app/plan.json:263): single-AZ (multi_az: false)');
    const a = statuses(faultline(['simulate', out, '--fail', 'us-east-1a', '--format', 'json']).stdout);
    const b = statuses(faultline(['simulate', 'fixtures/terraform/web-app', '--fail', 'us-east-1a', '--format', 'json']).stdout);
    expect(a).toEqual(b);
  });
});

describe('the state fixture without the broker', () => {
  it('keeps the group up with 4 of its 6 instances when us-west-2a fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-'));
    copyFileSync(join(ROOT, 'fixtures/terraform/asg/state.json'), join(dir, 'state.json'));
    // The broker as a multi-AZ pair (what deployment_mode ACTIVE_STANDBY_MULTI_AZ is), said in the config.
    writeFileSync(join(dir, 'faultline.config.yaml'), 'terraform:\n  resources:\n    aws_mq_broker: { kind: queue, placement: nodes }\n');
    const text = readFileSync(join(dir, 'state.json'), 'utf8').replace(
      /"subnet_ids": \[\s*"subnet-0pri0a9f8e7d6c5b4a"\s*\]/,
      '"subnet_ids": ["subnet-0pri0a9f8e7d6c5b4a", "subnet-0pri1b9f8e7d6c5b4a"]',
    );
    writeFileSync(join(dir, 'state.json'), text);
    const r = faultline(['simulate', 'state.json', '--fail', 'us-west-2a'], { cwd: dir });
    expect(r.stdout).toContain('module.web.aws_autoscaling_group.web lost us-west-2a: 4 replicas left, needs 1');
    expect(r.stdout.split('\n')[0]).toBe('If us-west-2a fails: 1 down, 0 degraded — impact 0');
  });
});

describe('docs/terraform.md', () => {
  it('states a default for every row of the built-in mapping table', () => {
    const doc = readFileSync(join(ROOT, 'docs/terraform.md'), 'utf8');
    const missing = [...AWS_RESOURCES.keys()].filter((type) => !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });
});

describe('faultline diff --git on a committed state', () => {
  function git(cwd: string, ...args: string[]): void {
    const r = spawnSync(
      'git',
      ['-c', 'user.name=faultline test', '-c', 'user.email=test@faultline.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  }

  it('reads Terraform JSON (and only it) from a directory at the ref, as on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-tf-git-'));
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'arch'));
    const state = readFileSync(join(ROOT, 'fixtures/terraform/asg/state.json'), 'utf8');
    // The base: the broker in two subnets (two zones); the head: in one.
    writeFileSync(
      join(dir, 'arch/state.json'),
      state.replace(/"subnet_ids": \[\s*"subnet-0pri0a9f8e7d6c5b4a"\s*\]/, '"subnet_ids": ["subnet-0pri0a9f8e7d6c5b4a", "subnet-0pri1b9f8e7d6c5b4a"]'),
    );
    writeFileSync(join(dir, 'arch/package.json'), '{ "name": "arch" }\n');
    writeFileSync(join(dir, 'faultline.config.yaml'), 'terraform:\n  resources:\n    aws_mq_broker: { kind: queue, placement: nodes }\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFileSync(join(dir, 'arch/state.json'), state);
    const r = faultline(['diff', '--git', 'main', 'arch'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('gains a new SPOF: us-west-2a (via');
  });
});
