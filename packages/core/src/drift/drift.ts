/**
 * drift(model, observed): declared dependencies against real ones
 * ===============================================================
 *
 * Traces show what really calls what; manifests say what depends on what.
 * Three kinds of difference are reported, as lint findings:
 *
 * - `undeclared-dependency` (error): a call from a component to a service no
 *   manifest knows (the callee is not in the catalog: what its failure takes
 *   down is the caller and everything that needs it), or between two
 *   components with no declared *path* between them (a transitive path counts: `web → api →
 *   db` declares `web`'s calls to `db` well enough for the analyses; so does
 *   `monitors`, since probes call what they watch). With its call count and
 *   what it would add to the callee's blast radius if declared hard: by
 *   monotonicity, failing the callee with the new hard edge gives exactly
 *   the statuses of failing the callee and the caller together, so one
 *   simulation per finding answers it. Blast radii are computed on the
 *   model without the single edges reported unobserved: a stale edge that
 *   already seems to fail the caller's callers would hide what the call
 *   adds ("impact +0"). A messaging edge (OTel
 *   `connection_type="messaging_system"`: a producer's span paired with a
 *   consumer's) counts as declared when both reach one component of kind
 *   `queue` (the topic), or when either declares a path to the other; it is
 *   otherwise reported as a warning, without a blast radius: the producer
 *   does not wait on the consumer, so the consumer's failure never reaches
 *   it, but the topic between them is missing from the manifests. Any
 *   observed pair (Jaeger links carry no messaging label) is declared when
 *   the server reads, with `mode: async`, something the client reaches.
 * - `unobserved-dependency` (warn): a declared edge (call, auth or data; a
 *   config push or a DNS lookup is not a traced call) between two
 *   components the traces show at all (as caller or callee), never
 *   observed. A consumer's `mode: async` edge to its producer is observed by
 *   the messaging edge the other way, and a consumer's edge to a topic by
 *   messages from a producer that declares the topic.
 * - `unknown-service` (warn): a trace name that is no component id, alias or
 *   name (names.ts), or that several components answer to.
 */
import { compile, type CompiledGraph } from '../engine/compile.js';
import type { Diagnostic } from '../diagnostics.js';
import { compare, sortFindings, type Finding, type FindingSeverity } from '../lint/finding.js';
import type { Component, ComponentId, Model, SourceRange } from '../model.js';
import type { ObservedGraph } from '../observed/types.js';
import { thousands } from '../observed/starter.js';
import { simulate, type Simulation } from '../engine/simulate.js';
import { didYouMean } from '../suggest.js';
import { matchName, nameIndex, type NameMatch } from './names.js';
import { DRIFT_RULES, type DriftRuleId } from './rules.js';
import { plural } from '../words.js';
import { append } from '../arrays.js';

export interface DriftOptions {
  /**
   * Observed calls below this count are not reported as undeclared
   * (one-off scripts, a probe that ran once).
   * @default 1
   */
  readonly minCalls?: number;
}

/** Counts for the summary line. */
export interface DriftStats {
  /** Distinct service names in the traces. */
  readonly services: number;
  /** Names matched to a component. */
  readonly matched: number;
  /** Observed (client, server) pairs. */
  readonly edges: number;
  readonly calls: number;
  /** Declared edges between traced services that were checked against the traces. */
  readonly declaredChecked: number;
}

export interface DriftResult {
  readonly model: string;
  /** Sorted by file, line and rule, like lint's. */
  readonly findings: readonly Finding[];
  /** Input problems (conflicting aliases): the comparison is not valid while there are any. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each trace name that matched, and the component it matched. */
  readonly matched: ReadonlyMap<string, ComponentId>;
  readonly stats: DriftStats;
}

/** Via values that traces do not show as calls. */
const UNTRACED_VIA = new Set(['config', 'dns']);
/** Victims named in a finding's details before "and N more". */
const NAMED = 5;

