import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests, type LoadOptions } from '../load/loader.js';
import { parseLintConfig } from '../lint/config.js';
import type { Model } from '../model.js';
import { simulate } from '../engine/simulate.js';
import { compile } from '../engine/compile.js';
import { isDataAddress, regionOfZone } from './reader.js';
import { baseAddress } from './document.js';
import { isTerraformPlanText, looksLikeTerraformJson } from './sniff.js';
import { importTerraform } from './import.js';
import { subnets, tfPlan, tfState, type TfPlanSpec } from './terraform.test-support.js';

function load(text: string, options: LoadOptions = {}, extra: { path: string; text: string }[] = []) {
  return loadManifests([{ path: 'plan.json', text }, ...extra], options);
}

function modelOfPlan(spec: TfPlanSpec, options: LoadOptions = {}): Model {
  const r = load(tfPlan(spec), options);
  if (!r.model) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.model;
}

const placements = (m: Model, id: string): Record<string, number> => Object.fromEntries(m.components.get(id)!.placements.map((p) => [p.domain, p.replicas]));
const edges = (m: Model, id: string): string[] =>
  m.components
    .get(id)!
    .dependsOn.map((d) => (d.type === 'edge' ? `${d.target}${d.mode !== 'hard' ? `:${d.mode}` : ''}${d.phase ? `:${d.phase}` : ''}` : `anyOf[${d.anyOf.join(',')}]`));
const warnings = (text: string, options: LoadOptions = {}): string[] => load(text, options).warnings.map(formatDiagnostic);
const down = (m: Model, fault: string): string[] =>
  simulate(compile(m), [{ target: fault }])
    .nodes.filter((n) => n.status === 'down')
    .map((n) => n.id)
    .sort();

