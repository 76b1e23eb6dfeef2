/**
 * Kubernetes objects, as far as faultline reads them
 * ==================================================
 *
 * One YAML document is one object, or a `kind: List` of them (what
 * `kubectl get -o yaml` prints). Each object the model needs (workloads,
 * Services, PodDisruptionBudgets, Namespaces, ConfigMaps) is read into a
 * small record that keeps the source position of every value it uses;
 * built-in kinds faultline has no use for are skipped silently, custom
 * resources with one warning each, and a malformed workload with a warning
 * at its line. Nothing here throws on odd input: every field is checked for
 * its type before it is read.
 */
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { nodeAt, pairOf, type SourceFile } from '../load/yaml-source.js';
import type { FaultlineAnnotation } from '../backstage/entity.js';
import { ANNOTATION_PREFIX, KNOWN_KINDS } from '../backstage/entity.js';
import type { LabelSelector } from './selectors.js';
import { labelSelector } from './selectors.js';

export const DEFAULT_NAMESPACE = 'default';

/** The workload kinds that become components, and where their pod template is. */
export const WORKLOAD_KINDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['Deployment', ['spec', 'template']],
  ['StatefulSet', ['spec', 'template']],
  ['DaemonSet', ['spec', 'template']],
  ['Job', ['spec', 'template']],
  ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
]);

/** API groups of Kubernetes itself (and kustomize's files): their other kinds are skipped without a word. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling', 'extensions']);

/** `apps/v1`, `v1`, `networking.k8s.io/v1`, `monitoring.coreos.com/v1alpha1`. */
const API_VERSION = /^(?:([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)\/)?v\d+((alpha|beta)\d+)?$/;

/**
 * Is this document a Kubernetes object (apiVersion `group/version` and a
 * `kind`)? A Backstage kind under a foreign group (`example.com/v1`,
 * `Component`) is more likely a catalog entity with a mistyped apiVersion
 * than a custom resource: it is left to the loader's "unsupported
 * apiVersion" error.
 */
export function isKubernetesObject(document: Record<string, unknown>): boolean {
  const { apiVersion, kind } = document;
  if (typeof apiVersion !== 'string' || !API_VERSION.test(apiVersion) || typeof kind !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return false;
  return isBuiltInGroup(groupOf(apiVersion)) || !KNOWN_KINDS.has(kind.toLowerCase());
}

/** The API group of an apiVersion (`''` for the core group). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group) || group.endsWith('.k8s.io') || group === 'kustomize.config.k8s.io';
}

/** A string value of an environment variable, or a ConfigMap key, and where it is written. */
export interface EnvValue {
  readonly name: string;
  readonly value: string;
  readonly at: SourceRange;
}

/** Where a container's environment comes from, in the order Kubernetes applies it. */
export type EnvSource =
  | { readonly type: 'value'; readonly env: EnvValue }
  | { readonly type: 'configMapKey'; readonly name: string; readonly configMap: string; readonly key: string; readonly at: SourceRange }
  | { readonly type: 'configMap'; readonly configMap: string; readonly at: SourceRange };

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly init: boolean;
  readonly env: readonly EnvSource[];
}

export interface Workload {
  /** `Deployment`, `StatefulSet`… */
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Where `metadata.name` is written: the component's place. */
  readonly at: SourceRange;
  readonly file: SourceFile;
  readonly root: YAMLMap;
  /** `spec.replicas` (undefined when not written), and where. */
  readonly replicas?: { readonly value: number; readonly at: SourceRange };
  readonly selector?: LabelSelector;
  /** The pod template's labels. */
  readonly labels: ReadonlyMap<string, string>;
  readonly containers: readonly Container[];
  /** Where the pod spreads over zones (a topology spread constraint or anti-affinity on the zone key), if it does. */
  readonly zoneSpread?: SourceRange;
  readonly annotations: readonly FaultlineAnnotation[];
}

export interface Service {
  readonly name: string;
  readonly namespace: string;
  readonly at: SourceRange;
  /** `spec.selector`; undefined for a Service without one (endpoints managed elsewhere) or an ExternalName. */
  readonly selector?: ReadonlyMap<string, string>;
  readonly externalName: boolean;
}

export interface DisruptionBudget {
  readonly name: string;
  readonly namespace: string;
  readonly at: SourceRange;
  readonly selector?: LabelSelector;
  readonly minAvailable?: { readonly value: number | string; readonly at: SourceRange };
  readonly maxUnavailable?: { readonly value: number | string; readonly at: SourceRange };
}

export interface Namespace {
  readonly name: string;
  readonly at: SourceRange;
  /** `faultline.dev/zones`, split, with where the value is written. */
  readonly zones?: { readonly names: readonly string[]; readonly at: SourceRange };
}

export interface ConfigMap {
  readonly name: string;
  readonly namespace: string;
  readonly data: ReadonlyMap<string, EnvValue>;
}

/** Everything read from the files. */
export interface Objects {
  readonly workloads: Workload[];
  readonly services: Service[];
  readonly budgets: DisruptionBudget[];
  readonly namespaces: Namespace[];
  readonly configMaps: ConfigMap[];
}

export function emptyObjects(): Objects {
  return { workloads: [], services: [], budgets: [], namespaces: [], configMaps: [] };
}

type Js = Record<string, unknown>;

const isObject = (v: unknown): v is Js => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The value at a path of plain data. */
function get(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(v) : !isObject(v)) return undefined;
    v = (v as Record<string | number, unknown>)[step];
  }
  return v;
}