/** Compares a model with observed dependencies. */
export function drift(model: Model, observed: ObservedGraph, options: DriftOptions = {}): DriftResult {
  const minCalls = options.minCalls ?? 1;
  const names = nameIndex(model);
  const findings: Finding[] = [];
  const matched = new Map<string, ComponentId>();
  const unknown = new Map<string, Unknown>();
  const pairs = new Map<string, { client: ComponentId; server: ComponentId; calls: number; messaging: boolean; names: Set<string> }>();
  /** Calls from a component to a name no component answers to. */
  const outside = new Map<string, Outside>();
  const clients = new Set<ComponentId>();
  const traced = new Set<ComponentId>();
  const lookups = new Map<string, NameMatch>();
  const lookup = (name: string): NameMatch => {
    let found = lookups.get(name);
    if (!found) lookups.set(name, (found = matchName(model, names.byName, name)));
    return found;
  };
  let calls = 0;

  for (const call of observed.calls) {
    calls += call.calls;
    const client = resolve(call.client, call.clientAt, call.calls, lookup, matched, unknown);
    const server = resolve(call.server, call.serverAt, call.calls, lookup, matched, unknown);
    // Each end that matched appears in the traces, whatever the other end is.
    if (client !== undefined) {
      clients.add(client);
      traced.add(client);
    }
    if (server !== undefined) traced.add(server);
    if (client === undefined) continue;
    if (server === undefined) {
      if (unknown.get(call.server)!.candidates.length > 0) continue; // in the catalog, ambiguously: reported as such
      const key = `${client}\u0000${call.server}`;
      const o = outside.get(key) ?? { client, server: call.server, calls: 0, messaging: true, at: call.serverAt };
      o.calls += call.calls;
      o.messaging &&= call.connection === 'messaging_system';
      outside.set(key, o);
      continue;
    }
    if (client === server) continue;
    const key = `${client}\u0000${server}`;
    const pair = pairs.get(key) ?? { client, server, calls: 0, messaging: true, names: new Set<string>() };
    pair.calls += call.calls;
    pair.messaging &&= call.connection === 'messaging_system';
    pair.names.add(`${call.client} → ${call.server}`);
    pairs.set(key, pair);
  }

  // Declared edges the traces contradict: judged whenever both ends appear in the traces at all.
  const reach = new Reachability(model);
  const producers = new Map<ComponentId, ComponentId[]>();
  for (const p of pairs.values()) {
    if (!p.messaging) continue;
    const list = producers.get(p.server);
    if (list) list.push(p.client);
    else producers.set(p.server, [p.client]);
  }
  let declaredChecked = 0;
  const stale = new Set<string>();
  for (const c of model.components.values()) {
    if (!traced.has(c.id)) continue;
    for (const { target, at, mode, grouped } of declaredEdges(c)) {
      if (!traced.has(target) || target === c.id) continue;
      declaredChecked++;
      if (pairs.has(`${c.id}\u0000${target}`)) continue;
      if (mode === 'async' && pairs.get(`${target}\u0000${c.id}`)?.messaging) continue;
      // A consumer reading a topic shows in the traces as messages from a producer of that topic, not as calls of its own.
      if (model.components.get(target)?.kind === 'queue' && (producers.get(c.id) ?? []).some((p) => reach.declared(p, target))) continue;
      if (!grouped) stale.add(`${c.id}\u0000${target}`);
      const why = [`both appear in the traces; stale, or a path that rarely runs (a fallback, a failover${mode === 'soft' ? ', this soft edge' : ''})`];
      if (!clients.has(c.id)) why.push(`${c.id} never calls anything in the traces: if it is not instrumented, its calls are not seen`);
      findings.push(
        finding(model, 'unobserved-dependency', {
          target: c.id,
          related: [target],
          subject: [c.id, target],
          at,
          message: `${c.id} declares a ${mode} dependency on ${target}, which the traces never show it calling`,
          details: why,
        }),
      );
    }
  }

  // Blast radii are computed without the edges the traces contradict, so a stale edge never hides what a call adds.
  let graph: CompiledGraph | undefined;
  const blastGraph = (): CompiledGraph => (graph ??= compile(stale.size > 0 ? withoutEdges(model, stale) : model));
  const alone = new Map<ComponentId, Simulation>();
  for (const p of pairs.values()) {
    if (p.calls < minCalls || reach.declared(p.client, p.server) || reach.feeds(p.client, p.server, model)) continue;
    if (p.messaging) {
      if (!reach.shareQueue(p.client, p.server, model) && !reach.declared(p.server, p.client)) findings.push(undeclaredMessaging(model, p));
      continue;
    }
    const g = blastGraph();
    const base = alone.get(p.server) ?? simulate(g, [{ target: p.server }]);
    alone.set(p.server, base);
    const withEdge = simulate(g, [{ target: p.server }, { target: p.client }]);
    findings.push(undeclared(model, p, base, withEdge));
  }

  // "Did you mean" over ids, aliases and the bare names entities and workloads have in their namespaces.
  const ids = [...names.byName.keys()];
  for (const c of model.components.values()) for (const r of c.refs ?? []) if (!names.byName.has(r.name)) ids.push(r.name);
  const reported = new Set<string>();
  for (const o of outside.values()) {
    if (o.calls < minCalls) continue;
    reported.add(o.server);
    const near = didYouMean(o.server, ids);
    findings.push(o.messaging ? outsideMessaging(model, o, near) : undeclaredOutside(model, o, simulate(blastGraph(), [{ target: o.client }]), near));
  }

  for (const [name, seen] of unknown) {
    if (reported.has(name)) continue;
    if (seen.candidates.length > 0) {
      findings.push(
        finding(model, 'unknown-service', {
          target: name,
          related: [...seen.candidates],
          subject: [name],
          at: seen.at,
          message: `"${name}" in the traces names ${seen.candidates.length} components (${seen.candidates.join(', ')}), so it matches none (${thousands(seen.calls)} call${seen.calls === 1 ? '' : 's'} in or out)`,
          details: [`add "${name}" to the aliases of the one it is (faultline.dev/service-name: ${name} on its entity or workload)`],
        }),
      );
      continue;
    }
    const near = didYouMean(name, ids);
    findings.push(
      finding(model, 'unknown-service', {
        target: name,
        related: [],
        subject: [name],
        at: seen.at,
        message: `"${name}" in the traces matches no component (${thousands(seen.calls)} call${seen.calls === 1 ? '' : 's'} in or out)`,
        details: [near ? `${near} add "${name}" to its aliases` : `add the component, or add "${name}" to the aliases of the component it is`],
      }),
    );
  }

  const files = [...model.files, observed.file];
  return {
    model: model.name,
    findings: sortFindings(findings, files),
    diagnostics: names.diagnostics,
    matched: new Map([...matched].sort(([a], [b]) => compare(a, b))),
    stats: { services: matched.size + unknown.size, matched: matched.size, edges: observed.calls.length, calls, declaredChecked },
  };
}

