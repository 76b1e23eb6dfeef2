/**
 * The AWS mapping table: Terraform resource types → faultline components
 * =====================================================================
 *
 * One row per resource type says what a resource of that type becomes:
 *
 * - `role`: `component` (a component of its own, its id the Terraform
 *   address), `fold` (no component: whoever references it inherits its
 *   references — a launch template, a task definition, a target group),
 *   `iam` (the shared `aws-iam` component: IAM's global control plane),
 *   `network` (no component: subnets, VPCs, security groups; references to
 *   them place things, they are not calls) or `ignore` (no component and
 *   no edge: alarms, log groups, bucket policies…);
 * - `kind`: the faultline kind of the component;
 * - `placement`: how its replicas are placed (`instances`: each instance in
 *   its zone; `spread`: a desired count over its subnets' zones; `nodes`:
 *   one node per subnet zone; `rds`, `cluster`, `cache-group`: the database
 *   rules; `regional`: in its region; `regional-or-vpc`: in its region, or in
 *   its VPC subnets' zones; `global`: nowhere, a global service);
 * - `edge`: what a reference *to* a resource of this type means: `hard`
 *   (default), `soft`, `startup` (needed to start, not to keep running) or
 *   `none`.
 *
 * Users add rows and override fields of built-in rows in
 * faultline.config.yaml (`terraform: { resources: { type: { … } } }`).
 * docs/terraform.md prints this table and explains each default.
 */
import * as z from 'zod';

export const ROLES = ['component', 'fold', 'iam', 'network', 'ignore'] as const;
export const PLACEMENTS = ['instances', 'spread', 'nodes', 'rds', 'cluster', 'cache-group', 'regional', 'regional-or-vpc', 'global'] as const;
export const EDGES = ['hard', 'soft', 'startup', 'none'] as const;

export type Role = (typeof ROLES)[number];
export type PlacementRule = (typeof PLACEMENTS)[number];
export type EdgeRule = (typeof EDGES)[number];

export interface ResourceRule {
  readonly role: Role;
  readonly kind?: string;
  readonly placement?: PlacementRule;
  readonly edge?: EdgeRule;
  readonly scope?: 'global' | 'regional' | 'zonal';
  readonly plane?: 'control' | 'data';
  /** Said in docs/terraform.md and in the component's description. */
  readonly note?: string;
}

const c = (kind: string, placement: PlacementRule, extra: Partial<ResourceRule> = {}): ResourceRule => ({ role: 'component', kind, placement, ...extra });
const FOLD: ResourceRule = { role: 'fold' };
const NETWORK: ResourceRule = { role: 'network', edge: 'none' };
const IGNORE: ResourceRule = { role: 'ignore', edge: 'none' };
const IAM: ResourceRule = { role: 'iam', edge: 'startup' };

