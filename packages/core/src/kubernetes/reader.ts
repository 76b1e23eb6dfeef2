/**
 * Kubernetes objects as faultline input
 * =====================================
 *
 * The loader hands every Kubernetes object to a `KubernetesReader`
 * (objects.ts reads each one); once all files are read, `components` turns
 * them into the loader's raw components:
 *
 * 1. every Deployment, StatefulSet, DaemonSet, Job and CronJob is a
 *    component, its id the workload's name (`namespace.name` outside the
 *    `default` namespace), its kind guessed (kinds.ts);
 * 2. every Service resolves, by its selector, to the workloads whose pod
 *    template labels it matches;
 * 3. an environment value (`env`, `valueFrom.configMapKeyRef`, `envFrom`
 *    ConfigMaps) that names a Service (`hostRefs`) is a hard edge to the
 *    workloads behind it (an `anyOf` group when several are), a
 *    `phase: startup` edge when only init containers name it;
 * 4. `spec.replicas` are placed in the zones the Namespace names
 *    (`faultline.dev/zones`) when the pods spread over zones, else all in
 *    one synthetic zone, `cluster` (one warning says so); a
 *    PodDisruptionBudget gives `minHealthy`;
 * 5. `faultline.dev/…` annotations on the workload (as on Backstage
 *    entities) override or add to all of it.
 *
 * Every value keeps the position of the text it came from (the layers of
 * `inputs/`), so findings land on the Kubernetes lines, and everything
 * derived here is marked so (`Layer.derived`): an annotation or an overlay
 * entry replaces it. A Backstage entity with a workload's id merges with it
 * (`inputs/combine.ts`); Kubernetes decides `in` and `minHealthy`. The
 * rules are in docs/kubernetes.md.
 */
import { isMap, isSeq, type LineCounter, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { hostRefs } from '../inputs/env-refs.js';
import type { Description } from '../inputs/combine.js';
import type { SourceFile } from '../load/yaml-source.js';
import type { ComponentId, ComponentRef, SourceRange, Suppression } from '../model.js';
import { ID_PATTERN } from '../schema.js';
import { plural } from '../words.js';
import { annotationLayer } from '../backstage/annotations.js';
import { readObjectSuppressions, type ObjectAnchor } from '../lint/suppression-comments.js';
import { layer, pathKey, type InputKind, type Layer } from '../inputs/layer.js';
import { mergeLayers } from '../inputs/merge.js';
import { guessKind } from './kinds.js';
import { DEFAULT_NAMESPACE, emptyObjects, isKubernetesObject, readObject, type ConfigMap, type DisruptionBudget, type Objects, type Service, type Workload } from './objects.js';
import { selects, selectsAll } from './selectors.js';

/** The synthetic zone that holds every replica whose zone is not known. */
export const CLUSTER_ZONE = 'cluster';

/** Kubernetes says what runs and how many: it decides placements and `minHealthy`, and its own tags. */
export const KUBERNETES: InputKind = {
  name: 'Kubernetes',
  authority: new Set(['in', 'minHealthy', pathKey(['tags', 'kubernetes']), pathKey(['tags', 'namespace'])]),
  runtime: true,
  refinedIn: 'a faultline.dev annotation on the workload',
};

/** The component id of a Kubernetes object: its name, `namespace.name` outside `default`. */
export function objectId(namespace: string, name: string): ComponentId {
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}.${name}`;
}

/** The Kubernetes `InputReader` (`load/inputs.ts`; structural, so that module can import this one without a cycle). */
export class KubernetesReader {
  readonly name = KUBERNETES.name;
  private readonly objects: Objects = emptyObjects();
  /** Where the objects of the file being read start, for its `# faultline-ignore` comments. */
  private anchors: ObjectAnchor[] = [];
  private readonly suppressions = new Map<ComponentId, Suppression[]>();

  recognises(document: Record<string, unknown>): boolean {
    return isKubernetesObject(document);
  }

  addDocument(root: YAMLMap, document: Record<string, unknown>, file: SourceFile, _errors: Diagnostic[], warnings: Diagnostic[]): void {
    const first = this.objects.workloads.length;
    readObject(root, document, file, this.objects, warnings);
    // Every object holds its comments; a workload's are its own.
    const workloads = new Map(this.objects.workloads.slice(first).map((w) => [w.root as unknown, w]));
    const items = nodeItems(root, document);
    for (const node of items) {
      const at = file.range(node);
      const w = workloads.get(node);
      this.anchors.push({ id: w ? objectId(w.namespace, w.name) : undefined, line: at.line, col: at.col });
    }
  }

  endFile(text: string, lines: LineCounter, path: string): void {
    for (const [id, found] of readObjectSuppressions(text, lines, path, this.anchors)) this.suppressions.set(id, [...(this.suppressions.get(id) ?? []), ...found]);
    this.anchors = [];
  }

  describe(errors: Diagnostic[], warnings: Diagnostic[]): readonly Description[] {
    return describeObjects(this.objects, errors, warnings).map((d) => {
      const suppressions = this.suppressions.get(d.id);
      return suppressions && !d.madeUp ? { ...d, suppressions } : d;
    });
  }
}

