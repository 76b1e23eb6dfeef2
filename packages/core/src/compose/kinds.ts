/**
 * docker compose service → faultline `kind`
 * ==========================================
 *
 * A compose file names images, not roles. The kind is guessed from the
 * image's repository name (the last path segment, without registry, tag or
 * digest: `docker.io/bitnami/redis:7.2` → `redis`), then from the service
 * name; a name matches a key when it is the key or ends with `-key`
 * (`cp-kafka`, `orders-db`), so `mongo-express` (an admin page) is not a
 * database. Anything else is a `service`. `x-faultline: { kind: … }` on the
 * service overrides the guess; docs/compose.md prints the table.
 */

/** Name → kind, for images and service names. */
export const COMPOSE_KINDS: ReadonlyMap<string, string> = new Map([
  ...of('database', ['postgres', 'postgresql', 'postgis', 'timescaledb', 'mysql', 'mariadb', 'mongo', 'mongodb', 'cockroach', 'cassandra', 'scylla', 'mssql', 'couchdb', 'neo4j']),
  ...of('cache', ['redis', 'valkey', 'memcached', 'keydb', 'dragonfly']),
  ...of('queue', ['kafka', 'redpanda', 'rabbitmq', 'nats', 'activemq', 'artemis', 'pulsar', 'mosquitto']),
]);

/** Words that only a service's name (not an image) uses for a role. */
const NAME_ONLY: ReadonlyMap<string, string> = new Map([...of('database', ['db', 'database']), ...of('cache', ['cache']), ...of('queue', ['broker', 'queue', 'mq'])]);

/** The kind of a compose service, from its image, then its name; `service` when neither says. */
export function kindForService(name: string, image: string | undefined): string {
  const repository = image === undefined ? undefined : imageName(image);
  return (repository && match(repository, COMPOSE_KINDS)) ?? match(name.toLowerCase(), COMPOSE_KINDS) ?? match(name.toLowerCase(), NAME_ONLY) ?? 'service';
}

/** `registry:5000/org/redis:7@sha256:…` → `redis`. */
export function imageName(image: string): string {
  const noDigest = image.split('@')[0]!;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0]!.toLowerCase();
}

function match(word: string, table: ReadonlyMap<string, string>): string | undefined {
  const exact = table.get(word);
  if (exact) return exact;
  const dash = word.lastIndexOf('-');
  return dash >= 0 ? table.get(word.slice(dash + 1)) : undefined;
}

function of(kind: string, names: readonly string[]): [string, string][] {
  return names.map((n) => [n, kind]);
}
