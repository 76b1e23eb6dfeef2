/**
 * A workload's kind, guessed
 * ==========================
 *
 * Kubernetes does not say what a workload is. faultline guesses from the
 * container images (what runs), then from the workload's name, word by
 * word (`bitnami/postgresql:16` → `postgresql`; `redis-cart` → `redis`):
 * a database, a cache or a queue, else a service; Jobs and CronJobs are
 * `job`. `faultline.dev/kind` on the workload overrides the guess.
 */

/** Words of an image or a name → kind. */
export const WORD_KINDS: ReadonlyMap<string, string> = new Map([
  ...['postgres', 'postgresql', 'postgis', 'mysql', 'mariadb', 'mongo', 'mongodb', 'cockroachdb', 'cassandra'].map((w) => [w, 'database'] as const),
  ...['redis', 'valkey', 'memcached', 'keydb', 'dragonfly'].map((w) => [w, 'cache'] as const),
  ...['kafka', 'rabbitmq', 'nats', 'redpanda', 'pulsar'].map((w) => [w, 'queue'] as const),
]);

/** The kind of a workload from its Kubernetes kind, its containers' images and its name. */
export function guessKind(workloadKind: string, images: readonly string[], name: string): string {
  if (workloadKind === 'Job' || workloadKind === 'CronJob') return 'job';
  for (const image of images) {
    const kind = kindOfWords(imageName(image));
    if (kind) return kind;
  }
  return kindOfWords(name) ?? 'service';
}

/** `docker.io/bitnami/postgresql:16@sha256:…` → `postgresql`. */
function imageName(image: string): string {
  const path = image.split('@')[0]!;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.split(':')[0]!;
}

function kindOfWords(text: string): string | undefined {
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    const kind = WORD_KINDS.get(word);
    if (kind) return kind;
  }
  return undefined;
}