describe('recognising Terraform JSON', () => {
  it('reads a plan and a state by their content, and sniffs them from their first bytes', () => {
    const plan = tfPlan({ planned: [{ address: 'aws_s3_bucket.a', values: { bucket: 'a' } }] });
    const state = tfState([{ address: 'aws_s3_bucket.a', values: { bucket: 'a', arn: 'arn:aws:s3:::a', region: 'eu-west-1' } }]);
    expect(load(plan).model?.components.has('aws_s3_bucket.a')).toBe(true);
    expect(placements(load(state).model!, 'aws_s3_bucket.a')).toEqual({ 'eu-west-1': 1 });
    expect(looksLikeTerraformJson(plan)).toBe(true);
    expect(looksLikeTerraformJson('{ "name": "pkg", "version": "1.0.0" }')).toBe(false);
    expect(isTerraformPlanText(plan)).toBe(true);
    expect(isTerraformPlanText(state)).toBe(false);
  });

  it('refuses a raw state file when named, with the command that makes the JSON, and skips it with a warning when found', () => {
    const raw = JSON.stringify({ version: 4, terraform_version: '1.9.8', serial: 12, lineage: 'a1b2', outputs: {}, resources: [] }, null, 2);
    const named = loadManifests([{ path: 'terraform.tfstate', text: raw }]);
    expect(named.diagnostics.map(formatDiagnostic)[0]).toMatch(
      /^terraform\.tfstate:2:3: error: a raw Terraform state file: faultline reads the JSON that terraform show -json prints \(run "terraform show -json > state\.json"/,
    );
    const found = loadManifests([
      { path: 'infra/terraform.tfstate.json', text: raw, found: true },
      { path: 'm.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' },
    ]);
    expect(found.model).toBeDefined();
    expect(found.warnings.map(formatDiagnostic)[0]).toMatch(/^infra\/terraform\.tfstate\.json:2:3: warning: skipped: a raw Terraform state file/);
  });

  it('JSON that is not Terraform stays the loader error when named', () => {
    const r = loadManifests([{ path: 'package.json', text: '{ "name": "x" }' }]);
    expect(r.diagnostics.map(formatDiagnostic)[0]).toMatch(/^package\.json:1:1: error: missing apiVersion/);
  });

  it('an empty plan is a warning, then nothing to analyse', () => {
    const r = load(tfPlan({ planned: [] }));
    expect(r.warnings.map(formatDiagnostic)[0]).toMatch(/warning: no resource in this Terraform plan's planned_values/);
    expect(r.diagnostics[0]?.code).toBe('no-components');
  });

  it('a newer format_version and an errored plan are read with a warning', () => {
    const text = tfPlan({ planned: [{ address: 'aws_s3_bucket.a', values: {} }] })
      .replace('"format_version": "1.2"', '"format_version": "2.0"')
      .replace('"terraform_version"', '"errored": true,\n  "terraform_version"');
    const w = warnings(text);
    expect(w.some((x) => /format_version 2\.0: faultline reads format 1\.x/.test(x))).toBe(true);
    expect(w.some((x) => /the plan errored/.test(x))).toBe(true);
  });
});

describe('addresses', () => {
  it('drops instance keys, quoted for_each keys included, and tells data sources', () => {
    expect(baseAddress('module.app[0].aws_instance.web["a]b"]')).toBe('module.app.aws_instance.web');
    expect(baseAddress('aws_instance.web[3]')).toBe('aws_instance.web');
    expect(isDataAddress('module.a.data.aws_ami.x')).toBe(true);
    expect(isDataAddress('module.data.aws_rds_cluster.main')).toBe(false);
    expect(regionOfZone('us-east-1a')).toBe('us-east-1');
    expect(regionOfZone('us-east-1-bos-1a')).toBe('us-east-1');
    expect(regionOfZone('us-gov-west-1b')).toBe('us-gov-west-1');
  });
});

describe('placements', () => {
  it('count instances of one resource are one component with a replica in each zone; domains named as AWS names them', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'aws_instance.app[0]', values: { availability_zone: 'us-east-1a' } },
        { address: 'aws_instance.app[1]', values: { availability_zone: 'us-east-1b' } },
        { address: 'aws_instance.app[2]', values: { availability_zone: 'us-east-1b' } },
      ],
    });
    expect(placements(m, 'aws_instance.app')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 2 });
    expect(m.components.get('us-east-1a')).toMatchObject({ kind: 'zone', placements: [{ domain: 'us-east-1' }] });
    expect(m.components.get('us-east-1')).toMatchObject({ kind: 'region', placements: [{ domain: 'aws' }] });
    expect(m.components.get('aws')?.kind).toBe('provider');
    expect(m.components.get('aws_instance.app')?.description).toBe('Terraform aws_instance (3 instances)');
  });

  it('for_each keys too, and a component points at its first instance address in the JSON', () => {
    const text = tfPlan({
      planned: [
        { address: 'aws_instance.web["blue"]', values: { availability_zone: 'eu-west-1a' } },
        { address: 'aws_instance.web["green"]', values: { availability_zone: 'eu-west-1b' } },
      ],
    });
    const m = load(text).model!;
    const c = m.components.get('aws_instance.web')!;
    expect(placements(m, 'aws_instance.web')).toEqual({ 'eu-west-1a': 1, 'eu-west-1b': 1 });
    expect(text.split('\n')[c.at.line - 1]).toContain('"address": "aws_instance.web[\\"blue\\"]"');
  });

  it('a subnet_id places an instance in the subnet zone, by value or (unknown until apply) by the reference and count.index', () => {
    const m = modelOfPlan({
      planned: [
        ...subnets(),
        { address: 'aws_instance.a', values: { subnet_id: 'subnet-1b' } },
        { address: 'aws_instance.b[0]', values: {}, unknown: ['subnet_id'] },
        { address: 'aws_instance.b[1]', values: {}, unknown: ['subnet_id'] },
        { address: 'aws_instance.c', values: {}, unknown: ['subnet_id'] },
      ],
      config: {
        'aws_instance.b': { expressions: { subnet_id: { references: ['aws_subnet.private', 'count.index'] } } },
        'aws_instance.c': { expressions: { subnet_id: { references: ['aws_subnet.private[0].id', 'aws_subnet.private[0]', 'aws_subnet.private'] } } },
      },
    });
    expect(placements(m, 'aws_instance.a')).toEqual({ 'us-east-1b': 1 });
    expect(placements(m, 'aws_instance.b')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(placements(m, 'aws_instance.c')).toEqual({ 'us-east-1a': 1 });
  });

  it('never makes a zone up: an unknown zone is the region, with one warning naming the resources', () => {
    const text = tfPlan({
      planned: [
        ...subnets(),
        { address: 'aws_instance.x', values: {}, unknown: ['subnet_id', 'availability_zone'] },
        { address: 'aws_instance.y', values: { availability_zone: 'us-east-1a' } },
      ],
      config: { 'aws_instance.x': { expressions: { subnet_id: { references: ['aws_subnet.private'] } } } },
    });
    const r = load(text);
    expect(placements(r.model!, 'aws_instance.x')).toEqual({ 'us-east-1': 1 });
    expect(r.warnings.map(formatDiagnostic)).toContainEqual(
      expect.stringMatching(/warning: no availability zone is known for 1 resource \(aws_instance\.x\): placed in their region, so a zone failure does not reach them here/),
    );
    expect(down(r.model!, 'us-east-1a')).toEqual(['aws_instance.y', 'us-east-1a']);
  });

  it('the region comes from the provider configuration, aliases and variables included', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'aws_s3_bucket.home', values: {} },
        { address: 'aws_s3_bucket.eu', values: {} },
        { address: 'aws_s3_bucket.west', values: {} },
      ],
      providers: { aws: { region: 'us-east-1' }, 'aws.eu': { alias: 'eu', region: { references: ['var.eu_region'] } }, 'aws.west': { alias: 'west', region: 'us-west-2' } },
      variables: { eu_region: 'eu-central-1' },
      config: { 'aws_s3_bucket.home': {}, 'aws_s3_bucket.eu': { provider: 'aws.eu' }, 'aws_s3_bucket.west': { provider: 'aws.west' } },
    });
    expect(placements(m, 'aws_s3_bucket.home')).toEqual({ 'us-east-1': 1 });
    expect(placements(m, 'aws_s3_bucket.eu')).toEqual({ 'eu-central-1': 1 });
    expect(placements(m, 'aws_s3_bucket.west')).toEqual({ 'us-west-2': 1 });
    expect(m.components.get('aws_s3_bucket.home')).toMatchObject({ kind: 'storage', scope: 'regional' });
  });

  it('an Auto Scaling group spreads desired_capacity over the zones of its subnets', () => {
    const m = modelOfPlan({
      planned: [
        ...subnets('aws_subnet.p', ['us-west-2a', 'us-west-2b', 'us-west-2c']),
        { address: 'aws_autoscaling_group.web', values: { desired_capacity: 7, min_size: 3, vpc_zone_identifier: ['subnet-0a', 'subnet-1b', 'subnet-2c'] } },
      ],
    });
    expect(placements(m, 'aws_autoscaling_group.web')).toEqual({ 'us-west-2a': 3, 'us-west-2b': 2, 'us-west-2c': 2 });
    expect(down(m, 'us-west-2a')).toEqual(['us-west-2a']);
  });

  it('aws_db_instance: multi_az has a standby in the other zone of its subnet group (minHealthy 1), single-AZ does not', () => {
    const group = { address: 'aws_db_subnet_group.db', values: { name: 'db', subnet_ids: ['subnet-0a', 'subnet-1b'] } };
    const spec = (multi: boolean): TfPlanSpec => ({
      planned: [...subnets(), group, { address: 'aws_db_instance.orders', values: { availability_zone: 'us-east-1a', multi_az: multi, db_subnet_group_name: 'db' } }],
    });
    const multi = modelOfPlan(spec(true));
    expect(placements(multi, 'aws_db_instance.orders')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(multi.components.get('aws_db_instance.orders')?.minHealthy).toBe(1);
    expect(down(multi, 'us-east-1a')).toEqual(['us-east-1a']);
    const single = modelOfPlan(spec(false));
    expect(placements(single, 'aws_db_instance.orders')).toEqual({ 'us-east-1a': 1 });
    expect(down(single, 'us-east-1a')).toEqual(['aws_db_instance.orders', 'us-east-1a']);
  });

  it('a multi-AZ database whose standby zone cannot be told keeps its standby in the region, not in a made-up zone', () => {
    const m = modelOfPlan({ planned: [{ address: 'aws_db_instance.x', values: { availability_zone: 'us-east-1a', multi_az: true } }] });
    expect(placements(m, 'aws_db_instance.x')).toEqual({ 'us-east-1a': 1, 'us-east-1': 1 });
  });

  it('an Aurora cluster is placed where its instances are, one replica each', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'aws_rds_cluster.main', values: { cluster_identifier: 'main', availability_zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] } },
        { address: 'aws_rds_cluster_instance.main[0]', values: { cluster_identifier: 'main', availability_zone: 'us-east-1a' } },
        { address: 'aws_rds_cluster_instance.main[1]', values: { cluster_identifier: 'main', availability_zone: 'us-east-1c' } },
      ],
    });
    expect(placements(m, 'aws_rds_cluster.main')).toEqual({ 'us-east-1a': 1, 'us-east-1c': 1 });
    expect(m.components.has('aws_rds_cluster_instance.main')).toBe(false);
  });

  it('an Aurora cluster with no instance is placed in its region with a warning', () => {
    const w = warnings(tfPlan({ planned: [{ address: 'aws_rds_cluster.lonely', values: { cluster_identifier: 'lonely' } }] }));
    expect(w).toContainEqual(expect.stringMatching(/warning: aws_rds_cluster\.lonely has no cluster instance in this plan/));
  });

  it('ElastiCache: with automatic failover over its zones; without, the primary zone alone', () => {
    const m = modelOfPlan({
      planned: [
        {
          address: 'aws_elasticache_replication_group.ha',
          values: { automatic_failover_enabled: true, num_cache_clusters: 2, preferred_cache_cluster_azs: ['us-east-1a', 'us-east-1b'] },
        },
        {
          address: 'aws_elasticache_replication_group.solo',
          values: { automatic_failover_enabled: false, num_cache_clusters: 2, preferred_cache_cluster_azs: ['us-east-1b', 'us-east-1a'] },
        },
      ],
    });
    expect(placements(m, 'aws_elasticache_replication_group.ha')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(placements(m, 'aws_elasticache_replication_group.solo')).toEqual({ 'us-east-1b': 1 });
  });

  it('a load balancer has a node in each zone of its subnets; Lambda is region-wide unless in a VPC; Route 53 is global', () => {
    const m = modelOfPlan({
      planned: [
        ...subnets(),
        { address: 'aws_lb.web', values: { subnets: ['subnet-0a', 'subnet-1b'] } },
        { address: 'aws_lambda_function.api', values: { function_name: 'api' } },
        { address: 'aws_lambda_function.vpc', values: { function_name: 'vpc', vpc_config: [{ subnet_ids: ['subnet-0a', 'subnet-1b'] }] } },
        { address: 'aws_route53_record.www', values: { name: 'www' } },
      ],
    });
    expect(placements(m, 'aws_lb.web')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(placements(m, 'aws_lambda_function.api')).toEqual({ 'us-east-1': 1 });
    expect(placements(m, 'aws_lambda_function.vpc')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(m.components.get('aws_route53_record.www')).toMatchObject({ kind: 'dns', scope: 'global', placements: [] });
  });
});

describe('dependencies', () => {
  const web: TfPlanSpec = {
    planned: [
      ...subnets(),
      { address: 'aws_db_instance.orders', values: { availability_zone: 'us-east-1a', multi_az: false } },
      { address: 'aws_instance.app[0]', values: { subnet_id: 'subnet-0a' } },
      { address: 'aws_instance.app[1]', values: { subnet_id: 'subnet-1b' } },
      { address: 'aws_iam_instance_profile.app', values: { name: 'app' } },
      { address: 'aws_lb.web', values: { subnets: ['subnet-0a', 'subnet-1b'] } },
      { address: 'aws_lb_target_group.app', values: {} },
      { address: 'aws_lb_listener.http', values: {} },
      { address: 'aws_lb_target_group_attachment.app[0]', values: {} },
      { address: 'aws_lb_target_group_attachment.app[1]', values: {} },
      { address: 'aws_security_group.app', values: {} },
    ],
    config: {
      'aws_instance.app': {
        expressions: {
          user_data: { references: ['aws_db_instance.orders.address', 'aws_db_instance.orders'] },
          subnet_id: { references: ['aws_subnet.private', 'count.index'] },
          vpc_security_group_ids: { references: ['aws_security_group.app.id', 'aws_security_group.app'] },
          iam_instance_profile: { references: ['aws_iam_instance_profile.app.name', 'aws_iam_instance_profile.app'] },
        },
      },
      'aws_lb.web': { expressions: { subnets: { references: ['aws_subnet.private'] } } },
      'aws_lb_listener.http': {
        expressions: {
          load_balancer_arn: { references: ['aws_lb.web.arn', 'aws_lb.web'] },
          default_action: [{ target_group_arn: { references: ['aws_lb_target_group.app.arn', 'aws_lb_target_group.app'] } }],
        },
      },
      'aws_lb_target_group_attachment.app': {
        expressions: {
          target_group_arn: { references: ['aws_lb_target_group.app.arn', 'aws_lb_target_group.app'] },
          target_id: { references: ['aws_instance.app', 'count.index'] },
        },
      },
    },
  };

  it('a reference to a component is a hard edge; subnets and security groups place, IAM is a start-up edge to aws-iam in us-east-1', () => {
    const m = modelOfPlan(web);
    expect(edges(m, 'aws_instance.app')).toEqual(['aws_db_instance.orders', 'aws-iam:startup']);
    expect(m.components.get('aws-iam')).toMatchObject({ kind: 'auth', plane: 'control', critical: false, placements: [{ domain: 'us-east-1' }] });
  });

  it('the load balancer needs what its listener forwards to: the target group attachments’ instances', () => {
    const m = modelOfPlan(web);
    expect(edges(m, 'aws_lb.web')).toEqual(['aws_instance.app']);
    expect(down(m, 'us-east-1a')).toEqual(['aws_db_instance.orders', 'aws_instance.app', 'aws_lb.web', 'us-east-1a']);
    expect(down(m, 'us-east-1b')).toEqual(['us-east-1b']);
  });

  it('an edge points at the referencing attribute in the configuration', () => {
    const text = tfPlan(web);
    const m = load(text).model!;
    const edge = m.components.get('aws_instance.app')!.dependsOn[0]!;
    expect(text.split('\n')[edge.at.line - 1]).toContain('"user_data"');
  });

  it('references follow module outputs and variables: modules are flattened with their addresses', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'module.db.aws_db_instance.main', values: { availability_zone: 'us-east-1a' } },
        { address: 'module.app.aws_instance.web', values: { availability_zone: 'us-east-1b' } },
      ],
      config: {
        'module.db.aws_db_instance.main': {},
        'module.app.aws_instance.web': { expressions: { user_data: { references: ['var.db_address'] } } },
      },
      modules: {
        db: { outputs: { address: ['aws_db_instance.main.address', 'aws_db_instance.main'] } },
        app: { expressions: { db_address: { references: ['module.db.address', 'module.db'] } } },
      },
    });
    expect(edges(m, 'module.app.aws_instance.web')).toEqual(['module.db.aws_db_instance.main']);
  });

  it('a Lambda consumes from its event source (async), and a launch template passes its references to the group', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'aws_lambda_function.worker', values: {} },
        { address: 'aws_sqs_queue.jobs', values: {} },
        { address: 'aws_lambda_event_source_mapping.jobs', values: {} },
        { address: 'aws_dynamodb_table.t', values: {} },
        { address: 'aws_launch_template.web', values: {} },
        { address: 'aws_autoscaling_group.web', values: { desired_capacity: 2, availability_zones: ['us-east-1a', 'us-east-1b'] } },
      ],
      config: {
        'aws_lambda_event_source_mapping.jobs': {
          expressions: { event_source_arn: { references: ['aws_sqs_queue.jobs.arn', 'aws_sqs_queue.jobs'] }, function_name: { references: ['aws_lambda_function.worker'] } },
        },
        'aws_launch_template.web': { expressions: { user_data: { references: ['aws_dynamodb_table.t.name', 'aws_dynamodb_table.t'] } } },
        'aws_autoscaling_group.web': { expressions: { launch_template: [{ id: { references: ['aws_launch_template.web.id', 'aws_launch_template.web'] } }] } },
      },
    });
    expect(edges(m, 'aws_lambda_function.worker')).toEqual(['aws_sqs_queue.jobs:async']);
    expect(edges(m, 'aws_autoscaling_group.web')).toEqual(['aws_dynamodb_table.t']);
    expect(placements(m, 'aws_autoscaling_group.web')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
  });

  it('a state has no configuration: depends_on gives the edges, through modules and folded resources', () => {
    const text = tfState([
      { address: 'module.data.aws_rds_cluster.main', values: { cluster_identifier: 'c' } },
      {
        address: 'module.data.aws_rds_cluster_instance.main[0]',
        values: { cluster_identifier: 'c', availability_zone: 'us-west-2a' },
        dependsOn: ['module.data.aws_rds_cluster.main'],
      },
      { address: 'module.web.aws_launch_template.web', values: {}, dependsOn: ['module.data.aws_rds_cluster.main', 'module.data.data.aws_ami.x'] },
      {
        address: 'module.web.aws_autoscaling_group.web',
        values: { desired_capacity: 2, availability_zones: ['us-west-2a', 'us-west-2b'] },
        dependsOn: ['module.web.aws_launch_template.web', 'aws_lb_target_group.web'],
      },
      { address: 'aws_lb_target_group.web', values: {} },
      { address: 'aws_lb.web', values: { availability_zones: ['us-west-2a', 'us-west-2b'] } },
      { address: 'aws_lb_listener.https', values: {}, dependsOn: ['aws_lb.web', 'aws_lb_target_group.web'] },
    ]);
    const m = loadManifests([{ path: 'state.json', text }]).model!;
    expect(edges(m, 'module.web.aws_autoscaling_group.web')).toEqual(['module.data.aws_rds_cluster.main']);
    expect(edges(m, 'aws_lb.web')).toEqual(['module.web.aws_autoscaling_group.web']);
    expect(placements(m, 'module.data.aws_rds_cluster.main')).toEqual({ 'us-west-2a': 1 });
  });

  it('a plan’s prior side reads the prior state with its depends_on (the base of faultline diff plan.json)', () => {
    const before = { address: 'aws_db_instance.db', values: { availability_zone: 'us-east-1a', multi_az: true } };
    const text = tfPlan({
      planned: [
        { address: 'aws_db_instance.db', values: { availability_zone: 'us-east-1a', multi_az: false } },
        { address: 'aws_instance.app', values: { availability_zone: 'us-east-1b' } },
      ],
      prior: [before, { address: 'aws_instance.app', values: { availability_zone: 'us-east-1b' }, dependsOn: ['aws_db_instance.db'] }],
      config: { 'aws_instance.app': { expressions: { user_data: { references: ['aws_db_instance.db.address', 'aws_db_instance.db'] } } } },
    });
    const prior = load(text, { terraform: { side: 'prior' } }).model!;
    const planned = load(text).model!;
    expect(placements(prior, 'aws_db_instance.db')).toEqual({ 'us-east-1a': 1, 'us-east-1': 1 });
    expect(placements(planned, 'aws_db_instance.db')).toEqual({ 'us-east-1a': 1 });
    expect(edges(prior, 'aws_instance.app')).toEqual(['aws_db_instance.db']);
    expect(edges(planned, 'aws_instance.app')).toEqual(['aws_db_instance.db']);
    expect(prior.components.get('aws_db_instance.db')!.at.line).toBeGreaterThan(planned.components.get('aws_db_instance.db')!.at.line);
  });
});