/** The objects of a document: the document itself, or the items of a `List`. */
function nodeItems(root: YAMLMap, document: Record<string, unknown>): Node[] {
  const kind = typeof document['kind'] === 'string' ? document['kind'] : '';
  if (!kind.endsWith('List') || !Array.isArray(document['items'])) return [root];
  const items = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === 'items')?.value;
  return isSeq(items) ? items.items.filter((n): n is YAMLMap => isMap(n)) : [root];
}

/** One edge in the making: the workloads behind a Service, and whether only init containers need them. */
interface Edge {
  readonly targets: readonly ComponentId[];
  startupOnly: boolean;
  at: SourceRange;
}

/** The objects read, as descriptions of components. */
export function describeObjects(objects: Objects, errors: Diagnostic[], warnings: Diagnostic[]): Description[] {
  const ids = new Map<ComponentId, { at: SourceRange; what: string }>();
  const workloads: { w: Workload; id: ComponentId }[] = [];
  for (const w of objects.workloads) {
    const id = objectId(w.namespace, w.name);
    if (!claim(ids, id, w.at, `${w.kind} ${w.name}`, errors)) continue;
    workloads.push({ w, id });
  }

  // Zones, by namespace; each zone a component, at the first annotation naming it.
  const zonesOf = new Map<string, readonly string[]>();
  const zoneAt = new Map<string, SourceRange>();
  for (const ns of objects.namespaces) {
    if (!ns.zones) continue;
    const bad = ns.zones.names.find((z) => !ID_PATTERN.test(z));
    if (bad !== undefined) {
      errors.push({
        code: 'invalid-id',
        message: `zone "${bad}" in faultline.dev/zones is not a valid id`,
        hint: 'zone names are letters, digits, ".", "_" and "-", e.g. "eu-west-1a,eu-west-1b"',
        at: ns.zones.at,
      });
      continue;
    }
    zonesOf.set(ns.name, [...new Set(ns.zones.names)]);
    for (const z of ns.zones.names) if (!zoneAt.has(z)) zoneAt.set(z, ns.zones.at);
  }

  const backends = serviceBackends(objects.services, workloads, warnings);
  // ConfigMaps by namespace/name (the first of a name), for env values read from them.
  const configMaps = new Map<string, ConfigMap>();
  for (const c of objects.configMaps) if (!configMaps.has(`${c.namespace}/${c.name}`)) configMaps.set(`${c.namespace}/${c.name}`, c);
  const budgets = new Map<string, DisruptionBudget[]>();
  for (const b of objects.budgets) {
    const list = budgets.get(b.namespace);
    if (list) list.push(b);
    else budgets.set(b.namespace, [b]);
  }
  // The Services in front of each workload (`namespace/name`), for its refs.
  const fronting = new Map<ComponentId, string[]>();
  for (const [key, behind] of backends) {
    for (const id of behind) {
      const list = fronting.get(id);
      if (list) list.push(key);
      else fronting.set(id, [key]);
    }
  }
  const out: Description[] = [];
  let unzoned: SourceRange | undefined;
  for (const { w, id } of workloads) {
    const mine = workloadLayer(w, id, backends, budgets.get(w.namespace) ?? [], configMaps, zonesOf.get(w.namespace), warnings);
    if (mine.unzoned) unzoned ??= w.at;
    // An annotation says what Kubernetes could not: it replaces the derived value (and `in` takes the budget's `minHealthy` with it).
    const merged = mergeLayers(id, [mine.layer, annotationLayer(w.annotations, w.file, errors)], errors);
    out.push({
      id,
      at: w.at,
      what: `Kubernetes ${w.kind} ${w.namespace === DEFAULT_NAMESPACE ? '' : `${w.namespace}/`}${w.name}`,
      layer: { ...merged, input: KUBERNETES },
      refs: workloadRefs(w, fronting.get(id) ?? []),
    });
  }

  for (const [zone, at] of zoneAt) {
    if (!claim(ids, zone, at, `zone ${zone} of faultline.dev/zones`, errors)) continue;
    const l = layer('the Namespace', KUBERNETES);
    l.keyAt.set(pathKey([]), at);
    l.fields.set('kind', 'zone');
    out.push({ id: zone, at, what: `zone ${zone} of faultline.dev/zones`, layer: l, madeUp: { synthetic: false } });
  }
  const at = unzoned;
  if (at && claim(ids, CLUSTER_ZONE, at, 'the synthetic zone of workloads without zone information', errors)) {
    const l = layer('Kubernetes', KUBERNETES);
    l.keyAt.set(pathKey([]), at);
    l.fields.set('kind', 'zone');
    l.fields.set('description', 'synthetic: where replicas run when no zone is known (faultline.dev/zones on the Namespace and a zone spread constraint name real zones)');
    out.push({
      id: CLUSTER_ZONE,
      at,
      what: 'the synthetic zone "cluster" of Kubernetes workloads without zone information',
      layer: l,
      madeUp: { synthetic: true, warning: unzonedWarning },
    });
  }
  return out;
}

