/**
 * docker compose files as input
 * =============================
 *
 * Each service becomes a component whose id is the service name. Rules
 * (docs/compose.md says them to users):
 *
 * - **kind** guessed from the image, then the name (`kinds.ts`);
 *   `x-faultline: { kind: … }` overrides it.
 * - **runtime edges**: an environment value that names another service
 *   (`db:5432`, `redis://cache:6379/0`, `amqp://u:p@broker`, and a bare
 *   service name in a variable whose name ends in HOST, HOSTNAME, HOSTS,
 *   SERVER, SERVERS, ADDR or ADDRESS) and `network_mode: service:x`. An edge
 *   to a queue is `mode: async` when the dependent is a consumer: its name,
 *   command or entrypoint says worker, consumer, subscriber, listener,
 *   celery or sidekiq. Other edges are hard.
 * - **`depends_on`** (every condition gates the start) is needed to start
 *   *and*, for a long-running service, assumed needed to run: compose cannot
 *   say whether a service keeps using what it waits for, and most do (the
 *   voting app's `vote` waits for `redis` and writes every vote to it). A
 *   missed dependency would hide a failure; an extra one only overstates it,
 *   and `x-faultline: { dependsOn: [{ target: x, phase: startup }] }` says
 *   when it is only needed to start. A service named both in the
 *   environment and in `depends_on` gets one edge.
 * - **one-shot services** (awaited with `service_completed_successfully`,
 *   restart policy not `always`/`unless-stopped`: a migration job) run only
 *   at start: every edge to them and from them is `phase: startup`, and
 *   they are not critical.
 * - **replicas** (`deploy.replicas`, `scale`) are placed on one synthetic
 *   host per project (`<project>.host`, kind `datacenter`); one warning says
 *   that compose names no zones. `x-faultline: { in: … }` places a service
 *   yourself. `deploy.replicas: 0` skips the service with a warning.
 * - **profiles**: faultline reads what `docker compose up` starts without
 *   `--profile`: services with `profiles:` are skipped, with one warning.
 * - **x-faultline**: any manifest field, merged with what the file says as
 *   a Backstage overlay is (a `dependsOn` entry with the target of a derived
 *   edge refines it).
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { RawComponent } from '../load/resolve.js';
import type { SourceFile } from '../load/yaml-source.js';
import type { SourceRange } from '../model.js';
import { ComponentSchema } from '../schema.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { hostRefs } from '../inputs/env-refs.js';
import { layer, pathKey, recordPositions, type Layer } from '../backstage/layer.js';
import { mergeLayers } from '../backstage/merge.js';
import { toRawComponent } from '../backstage/synthetic.js';
import { kindForService } from './kinds.js';
import { readServices, type ComposeService } from './services.js';
import { plural } from '../words.js';
import { append } from '../arrays.js';

/** File names compose itself looks for, and the `-f` files teams add (`compose.prod.yaml`). */
const COMPOSE_FILE = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
/** Variables whose bare value (`DB_HOST: db`) is a host name. */
const HOST_KEY = /(HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDR|ADDRESS)$/i;
/** A consumer of a queue reads from it: what its name or command says. */
const CONSUMER = /\b(worker|consumer|subscriber|listener|celery|sidekiq)\b/i;
/** Restart policies of a long-running service. */
const ALWAYS = new Set(['always', 'unless-stopped']);
/** The kind of the synthetic host every service of a project runs on. */
export const HOST_KIND = 'datacenter';
const XFaultlineSchema = ComponentSchema.partial({ kind: true });

/** True when the file name is one compose uses. */
export function isComposeFileName(path: string): boolean {
  return COMPOSE_FILE.test(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1));
}

/** The `InputReader` (load/inputs.ts) of compose files; structural, so that inputs.ts can import it without a cycle. */
export class ComposeReader {
  readonly name = 'docker compose';
  private readonly services = new Map<string, ComposeService>();

  recognises(document: Record<string, unknown>, path: string): boolean {
    if (Object.hasOwn(document, 'apiVersion') || Object.hasOwn(document, 'components')) return false;
    // A compose file by name is read even when its services are malformed, so the problem is said at its line.
    if (isComposeFileName(path)) return Object.hasOwn(document, 'services');
    // Any other name: a map of services that are maps, one at least with an image or a build.
    const services = document['services'];
    if (services === null || typeof services !== 'object' || Array.isArray(services)) return false;
    const values = Object.values(services);
    return values.every((v) => v === null || (typeof v === 'object' && !Array.isArray(v))) && values.some((v) => v && (Object.hasOwn(v, 'image') || Object.hasOwn(v, 'build')));
  }

  addDocument(root: YAMLMap, document: Record<string, unknown>, file: SourceFile, _errors: Diagnostic[], warnings: Diagnostic[]): void {
    readServices(root, document, file, this.services, warnings);
  }

