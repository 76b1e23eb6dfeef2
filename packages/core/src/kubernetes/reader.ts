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
 * Every value keeps the position of the text it came from (the layers and
 * `toRawComponent` of the Backstage reader), so findings land on the
 * Kubernetes lines. The rules are in docs/kubernetes.md.
 */
import type { YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { hostRefs } from '../inputs/env-refs.js';
import type { RawComponent } from '../load/resolve.js';
import type { SourceFile } from '../load/yaml-source.js';
import type { ComponentId, ComponentRef, SourceRange } from '../model.js';
import { ID_PATTERN } from '../schema.js';
import { plural } from '../words.js';
import { annotationLayer } from '../backstage/annotations.js';
import { layer, pathKey, type Layer } from '../backstage/layer.js';
import { mergeLayers } from '../backstage/merge.js';
import { toRawComponent } from '../backstage/synthetic.js';
import { guessKind } from './kinds.js';
import { DEFAULT_NAMESPACE, emptyObjects, isKubernetesObject, readObject, type DisruptionBudget, type Objects, type Service, type Workload } from './objects.js';
import { selects, selectsAll } from './selectors.js';

/** The synthetic zone that holds every replica whose zone is not known. */
export const CLUSTER_ZONE = 'cluster';

/** The component id of a Kubernetes object: its name, `namespace.name` outside `default`. */
export function objectId(namespace: string, name: string): ComponentId {
  return namespace === DEFAULT_NAMESPACE ? name : `${namespace}.${name}`;
}

/** The Kubernetes `InputReader` (`load/inputs.ts`; structural, so that module can import this one without a cycle). */
export class KubernetesReader {
  readonly name = 'Kubernetes';
  private readonly objects: Objects = emptyObjects();

  recognises(document: Record<string, unknown>): boolean {
    return isKubernetesObject(document);
  }

  addDocument(root: YAMLMap, document: Record<string, unknown>, file: SourceFile, _errors: Diagnostic[], warnings: Diagnostic[]): void {
    readObject(root, document, file, this.objects, warnings);
  }

  components(errors: Diagnostic[], warnings: Diagnostic[]): readonly RawComponent[] {
    return resolveObjects(this.objects, errors, warnings);
  }
}

/** One edge in the making: the workloads behind a Service, and whether only init containers need them. */
interface Edge {
  readonly targets: readonly ComponentId[];
  startupOnly: boolean;
  at: SourceRange;
}

/** The objects read, as raw components. */
export function resolveObjects(objects: Objects, errors: Diagnostic[], warnings: Diagnostic[]): RawComponent[] {
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
  const out: RawComponent[] = [];
  const unzoned: { w: Workload; id: ComponentId }[] = [];
  for (const { w, id } of workloads) {
    const mine = workloadLayer(w, id, backends, objects, zonesOf.get(w.namespace), warnings);
    if (mine.unzoned) unzoned.push({ w, id });
    const annotations = annotationLayer(w.annotations, w.file, errors);
    // An annotation says what Kubernetes could not: it replaces the derived value (and `in` takes the PDB's `minHealthy` with it).
    for (const field of annotations.fields.keys()) {
      if (['dependsOn', 'tags', 'monitors', 'aliases'].includes(field)) continue;
      mine.layer.fields.delete(field);
      if (field === 'in') mine.layer.fields.delete('minHealthy');
    }
    const component = toRawComponent(id, w.at, mergeLayers(id, [mine.layer, annotations], errors), errors);
    if (component) out.push({ ...component, refs: workloadRefs(w, id, backends) });
  }

  for (const [zone, at] of zoneAt) {
    if (!claim(ids, zone, at, `zone ${zone} of faultline.dev/zones`, errors)) continue;
    const l = layer('the Namespace');
    l.keyAt.set(pathKey([]), at);
    l.fields.set('kind', 'zone');
    const c = toRawComponent(zone, at, l, errors);
    if (c) out.push(c);
  }
  if (unzoned.length > 0) {
    const first = unzoned[0]!;
    warnings.push({
      code: 'schema',
      severity: 'warning',
      message: `no zone is known for ${plural(unzoned.length, 'workload')} (${unzoned
        .slice(0, 3)
        .map((u) => u.id)
        .join(', ')}${unzoned.length > 3 ? ', …' : ''}): their replicas share one placement, the synthetic zone "${CLUSTER_ZONE}"`,
      hint: 'name the zones on the Namespace (faultline.dev/zones: "eu-west-1a,eu-west-1b") and spread the pods with a topologySpreadConstraint on topology.kubernetes.io/zone; see docs/kubernetes.md',
      at: first.w.at,
    });
    if (claim(ids, CLUSTER_ZONE, first.w.at, 'the synthetic zone of workloads without zone information', errors)) {
      const l = layer('Kubernetes');
      l.keyAt.set(pathKey([]), first.w.at);
      l.fields.set('kind', 'zone');
      l.fields.set('description', 'synthetic: where replicas run when no zone is known (faultline.dev/zones on the Namespace and a zone spread constraint name real zones)');
      const c = toRawComponent(CLUSTER_ZONE, first.w.at, l, errors);
      if (c) out.push(c);
    }
  }
  return out;
}

/** How kubectl users name a workload: `statefulset/redis-cart`, and `service/<name>` for each Service in front of it (several workloads behind one Service make that ref ambiguous). */
function workloadRefs(w: Workload, id: ComponentId, backends: ReadonlyMap<string, readonly ComponentId[]>): ComponentRef[] {
  const refs: ComponentRef[] = [{ input: 'kubernetes', kind: w.kind.toLowerCase(), namespace: w.namespace, name: w.name }];
  for (const [key, behind] of backends) {
    if (!behind.includes(id)) continue;
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
    const behind = workloads.filter(({ w }) => w.namespace === s.namespace && selectsAll(s.selector!, w.labels)).map(({ id }) => id);
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
  objects: Objects,
  zones: readonly string[] | undefined,
  warnings: Diagnostic[],
): { layer: Layer; unzoned: boolean } {
  const l = layer(`Kubernetes (${w.kind} ${w.name})`);
  l.keyAt.set(pathKey([]), w.at);
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

  const budget = minHealthy(w, replicas, objects.budgets, warnings);
  if (budget) {
    l.fields.set('minHealthy', budget.value);
    l.keyAt.set(pathKey(['minHealthy']), budget.at);
  }

  const edges = dependencies(w, id, backends, objects, warnings);
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
function dependencies(w: Workload, id: ComponentId, backends: ReadonlyMap<string, readonly ComponentId[]>, objects: Objects, warnings: Diagnostic[]): Edge[] {
  const edges: Edge[] = [];
  const configMap = (name: string) => objects.configMaps.find((c) => c.namespace === w.namespace && c.name === name);
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