/** Reads one object (or the items of a List) into `into`; what is skipped goes to `warnings`. */
export function readObject(root: YAMLMap, js: Js, file: SourceFile, into: Objects, warnings: Diagnostic[]): void {
  const kind = str(js['kind']) ?? '';
  const apiVersion = str(js['apiVersion']) ?? '';
  const here = (path: readonly (string | number)[]): SourceRange => file.range(nodeAt(root, path));
  if (kind.endsWith('List') && Array.isArray(js['items'])) {
    const items = nodeAt(root, ['items']);
    (js['items'] as unknown[]).forEach((item, i) => {
      const node = isSeq(items) ? items.items[i] : undefined;
      if (isObject(item) && isMap(node) && isKubernetesObject(item)) readObject(node, item, file, into, warnings);
      else
        warnings.push({
          code: 'skipped-input',
          severity: 'warning',
          message: `skipped: items[${i}] of the ${kind} is not a Kubernetes object`,
          at: file.range((node as Node | undefined) ?? root),
        });
    });
    return;
  }
  const group = groupOf(apiVersion);
  if (!isBuiltInGroup(group)) {
    warnings.push({
      code: 'skipped-input',
      severity: 'warning',
      message: `skipped: custom resource ${kind} (${apiVersion}), which faultline does not read`,
      hint: 'model what it runs with faultline.dev annotations on a workload, or in a faultline manifest beside these files',
      at: here(['kind']),
    });
    return;
  }
  const name = str(get(js, ['metadata', 'name']));
  const namespace = str(get(js, ['metadata', 'namespace'])) ?? DEFAULT_NAMESPACE;
  const needed = WORKLOAD_KINDS.has(kind) || ['Service', 'PodDisruptionBudget', 'Namespace', 'ConfigMap'].includes(kind);
  if (!needed) return; // ConfigMap, Secret, ServiceAccount, RBAC, Ingress, HPA…: nothing to model.
  if (name === undefined || name === '') {
    warnings.push({ code: 'skipped-input', severity: 'warning', message: `skipped: a ${kind} without metadata.name`, at: here(['metadata']) });
    return;
  }
  const at = here(['metadata', 'name']);
  const template = WORKLOAD_KINDS.get(kind);
  // What a controller created (a CronJob's Jobs, in `kubectl get -o yaml` output) is its owner's: modelled once, as the owner.
  if (template && Array.isArray(get(js, ['metadata', 'ownerReferences']))) return;
  if (template) {
    const workload = readWorkload(root, js, file, kind, name, namespace, at, template, warnings);
    if (workload) into.workloads.push(workload);
  } else if (kind === 'Service') {
    const selector = get(js, ['spec', 'selector']);
    const labels = isObject(selector) ? stringMap(selector) : undefined;
    into.services.push({ name, namespace, at, ...(labels && labels.size > 0 ? { selector: labels } : {}), externalName: get(js, ['spec', 'type']) === 'ExternalName' });
  } else if (kind === 'PodDisruptionBudget') {
    const spec = get(js, ['spec']);
    const budget: { -readonly [K in keyof DisruptionBudget]: DisruptionBudget[K] } = { name, namespace, at };
    const selector = labelSelector(get(spec, ['selector']));
    if (selector) budget.selector = selector;
    for (const field of ['minAvailable', 'maxUnavailable'] as const) {
      const v = get(spec, [field]);
      if (typeof v === 'number' || typeof v === 'string') budget[field] = { value: v, at: here(['spec', field]) };
    }
    into.budgets.push(budget);
  } else if (kind === 'Namespace') {
    const zones = get(js, ['metadata', 'annotations', `${ANNOTATION_PREFIX}zones`]);
    const names = typeof zones === 'string' ? zones.split(/[\s,]+/).filter((z) => z !== '') : [];
    into.namespaces.push({ name, at, ...(names.length > 0 ? { zones: { names, at: here(['metadata', 'annotations', `${ANNOTATION_PREFIX}zones`]) } } : {}) });
  } else if (kind === 'ConfigMap') {
    const data = new Map<string, EnvValue>();
    const d = get(js, ['data']);
    if (isObject(d)) {
      for (const [key, value] of Object.entries(d)) {
        if (typeof value === 'string') data.set(key, { name: key, value, at: here(['data', key]) });
      }
    }
    into.configMaps.push({ name, namespace, data });
  }
}