  components(errors: Diagnostic[], warnings: Diagnostic[]): readonly RawComponent[] {
    const all = [...this.services.values()];
    const profiled = all.filter((s) => s.profiles && s.profiles.value.length > 0);
    if (profiled.length > 0) {
      const names = profiled.map((s) => `${s.name} (${s.profiles!.value.join(', ')})`).join(', ');
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `skipped ${plural(profiled.length, 'service')} that only run${profiled.length === 1 ? 's' : ''} with a profile: ${names}`,
        hint: 'faultline reads what "docker compose up" starts without --profile; remove "profiles:" to model a service',
        at: profiled[0]!.profiles!.at,
      });
    }
    for (const s of all) {
      if (s.replicas?.value === 0 && !profiled.includes(s))
        warnings.push({ code: 'skipped-input', severity: 'warning', message: `skipped ${s.name}: replicas: 0, so it does not run`, at: s.replicas.at });
    }
    const running = all.filter((s) => !profiled.includes(s) && s.replicas?.value !== 0);
    const byHost = new Map<string, ComposeService>();
    for (const s of running) byHost.set(s.name.toLowerCase(), s);
    for (const s of running) for (const a of s.aliases) if (!byHost.has(a)) byHost.set(a, s);
    const skipped = new Set(all.filter((s) => !running.includes(s)).map((s) => s.name));

    const oneShot = new Set<string>();
    for (const s of running) {
      for (const [target, condition] of s.dependsOn) {
        const t = this.services.get(target);
        if (condition.value !== 'service_completed_successfully' || !t) continue;
        if (t.restart && ALWAYS.has(t.restart.value)) {
          warnings.push({
            code: 'skipped-input',
            severity: 'warning',
            message: `${s.name} waits for ${target} to complete, but ${target} has restart: ${t.restart.value}; read as a long-running service`,
            hint: 'a job that runs once has restart: "no" (or on-failure)',
            at: condition.at,
          });
        } else oneShot.add(target);
      }
    }

    const kinds = new Map<string, string>();
    const extensions = new Map<string, Layer | undefined>();
    for (const s of running) {
      const x = s.faultline ? extensionLayer(s, errors) : undefined;
      extensions.set(s.name, x);
      kinds.set(s.name, (x?.fields.get('kind') as string | undefined) ?? kindForService(s.name, s.image?.value));
    }

    const out: RawComponent[] = [];
    const hosts = new Map<string, ComposeService>();
    for (const s of running) {
      const x = extensions.get(s.name);
      const derived = layer(`the compose file (${s.at.file})`);
      derived.keyAt.set(pathKey([]), s.at);
      derived.fields.set('kind', kindForService(s.name, s.image?.value));
      if (s.image) derived.keyAt.set(pathKey(['kind']), s.image.at);
      if (!x?.fields.has('in')) {
        const host = `${s.project}.host`;
        hosts.set(s.project, hosts.get(s.project) ?? s);
        derived.fields.set('in', { [host]: s.replicas?.value ?? 1 });
        const at = s.replicas?.at ?? s.at;
        derived.at.set(pathKey(['in']), at);
        derived.at.set(pathKey(['in', host]), at);
      }
      const tags: Record<string, string> = { compose: `${s.project}/${s.name}` };
      if (s.image) tags['image'] = s.image.value;
      if (oneShot.has(s.name)) {
        tags['job'] = 'one-shot';
        if (!x?.fields.has('critical')) derived.fields.set('critical', false);
      }
      derived.fields.set('tags', tags);
      const edges = this.edges(s, byHost, skipped, oneShot, kinds, warnings);
      if (edges.length > 0)
        derived.fields.set(
          'dependsOn',
          edges.map((e) => e.value),
        );
      edges.forEach((e, i) => derived.at.set(pathKey(['dependsOn', i]), e.at));
      const merged = x ? mergeLayers(s.name, [derived, x], errors) : derived;
      const raw = toRawComponent(s.name, s.at, merged, errors);
      if (raw) out.push({ ...raw, refs: [{ input: 'compose', kind: 'service', namespace: s.project, name: s.name }] });
    }
    for (const [project, first] of hosts) {
      const id = `${project}.host`;
      warnings.push({
        code: 'no-zones',
        severity: 'warning',
        message: `compose names no zones: every service of project "${project}" runs on one synthetic host, ${id}, and replicas there share its fate`,
        hint: 'say where services run with "x-faultline: { in: … }" on each service; docs/compose.md',
        at: first.servicesAt,
      });
      const host = layer(`the compose file (${first.servicesAt.file})`);
      host.keyAt.set(pathKey([]), first.servicesAt);
      host.fields.set('kind', HOST_KIND);
      host.fields.set('description', `the docker host of compose project ${project} (synthetic: compose names no zones)`);
      host.fields.set('tags', { compose: project });
      const raw = toRawComponent(id, first.servicesAt, host, errors);
      if (raw) out.push(raw);
    }
    return out;
  }

  /** The service's dependencies, in the order written: environment and network_mode first, then depends_on. */
  private edges(
    s: ComposeService,
    byHost: ReadonlyMap<string, ComposeService>,
    skipped: ReadonlySet<string>,
    oneShot: ReadonlySet<string>,
    kinds: ReadonlyMap<string, string>,
    warnings: Diagnostic[],
  ): { value: Record<string, unknown>; at: SourceRange }[] {
    const runtime = new Map<string, SourceRange>();
    for (const entry of s.env.values()) {
      for (const target of envTargets(entry.key, entry.value, byHost)) if (target !== s.name && !runtime.has(target)) runtime.set(target, entry.at);
    }
    if (s.networkMode) {
      const t = byHost.get(s.networkMode.value.toLowerCase());
      if (t && t.name !== s.name) runtime.set(t.name, s.networkMode.at);
      else if (!t && !skipped.has(s.networkMode.value)) warnings.push(unknownService(s, s.networkMode.value, 'network_mode', s.networkMode.at, byHost));
    }
    const startup = new Map<string, SourceRange>();
    for (const [name, condition] of s.dependsOn) {
      const t = byHost.get(name.toLowerCase());
      if (!t) {
        if (!skipped.has(name)) warnings.push(unknownService(s, name, 'depends_on', condition.at, byHost));
        continue;
      }
      if (t.name !== s.name) startup.set(t.name, condition.at);
    }
    const consumer = CONSUMER.test(s.name) || CONSUMER.test(s.command ?? '') || CONSUMER.test(s.entrypoint ?? '');
    const out: { value: Record<string, unknown>; at: SourceRange }[] = [];
    for (const [target, at] of runtime) {
      const value: Record<string, unknown> = { target };
      if (consumer && kinds.get(target) === 'queue') value['mode'] = 'async';
      // A job that ran once is not needed at runtime, and does not need anything then.
      if (oneShot.has(target) || oneShot.has(s.name)) value['phase'] = 'startup';
      out.push({ value, at });
    }
    for (const [target, at] of startup) {
      if (runtime.has(target)) continue;
      const value: Record<string, unknown> = { target };
      if (oneShot.has(target) || oneShot.has(s.name)) value['phase'] = 'startup';
      else if (consumer && kinds.get(target) === 'queue') value['mode'] = 'async';
      out.push({ value, at });
    }
    return out;
  }
}

