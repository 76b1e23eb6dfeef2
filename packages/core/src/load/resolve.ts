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
import type { Component, ComponentId, ComponentRef, Dependency, EdgeAttributes, Model, Placement, SourceRange, Suppression } from '../model.js';
import { DOMAIN_KINDS, JOURNEY_KIND, type ComponentInput, type DependencyInput } from '../schema.js';
import { Suggester } from '../suggest.js';
import { pairOf, type SourceFile } from './yaml-source.js';
import { plural } from '../words.js';
import { LIMITS_DOC, MAX_REPLICAS } from '../limits.js';

/** A component that passed the schema, with its YAML node for positions. */
export interface RawComponent {
  readonly id: ComponentId;
  readonly at: SourceRange;
  readonly value: ComponentInput;
  readonly node: Node;
  readonly file: SourceFile;
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
  for (const r of raw) components.set(r.id, toComponent(r, anyCritical));
  const suggester = new Suggester(defined);
  for (const r of raw) checkReferences(components.get(r.id)!, r, defined, suggester, diagnostics);
  return { model: { name, files, components }, diagnostics };
}

function toComponent(r: RawComponent, anyCritical: boolean): Component {
  const v = r.value;
  const isDomain = DOMAIN_KINDS.has(v.kind);
  const isJourney = v.kind === JOURNEY_KIND;
  const node = r.node;
  const monitorsNode = pairOf(node, 'monitors')?.value;
  const tags = new Map<string, string>();
  for (const [k, value] of Object.entries(v.tags ?? {})) tags.set(k, String(value));
  return {
    id: r.id,
    kind: v.kind,
    isDomain,
    isJourney,
    placements: placements(v.in, pairOf(node, 'in')?.value as Node | undefined, r),
    minHealthy: v.minHealthy ?? 1,
    ...(v.scope ? { scope: v.scope } : {}),
    ...(v.plane ? { plane: v.plane } : {}),
    critical: v.critical ?? (isJourney || (!anyCritical && !isDomain)),
    weight: v.weight ?? 1,
    ...(v.availability !== undefined ? { availability: v.availability } : {}),
    dependsOn: (v.dependsOn ?? []).map((d, i) => dependency(d, itemNode(pairOf(node, 'dependsOn')?.value, i), r)),
    // Lists the model keeps are copied at their length: the parsed ones (kept as parsed, load/fast-validate.ts) have room to grow.
    monitors: v.monitors?.slice() ?? [],
    monitorsAt: (v.monitors ?? []).map((_, i) => r.file.range(itemNode(monitorsNode, i) ?? r.node)),
    ...(v.owner !== undefined ? { owner: v.owner } : {}),
    tags,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.aliases?.length ? { aliases: v.aliases } : {}),
    ...(r.refs?.length ? { refs: r.refs } : {}),
    at: r.at,
    ...(r.suppressions?.length ? { suppressions: r.suppressions } : {}),
  };
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
  const at = r.file.range(node ?? r.node);
  if (typeof d === 'string') return { type: 'edge', target: d, mode: 'hard', via: 'call', at };
  const attributes: EdgeAttributes = {
    mode: d.mode ?? 'hard',
    via: d.via ?? 'call',
    ...(d.rollout !== undefined ? { rollout: d.rollout } : {}),
    ...(d.timeoutMs !== undefined ? { timeoutMs: d.timeoutMs } : {}),
    ...(d.retries !== undefined ? { retries: d.retries } : {}),
    ...(d.circuitBreaker !== undefined ? { circuitBreaker: d.circuitBreaker } : {}),
    ...(d.bulkhead !== undefined ? { bulkhead: d.bulkhead } : {}),
    ...(d.fallback !== undefined ? { fallback: d.fallback } : {}),
    ...(d.phase !== undefined ? { phase: d.phase } : {}),
  };
  if ('target' in d) {
    const targetNode = pairOf(node, 'target')?.value as Node | undefined;
    return { type: 'edge', target: d.target, ...attributes, at: targetNode ? r.file.range(targetNode) : at };
  }
  const members = pairOf(node, 'anyOf')?.value;
  return {
    type: 'group',
    anyOf: d.anyOf.slice(), // at its length, as monitors
    need: d.need ?? 1,
    ...attributes,
    memberAt: d.anyOf.map((_, i) => r.file.range(itemNode(members, i) ?? node)),
    at,
  };
}

function itemNode(seq: unknown, i: number): Node | undefined {
  return isSeq(seq) ? ((seq.items[i] as Node | undefined) ?? undefined) : undefined;
}

/** The position of `field`'s value in a component or dependency node, or `fallback`. */
function valueAt(r: RawComponent, node: unknown, field: string, fallback: SourceRange): SourceRange {
  const value = pairOf(node, field)?.value as Node | undefined;
  return value ? r.file.range(value) : fallback;
}

function checkReferences(c: Component, r: RawComponent, all: ReadonlySet<ComponentId>, suggester: Suggester, out: Diagnostic[]): void {
  const ref = (id: ComponentId, at: SourceRange, role: string): void => {
    if (all.has(id)) return;
    const hint = suggester.didYouMean(id);
    out.push({ code: 'unknown-id', message: `unknown component "${id}" in ${c.id}.${role}`, hint: hint ?? `define "${id}" under components`, at });
  };

  const seenDomains = new Map<ComponentId, SourceRange>();
  let replicas = 0;
  for (const p of c.placements) {
    ref(p.domain, p.at, 'in');
    if (p.domain === c.id) out.push({ code: 'self-dependency', message: `${c.id} is placed in itself`, hint: 'remove it from "in"', at: p.at });
    const again = seenDomains.get(p.domain);
    if (again)
      out.push({
        code: 'duplicate-member',
        message: `${c.id} lists "${p.domain}" twice in "in"`,
        hint: 'use a map of domain → replica count for several replicas',
        at: p.at,
        related: [again],
      });
    seenDomains.set(p.domain, p.at);
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

  const entries = pairOf(r.node, 'dependsOn')?.value;
  for (const [i, d] of c.dependsOn.entries()) {
    if (d.type === 'edge') {
      ref(d.target, d.at, 'dependsOn');
      if (d.target === c.id) out.push({ code: 'self-dependency', message: `${c.id} depends on itself`, hint: 'remove the entry', at: d.at });
      continue;
    }
    const seen = new Map<ComponentId, SourceRange>();
    d.anyOf.forEach((m, i) => {
      const at = d.memberAt[i]!;
      ref(m, at, 'dependsOn.anyOf');
      if (m === c.id) out.push({ code: 'self-dependency', message: `${c.id} depends on itself through a group`, hint: 'remove it from anyOf', at });
      const again = seen.get(m);
      if (again) out.push({ code: 'duplicate-member', message: `"${m}" is listed twice in a group of ${c.id}`, hint: 'list each member once', at, related: [again] });
      seen.set(m, at);
    });
    if (d.need > d.anyOf.length) {
      out.push({
        code: 'need-too-large',
        message: `${c.id} needs ${d.need} of a group of ${d.anyOf.length}`,
        hint: `lower need to at most ${d.anyOf.length}, or add members`,
        at: valueAt(r, itemNode(entries, i), 'need', d.at),
      });
    }
  }
  c.monitors.forEach((m, i) => ref(m, c.monitorsAt[i]!, 'monitors'));
}
