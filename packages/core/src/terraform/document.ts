/**
 * `terraform show -json`, as far as faultline reads it
 * ====================================================
 *
 * A plan has `planned_values` (the state after apply), `prior_state` (the
 * state before), `resource_changes` (with `after_unknown`) and
 * `configuration` (providers, and every expression's `references`); a
 * state has `values` only. Both hold a `root_module` of `resources` and
 * `child_modules`. Each resource instance is read into a `TfInstance` that
 * keeps its YAML node (JSON is YAML), so every position points into the
 * JSON file; the configuration's resources and module calls are read into
 * scopes so that references can be followed through modules.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { SourceRange } from '../model.js';
import { nodeAt, pairOf, type SourceFile } from '../load/yaml-source.js';

/** Which state of a plan is read: after apply (default) or before. */
export type PlanSide = 'planned' | 'prior';

export interface TfInstance {
  /** `module.app[0].aws_instance.web[1]` */
  readonly address: string;
  /** Without instance keys: `module.app.aws_instance.web`; the component id. */
  readonly base: string;
  readonly type: string;
  readonly mode: string;
  /** `registry.terraform.io/hashicorp/aws` → `aws`. */
  readonly provider: string;
  readonly values: Record<string, unknown>;
  readonly node: YAMLMap;
  readonly file: SourceFile;
  /** Where the instance is written: its `address` value. */
  readonly at: SourceRange;
  /** Attributes known only after apply (`after_unknown`), by top-level name. */
  readonly unknown: ReadonlySet<string>;
  /** A state's `depends_on` (absolute base addresses), with their positions. */
  readonly dependsOn: readonly { readonly address: string; readonly at: SourceRange }[];
}

/** One expression of a configured resource: the attribute path and the resources it references. */
export interface TfExpression {
  /** `user_data`, `vpc_config.subnet_ids`, `environment.variables` */
  readonly attribute: string;
  readonly references: readonly string[];
  readonly at: SourceRange;
}

/** A module's scope in the configuration: its address prefix, its resources, its calls and how it was called. */
export interface TfScope {
  /** `''` for the root, `module.app.` inside module app. */
  readonly prefix: string;
  readonly parent?: TfScope;
  /** The expressions of the call that made this module (`var.x` resolves to them in the parent). */
  readonly callExpressions: ReadonlyMap<string, TfExpression>;
  readonly calls: Map<string, TfScope>;
  /** Output name → its expression's references, in this scope. */
  readonly outputs: Map<string, TfExpression>;
}

export interface TfConfigResource {
  /** The base address, with module prefix. */
  readonly address: string;
  readonly type: string;
  readonly scope: TfScope;
  readonly providerKey?: string;
  readonly expressions: readonly TfExpression[];
  readonly at: SourceRange;
}

export interface TfProvider {
  readonly key: string;
  readonly name: string;
  readonly region?: { readonly value?: string; readonly references: readonly string[]; readonly at: SourceRange };
}

export interface TfDocument {
  readonly file: SourceFile;
  readonly kind: 'plan' | 'state';
  /** Which state the instances are: a plan's planned values or prior state, or a state's values. */
  readonly source: 'planned' | 'prior' | 'state';
  readonly instances: readonly TfInstance[];
  /** Instances of every section (prior, planned, data sources), to find subnets by id. */
  readonly lookup: readonly TfInstance[];
  readonly config: ReadonlyMap<string, TfConfigResource>;
  readonly providers: ReadonlyMap<string, TfProvider>;
  readonly variables: ReadonlyMap<string, unknown>;
  /** The document's start, for file-level warnings. */
  readonly at: SourceRange;
}

/** Is this document `terraform show -json` output (a plan or a state)? */
export function isTerraformJson(document: Record<string, unknown>): boolean {
  if (typeof document['format_version'] !== 'string') return false;
  return ['terraform_version', 'planned_values', 'values', 'resource_changes', 'prior_state', 'configuration'].some((k) => Object.hasOwn(document, k));
}

