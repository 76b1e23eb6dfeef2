/**
 * Naming a component as its input names it
 * ========================================
 *
 * A fault target, a scenario expectation, a cut-set target or a trace name
 * may name a component by its id or the way the input it came from names
 * it (docs/architecture.md#faults):
 *
 * - **Backstage**: `kind:namespace/name`, `kind:name`, `namespace/name`,
 *   `name` (`resource:artists-db`, `component:payments/ledger`);
 * - **Kubernetes**: `kind/name` and `kind/namespace/name` as kubectl users
 *   write them (`statefulset/redis-cart`, `deploy/frontend`,
 *   `sts/redis-cart`, `deployment.apps/frontend`), `svc/<name>` for the one
 *   workload behind a Service, and `name`;
 * - **compose**: the service name, and `project/service`;
 * - the component's `aliases`.
 *
 * All compare case-insensitively, as Backstage compares refs. The readers
 * record what they read on `Component.refs`; this module turns those into
 * one index per model, built once, on the first name that is not an id.
 *
 * Resolution: an exact id always wins. Then the names a ref gives in its
 * own namespace and the `default` one (a kind-less or namespace-less ref
 * reads the `default` namespace, as Backstage and kubectl do): one
 * component is the answer, several are an ambiguity listing them. Only when
 * none matches, the same names in any namespace, and ids compared without
 * case, with the same rule. kubectl's kind names (`sts`, `deploy`,
 * `deployments.apps`) are folded into the canonical kind at lookup, so the
 * index holds four names per ref. A name that matches nothing gets a "did
 * you mean" over the ids and the canonical refs, with and without their
 * namespace; only then are those strings made.
 */
import type { Component, ComponentId, ComponentRef, Model } from './model.js';
import { didYouMean } from './suggest.js';

/** The `default` namespace of Backstage and Kubernetes. */
const DEFAULT_NAMESPACE = 'default';

/** kubectl's names of each workload kind (`kubectl api-resources`): plural, short name, with its API group. */
const KUBERNETES_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['deployment', ['deployments', 'deploy', 'deployment.apps', 'deployments.apps']],
  ['statefulset', ['statefulsets', 'sts', 'statefulset.apps', 'statefulsets.apps']],
  ['daemonset', ['daemonsets', 'ds', 'daemonset.apps', 'daemonsets.apps']],
  ['job', ['jobs', 'job.batch', 'jobs.batch']],
  ['cronjob', ['cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch']],
  ['service', ['services', 'svc']],
]);

/** What a name resolved to: a component, or why not (a message and a hint, for the caller's own error type). */
export type RefResolution =
  | { readonly id: ComponentId; readonly message?: undefined; readonly hint?: undefined; readonly candidates?: undefined }
  | { readonly id?: undefined; readonly message: string; readonly hint: string; readonly candidates: readonly ComponentId[] };

interface RefIndex {
  /** Lowercase names in a ref's own or the default namespace → components (positions in `ids`). */
  readonly primary: ReadonlyMap<string, Slot>;
  /** Lowercase names in any namespace, and lowercased ids → components. */
  readonly fallback: ReadonlyMap<string, Slot>;
  readonly ids: readonly ComponentId[];
}

const indexes = new WeakMap<Model, RefIndex>();

/**
 * Resolves a name to a component id.
 * @param text an id or a ref, as the user wrote it (trimmed here)
 */
export function resolveRef(model: Model, text: string): RefResolution {
  const name = text.trim();
  const found = matchRef(model, name);
  if (found.id !== undefined) return { id: found.id };
  if (found.candidates.length > 0) {
    const shown = found.candidates.slice(0, 5).map((id) => describe(model, id));
    return {
      message: `"${name}" names ${found.candidates.length} components: ${shown.join(', ')}${found.candidates.length > 5 ? ', …' : ''}`,
      hint: 'name one by its id or its full ref: kind:namespace/name, kind/namespace/name',
      candidates: found.candidates,
    };
  }
  return {
    message: `unknown component "${name}"`,
    hint: didYouMean(kubernetesKey(name.toLowerCase()) ?? name, suggestions(model)) ?? 'check the id in the manifest, or name it by its ref: kind:namespace/name, kind/name',
    candidates: [],
  };
}

/**
 * `resolveRef` without the messages (no "did you mean"): the component a
 * name resolves to, or the candidates of an ambiguous name (none: unknown).
 */
export function matchRef(model: Model, name: string): { readonly id?: ComponentId; readonly candidates: readonly ComponentId[] } {
  if (model.components.has(name)) return { id: name, candidates: [] };
  const index = refIndex(model);
  const key = name.toLowerCase();
  const kubectl = kubernetesKey(key);
  for (const map of [index.primary, index.fallback]) {
    const found = map.get(key) ?? (kubectl !== undefined ? map.get(kubectl) : undefined);
    if (found === undefined) continue;
    if (typeof found === 'number') return { id: index.ids[found]!, candidates: [] };
    return { candidates: found.map((i) => index.ids[i]!) };
  }
  return { candidates: [] };
}

/** kubectl's kind names → the canonical one (`sts` → `statefulset`). */
const KIND_ALIASES: ReadonlyMap<string, string> = new Map([...KUBERNETES_KINDS].flatMap(([kind, names]) => names.map((a) => [a, kind] as const)));

/** `sts/redis-cart` → `statefulset/redis-cart`, `deploy/ns/x` → `deployment/ns/x`; undefined when the first part is no kubectl kind name. */
function kubernetesKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const kind = KIND_ALIASES.get(key.slice(0, slash));
  return kind === undefined ? undefined : `${kind}${key.slice(slash)}`;
}