/** The warning for the workloads still placed in the synthetic zone once every input and overlay is merged. */
function unzonedWarning(placed: readonly { id: ComponentId; at: SourceRange }[]): Diagnostic {
  return {
    code: 'schema',
    severity: 'warning',
    message: `no zone is known for ${plural(placed.length, 'workload')} (${placed
      .slice(0, 3)
      .map((u) => u.id)
      .join(', ')}${placed.length > 3 ? ', …' : ''}): their replicas share one placement, the synthetic zone "${CLUSTER_ZONE}"`,
    hint: 'name the zones on the Namespace (faultline.dev/zones: "eu-west-1a,eu-west-1b") and spread the pods with a topologySpreadConstraint on topology.kubernetes.io/zone, or place them in an overlay; see docs/kubernetes.md',
    at: placed[0]!.at,
  };
}

/** How kubectl users name a workload: `statefulset/redis-cart`, and `service/<name>` for each Service in front of it (several workloads behind one Service make that ref ambiguous). */
function workloadRefs(w: Workload, services: readonly string[]): ComponentRef[] {
  const refs: ComponentRef[] = [{ input: 'kubernetes', kind: w.kind.toLowerCase(), namespace: w.namespace, name: w.name }];
  for (const key of services) {
    const slash = key.indexOf('/');
    refs.push({ input: 'kubernetes', kind: 'service', namespace: key.slice(0, slash), name: key.slice(slash + 1) });
  }
  return refs;
}

/** Records an id; a second definition is a duplicate-id error naming the first. */
function claim(ids: Map<ComponentId, { at: SourceRange; what: string }>, id: ComponentId, at: SourceRange, what: string, errors: Diagnostic[]): boolean {
  const previous = ids.get(id);
  if (previous) {
    errors.push({
      code: 'duplicate-id',
      message: `"${id}" is defined twice (${what} and ${previous.what})`,
      hint: 'ids are unique across every input; rename one',
      at,
      related: [previous.at],
    });
    return false;
  }
  ids.set(id, { at, what });
  return true;
}