/** A trace name no component answers to (or several do: `candidates`), with its calls in or out. */
interface Unknown {
  calls: number;
  readonly at: SourceRange;
  readonly candidates: readonly ComponentId[];
}

/** Calls from a component to a service the manifests do not know. */
interface Outside {
  readonly client: ComponentId;
  readonly server: string;
  calls: number;
  messaging: boolean;
  /** The name's first place in the traces file. */
  readonly at: SourceRange;
}

function resolve(
  name: string,
  at: SourceRange,
  calls: number,
  lookup: (name: string) => NameMatch,
  matched: Map<string, ComponentId>,
  unknown: Map<string, Unknown>,
): ComponentId | undefined {
  const found = lookup(name);
  if (found.id !== undefined) {
    matched.set(name, found.id);
    return found.id;
  }
  const seen = unknown.get(name);
  if (seen) seen.calls += calls;
  else unknown.set(name, { calls, at, candidates: found.candidates });
  return undefined;
}

/** The model without some single edges (`client\u0000target`); group members stay (an unobserved member is a failover path). */
function withoutEdges(model: Model, edges: ReadonlySet<string>): Model {
  const components = new Map<ComponentId, Component>();
  for (const c of model.components.values()) {
    const kept = c.dependsOn.filter((d) => d.type !== 'edge' || !edges.has(`${c.id}\u0000${d.target}`));
    components.set(c.id, kept.length === c.dependsOn.length ? c : { ...c, dependsOn: kept });
  }
  return { ...model, components };
}

