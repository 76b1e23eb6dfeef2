/**
 * Faults: what the user fails
 * ===========================
 *
 * A fault names a component (`consul`), a placement (`checkout@use1-az1`, or
 * every placement of checkout under a domain: `checkout@us-east-1`), or a
 * selector (`kind=dns in=us-east-1`). A selector with `in=D` fails the
 * matching components *inside D*: their placements under D, transitively (a
 * zone of region D is under D), so a DNS replicated in two regions loses only
 * its replicas in D, while one that runs only in D fails (docs/architecture.md#faults).
 *
 * A component may also be named as its input names it: `resource:artists-db`,
 * `statefulset/redis-cart`, a case-insensitive Backstage name (refs.ts);
 * an exact id always wins, and an ambiguous name is an error listing the
 * candidates.
 *
 * Selector terms, all of which must match: `id=`, `kind=`, `in=`, `plane=`,
 * `scope=`, `owner=`, `critical=true|false`, `tag.<name>=`. A value may list
 * alternatives with commas and use `*` as a wildcard.
 */
import type { CompiledGraph } from './compile.js';
import type { Component, ComponentId, Model } from '../model.js';
import { didYouMean } from '../suggest.js';
import { append } from '../arrays.js';
import { resolveRef } from '../refs.js';

export type FaultEffect = 'down' | 'degraded' | 'slow';

/** A fault as the user wrote it. */
export interface FaultSpec {
  readonly target: string;
  /** @default 'down' */
  readonly effect?: FaultEffect;
}

/** A fault resolved to engine nodes. */
export interface ResolvedFault {
  readonly spec: string;
  readonly effect: FaultEffect;
  /** Component or replica nodes hit. */
  readonly nodes: readonly number[];
}

/** A fault that names nothing in the model: a usage error, not a manifest error. */
export class FaultError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(`faultline/faults: ${message}`);
    this.name = 'FaultError';
  }
}

const SELECTOR_KEYS = ['id', 'kind', 'in', 'plane', 'scope', 'owner', 'critical'];

/** Resolves every fault, or throws a `FaultError` naming the first bad one. */
export function resolveFaults(graph: CompiledGraph, specs: readonly FaultSpec[]): ResolvedFault[] {
  return specs.map((s) => resolveFault(graph, s));
}

export function resolveFault(graph: CompiledGraph, spec: FaultSpec): ResolvedFault {
  const effect = spec.effect ?? 'down';
  const target = spec.target.trim();
  if (target === '') throw new FaultError('an empty fault', 'name a component, a placement (id@domain) or a selector (kind=dns in=us-east-1)');
  const nodes = target.includes('=') ? selectorNodes(graph, target) : idNodes(graph, target);
  if (effect === 'slow' && nodes.some((n) => n >= graph.components)) {
    throw new FaultError(`"${target}" selects placements; a slow fault applies to whole components`, 'slow the component itself');
  }
  return { spec: target, effect, nodes };
}

function idNodes(graph: CompiledGraph, target: string): number[] {
  const at = target.indexOf('@');
  const c = lookup(graph, at < 0 ? target : target.slice(0, at));
  if (at < 0) return [c];
  const id = graph.names[c]!;
  const domainId = graph.names[lookup(graph, target.slice(at + 1))]!;
  const under = domainsUnder(graph.model, domainId);
  const replicas = replicasUnder(graph, c, under);
  if (replicas.length === 0) {
    const placements = graph.model.components.get(id)!.placements.map((p) => p.domain);
    throw new FaultError(
      `${id} has no placement in ${domainId}`,
      placements.length ? `its placements: ${placements.join(', ')}` : `${id} has no placements; fail it with --fail ${id}`,
    );
  }
  return replicas;
}

/** The node of a component named by its id or a ref (refs.ts). */
function lookup(graph: CompiledGraph, name: string): number {
  const n = graph.index.get(name);
  if (n !== undefined) return n;
  const found = resolveRef(graph.model, name);
  if (found.id === undefined) throw new FaultError(found.message, found.hint);
  return graph.index.get(found.id)!;
}