/** `namespace/name` of every Service → the workloads behind it; a Service selecting nothing is a warning. */
function serviceBackends(services: readonly Service[], workloads: readonly { w: Workload; id: ComponentId }[], warnings: Diagnostic[]): Map<string, ComponentId[]> {
  const out = new Map<string, ComponentId[]>();
  // Workloads by namespace and by each namespace/label=value: a Service looks at the workloads carrying its selector's first label, not at all of them.
  const byLabel = new Map<string, { w: Workload; id: ComponentId }[]>();
  const index = (key: string, x: { w: Workload; id: ComponentId }): void => {
    const list = byLabel.get(key);
    if (list) list.push(x);
    else byLabel.set(key, [x]);
  };
  for (const x of workloads) {
    index(x.w.namespace, x);
    for (const [k, v] of x.w.labels) index(`${x.w.namespace}\u0000${k}\u0000${v}`, x);
  }
  for (const s of services) {
    const key = `${s.namespace}/${s.name}`;
    if (s.externalName) continue; // a DNS alias for something outside the cluster
    if (!s.selector) {
      warnings.push({
        code: 'unknown-id',
        severity: 'warning',
        message: `Service ${s.name} has no spec.selector, so no workload is behind it here; values naming it give no dependency`,
        hint: 'its endpoints are managed elsewhere; model what it reaches in a faultline manifest if it matters',
        at: s.at,
      });
      out.set(key, []);
      continue;
    }
    const first = s.selector.entries().next().value;
    const candidates = byLabel.get(first ? `${s.namespace}\u0000${first[0]}\u0000${first[1]}` : s.namespace) ?? [];
    const behind = candidates.filter(({ w }) => selectsAll(s.selector!, w.labels)).map(({ id }) => id);
    if (behind.length === 0) {
      warnings.push({
        code: 'unknown-id',
        severity: 'warning',
        message: `Service ${s.name} selects no workload in these files (selector ${[...s.selector].map(([k, v]) => `${k}=${v}`).join(',')})`,
        hint: "its selector must match the labels of a workload's pod template (spec.template.metadata.labels) in the same namespace",
        at: s.at,
      });
    }
    out.set(key, behind);
  }
  return out;
}

/** What Kubernetes says about one workload, as a layer. */
function workloadLayer(
  w: Workload,
  id: ComponentId,
  backends: ReadonlyMap<string, readonly ComponentId[]>,
  budgets: readonly DisruptionBudget[],
  configMaps: ReadonlyMap<string, ConfigMap>,
  zones: readonly string[] | undefined,
  warnings: Diagnostic[],
): { layer: Layer; unzoned: boolean } {
  const l = layer(`Kubernetes (${w.kind} ${w.name})`);
  l.keyAt.set(pathKey([]), w.at);
  // All but the tags is derived: an annotation or an overlay entry that says otherwise replaces it.
  for (const field of ['kind', 'in', 'minHealthy', 'dependsOn']) l.derived.add(field);
  l.fields.set(
    'kind',
    guessKind(
      w.kind,
      w.containers.filter((c) => !c.init).map((c) => c.image),
      w.name,
    ),
  );

  // Placement: replicas spread over the namespace's zones, or all in the synthetic zone.
  const daemon = w.kind === 'DaemonSet';
  const spread = zones !== undefined && (w.zoneSpread !== undefined || daemon);
  const replicas = daemon ? (spread ? zones.length : 1) : w.kind === 'Job' || w.kind === 'CronJob' ? 1 : Math.max(1, w.replicas?.value ?? 1);
  const placeAt = w.zoneSpread ?? w.replicas?.at ?? w.at;
  const placement = spread ? evenly(replicas, zones) : new Map([[CLUSTER_ZONE, replicas]]);
  l.fields.set('in', Object.fromEntries(placement));
  l.keyAt.set(pathKey(['in']), placeAt);
  for (const zone of placement.keys()) l.at.set(pathKey(['in', zone]), placeAt);

  const budget = minHealthy(w, replicas, budgets, warnings);
  if (budget) {
    l.fields.set('minHealthy', budget.value);
    l.keyAt.set(pathKey(['minHealthy']), budget.at);
  }

  const edges = dependencies(w, id, backends, configMaps, warnings);
  if (edges.length > 0) {
    l.fields.set(
      'dependsOn',
      edges.map((e) => {
        const phase = e.startupOnly ? { phase: 'startup' } : {};
        if (e.targets.length > 1) return { anyOf: [...e.targets], ...phase };
        return e.startupOnly ? { target: e.targets[0], ...phase } : e.targets[0];
      }),
    );
    edges.forEach((e, i) => l.at.set(pathKey(['dependsOn', i]), e.at));
  }
  l.fields.set('tags', { kubernetes: `${w.kind.toLowerCase()}/${w.name}`, namespace: w.namespace });
  l.keyAt.set(pathKey(['tags', 'kubernetes']), w.at);
  return { layer: l, unzoned: !spread };
}

