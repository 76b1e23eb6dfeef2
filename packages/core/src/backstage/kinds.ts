/**
 * Backstage `spec.type` → faultline `kind`
 * =========================================
 *
 * Backstage's types are free text chosen by each organisation ("service",
 * "website", "database", "kafka-topic"…); faultline's kinds are an open
 * vocabulary too, but some of them mean something to the analyses (domains
 * are where things run; `monitoring`, `statuspage`, `config`, `dns`, `auth`
 * are read by lint rules). This table maps the common spellings onto those
 * kinds; docs/backstage.md prints it. Anything else passes through
 * lowercased when it reads as a kind (`search`, `ml-model`), and becomes
 * `service` (a Component) or `resource` (a Resource) when it does not.
 * `faultline.dev/kind` overrides all of this per entity.
 */

/** Types that are not running things: build-time artefacts fail with their users, not on their own. */
export const NOT_RUNTIME_TYPES: ReadonlySet<string> = new Set(['library', 'documentation', 'docs', 'template', 'sdk']);

/** Spelling → faultline kind, for the types faultline's analyses care about. */
export const TYPE_TO_KIND: ReadonlyMap<string, string> = new Map([
  ...aliases('service', ['service', 'backend', 'microservice', 'api', 'grpc-service', 'worker', 'job', 'batch', 'function', 'lambda']),
  ...aliases('website', ['website', 'frontend', 'web', 'webapp', 'web-app', 'spa', 'mobile-app', 'app']),
  ...aliases('database', [
    'database',
    'db',
    'rdbms',
    'sql',
    'nosql',
    'postgres',
    'postgresql',
    'mysql',
    'mariadb',
    'aurora',
    'rds',
    'mongodb',
    'dynamodb',
    'cassandra',
    'spanner',
    'cosmosdb',
  ]),
  ...aliases('queue', [
    'queue',
    'topic',
    'kafka',
    'kafka-topic',
    'sqs',
    'sns',
    'pubsub',
    'message-queue',
    'message-broker',
    'broker',
    'rabbitmq',
    'stream',
    'kinesis',
    'event-bus',
  ]),
  ...aliases('cache', ['cache', 'redis', 'memcached', 'elasticache']),
  ...aliases('storage', ['storage', 'bucket', 's3', 's3-bucket', 'blob', 'blob-storage', 'object-storage', 'filesystem', 'gcs-bucket']),
  ...aliases('dns', ['dns', 'dns-zone', 'route53', 'hosted-zone']),
  ...aliases('cdn', ['cdn', 'cloudfront', 'edge']),
  ...aliases('loadbalancer', ['loadbalancer', 'load-balancer', 'lb', 'alb', 'elb', 'nlb', 'ingress', 'api-gateway', 'gateway']),
  ...aliases('auth', ['auth', 'identity', 'idp', 'iam', 'sso', 'oauth']),
  ...aliases('config', ['config', 'configuration', 'feature-flags', 'feature-flag', 'flags', 'secrets', 'secret-store', 'vault']),
  ...aliases('monitoring', [
    'monitoring',
    'monitoring-tool',
    'monitoring-service',
    'observability',
    'observability-tool',
    'o11y',
    'apm',
    'telemetry',
    'metrics',
    'logging',
    'logs',
    'log-aggregation',
    'alerting',
    'tracing',
    'dashboards',
    'prometheus',
    'grafana',
    'datadog',
    'dynatrace',
    'new-relic',
    'splunk',
  ]),
  ...aliases('statuspage', ['statuspage', 'status-page']),
  ...aliases('discovery', ['discovery', 'service-discovery', 'consul', 'etcd', 'zookeeper']),
]);

/** A Backstage type as the kind table compares it: trimmed, lowercase, spaces and underscores as "-". */
export function normaliseType(type: string): string {
  return type
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * The faultline kind for an entity.
 * @param entityKind `component` or `resource` (lowercase)
 * @param extra the user's rows (faultline.config.yaml `backstage.types`, normalised types), read before the built-in table
 */
export function kindForType(entityKind: string, type: string, extra?: ReadonlyMap<string, string>): string {
  const spelled = normaliseType(type);
  const mapped = extra?.get(spelled) ?? TYPE_TO_KIND.get(spelled);
  if (mapped) return mapped;
  if (/^[a-z][a-z0-9-]*$/.test(spelled)) return spelled;
  return entityKind === 'resource' ? 'resource' : 'service';
}

function aliases(kind: string, spellings: readonly string[]): [string, string][] {
  return spellings.map((s) => [s, kind]);
}