/** A raw state file (`terraform.tfstate`), which `terraform show -json` turns into what faultline reads. */
export function isRawState(document: Record<string, unknown>): boolean {
  return typeof document['version'] === 'number' && typeof document['terraform_version'] === 'string' && typeof document['lineage'] === 'string';
}

const INSTANCE_KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g;

/** An address without its instance keys: `module.a[0].aws_instance.web["x"]` → `module.a.aws_instance.web`. */
export function baseAddress(address: string): string {
  return address.replace(INSTANCE_KEY, '');
}

/** Reads one `terraform show -json` document. */
export function readDocument(root: YAMLMap, js: Record<string, unknown>, file: SourceFile, side: PlanSide): TfDocument {
  // A state has `values`; a plan has planned values, changes or a prior state (its configuration alone does not make one).
  const isPlan = ['planned_values', 'resource_changes', 'prior_state'].some((k) => Object.hasOwn(js, k)) || !Object.hasOwn(js, 'values');
  const unknown = isPlan ? afterUnknown(root) : new Map<string, Set<string>>();
  const section = (path: readonly string[]): TfInstance[] => {
    const module = nodeAt(root, [...path, 'root_module']);
    const ok = isMap(module) && pathExists(root, [...path, 'root_module']);
    return ok ? moduleInstances(module, file, path[0] === 'planned_values' ? unknown : new Map()) : [];
  };
  const chosen = !isPlan ? ['values'] : side === 'planned' ? ['planned_values'] : ['prior_state', 'values'];
  const instances = section(chosen);
  const lookup = [...instances, ...(isPlan ? section(side === 'planned' ? ['prior_state', 'values'] : ['planned_values']) : [])];
  const { config, providers } = readConfiguration(root, file);
  const variables = new Map<string, unknown>();
  const vars = js['variables'];
  if (vars && typeof vars === 'object' && !Array.isArray(vars)) {
    for (const [name, v] of Object.entries(vars as Record<string, unknown>)) if (v && typeof v === 'object') variables.set(name, (v as Record<string, unknown>)['value']);
  }
  return { file, kind: isPlan ? 'plan' : 'state', source: isPlan ? side : 'state', instances, lookup, config, providers, variables, at: file.range(root) };
}

function pathExists(root: YAMLMap, path: readonly string[]): boolean {
  let node: unknown = root;
  for (const step of path) {
    const pair = pairOf(node, step);
    if (!pair) return false;
    node = pair.value;
  }
  return true;
}

/** `resource_changes[].change.after_unknown`: address → top-level attributes unknown until apply. */
function afterUnknown(root: YAMLMap): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const changes = pairOf(root, 'resource_changes')?.value;
  if (!isSeq(changes)) return out;
  for (const change of changes.items) {
    const address = scalar(pairOf(change, 'address')?.value);
    const unknownNode = nodeAt(change as Node, ['change', 'after_unknown']);
    if (typeof address !== 'string' || !isMap(unknownNode) || !pathExists(change as YAMLMap, ['change', 'after_unknown'])) continue;
    const set = new Set<string>();
    for (const pair of unknownNode.items) {
      const v = toPlain(pair.value);
      if (v === true || (typeof v === 'object' && v !== null && JSON.stringify(v).includes('true'))) set.add(String(scalar(pair.key)));
    }
    out.set(address, set);
  }
  return out;
}

function moduleInstances(module: YAMLMap, file: SourceFile, unknown: ReadonlyMap<string, ReadonlySet<string>>): TfInstance[] {
  const out: TfInstance[] = [];
  const stack: YAMLMap[] = [module];
  while (stack.length > 0) {
    const m = stack.pop()!;
    const resources = pairOf(m, 'resources')?.value;
    if (isSeq(resources)) {
      for (const r of resources.items) {
        if (!isMap(r)) continue;
        const instance = readInstance(r, file, unknown);
        if (instance) out.push(instance);
      }
    }
    const children = pairOf(m, 'child_modules')?.value;
    if (isSeq(children)) for (let i = children.items.length - 1; i >= 0; i--) if (isMap(children.items[i])) stack.push(children.items[i] as YAMLMap);
  }
  return out;
}