/** The built-in rows, AWS provider (hashicorp/aws). */
export const AWS_RESOURCES: ReadonlyMap<string, ResourceRule> = new Map<string, ResourceRule>([
  // Compute
  ['aws_instance', c('service', 'instances', { scope: 'zonal' })],
  ['aws_autoscaling_group', c('service', 'spread', { note: 'desired_capacity (else min_size) spread evenly over the zones of vpc_zone_identifier (or availability_zones)' })],
  ['aws_ecs_service', c('service', 'spread', { note: 'desired_count spread over the zones of network_configuration.subnets' })],
  ['aws_eks_node_group', c('service', 'spread', { note: 'scaling_config.desired_size spread over the zones of subnet_ids' })],
  ['aws_eks_cluster', c('service', 'regional', { plane: 'control', note: 'the Kubernetes control plane: regional, run by AWS over several zones' })],
  ['aws_lambda_function', c('service', 'regional-or-vpc', { note: 'region-wide; with vpc_config, one replica per subnet zone' })],
  // Load balancing
  ['aws_lb', c('loadbalancer', 'nodes', { note: 'one node per zone of its subnets (subnet_mapping too)' })],
  ['aws_alb', c('loadbalancer', 'nodes')],
  ['aws_elb', c('loadbalancer', 'nodes', { note: 'subnets, else availability_zones' })],
  ['aws_lb_target_group', FOLD],
  ['aws_alb_target_group', FOLD],
  ['aws_lb_listener', FOLD],
  ['aws_alb_listener', FOLD],
  ['aws_lb_listener_rule', FOLD],
  ['aws_lb_target_group_attachment', FOLD],
  ['aws_autoscaling_attachment', FOLD],
  // Databases and caches
  ['aws_db_instance', c('database', 'rds', { note: 'multi_az: a standby in another zone (minHealthy 1); single-AZ: its availability_zone only' })],
  ['aws_rds_cluster', c('database', 'cluster', { note: "Aurora: one replica per cluster instance, in the instance's zone, minHealthy 1" })],
  ['aws_docdb_cluster', c('database', 'cluster')],
  ['aws_neptune_cluster', c('database', 'cluster')],
  ['aws_rds_cluster_instance', FOLD],
  ['aws_docdb_cluster_instance', FOLD],
  ['aws_neptune_cluster_instance', FOLD],
  ['aws_db_subnet_group', NETWORK],
  ['aws_docdb_subnet_group', NETWORK],
  ['aws_neptune_subnet_group', NETWORK],
  ['aws_elasticache_subnet_group', NETWORK],
  ['aws_db_parameter_group', IGNORE],
  ['aws_rds_cluster_parameter_group', IGNORE],
  ['aws_elasticache_parameter_group', IGNORE],
  [
    'aws_elasticache_replication_group',
    c('cache', 'cache-group', { note: 'with automatic_failover_enabled: one replica per cluster over preferred_cache_cluster_azs, minHealthy 1; without: the primary only' }),
  ],
  ['aws_elasticache_cluster', c('cache', 'instances', { note: 'availability_zone (or the first of preferred_availability_zones)' })],
  ['aws_dynamodb_table', c('database', 'regional', { scope: 'regional', note: 'regional: AWS replicates a table over the zones of its region' })],
  ['aws_s3_bucket', c('storage', 'regional', { scope: 'regional', note: 'regional: AWS stores objects over several zones of its region' })],
  ['aws_efs_file_system', c('storage', 'regional', { scope: 'regional' })],
  ['aws_msk_cluster', c('queue', 'nodes', { note: 'one broker node per zone of broker_node_group_info.client_subnets' })],
  ['aws_sqs_queue', c('queue', 'regional', { scope: 'regional' })],
  ['aws_sns_topic', c('queue', 'regional', { scope: 'regional' })],
  ['aws_kinesis_stream', c('queue', 'regional', { scope: 'regional' })],
  ['aws_secretsmanager_secret', c('config', 'regional', { scope: 'regional' })],
  ['aws_ssm_parameter', c('config', 'regional', { scope: 'regional' })],
  ['aws_kms_key', c('auth', 'regional', { scope: 'regional' })],
  ['aws_api_gateway_rest_api', c('gateway', 'regional', { scope: 'regional' })],
  ['aws_apigatewayv2_api', c('gateway', 'regional', { scope: 'regional' })],
  ['aws_cognito_user_pool', c('auth', 'regional', { scope: 'regional' })],
  ['aws_apigatewayv2_integration', FOLD],
  ['aws_apigatewayv2_route', IGNORE],
  ['aws_apigatewayv2_stage', IGNORE],
  ['aws_api_gateway_integration', FOLD],
  // Global services
  ['aws_route53_record', c('dns', 'global', { scope: 'global', note: "Route 53 answers from AWS's global edge; its control plane (changes) is in us-east-1" })],
  ['aws_route53_zone', FOLD],
  ['aws_cloudfront_distribution', c('cdn', 'global', { scope: 'global' })],
  ['aws_iam_role', IAM],
  ['aws_iam_instance_profile', IAM],
  ['aws_iam_policy', IAM],
  ['aws_iam_role_policy', IAM],
  ['aws_iam_role_policy_attachment', IAM],
  ['aws_iam_user', IAM],
  ['aws_iam_openid_connect_provider', IAM],
  // Links: each says that one component consumes from another
  ['aws_lambda_event_source_mapping', FOLD],
  ['aws_sns_topic_subscription', FOLD],
  ['aws_lambda_permission', IGNORE],
  // Definitions folded into what uses them
  ['aws_launch_template', FOLD],
  ['aws_launch_configuration', FOLD],
  ['aws_ecs_task_definition', FOLD],
  ['aws_ecs_cluster', IGNORE],
  // Networks: placements, not calls
  ['aws_vpc', NETWORK],
  ['aws_subnet', NETWORK],
  ['aws_default_subnet', NETWORK],
  ['aws_security_group', NETWORK],
  ['aws_security_group_rule', NETWORK],
  ['aws_vpc_security_group_ingress_rule', NETWORK],
  ['aws_vpc_security_group_egress_rule', NETWORK],
  ['aws_route_table', NETWORK],
  ['aws_route_table_association', NETWORK],
  ['aws_route', NETWORK],
  ['aws_internet_gateway', NETWORK],
  ['aws_nat_gateway', NETWORK],
  ['aws_eip', NETWORK],
  ['aws_network_interface', NETWORK],
  ['aws_vpc_endpoint', NETWORK],
  // Support resources: no component, no edge
  ['aws_key_pair', IGNORE],
  ['aws_cloudwatch_log_group', IGNORE],
  ['aws_cloudwatch_metric_alarm', IGNORE],
  ['aws_acm_certificate', IGNORE],
  ['aws_acm_certificate_validation', IGNORE],
  ['aws_autoscaling_policy', IGNORE],
  ['aws_appautoscaling_target', IGNORE],
  ['aws_appautoscaling_policy', IGNORE],
  ['aws_kms_alias', IGNORE],
  ['aws_ecr_repository', IGNORE],
  ['aws_s3_bucket_policy', IGNORE],
  ['aws_s3_bucket_versioning', IGNORE],
  ['aws_s3_bucket_acl', IGNORE],
  ['aws_s3_bucket_public_access_block', IGNORE],
  ['aws_s3_bucket_server_side_encryption_configuration', IGNORE],
  ['aws_s3_bucket_ownership_controls', IGNORE],
  ['aws_s3_bucket_lifecycle_configuration', IGNORE],
  ['aws_secretsmanager_secret_version', IGNORE],
]);