describe('types outside the table, tags, config rows and manifests beside', () => {
  it('an unknown AWS type is kept as a component, with one warning per type; other providers too; utility providers are skipped', () => {
    const text = tfPlan({
      planned: [
        { address: 'aws_mq_broker.a', values: { subnet_ids: ['subnet-0a'] } },
        { address: 'aws_mq_broker.b', values: {} },
        ...subnets(),
        { address: 'google_sql_database_instance.db', values: { region: 'europe-west1' }, provider: 'registry.terraform.io/hashicorp/google' },
        { address: 'random_id.suffix', values: { byte_length: 4 }, provider: 'registry.terraform.io/hashicorp/random' },
      ],
    });
    const r = load(text);
    const w = r.warnings.map(formatDiagnostic);
    expect(w.filter((x) => x.includes('aws_mq_broker is not in faultline'))).toHaveLength(1);
    expect(w[0]).toMatch(/^plan\.json:\d+:\d+: warning: aws_mq_broker is not in faultline's mapping table: 2 resources of it kept as components of kind "unknown"/);
    expect(w).toContainEqual(expect.stringMatching(/google_sql_database_instance: faultline maps AWS resources only/));
    expect(placements(r.model!, 'aws_mq_broker.a')).toEqual({ 'us-east-1a': 1 });
    expect(r.model!.components.get('google_sql_database_instance.db')).toMatchObject({ kind: 'unknown', placements: [] });
    expect(r.model!.components.has('random_id.suffix')).toBe(false);
  });

  it('faultline.dev/ tags on a resource say what Terraform cannot, as annotations do', () => {
    const m = modelOfPlan({
      planned: [
        { address: 'aws_instance.pay', values: { availability_zone: 'us-east-1a', tags: { Name: 'pay', 'faultline.dev/critical': 'true', 'faultline.dev/kind': 'payments' } } },
      ],
    });
    expect(m.components.get('aws_instance.pay')).toMatchObject({ critical: true, kind: 'payments' });
  });

  it('faultline.config.yaml rows add types and change fields of built-in rows, validated at their lines', () => {
    const config = parseLintConfig('terraform:\n  resources:\n    aws_mq_broker: { kind: queue, placement: nodes }\n    aws_iam_role: { edge: hard }\n', 'faultline.config.yaml');
    const mapping = config.config!.terraform!;
    const text = tfPlan({
      planned: [
        ...subnets(),
        { address: 'aws_mq_broker.a', values: { subnet_ids: ['subnet-0a', 'subnet-1b'] } },
        { address: 'aws_lambda_function.f', values: {} },
        { address: 'aws_iam_role.r', values: {} },
      ],
      config: { 'aws_lambda_function.f': { expressions: { role: { references: ['aws_iam_role.r.arn', 'aws_iam_role.r'] } } } },
    });
    const r = load(text, { terraform: { mapping } });
    expect(r.warnings).toEqual([]);
    expect(r.model!.components.get('aws_mq_broker.a')?.kind).toBe('queue');
    expect(placements(r.model!, 'aws_mq_broker.a')).toEqual({ 'us-east-1a': 1, 'us-east-1b': 1 });
    expect(edges(r.model!, 'aws_lambda_function.f')).toEqual(['aws-iam']);
    const bad = parseLintConfig('terraform:\n  resources:\n    aws_mq_broker: { kind: queue, placment: nodes }\n    Bad-Type: { kind: x }\n  resorces: {}\n', 'c.yaml');
    expect(bad.diagnostics.map(formatDiagnostic)).toEqual([
      'c.yaml:3:35: error: unknown field "placment" in terraform.resources.aws_mq_broker (did you mean "placement"?)',
      'c.yaml:4:5: error: "Bad-Type" is not a Terraform resource type (a type is lowercase letters, digits and "_", e.g. aws_mq_broker)',
      'c.yaml:5:3: error: unknown field "resorces" in terraform (did you mean "resources"?)',
    ]);
  });

  it('a manifest beside the plan adds journeys, and its regions replace the ones Terraform would create', () => {
    const text = tfPlan({ planned: [{ address: 'aws_instance.a', values: { availability_zone: 'us-east-1a' } }] });
    const r = load(text, {}, [
      {
        path: 'journeys.yaml',
        text: 'apiVersion: faultline/v1\ncomponents:\n  us-east-1: { kind: region }\n  buy: { kind: journey, critical: true, dependsOn: [aws_instance.a] }\n',
      },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.model!.components.get('us-east-1')!.at.file).toBe('journeys.yaml');
    expect(down(r.model!, 'us-east-1a')).toEqual(['aws_instance.a', 'buy', 'us-east-1a']);
  });

  it('import terraform writes a manifest that loads to the same components, with a TODO where no zone is known', () => {
    const text = tfPlan({
      planned: [
        { address: 'aws_instance.a', values: { availability_zone: 'us-east-1a' } },
        { address: 'aws_instance.b', values: {} },
      ],
    });
    const result = importTerraform([{ path: 'plan.json', text }]);
    expect(result.unzoned).toEqual(['aws_instance.b']);
    expect(result.text).toContain('# TODO: in:');
    const again = loadManifests([{ path: 'faultline.yaml', text: result.text! }]).model!;
    const first = load(text).model!;
    expect([...again.components.keys()].sort()).toEqual([...first.components.keys()].sort());
  });
});

describe('hostile and malformed Terraform JSON', () => {
  it('odd shapes are read as far as they go, never a crash, never a made-up place', () => {
    const odd = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: {
        root_module: {
          resources: [
            { address: 5 },
            { type: 'aws_instance' },
            'x',
            { address: 'aws_instance.a', type: 'aws_instance', values: [1, 2] },
            { address: 'aws_instance.b', type: 'aws_instance', values: { availability_zone: '__proto__', region: 'constructor x' } },
            { address: 'aws_instance.c', type: 'aws_instance', values: { availability_zone: 'us-east-1a' }, depends_on: [7, 'aws_instance.c', 'aws_instance.a'] },
          ],
          child_modules: 'no',
        },
      },
      configuration: { provider_config: [], root_module: { resources: { not: 'a list' }, module_calls: { m: 'x', n: { module: { resources: [{ address: 1 }] } } } } },
    });
    const r = load(odd);
    expect(r.diagnostics).toEqual([]);
    expect([...r.model!.components.keys()].sort()).toEqual(['aws', 'aws_instance.a', 'aws_instance.b', 'aws_instance.c', 'us-east-1', 'us-east-1a']);
    expect(placements(r.model!, 'aws_instance.b')).toEqual({});
    expect(edges(r.model!, 'aws_instance.c')).toEqual(['aws_instance.a']);
  });

  it('a module output that names itself ends, and references many levels deep are cut', () => {
    const m = modelOfPlan({
      planned: [{ address: 'aws_instance.a', values: { availability_zone: 'us-east-1a' } }],
      config: { 'aws_instance.a': { expressions: { user_data: { references: ['module.loop.out', 'module.loop'] } } } },
      modules: { loop: { outputs: { out: ['module.loop.out', 'aws_instance.a'] } } },
    });
    expect(edges(m, 'aws_instance.a')).toEqual([]);
  });
});