/** A call from a component to a service that is in no manifest: the most dangerous undeclared dependency. */
function undeclaredOutside(model: Model, o: Outside, clientDown: Simulation, near: string | undefined): Finding {
  const victims = clientDown.nodes.filter((n) => n.id !== o.client);
  const named = victims.slice(0, NAMED).map((n) => (n.status === 'down' ? n.id : `${n.id} (degraded)`));
  const more = victims.length > NAMED ? ` and ${victims.length - NAMED} more` : '';
  const taken = victims.length === 0 ? o.client : `${o.client} and with it ${named.join(', ')}${more}`;
  return finding(model, 'undeclared-dependency', {
    target: o.client,
    related: [],
    subject: [o.client, o.server],
    at: model.components.get(o.client)!.at,
    message: `${o.client} calls ${o.server} (${thousands(o.calls)} call${o.calls === 1 ? '' : 's'}), which is not in the catalog or the manifests`,
    details: [
      `declared as hard, a failure of ${o.server} would take down ${taken} (${plural(victims.length + 1, 'component')}, impact ${round(clientDown.summary.impact)})`,
      near ? `${near} then add "${o.server}" to its aliases` : `add ${o.server} (a component, or an entity in the catalog) and ${o.client}'s dependency on it`,
    ],
    relatedPlaces: [{ id: o.server, at: o.at }],
  });
}

/** Messages from a component to a consumer that is in no manifest. */
function outsideMessaging(model: Model, o: Outside, near: string | undefined): Finding {
  return finding(model, 'undeclared-dependency', {
    target: o.client,
    related: [],
    subject: [o.client, o.server],
    at: model.components.get(o.client)!.at,
    message: `${o.client} sends messages to ${o.server} (${thousands(o.calls)} message${o.calls === 1 ? '' : 's'}, through a messaging system), which is not in the catalog or the manifests`,
    details: [
      `${o.client} does not wait on ${o.server}, so a failure of ${o.server} never reaches it; add ${o.server} and the topic between them (kind: queue)`,
      ...(near ? [`${near} then add "${o.server}" to its aliases`] : []),
    ],
    relatedPlaces: [{ id: o.server, at: o.at }],
    severity: 'warn',
  });
}

function undeclared(model: Model, p: { client: ComponentId; server: ComponentId; calls: number; names: Set<string> }, base: Simulation, withEdge: Simulation): Finding {
  const added = withEdge.nodes.filter((n) => n.id !== p.server && rank(n.status) > rank(base.status(n.id)));
  const impact = withEdge.summary.impact - base.summary.impact;
  const named = added.slice(0, NAMED).map((n) => (n.status === 'down' ? n.id : `${n.id} (degraded)`));
  const more = added.length > NAMED ? ` and ${added.length - NAMED} more` : '';
  const blast =
    added.length === 0
      ? `declared as hard, it adds nothing to what ${p.server}'s failure already takes down`
      : `declared as hard, a failure of ${p.server} would also take down ${named.join(', ')}${more} (${plural(added.length, 'component')}, impact +${round(impact)})`;
  const traceNames = [...p.names].filter((n) => n !== `${p.client} → ${p.server}`);
  const client = model.components.get(p.client)!;
  return finding(model, 'undeclared-dependency', {
    target: p.client,
    related: [p.server],
    subject: [p.client, p.server],
    at: client.at,
    message: `${p.client} calls ${p.server} (${thousands(p.calls)} call${p.calls === 1 ? '' : 's'}) but declares no dependency path to it`,
    details: [blast, ...(traceNames.length > 0 ? [`seen in the traces as ${traceNames.join(', ')}`] : [])],
    relatedPlaces: [{ id: p.server, at: model.components.get(p.server)!.at }],
  });
}

