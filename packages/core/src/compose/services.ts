/**
 * docker compose files → services, with the place of every value
 * ===============================================================
 *
 * Reads what faultline needs of each service (image, environment,
 * depends_on, replicas, restart policy, command, profiles, network aliases,
 * `network_mode: service:…`, the `x-faultline` extension) and where each
 * value is written. Nothing here throws: a malformed entry is a warning at
 * its line and is skipped, the rest of the service is read.
 *
 * Several files (`compose.yaml` plus `compose.prod.yaml`) merge by service
 * name as `docker compose -f a -f b` merges them: a later single value wins,
 * `environment` merges by variable, `depends_on` by service, aliases add up.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { pairOf, type SourceFile } from '../load/yaml-source.js';

/** The conditions `depends_on` may wait for; all three gate the dependent's start. */
export const CONDITIONS: readonly string[] = ['service_started', 'service_healthy', 'service_completed_successfully'];

export interface Positioned<T> {
  readonly value: T;
  readonly at: SourceRange;
}

export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  readonly at: SourceRange;
}

export interface ComposeService {
  readonly name: string;
  /** The compose project: the file's top-level `name`, else its directory's name. */
  readonly project: string;
  /** The service's key in the first file that defines it. */
  readonly at: SourceRange;
  /** Where the project's `services:` key is, in that file. */
  readonly servicesAt: SourceRange;
  image?: Positioned<string>;
  readonly env: Map<string, EnvEntry>;
  readonly dependsOn: Map<string, Positioned<string>>;
  replicas?: Positioned<number>;
  restart?: Positioned<string>;
  /** `command` and `entrypoint`, joined with spaces. */
  command?: string;
  entrypoint?: string;
  profiles?: Positioned<readonly string[]>;
  /** Other names the service answers to: `container_name`, network aliases. */
  readonly aliases: Set<string>;
  networkMode?: Positioned<string>;
  /** The `x-faultline` extension (the last file's that gives one). */
  faultline?: { readonly node: Node; readonly value: unknown; readonly file: SourceFile };
}

/** Reads one document's services into `services` (merging by name); problems go to `warnings`. Returns where this document names each service. */
export function readServices(
  root: YAMLMap,
  document: Record<string, unknown>,
  file: SourceFile,
  services: Map<string, ComposeService>,
  warnings: Diagnostic[],
): { name: string; at: SourceRange }[] {
  const named: { name: string; at: SourceRange }[] = [];
  const servicesPair = pairOf(root, 'services');
  const includePair = pairOf(root, 'include');
  if (includePair) warn(warnings, file.range(includePair.key as Node), 'skipped: include is not followed', 'name the included compose files on the command line too');
  const node = servicesPair?.value;
  if (!isMap(node)) {
    warn(
      warnings,
      file.range((node as Node | undefined) ?? (servicesPair?.key as Node | undefined) ?? root),
      'skipped: services is not a map of name → service',
      'a compose file has "services:" with one entry per service',
    );
    return named;
  }
  const project = projectName(document['name'], file.file);
  const servicesAt = file.range(servicesPair!.key as Node);
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const at = file.range(keyNode);
    named.push({ name, at });
    if (!isMap(pair.value)) {
      warn(warnings, at, `skipped: service "${name}" is not a map`, 'give it at least "image:" or "build:"');
      continue;
    }
    let s = services.get(name);
    if (!s) {
      s = { name, project, at, servicesAt, env: new Map(), dependsOn: new Map(), aliases: new Set() };
      services.set(name, s);
    }
    const js = (document['services'] as Record<string, Record<string, unknown> | undefined>)[name];
    readService(s, pair.value, js?.['x-faultline'], file, warnings);
  }
  return named;
}

