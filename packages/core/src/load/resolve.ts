/**
 * Resolve: validated components → model
 * =====================================
 *
 * Normalises shorthands (a bare id is a hard edge, `in` in any of its three
 * forms is a list of placements), attaches a source position to every
 * dependency, member and placement, and checks what needs all files at once:
 * references to ids that do not exist, self-dependencies, `need` larger than
 * its group and `minHealthy` larger than the replicas placed.
 */
import { isSeq, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { Component, ComponentId, ComponentRef, Dependency, Model, Placement, SourceRange, Suppression } from '../model.js';
import { DOMAIN_KINDS, JOURNEY_KIND, type ComponentInput, type DependencyInput } from '../schema.js';
import { Suggester } from '../suggest.js';
import { pairOf, type SourceFile } from './yaml-source.js';
import { plural } from '../words.js';
import { LIMITS_DOC, MAX_REPLICAS } from '../limits.js';
import { rememberResolved } from '../engine/compile.js';

/** A component that passed the schema, with its YAML node for positions. */
export interface RawComponent {
  readonly id: ComponentId;
  readonly at: SourceRange;
  readonly value: ComponentInput;
  /** Undefined once `resolved`: the positions are in the component then, and the file's tree can go. */
  readonly node: Node | undefined;
  readonly file: SourceFile;
  /** The component, built while its file was read (`resolveLocally`); `critical` is settled by `buildModel`. */
  readonly resolved?: Component;
  /** `# faultline-ignore` comments written on the component. */
  readonly suppressions?: readonly Suppression[];
  /** How the input that defined it names it (Backstage, Kubernetes, compose). */
  readonly refs?: readonly ComponentRef[];
}

/**
 * @param defined every valid id, including those whose definition failed the
 *   schema, so one bad component does not make every reference to it an error too
 */
export function buildModel(raw: readonly RawComponent[], defined: ReadonlySet<ComponentId>, name: string, files: readonly string[]): { model: Model; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const anyCritical = raw.some((r) => r.value.critical === true);
  const components = new Map<ComponentId, Component>();
  const built = raw.map((r) => {
    const c = r.resolved ?? toComponent(r, anyCritical);
    if (r.resolved && r.value.critical === undefined) (c as { critical: boolean }).critical = defaultCritical(c, anyCritical);
    components.set(r.id, c);
    return c;
  });
  const suggester = new Suggester(defined);
  // Each reference is looked up by its component's number, and the numbers kept in the order compiling reads them (engine/compile.ts), so it need not look them up again.
  const index = new Map<ComponentId, number>();
  for (const id of components.keys()) index.set(id, index.size);
  const targets: number[] = [];
  let unresolved = 0;
  let current: Component;
  const ref: RefCheck = (id, at, role) => {
    const i = index.get(id);
    if (i !== undefined) {
      if (role !== 'monitors') targets.push(i);
      return;
    }
    unresolved++;
    // An id whose definition failed the schema has its own error already.
    if (defined.has(id)) return;
    const hint = suggester.didYouMean(id);
    diagnostics.push({ code: 'unknown-id', message: `unknown component "${id}" in ${current.id}.${role}`, hint: hint ?? `define "${id}" under components`, at });
  };
  raw.forEach((r, k) => {
    current = built[k]!;
    // A resolved component had its own checks when its file was read: only the ids remain, which need every file.
    if (r.resolved) forEachRef(current, ref);
    else checkComponent(current, r, ref, diagnostics);
  });
  const model: Model = { name, files, components };
  if (unresolved === 0) rememberResolved(model, index, Int32Array.from(targets));
  return { model, diagnostics };
}

/**
 * Builds a component as soon as its file is read, with the checks that need no
 * other file, so the file's YAML tree can go before the next file is parsed
 * (the fast path: with many files, trees kept to the end dominate memory and
 * garbage collection). Its problems go to `out` in another order than
 * `buildModel` gives them, so only a load that is redone on any error (the
 * fast path is) may use it.
 */
export function resolveLocally(r: RawComponent, out: Diagnostic[]): RawComponent {
  const c = toComponent(r, false);
  checkComponent(c, r, () => {}, out);
  // Of the parsed value, only what is read after this (`critical` by `buildModel`, `in` by combine.ts) is kept: the rest can go with the tree.
  const v = r.value;
  const value = (v.critical === undefined ? { kind: v.kind, in: v.in } : { kind: v.kind, in: v.in, critical: v.critical }) as ComponentInput;
  return { id: r.id, at: r.at, value, node: undefined, file: r.file, resolved: c };
}

/** Critical when the manifest does not say: journeys, and when no component is marked critical, every component that is not a domain. */
function defaultCritical(c: Component, anyCritical: boolean): boolean {
  return c.isJourney || (!anyCritical && !c.isDomain);
}

function toComponent(r: RawComponent, anyCritical: boolean): Component {
  const v = r.value;
  const isDomain = DOMAIN_KINDS.has(v.kind);
  const isJourney = v.kind === JOURNEY_KIND;
  const node = r.node;
  const monitorsNode = v.monitors ? pairOf(node, 'monitors')?.value : undefined;
  const tags = new Map<string, string>();
  if (v.tags) for (const k in v.tags) if (Object.hasOwn(v.tags, k)) tags.set(k, String(v.tags[k]));
  const dependsOnNode = v.dependsOn ? pairOf(node, 'dependsOn')?.value : undefined;
  // Built field by field, in the order the model's readers see them, without the temporary objects of `...(x ? { x } : {})` (a hundred thousand components make each one count).
  const c: Record<string, unknown> = {
    id: r.id,
    kind: v.kind,
    isDomain,
    isJourney,
    placements: placements(v.in, v.in === undefined ? undefined : (pairOf(node, 'in')?.value as Node | undefined), r),
    minHealthy: v.minHealthy ?? 1,
  };
  if (v.scope) c['scope'] = v.scope;
  if (v.plane) c['plane'] = v.plane;
  c['critical'] = v.critical ?? (isJourney || (!anyCritical && !isDomain));
  c['weight'] = v.weight ?? 1;
  if (v.availability !== undefined) c['availability'] = v.availability;
  c['dependsOn'] = v.dependsOn ? v.dependsOn.map((d, i) => dependency(d, itemNode(dependsOnNode, i), r)) : [];
  // Lists the model keeps are copied at their length: the parsed ones (kept as parsed, load/fast-validate.ts) have room to grow.
  c['monitors'] = v.monitors?.slice() ?? [];
  c['monitorsAt'] = v.monitors ? v.monitors.map((_, i) => r.file.range(itemNode(monitorsNode, i) ?? r.node)) : [];
  if (v.owner !== undefined) c['owner'] = v.owner;
  c['tags'] = tags;
  if (v.description !== undefined) c['description'] = v.description;
  if (v.aliases?.length) c['aliases'] = v.aliases;
  if (r.refs?.length) c['refs'] = r.refs;
  c['at'] = r.at;
  if (r.suppressions?.length) c['suppressions'] = r.suppressions;
  return c as unknown as Component;
}

function placements(value: ComponentInput['in'], node: Node | undefined, r: RawComponent): Placement[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ domain: value, replicas: 1, at: r.file.range(node) }];
  if (Array.isArray(value)) return value.map((domain, i) => ({ domain, replicas: 1, at: r.file.range(itemNode(node, i) ?? node) }));
  return Object.entries(value).map(([domain, replicas]) => ({
    domain,
    replicas,
    at: r.file.range((pairOf(node, domain)?.key as Node | undefined) ?? node),
  }));
}