function selectorNodes(graph: CompiledGraph, selector: string): number[] {
  const terms = parseSelector(selector);
  const inTerm = terms.get('in');
  const filters = [...terms].filter(([k]) => k !== 'in');
  const model = graph.model;
  let under: ReadonlySet<ComponentId> | undefined;
  if (inTerm) {
    const ids = new Set<ComponentId>();
    for (const d of inTerm) {
      if (d.includes('*')) {
        for (const c of model.components.values()) if (matches(c.id, d)) for (const x of domainsUnder(model, c.id)) ids.add(x);
      } else {
        for (const x of domainsUnder(model, graph.names[lookup(graph, d)]!)) ids.add(x);
      }
    }
    under = ids;
  }
  const nodes: number[] = [];
  let ci = 0;
  for (const c of model.components.values()) {
    if (filters.every(([k, values]) => termMatches(c, k, values))) {
      if (under) append(nodes, replicasUnder(graph, ci, under));
      else nodes.push(ci);
    }
    ci++;
  }
  if (nodes.length === 0) {
    // A value no component has at all is most likely a typo: name the closest one (kind=dsn → dns).
    for (const [key, values] of filters) {
      for (const v of values) {
        if (v.includes('*') || [...model.components.values()].some((c) => termMatches(c, key, [v]))) continue;
        const known = new Set<string>();
        for (const c of model.components.values()) for (const x of termValues(c, key)) known.add(x);
        throw new FaultError(`selector "${selector}" matches nothing: no component has ${key}=${v}`, didYouMean(v, known) ?? `check the value of ${key}`);
      }
    }
    throw new FaultError(`selector "${selector}" matches nothing`, 'check the kind and domain ids, e.g. kind=dns in=us-east-1');
  }
  return nodes;
}

/** Parses `kind=dns in=us-east-1` into key → alternatives. */
export function parseSelector(selector: string): Map<string, string[]> {
  const terms = new Map<string, string[]>();
  for (const term of selector.trim().split(/\s+/)) {
    const eq = term.indexOf('=');
    if (eq <= 0 || eq === term.length - 1) throw new FaultError(`"${term}" is not a selector term`, 'terms look like kind=dns or in=us-east-1');
    const key = term.slice(0, eq);
    if (!SELECTOR_KEYS.includes(key) && !key.startsWith('tag.')) {
      throw new FaultError(`unknown selector key "${key}"`, didYouMean(key, SELECTOR_KEYS) ?? `keys: ${SELECTOR_KEYS.join(', ')}, tag.<name>`);
    }
    const earlier = terms.get(key);
    if (earlier)
      throw new FaultError(`"${key}=" is given twice in "${selector.trim()}"`, `list the alternatives in one term: ${key}=${[...earlier, term.slice(eq + 1)].join(',')}`);
    terms.set(key, term.slice(eq + 1).split(','));
  }
  return terms;
}

function termMatches(c: Component, key: string, values: readonly string[]): boolean {
  const actual = termValues(c, key)[0];
  return actual !== undefined && values.some((v) => matches(actual, v));
}

/** The component's value for a selector key (none when it has none). */
function termValues(c: Component, key: string): string[] {
  let actual: string | undefined;
  if (key === 'id') actual = c.id;
  else if (key === 'kind') actual = c.kind;
  else if (key === 'plane') actual = c.plane;
  else if (key === 'scope') actual = c.scope;
  else if (key === 'owner') actual = c.owner;
  else if (key === 'critical') actual = String(c.critical);
  else actual = c.tags.get(key.slice(4));
  return actual === undefined ? [] : [actual];
}

/**
 * `*` matches any run of characters. Linear, never backtracking: the first
 * piece must start the text and the last end it, and each piece between is
 * found at its leftmost place after the one before (leftmost is always safe,
 * since it leaves the most text to the rest). A regex here backtracked
 * exponentially: `*a*a…*b` with 12 stars took more than a minute.
 */
export function matches(actual: string, pattern: string): boolean {
  if (!pattern.includes('*')) return actual === pattern;
  const pieces = pattern.split('*');
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > actual.length || !actual.startsWith(first) || !actual.endsWith(last)) return false;
  let at = first.length;
  const end = actual.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece === '') continue;
    const found = actual.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** D and every domain placed (transitively) under D. Iterative: placements may nest deeply. */
export function domainsUnder(model: Model, root: ComponentId): Set<ComponentId> {
  const children = new Map<ComponentId, ComponentId[]>();
  for (const c of model.components.values()) {
    for (const p of c.placements) {
      let list = children.get(p.domain);
      if (!list) children.set(p.domain, (list = []));
      list.push(c.id);
    }
  }
  const seen = new Set<ComponentId>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return seen;
}

function replicasUnder(graph: CompiledGraph, c: number, under: ReadonlySet<ComponentId>): number[] {
  const out: number[] = [];
  for (let r = graph.replicaOffset[c]!; r < graph.replicaOffset[c + 1]!; r++) {
    const replica = graph.replicaNodes[r]!;
    if (under.has(graph.names[graph.detail[replica]!]!)) out.push(replica);
  }
  return out;
}
