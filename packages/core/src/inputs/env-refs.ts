/**
 * Service names in environment values
 * ===================================
 *
 * Kubernetes workloads and compose services find each other through
 * environment values: `CART_ADDR=cart:7070`, `REDIS_URL=redis://cache:6379/0`,
 * `KAFKA_BROKERS=kafka-0:9092,kafka-1:9092`,
 * `DB_HOST=orders-db.shop.svc.cluster.local`. `hostRefs` reads the host names
 * such a value names, so that a reader can match them against the services
 * it knows; a value that names none (`true`, `info`, `/var/data`, a bare
 * number) gives nothing. It only parses: whether a host is a service is the
 * reader's question.
 */

/** A host a value names: `cart`, or `orders-db` in namespace `shop` from `orders-db.shop.svc.cluster.local`. */
export interface HostRef {
  /** The first DNS label, lower-cased: what a Service or compose service is called. */
  readonly name: string;
  /** The namespace of a cluster DNS name (`name.namespace`, `name.namespace.svc[.cluster.local]`). */
  readonly namespace?: string;
  /** The host as written. */
  readonly host: string;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Every host named by an environment value, in the order written; none for values that name no host. */
export function hostRefs(value: string): HostRef[] {
  const out: HostRef[] = [];
  // Lists: "a:1,b:2", "a:1 b:2", "a:1;b:2".
  for (const part of value.trim().split(/[\s,;]+/)) {
    const ref = hostRef(part);
    if (ref && !out.some((r) => r.host === ref.host)) out.push(ref);
  }
  return out;
}

function hostRef(part: string): HostRef | undefined {
  if (part === '') return undefined;
  let rest = part;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    const at = rest.lastIndexOf('@', rest.search(/[/?#]|$/));
    if (at >= 0) rest = rest.slice(at + 1); // user:password@
    rest = rest.split(/[/?#]/)[0]!;
  }
  let host = rest;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    const port = rest.slice(colon + 1);
    // `host:port` names a host; anything else with a colon (`a:b:c`, `key:value`) only with a scheme.
    if (!/^\d{1,5}$/.test(port)) return undefined;
    host = rest.slice(0, colon);
  } else if (!scheme && !rest.includes('.')) {
    // A bare word (`cart`, `true`, `info`) names a host only with a port or a scheme.
    return undefined;
  }
  host = host.toLowerCase();
  if (host === '' || host === 'localhost' || IPV4.test(host)) return undefined;
  const labels = host.split('.');
  if (!labels.every((l) => LABEL.test(l))) return undefined;
  const name = labels[0]!;
  if (labels.length === 1) return { name, host };
  // name.namespace, name.namespace.svc, name.namespace.svc.cluster.local
  const cluster = labels.length === 2 || (labels[2] === 'svc' && (labels.length === 3 || labels.slice(3).join('.') === 'cluster.local'));
  if (cluster) return { name, namespace: labels[1]!, host };
  // Any other dotted name (an external host such as api.stripe.com): its first label, no namespace.
  return { name, host };
}