function dependency(d: DependencyInput, node: Node | undefined, r: RawComponent): Dependency {
  if (typeof d === 'string') return { type: 'edge', target: d, mode: 'hard', via: 'call', at: r.file.range(node ?? r.node) };
  // Field by field, in the order of `EdgeAttributes`, without temporary objects (as `toComponent`).
  const e: Record<string, unknown> =
    'target' in d ? { type: 'edge', target: d.target } : { type: 'group', anyOf: d.anyOf.slice() /* at its length, as monitors */, need: d.need ?? 1 };
  e['mode'] = d.mode ?? 'hard';
  e['via'] = d.via ?? 'call';
  if (d.rollout !== undefined) e['rollout'] = d.rollout;
  if (d.timeoutMs !== undefined) e['timeoutMs'] = d.timeoutMs;
  if (d.retries !== undefined) e['retries'] = d.retries;
  if (d.circuitBreaker !== undefined) e['circuitBreaker'] = d.circuitBreaker;
  if (d.bulkhead !== undefined) e['bulkhead'] = d.bulkhead;
  if (d.fallback !== undefined) e['fallback'] = d.fallback;
  if (d.phase !== undefined) e['phase'] = d.phase;
  if ('target' in d) {
    const targetNode = pairOf(node, 'target')?.value as Node | undefined;
    e['at'] = r.file.range(targetNode ?? node ?? r.node);
  } else {
    const members = pairOf(node, 'anyOf')?.value;
    e['memberAt'] = d.anyOf.map((_, i) => r.file.range(itemNode(members, i) ?? node));
    e['at'] = r.file.range(node ?? r.node);
  }
  return e as unknown as Dependency;
}

function itemNode(seq: unknown, i: number): Node | undefined {
  return isSeq(seq) ? ((seq.items[i] as Node | undefined) ?? undefined) : undefined;
}

/** The position of `field`'s value in a component or dependency node, or `fallback`. */
function valueAt(r: RawComponent, node: unknown, field: string, fallback: SourceRange): SourceRange {
  const value = pairOf(node, field)?.value as Node | undefined;
  return value ? r.file.range(value) : fallback;
}