/** The canonical refs of a component (`component:payments/ledger`, `statefulset/redis-cart`), for messages. */
export function canonicalRefs(c: Component): string[] {
  return refsOf(c).map(canonical);
}

/**
 * The refs the readers recorded; for a component without any, those its
 * tags keep (`faultline import` writes `tags.backstage`, `tags.kubernetes`
 * with `tags.namespace`, `tags.compose`), so an imported manifest answers to
 * the same names as its source.
 */
function refsOf(c: Component): readonly ComponentRef[] {
  if (c.refs) return c.refs;
  const out: ComponentRef[] = [];
  const backstage = /^([^:/]+):([^:/]+)\/([^:/]+)$/.exec(c.tags.get('backstage') ?? '');
  if (backstage) out.push({ input: 'backstage', kind: backstage[1]!.toLowerCase(), namespace: backstage[2]!.toLowerCase(), name: backstage[3]! });
  const kubernetes = /^([a-z]+)\/([^/]+)$/.exec(c.tags.get('kubernetes') ?? '');
  if (kubernetes) out.push({ input: 'kubernetes', kind: kubernetes[1]!, namespace: c.tags.get('namespace') ?? DEFAULT_NAMESPACE, name: kubernetes[2]! });
  const compose = /^([^/]+)\/([^/]+)$/.exec(c.tags.get('compose') ?? '');
  if (compose) out.push({ input: 'compose', kind: 'service', namespace: compose[1]!, name: compose[2]! });
  return out;
}

/** `component:payments/ledger`; `statefulset/redis-cart`, `deployment/loadtest/loadgenerator`; `shop/db`. */
function canonical(r: ComponentRef): string {
  const ns = r.namespace.toLowerCase();
  if (r.input === 'backstage') return `${r.kind}:${ns}/${r.name}`;
  if (r.input === 'kubernetes') return ns === DEFAULT_NAMESPACE ? `${r.kind}/${r.name}` : `${r.kind}/${ns}/${r.name}`;
  return `${ns}/${r.name}`;
}

function describe(model: Model, id: ComponentId): string {
  const refs = canonicalRefs(model.components.get(id)!).filter((r) => r !== id);
  return refs.length > 0 ? `${id} (${refs[0]})` : id;
}

/** Ids, canonical refs, and refs without the namespace (`resource:orders-db`, `statefulset/redis-cart`) as users type them. */
function* suggestions(model: Model): Iterable<string> {
  yield* model.components.keys();
  for (const c of model.components.values()) {
    for (const ref of canonicalRefs(c)) {
      yield ref;
      const short = withoutNamespace(ref);
      if (short !== ref) yield short;
    }
  }
}

/** `resource:payments/db` → `resource:db`; `deployment/loadtest/x` → `deployment/x`; others unchanged. */
function withoutNamespace(ref: string): string {
  const colon = ref.indexOf(':');
  if (colon >= 0) return `${ref.slice(0, colon + 1)}${ref.slice(ref.indexOf('/') + 1)}`;
  const parts = ref.split('/');
  return parts.length === 3 ? `${parts[0]}/${parts[2]}` : ref;
}

function refIndex(model: Model): RefIndex {
  let index = indexes.get(model);
  if (index) return index;
  const primary = new Map<string, Slot>();
  const fallback = new Map<string, Slot>();
  const ids: ComponentId[] = [];
  let i = 0;
  for (const c of model.components.values()) {
    ids.push(c.id);
    add(fallback, c.id.toLowerCase(), i);
    for (const alias of c.aliases ?? []) add(primary, alias.toLowerCase(), i);
    for (const r of refsOf(c)) addRef(r, primary, fallback, i);
    i++;
  }
  index = { primary, fallback, ids };
  indexes.set(model, index);
  return index;
}

/** Components under one name: one position, or several (no array for the usual unique name). */
type Slot = number | number[];

function add(map: Map<string, Slot>, key: string, i: number): void {
  const slot = map.get(key);
  if (slot === undefined) map.set(key, i);
  else if (typeof slot === 'number') {
    if (slot !== i) map.set(key, [slot, i]);
  } else if (slot[slot.length - 1] !== i) slot.push(i);
}

/** The names a ref answers to (lowercase; Kubernetes kinds under their canonical name, see `kindAliases`): in its own namespace or the default one, and in any namespace. */
function addRef(r: ComponentRef, primary: Map<string, Slot>, fallback: Map<string, Slot>, i: number): void {
  const ns = r.namespace.toLowerCase();
  const n = r.name.toLowerCase();
  // Names without the namespace read the default one: exact there, a fallback elsewhere.
  const short = ns === DEFAULT_NAMESPACE ? primary : fallback;
  if (r.input === 'backstage') {
    add(primary, `${r.kind}:${ns}/${n}`, i);
    add(primary, `${ns}/${n}`, i);
    add(short, `${r.kind}:${n}`, i);
    add(short, n, i);
  } else if (r.input === 'kubernetes') {
    add(primary, `${ns}/${n}`, i);
    add(primary, `${r.kind}/${ns}/${n}`, i);
    add(short, `${r.kind}/${n}`, i);
    // A Service's bare name is the workload's only when it is its name too (recorded as a workload ref).
    if (r.kind !== 'service') add(short, n, i);
  } else {
    add(primary, n, i);
    add(primary, `${ns}/${n}`, i);
  }
}