function readWorkload(
  root: YAMLMap,
  js: Js,
  file: SourceFile,
  kind: string,
  name: string,
  namespace: string,
  at: SourceRange,
  templatePath: readonly string[],
  warnings: Diagnostic[],
): Workload | undefined {
  const here = (path: readonly (string | number)[]): SourceRange => file.range(nodeAt(root, path));
  const ref = `${kind} ${namespace === DEFAULT_NAMESPACE ? '' : `${namespace}/`}${name}`;
  const pod = get(js, [...templatePath, 'spec']);
  const containers: Container[] = [];
  for (const [field, init] of [
    ['initContainers', true],
    ['containers', false],
  ] as const) {
    const list = get(pod, [field]);
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObject(c)) return;
      containers.push({ name: str(c['name']) ?? '', image: str(c['image']) ?? '', init, env: readEnv(root, c, [...templatePath, 'spec', field, i], file) });
    });
  }
  if (!containers.some((c) => !c.init)) {
    warnings.push({
      code: 'skipped-input',
      severity: 'warning',
      message: `skipped: ${ref} has no containers in ${templatePath.join('.')}.spec.containers`,
      hint: 'Kubernetes refuses a pod template without containers; fix the template to have it modelled',
      at,
    });
    return undefined;
  }
  const selector = labelSelector(get(js, ['spec', 'selector']));
  if (!selector && kind !== 'Job' && kind !== 'CronJob') {
    warnings.push({
      code: 'schema',
      severity: 'warning',
      message: `${ref} has no spec.selector (Kubernetes refuses it); read anyway, with Services matched on its pod template's labels`,
      hint: 'add spec.selector.matchLabels with the labels of spec.template.metadata.labels',
      at,
    });
  }
  const labelsValue = get(js, [...templatePath, 'metadata', 'labels']);
  const replicas = get(js, ['spec', 'replicas']);
  const spreadAt = zoneSpread(pod);
  const annotations = readAnnotations(root, file);
  return {
    kind,
    name,
    namespace,
    at,
    file,
    root,
    ...(typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 0 ? { replicas: { value: replicas, at: here(['spec', 'replicas']) } } : {}),
    ...(selector ? { selector } : {}),
    labels: isObject(labelsValue) ? stringMap(labelsValue) : new Map(),
    containers,
    ...(spreadAt ? { zoneSpread: here([...templatePath, 'spec', ...spreadAt]) } : {}),
    annotations,
  };
}