/** A producer and a consumer the traces pair through a messaging system, with no declared topic between them. */
function undeclaredMessaging(model: Model, p: { client: ComponentId; server: ComponentId; calls: number; names: Set<string> }): Finding {
  const traceNames = [...p.names].filter((n) => n !== `${p.client} → ${p.server}`);
  return finding(model, 'undeclared-dependency', {
    target: p.client,
    related: [p.server],
    subject: [p.client, p.server],
    at: model.components.get(p.client)!.at,
    message: `${p.client} sends messages to ${p.server} (${thousands(p.calls)} message${p.calls === 1 ? '' : 's'}, through a messaging system) but no declared queue connects them`,
    details: [
      `${p.client} does not wait on ${p.server}, so a failure of ${p.server} never reaches it; declare the topic (kind: queue), ${p.client} depending on it and ${p.server} reading it with mode: async`,
      ...(traceNames.length > 0 ? [`seen in the traces as ${traceNames.join(', ')}`] : []),
    ],
    relatedPlaces: [{ id: p.server, at: model.components.get(p.server)!.at }],
    severity: 'warn',
  });
}

function finding(
  model: Model,
  rule: DriftRuleId,
  f: Omit<Finding, 'rule' | 'severity' | 'model' | 'details'> & { details: readonly string[]; severity?: FindingSeverity },
): Finding {
  const { severity, ...rest } = f;
  return { ...rest, rule, severity: severity ?? DRIFT_RULES[rule].defaultSeverity, model: model.name, subject: [...new Set(f.subject)].sort(compare) };
}

/** Each declared edge of a component, group members included (`grouped`), that traces would show. */
function declaredEdges(c: Component): { target: ComponentId; at: SourceRange; mode: string; grouped: boolean }[] {
  const out: { target: ComponentId; at: SourceRange; mode: string; grouped: boolean }[] = [];
  for (const d of c.dependsOn) {
    if (UNTRACED_VIA.has(d.via)) continue;
    if (d.type === 'edge') out.push({ target: d.target, at: d.at, mode: d.mode, grouped: false });
    else d.anyOf.forEach((m, i) => out.push({ target: m, at: d.memberAt[i] ?? d.at, mode: d.mode, grouped: true }));
  }
  return out;
}

/** Is there a declared path (dependencies, group members, monitors) from one component to another? Memoised per source. */
class Reachability {
  private readonly next = new Map<ComponentId, ComponentId[]>();
  private readonly from = new Map<ComponentId, Set<ComponentId>>();

  constructor(model: Model) {
    for (const c of model.components.values()) {
      const targets: ComponentId[] = [...c.monitors];
      for (const d of c.dependsOn) append(targets, d.type === 'edge' ? [d.target] : d.anyOf);
      this.next.set(c.id, targets);
    }
  }

  declared(client: ComponentId, server: ComponentId): boolean {
    return this.reachable(client).has(server);
  }

  /**
   * Does the server read (`mode: async`) something the client reaches? Then
   * what the traces show is the message flow through it (Jaeger links carry
   * no messaging label), declared well enough.
   */
  feeds(client: ComponentId, server: ComponentId, model: Model): boolean {
    const theirs = this.reachable(client);
    for (const d of model.components.get(server)?.dependsOn ?? []) {
      if (d.mode !== 'async') continue;
      if ((d.type === 'edge' ? [d.target] : d.anyOf).some((t) => theirs.has(t))) return true;
    }
    return false;
  }

  /** Do both reach one queue? A producer and its consumer are connected through the topic, not by a call. */
  shareQueue(producer: ComponentId, consumer: ComponentId, model: Model): boolean {
    const theirs = this.reachable(consumer);
    for (const id of this.reachable(producer)) if (theirs.has(id) && model.components.get(id)?.kind === 'queue') return true;
    return false;
  }

  private reachable(from: ComponentId): Set<ComponentId> {
    let seen = this.from.get(from);
    if (!seen) {
      seen = new Set<ComponentId>();
      const stack = [...(this.next.get(from) ?? [])];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        append(stack, this.next.get(id) ?? []);
      }
      this.from.set(from, seen);
    }
    return seen;
  }
}

function rank(status: string): number {
  return status === 'down' ? 2 : status === 'degraded' ? 1 : 0;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