function readInstance(r: YAMLMap, file: SourceFile, unknown: ReadonlyMap<string, ReadonlySet<string>>): TfInstance | undefined {
  const addressNode = pairOf(r, 'address')?.value as Node | undefined;
  const address = scalar(addressNode);
  const type = scalar(pairOf(r, 'type')?.value);
  if (typeof address !== 'string' || typeof type !== 'string') return undefined;
  const mode = scalar(pairOf(r, 'mode')?.value);
  const providerName = scalar(pairOf(r, 'provider_name')?.value);
  const valuesNode = pairOf(r, 'values')?.value;
  const values = isMap(valuesNode) ? (toPlain(valuesNode) as Record<string, unknown>) : {};
  const dependsOn: { address: string; at: SourceRange }[] = [];
  const deps = pairOf(r, 'depends_on')?.value;
  if (isSeq(deps)) {
    for (const d of deps.items) {
      const v = scalar(d);
      if (typeof v === 'string') dependsOn.push({ address: baseAddress(v), at: file.range(d as Node) });
    }
  }
  return {
    address,
    base: baseAddress(address),
    type,
    mode: typeof mode === 'string' ? mode : 'managed',
    provider: providerShortName(typeof providerName === 'string' ? providerName : type.split('_')[0]!),
    values,
    node: r,
    file,
    at: file.range(addressNode ?? r),
    unknown: unknown.get(address) ?? new Set(),
    dependsOn,
  };
}

/** `registry.terraform.io/hashicorp/aws` → `aws`. */
export function providerShortName(name: string): string {
  return name.split('/').pop() ?? name;
}

/** The value of a scalar node. */
function scalar(node: unknown): unknown {
  return node && typeof node === 'object' && 'value' in node && !isMap(node) && !isSeq(node) ? (node as { value: unknown }).value : undefined;
}

function readConfiguration(root: YAMLMap, file: SourceFile): { config: Map<string, TfConfigResource>; providers: Map<string, TfProvider> } {
  const config = new Map<string, TfConfigResource>();
  const providers = new Map<string, TfProvider>();
  const configuration = pairOf(root, 'configuration')?.value;
  if (!isMap(configuration)) return { config, providers };
  const providerConfig = pairOf(configuration, 'provider_config')?.value;
  if (isMap(providerConfig)) {
    for (const pair of providerConfig.items) {
      const key = String(scalar(pair.key));
      const name = scalar(pairOf(pair.value, 'name')?.value);
      const region = nodeAt(pair.value as Node, ['expressions', 'region']);
      const hasRegion = pathExists(pair.value as YAMLMap, ['expressions', 'region']);
      const constant = hasRegion ? scalar(pairOf(region, 'constant_value')?.value) : undefined;
      providers.set(key, {
        key,
        name: typeof name === 'string' ? name : key.split('.')[0]!,
        ...(hasRegion
          ? {
              region: {
                ...(typeof constant === 'string' ? { value: constant } : {}),
                references: stringList(pairOf(region, 'references')?.value),
                at: file.range((pairOf(region, 'constant_value')?.value as Node | undefined) ?? region),
              },
            }
          : {}),
      });
    }
  }
  const rootModule = pairOf(configuration, 'root_module')?.value;
  if (isMap(rootModule)) readScope(rootModule, { prefix: '', callExpressions: new Map(), calls: new Map(), outputs: new Map() }, file, config, 0);
  return { config, providers };
}

/** Module nesting followed at most this deep (a hostile file cannot make it recurse without end). */
const MAX_MODULE_DEPTH = 32;