/** The topology keys that name a zone. */
export const ZONE_KEYS: ReadonlySet<string> = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);

/** The path (under the pod spec) of the first zone spread constraint or zone anti-affinity term, if any. */
function zoneSpread(pod: unknown): (string | number)[] | undefined {
  const constraints = get(pod, ['topologySpreadConstraints']);
  if (Array.isArray(constraints)) {
    const i = constraints.findIndex((c) => ZONE_KEYS.has(str(get(c, ['topologyKey'])) ?? ''));
    if (i >= 0) return ['topologySpreadConstraints', i, 'topologyKey'];
  }
  const anti = get(pod, ['affinity', 'podAntiAffinity']);
  const required = get(anti, ['requiredDuringSchedulingIgnoredDuringExecution']);
  if (Array.isArray(required)) {
    const i = required.findIndex((t) => ZONE_KEYS.has(str(get(t, ['topologyKey'])) ?? ''));
    if (i >= 0) return ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', i, 'topologyKey'];
  }
  const preferred = get(anti, ['preferredDuringSchedulingIgnoredDuringExecution']);
  if (Array.isArray(preferred)) {
    const i = preferred.findIndex((t) => ZONE_KEYS.has(str(get(t, ['podAffinityTerm', 'topologyKey'])) ?? ''));
    if (i >= 0) return ['affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm', 'topologyKey'];
  }
  return undefined;
}

/** A container's `env` and `envFrom`, in order: `envFrom` first, then `env` (which wins on a clash). */
function readEnv(root: YAMLMap, container: Js, path: readonly (string | number)[], file: SourceFile): EnvSource[] {
  const here = (p: readonly (string | number)[]): SourceRange => file.range(nodeAt(root, [...path, ...p]));
  const out: EnvSource[] = [];
  const envFrom = container['envFrom'];
  if (Array.isArray(envFrom)) {
    envFrom.forEach((e, i) => {
      const configMap = str(get(e, ['configMapRef', 'name']));
      if (configMap) out.push({ type: 'configMap', configMap, at: here(['envFrom', i, 'configMapRef', 'name']) });
    });
  }
  const env = container['env'];
  if (Array.isArray(env)) {
    env.forEach((e, i) => {
      const name = str(get(e, ['name'])) ?? '';
      const value = get(e, ['value']);
      if (typeof value === 'string' || typeof value === 'number') {
        out.push({ type: 'value', env: { name, value: String(value), at: here(['env', i, 'value']) } });
        return;
      }
      const configMap = str(get(e, ['valueFrom', 'configMapKeyRef', 'name']));
      const key = str(get(e, ['valueFrom', 'configMapKeyRef', 'key']));
      if (configMap && key) out.push({ type: 'configMapKey', name, configMap, key, at: here(['env', i, 'valueFrom', 'configMapKeyRef']) });
    });
  }
  return out;
}

/** The `faultline.dev/…` annotations of an object's metadata, in the order written (`faultline.dev/zones` belongs to Namespaces). */
function readAnnotations(root: YAMLMap, file: SourceFile): FaultlineAnnotation[] {
  const annotations = nodeAt(root, ['metadata', 'annotations']);
  if (!isMap(annotations) || !pairOf(nodeAt(root, ['metadata']), 'annotations')) return [];
  const out: FaultlineAnnotation[] = [];
  for (const pair of annotations.items) {
    const key = String((pair.key as { value: unknown } | null)?.value);
    if (!key.startsWith(ANNOTATION_PREFIX)) continue;
    const valueNode = pair.value as Node;
    out.push({ name: key.slice(ANNOTATION_PREFIX.length), value: String((valueNode as { value: unknown } | null)?.value ?? ''), keyAt: file.range(pair.key as Node), valueNode });
  }
  return out;
}

/** String values of a map (labels), others left out. */
function stringMap(value: Js): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
  return out;
}