/** Providers that create no infrastructure (random ids, timers, local files): their resources are skipped without a word. */
export const UTILITY_PROVIDERS: ReadonlySet<string> = new Set(['random', 'null', 'time', 'tls', 'local', 'archive', 'template', 'http', 'external', 'terraform', 'cloudinit']);

/** A link resource: the first component it references of a `consumer` type consumes (async) from the other component it references. */
export const LINKS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['aws_lambda_event_source_mapping', new Set(['aws_lambda_function'])],
  ['aws_sns_topic_subscription', new Set(['aws_lambda_function', 'aws_sqs_queue'])],
]);

/**
 * References whose direction is the reverse of the dependency: a listener
 * names its load balancer, but the load balancer needs what the listener
 * forwards to; an Auto Scaling group names its target group, but the target
 * group needs the group's instances. (source type → target types.)
 */
export const INVERTED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['aws_lb_listener', new Set(['aws_lb', 'aws_alb'])],
  ['aws_alb_listener', new Set(['aws_lb', 'aws_alb'])],
  ['aws_lb_listener_rule', new Set(['aws_lb_listener', 'aws_alb_listener'])],
  ['aws_autoscaling_group', new Set(['aws_lb_target_group', 'aws_alb_target_group', 'aws_elb'])],
  ['aws_ecs_service', new Set(['aws_lb_target_group', 'aws_alb_target_group'])],
  ['aws_lb_target_group_attachment', new Set(['aws_lb_target_group', 'aws_alb_target_group'])],
  ['aws_autoscaling_attachment', new Set(['aws_lb_target_group', 'aws_alb_target_group', 'aws_elb'])],
  ['aws_apigatewayv2_integration', new Set(['aws_apigatewayv2_api'])],
  ['aws_api_gateway_integration', new Set(['aws_api_gateway_rest_api'])],
  ['aws_rds_cluster_instance', new Set(['aws_rds_cluster'])],
  ['aws_docdb_cluster_instance', new Set(['aws_docdb_cluster'])],
  ['aws_neptune_cluster_instance', new Set(['aws_neptune_cluster'])],
]);

/** The cluster-instance type of each cluster type (`cluster` placement). */
export const CLUSTER_INSTANCES: ReadonlyMap<string, string> = new Map([
  ['aws_rds_cluster', 'aws_rds_cluster_instance'],
  ['aws_docdb_cluster', 'aws_docdb_cluster_instance'],
  ['aws_neptune_cluster', 'aws_neptune_cluster_instance'],
]);

/** Attributes whose reference is weaker than a call: a read replica keeps serving reads when its source is down. */
export const SOFT_ATTRIBUTES: ReadonlySet<string> = new Set(['replicate_source_db', 'replication_source_identifier']);

/** The shared component every IAM reference points at. */
export const IAM_ID = 'aws-iam';
/** Where IAM's control plane runs (docs/incidents.md#aws-2021). */
export const IAM_REGION = 'us-east-1';
/** The provider domain every AWS region is in. */
export const AWS_PROVIDER = 'aws';

/** One row of `terraform.resources` in faultline.config.yaml. */
export const ResourceRuleSchema = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    kind: z.string().min(1).optional(),
    placement: z.enum(PLACEMENTS).optional(),
    edge: z.enum(EDGES).optional(),
    scope: z.enum(['global', 'regional', 'zonal']).optional(),
    plane: z.enum(['control', 'data']).optional(),
  })
  .describe('What a Terraform resource type becomes (docs/terraform.md)');

export type ResourceRuleInput = z.output<typeof ResourceRuleSchema>;

/** The user's rows (faultline.config.yaml `terraform.resources`), by type. */
export interface TerraformMapping {
  readonly resources: ReadonlyMap<string, ResourceRuleInput>;
}

/** A resource type's name: `aws_db_instance`. */
export const RESOURCE_TYPE = /^[a-z][a-z0-9_]*$/;

/** The row for a type: the user's fields over the built-in row; undefined when neither has one. */
export function ruleFor(type: string, mapping: TerraformMapping | undefined): ResourceRule | undefined {
  const builtIn = AWS_RESOURCES.get(type);
  const user = mapping?.resources.get(type);
  if (!user) return builtIn;
  const role = user.role ?? builtIn?.role ?? 'component';
  const merged: Record<string, unknown> = { ...(builtIn ?? {}) };
  for (const [k, v] of Object.entries(user)) if (v !== undefined) merged[k] = v;
  merged['role'] = role;
  if (role === 'component') {
    merged['kind'] ??= 'unknown';
    merged['placement'] ??= 'instances';
  }
  return merged as unknown as ResourceRule;
}