/** The services an environment variable names. */
function envTargets(key: string, value: string, byHost: ReadonlyMap<string, ComposeService>): string[] {
  const out: string[] = [];
  // Only single-label hosts: a dotted name (api.stripe.com) is outside the project, whatever its first label.
  for (const ref of hostRefs(value)) {
    const s = ref.host === ref.name ? byHost.get(ref.name) : undefined;
    if (s) out.push(s.name);
  }
  if (out.length === 0 && HOST_KEY.test(key)) {
    for (const word of value.trim().split(/[\s,;]+/)) {
      const s = byHost.get(word.toLowerCase());
      if (s) out.push(s.name);
    }
  }
  return out;
}

function unknownService(s: ComposeService, name: string, field: string, at: SourceRange, byHost: ReadonlyMap<string, ComposeService>): Diagnostic {
  const near = [...new Set([...byHost.values()].map((x) => x.name))];
  return {
    code: 'skipped-input',
    severity: 'warning',
    message: `${s.name}: skipped ${field} "${name}": no such service`,
    hint: near.length > 0 ? `the services are ${near.join(', ')}` : 'define the service, or remove the entry',
    at,
  };
}

/** The `x-faultline` extension as a layer; errors (like a manifest's) when it is not a valid component. */
function extensionLayer(s: ComposeService, errors: Diagnostic[]): Layer | undefined {
  const x = s.faultline!;
  if (!isMap(x.node)) {
    errors.push({
      code: 'schema',
      message: `${s.name}: x-faultline must be a map of manifest fields`,
      hint: 'e.g. "x-faultline: { kind: cache, critical: true }"',
      at: x.file.range(x.node),
    });
    return undefined;
  }
  const parsed = XFaultlineSchema.safeParse(x.value, { reportInput: true });
  if (!parsed.success) {
    append(errors, issueDiagnostics(parsed.error.issues, x.node as Node, x.file, ['services', s.name, 'x-faultline']));
    return undefined;
  }
  const l = layer(`x-faultline (${x.file.file})`);
  for (const [field, value] of Object.entries(parsed.data)) if (value !== undefined) l.fields.set(field, value);
  recordPositions(x.node, [], x.file, l);
  l.keyAt.set(pathKey([]), s.at);
  return l;
}