/** Lists up to this long are searched for repeats by looking back; longer ones through a map. */
const SHORT_LIST = 16;

type RefCheck = (id: ComponentId, at: SourceRange, role: string) => void;

/** Every reference of `c`, in the order `checkComponent` checks them. */
function forEachRef(c: Component, ref: RefCheck): void {
  for (const p of c.placements) ref(p.domain, p.at, 'in');
  for (const d of c.dependsOn) {
    if (d.type === 'edge') ref(d.target, d.at, 'dependsOn');
    else d.anyOf.forEach((m, i) => ref(m, d.memberAt[i]!, 'dependsOn.anyOf'));
  }
  c.monitors.forEach((m, i) => ref(m, c.monitorsAt[i]!, 'monitors'));
}

/** The component's own checks, with `ref` called on each reference in order (the order the problems are reported in). */
function checkComponent(c: Component, r: RawComponent, ref: RefCheck, out: Diagnostic[]): void {
  const ps = c.placements;
  // A repeat is found by looking back in the short lists manifests hold; a map serves long ones.
  const byDomain = ps.length > SHORT_LIST ? new Map<ComponentId, SourceRange>() : undefined;
  let replicas = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    ref(p.domain, p.at, 'in');
    if (p.domain === c.id) out.push({ code: 'self-dependency', message: `${c.id} is placed in itself`, hint: 'remove it from "in"', at: p.at });
    let again = byDomain?.get(p.domain);
    if (!byDomain)
      for (let j = i - 1; j >= 0; j--)
        if (ps[j]!.domain === p.domain) {
          again = ps[j]!.at;
          break;
        }
    if (again)
      out.push({
        code: 'duplicate-member',
        message: `${c.id} lists "${p.domain}" twice in "in"`,
        hint: 'use a map of domain → replica count for several replicas',
        at: p.at,
        related: [again],
      });
    byDomain?.set(p.domain, p.at);
    replicas += p.replicas;
  }
  if (replicas > MAX_REPLICAS) {
    out.push({
      code: 'schema',
      message: `${c.id} has ${replicas.toLocaleString('en-US')} replicas in all, more than ${MAX_REPLICAS.toLocaleString('en-US')}`,
      hint: `model them as fewer, larger units; the limit keeps the engine's counts exact, see ${LIMITS_DOC}`,
      at: valueAt(r, r.node, 'in', c.at),
    });
  }
  if (c.isJourney && c.placements.length > 0) {
    out.push({
      code: 'journey-placed',
      message: `${c.id} is a journey, and journeys run nowhere`,
      hint: 'remove "in" and place the components the journey depends on instead',
      at: valueAt(r, r.node, 'in', c.at),
    });
  }
  if (c.minHealthy > Math.max(replicas, 1)) {
    out.push({
      code: 'min-healthy-too-large',
      message: `${c.id} needs minHealthy ${c.minHealthy} but has ${plural(replicas, 'replica')}`,
      hint: replicas === 0 ? 'add placements with "in", or remove minHealthy' : `lower minHealthy to at most ${replicas}, or add replicas`,
      at: valueAt(r, r.node, 'minHealthy', c.at),
    });
  }

  for (let i = 0; i < c.dependsOn.length; i++) {
    const d = c.dependsOn[i]!;
    if (d.type === 'edge') {
      ref(d.target, d.at, 'dependsOn');
      if (d.target === c.id) out.push({ code: 'self-dependency', message: `${c.id} depends on itself`, hint: 'remove the entry', at: d.at });
      continue;
    }
    const members = d.anyOf;
    const seen = members.length > SHORT_LIST ? new Map<ComponentId, SourceRange>() : undefined;
    for (let k = 0; k < members.length; k++) {
      const m = members[k]!;
      const at = d.memberAt[k]!;
      ref(m, at, 'dependsOn.anyOf');
      if (m === c.id) out.push({ code: 'self-dependency', message: `${c.id} depends on itself through a group`, hint: 'remove it from anyOf', at });
      let again = seen?.get(m);
      if (!seen)
        for (let j = k - 1; j >= 0; j--)
          if (members[j] === m) {
            again = d.memberAt[j];
            break;
          }
      if (again) out.push({ code: 'duplicate-member', message: `"${m}" is listed twice in a group of ${c.id}`, hint: 'list each member once', at, related: [again] });
      seen?.set(m, at);
    }
    if (d.need > d.anyOf.length) {
      out.push({
        code: 'need-too-large',
        message: `${c.id} needs ${d.need} of a group of ${d.anyOf.length}`,
        hint: `lower need to at most ${d.anyOf.length}, or add members`,
        at: valueAt(r, itemNode(pairOf(r.node, 'dependsOn')?.value, i), 'need', d.at),
      });
    }
  }
  c.monitors.forEach((m, i) => ref(m, c.monitorsAt[i]!, 'monitors'));
}