function readService(s: ComposeService, node: YAMLMap, faultlineValue: unknown, file: SourceFile, warnings: Diagnostic[]): void {
  const field = (key: string): Node | undefined => pairOf(node, key)?.value as Node | undefined;
  const image = field('image');
  if (image) {
    if (isScalar(image) && typeof image.value === 'string') s.image = { value: image.value, at: file.range(image) };
    else warn(warnings, file.range(image), `${s.name}: skipped image: not a string`);
  }
  readEnvironment(s, field('environment'), file, warnings);
  readDependsOn(s, field('depends_on'), file, warnings);
  const replicas = field('deploy') && isMap(field('deploy')) ? (pairOf(field('deploy'), 'replicas')?.value as Node | undefined) : undefined;
  const count = replicas ?? field('scale');
  if (count) {
    if (isScalar(count) && typeof count.value === 'number' && Number.isInteger(count.value) && count.value >= 0) s.replicas = { value: count.value, at: file.range(count) };
    else warn(warnings, file.range(count), `${s.name}: skipped replicas: not a whole number`, 'write "deploy: { replicas: 3 }"');
  }
  const restart = field('restart');
  if (restart && isScalar(restart)) s.restart = { value: String(restart.value), at: file.range(restart) };
  const command = words(field('command'));
  if (command !== undefined) s.command = command;
  const entrypoint = words(field('entrypoint'));
  if (entrypoint !== undefined) s.entrypoint = entrypoint;
  const profiles = field('profiles');
  if (profiles) {
    if (isSeq(profiles) && profiles.items.every((p) => isScalar(p)))
      s.profiles = { value: profiles.items.map((p) => String((p as { value: unknown }).value)), at: file.range(profiles) };
    else warn(warnings, file.range(profiles), `${s.name}: skipped profiles: not a list of names`);
  }
  const container = field('container_name');
  if (container && isScalar(container)) s.aliases.add(String(container.value).toLowerCase());
  const networks = field('networks');
  if (isMap(networks)) {
    for (const n of networks.items) {
      const aliases = pairOf(n.value, 'aliases')?.value;
      if (isSeq(aliases)) for (const a of aliases.items) if (isScalar(a)) s.aliases.add(String(a.value).toLowerCase());
    }
  }
  const networkMode = field('network_mode');
  if (networkMode && isScalar(networkMode) && typeof networkMode.value === 'string' && networkMode.value.startsWith('service:')) {
    s.networkMode = { value: networkMode.value.slice('service:'.length), at: file.range(networkMode) };
  }
  const faultline = pairOf(node, 'x-faultline');
  if (faultline) s.faultline = { node: (faultline.value as Node | null) ?? (faultline.key as Node), value: faultlineValue ?? null, file };
}

/** `environment:` as a map (`KEY: value`) or a list (`- KEY=value`); a variable without a value comes from the shell and names nothing. */
function readEnvironment(s: ComposeService, node: Node | undefined, file: SourceFile, warnings: Diagnostic[]): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = pair.value as Node | null;
      if (value === null || (isScalar(value) && value.value === null)) continue;
      if (!isScalar(value)) {
        warn(warnings, file.range(value), `${s.name}: skipped environment.${key}: not a string`);
        continue;
      }
      s.env.set(key, { key, value: String(value.value), at: file.range(value) });
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string') {
        warn(warnings, file.range(item as Node), `${s.name}: skipped an environment entry: not "KEY=value"`);
        continue;
      }
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue; // `- KEY`: from the shell
      const key = item.value.slice(0, eq);
      s.env.set(key, { key, value: item.value.slice(eq + 1), at: file.range(item) });
    }
    return;
  }
  warn(warnings, file.range(node), `${s.name}: skipped environment: not a map or a list`, 'write "KEY: value" entries or "- KEY=value" items');
}

/** `depends_on:` as a list of names or a map of name → `{ condition }`. */
function readDependsOn(s: ComposeService, node: Node | undefined, file: SourceFile, warnings: Diagnostic[]): void {
  if (!node) return;
  if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item) && typeof item.value === 'string') s.dependsOn.set(item.value, { value: 'service_started', at: file.range(item) });
      else warn(warnings, file.range(item as Node), `${s.name}: skipped a depends_on entry: not a service name`);
    }
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const at = file.range(pair.key as Node);
      const value = pair.value as Node | null;
      let condition = 'service_started';
      if (value !== null && !(isScalar(value) && value.value === null)) {
        if (!isMap(value)) {
          warn(warnings, file.range(value), `${s.name}: depends_on.${name} is not a map; read as service_started`, 'write "{ condition: service_healthy }"');
        } else {
          const c = pairOf(value, 'condition')?.value as Node | undefined;
          if (c && isScalar(c) && CONDITIONS.includes(String(c.value))) condition = String(c.value);
          else if (c)
            warn(
              warnings,
              file.range(c),
              `${s.name}: unknown depends_on condition ${JSON.stringify(isScalar(c) ? c.value : '…')}; read as service_started`,
              `compose knows ${CONDITIONS.join(', ')}`,
            );
        }
      }
      s.dependsOn.set(name, { value: condition, at });
    }
    return;
  }
  warn(warnings, file.range(node), `${s.name}: skipped depends_on: not a list or a map`);
}

function words(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (isScalar(node)) return String(node.value);
  if (isSeq(node)) return node.items.map((i) => (isScalar(i) ? String(i.value) : '')).join(' ');
  return undefined;
}

/** The compose project's name: the top-level `name`, else the directory the file is in, as compose derives it. */
export function projectName(name: unknown, path: string): string {
  const parts = path.split(/[\\/]/);
  const raw = typeof name === 'string' && name !== '' ? name : parts.length > 1 ? parts.at(-2)! : 'compose';
  const clean = raw
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '');
  return clean === '' || clean === '.' ? 'compose' : clean;
}

function warn(out: Diagnostic[], at: SourceRange, message: string, hint?: string): void {
  out.push({ code: 'skipped-input', severity: 'warning', message, ...(hint ? { hint } : {}), at });
}