function readScope(module: YAMLMap, scope: TfScope, file: SourceFile, into: Map<string, TfConfigResource>, depth: number): void {
  const resources = pairOf(module, 'resources')?.value;
  if (isSeq(resources)) {
    for (const r of resources.items) {
      if (!isMap(r)) continue;
      const address = scalar(pairOf(r, 'address')?.value);
      const type = scalar(pairOf(r, 'type')?.value);
      const mode = scalar(pairOf(r, 'mode')?.value);
      if (typeof address !== 'string' || typeof type !== 'string' || mode === 'data') continue;
      const providerKey = scalar(pairOf(r, 'provider_config_key')?.value);
      const expressionsNode = pairOf(r, 'expressions')?.value;
      into.set(scope.prefix + address, {
        address: scope.prefix + address,
        type,
        scope,
        ...(typeof providerKey === 'string' ? { providerKey } : {}),
        expressions: isMap(expressionsNode) ? expressions(expressionsNode, '', file) : [],
        at: file.range((pairOf(r, 'address')?.value as Node | undefined) ?? r),
      });
    }
  }
  const outputs = pairOf(module, 'outputs')?.value;
  if (isMap(outputs)) {
    for (const pair of outputs.items) {
      const expression = pairOf(pair.value, 'expression')?.value;
      const refs = stringList(pairOf(expression, 'references')?.value);
      scope.outputs.set(String(scalar(pair.key)), { attribute: `output ${String(scalar(pair.key))}`, references: refs, at: file.range(pair.key as Node) });
    }
  }
  if (depth >= MAX_MODULE_DEPTH) return;
  const calls = pairOf(module, 'module_calls')?.value;
  if (!isMap(calls)) return;
  for (const pair of calls.items) {
    const name = String(scalar(pair.key));
    const expressionsNode = pairOf(pair.value, 'expressions')?.value;
    const callExpressions = new Map<string, TfExpression>();
    if (isMap(expressionsNode)) for (const e of expressions(expressionsNode, '', file)) callExpressions.set(e.attribute.split('.')[0]!, e);
    const child: TfScope = { prefix: `${scope.prefix}module.${name}.`, parent: scope, callExpressions, calls: new Map(), outputs: new Map() };
    scope.calls.set(name, child);
    const inner = pairOf(pair.value, 'module')?.value;
    if (isMap(inner)) readScope(inner, child, file, into, depth + 1);
  }
}

/**
 * Every expression under a resource's `expressions`: `{ references: [...] }`
 * and `{ constant_value }` leaves, nested blocks as lists of maps of
 * expressions. Only those with references are kept.
 */
function expressions(node: YAMLMap, path: string, file: SourceFile): TfExpression[] {
  const out: TfExpression[] = [];
  const stack: { node: unknown; path: string; key?: Node }[] = [{ node, path }];
  while (stack.length > 0) {
    const { node: n, path: p, key } = stack.pop()!;
    if (isSeq(n)) {
      for (const item of n.items) stack.push({ node: item, path: p, ...(key ? { key } : {}) });
      continue;
    }
    if (!isMap(n)) continue;
    const refs = pairOf(n, 'references');
    if (refs && isSeq(refs.value)) {
      out.push({ attribute: p, references: stringList(refs.value), at: file.range(key ?? n) });
      continue;
    }
    if (pairOf(n, 'constant_value')) continue;
    for (let i = n.items.length - 1; i >= 0; i--) {
      const pair = n.items[i]!;
      const name = String(scalar(pair.key));
      stack.push({ node: pair.value, path: p ? `${p}.${name}` : name, key: pair.key as Node });
    }
  }
  return out;
}

/** Deeper than this, a value is cut (a hostile file cannot exhaust the stack). */
const MAX_DEPTH = 64;

/**
 * A node as plain data, maps as null-prototype objects (a `__proto__` key
 * stays a key). Works on the `yaml` package's nodes and on the fast path's,
 * which have no `toJSON`.
 */
export function toPlain(node: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (isMap(node)) {
    const out = Object.create(null) as Record<string, unknown>;
    for (const pair of node.items) out[String(scalar(pair.key))] = toPlain(pair.value, depth + 1);
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => toPlain(item, depth + 1));
  return isScalar(node) ? node.value : null;
}

function stringList(node: unknown): string[] {
  if (!isSeq(node)) return [];
  const out: string[] = [];
  for (const item of node.items) {
    const v = scalar(item);
    if (typeof v === 'string') out.push(v);
  }
  return out;
}