/** `replicas` over `zones` as evenly as can be, the first zones taking the remainder; zones left empty are left out. */
export function evenly(replicas: number, zones: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  zones.forEach((z, i) => {
    const n = Math.floor(replicas / zones.length) + (i < replicas % zones.length ? 1 : 0);
    if (n > 0) out.set(z, n);
  });
  return out;
}

/** `minHealthy` from the strictest PodDisruptionBudget selecting the workload, clamped to 1…replicas. */
function minHealthy(w: Workload, replicas: number, budgets: readonly DisruptionBudget[], warnings: Diagnostic[]): { value: number; at: SourceRange } | undefined {
  let best: { value: number; at: SourceRange } | undefined;
  for (const b of budgets) {
    if (b.namespace !== w.namespace || !b.selector || !selects(b.selector, w.labels)) continue;
    const value = budgetValue(b, replicas, warnings);
    if (value && (!best || value.value > best.value)) best = value;
  }
  return best;
}

function budgetValue(b: DisruptionBudget, replicas: number, warnings: Diagnostic[]): { value: number; at: SourceRange } | undefined {
  const field = b.minAvailable ?? b.maxUnavailable;
  if (!field) return undefined;
  const count = scaled(field.value, replicas);
  if (count === undefined) {
    warnings.push({
      code: 'schema',
      severity: 'warning',
      message: `PodDisruptionBudget ${b.name}: ${JSON.stringify(field.value)} is neither a number nor a percentage; ignored`,
      hint: 'write a number (2) or a percentage ("50%")',
      at: field.at,
    });
    return undefined;
  }
  const healthy = b.minAvailable ? count : replicas - count;
  return { value: Math.min(replicas, Math.max(1, healthy)), at: field.at };
}

/** A number, or a percentage of `replicas` rounded up (as the disruption controller rounds). */
function scaled(value: number | string, replicas: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const percent = /^(\d{1,3})%$/.exec(value.trim());
  if (percent) return Math.ceil((Number(percent[1]) * replicas) / 100);
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** The Services a workload's containers name in their environment, as edges in the order written. */
function dependencies(
  w: Workload,
  id: ComponentId,
  backends: ReadonlyMap<string, readonly ComponentId[]>,
  configMaps: ReadonlyMap<string, ConfigMap>,
  warnings: Diagnostic[],
): Edge[] {
  const edges: Edge[] = [];
  const configMap = (name: string) => configMaps.get(`${w.namespace}/${name}`);
  for (const container of w.containers) {
    const vars = new Map<string, string>();
    const consider = (name: string, raw: string, at: SourceRange): void => {
      const value = raw.replace(/\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, v: string) => vars.get(v) ?? whole);
      vars.set(name, value);
      for (const ref of hostRefs(value)) {
        const namespace = ref.namespace ?? w.namespace;
        const targets = backends.get(`${namespace}/${ref.name}`);
        if (targets === undefined) {
          if (/\.svc(\.|$)/.test(ref.host)) {
            warnings.push({
              code: 'unknown-id',
              severity: 'warning',
              message: `${name} names the Service ${ref.name} in namespace ${namespace}, which is in none of these files; no dependency`,
              hint: 'pass the file that defines the Service, or model what it reaches in a faultline manifest',
              at,
            });
          }
          continue;
        }
        add(edges, id, targets, container.init, at);
      }
    };
    for (const source of container.env) {
      if (source.type === 'value') consider(source.env.name, source.env.value, source.env.at);
      else if (source.type === 'configMapKey') {
        const entry = configMap(source.configMap)?.data.get(source.key);
        if (entry) consider(source.name, entry.value, entry.at);
      } else {
        for (const entry of configMap(source.configMap)?.data.values() ?? []) consider(entry.name, entry.value, entry.at);
      }
    }
  }
  return edges;
}

/** Adds an edge to the workloads behind a Service (not the workload itself); a runtime need outranks a start-up one. */
function add(edges: Edge[], self: ComponentId, behind: readonly ComponentId[], init: boolean, at: SourceRange): void {
  const targets = behind.filter((t) => t !== self);
  if (targets.length === 0) return;
  const key = [...targets].sort().join('\u0000');
  const existing = edges.find((e) => [...e.targets].sort().join('\u0000') === key);
  if (!existing) {
    edges.push({ targets, startupOnly: init, at });
    return;
  }
  if (existing.startupOnly && !init) {
    existing.startupOnly = false;
    existing.at = at;
  }
}
