/**
 * `faultline import observed`: a starter manifest from traces
 * ==========================================================
 *
 * Every service seen becomes a component and every observed call a
 * dependency, written so that a person can review it line by line: each
 * edge says how many calls it rests on (most first) and that its mode is a
 * guess; a kind other than `service` says what it was guessed from; and
 * every component carries a `# TODO: in:` because traces do not say where
 * things run. Service names that are not valid ids are turned into ids and
 * kept as `aliases`, so `faultline drift` matches them.
 *
 * A messaging edge (OTel `connection_type="messaging_system"`) pairs a
 * producer's span with a consumer's: the producer does not call the
 * consumer, both use a topic the traces do not name. So the starter adds
 * one guessed queue per producer (`<producer>-messages`), the producer
 * depending on it (`hard`: publishing fails with the broker) and each
 * consumer reading it with `mode: async` (a consumer idles and catches up,
 * it is never taken down by the topic). `faultline drift` finds the pair
 * declared through that queue.
 */
import { Document, isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { ID_PATTERN } from '../schema.js';
import { compare, FORMAT_NAMES, serviceNames, type ObservedCall, type ObservedGraph } from './types.js';

/** Kind guesses from a service name, first match wins. */
const NAME_KINDS: readonly (readonly [RegExp, string])[] = [
  [/redis|memcache|valkey|cache/i, 'cache'],
  [/postgres|mysql|maria|mongo|dynamo|cassandra|spanner|sqlserver|oracle|\bdb\b|-db$|database/i, 'database'],
  [/kafka|rabbit|sqs|sns|nats|pubsub|queue|topic|kinesis/i, 'queue'],
  [/elastic|opensearch|solr/i, 'search'],
  [/\bs3\b|bucket|blob|gcs/i, 'storage'],
];

/** The starter manifest's text. */
export function starterManifest(graph: ObservedGraph, name = 'observed'): string {
  const ids = idsFor(serviceNames(graph));
  const outgoing = new Map<string, ObservedCall[]>();
  const connection = new Map<string, string>();
  for (const c of graph.calls) {
    const list = outgoing.get(c.client) ?? [];
    list.push(c);
    outgoing.set(c.client, list);
    if (c.connection && !connection.has(c.server)) connection.set(c.server, c.connection);
  }
  const total = graph.calls.reduce((n, c) => n + c.calls, 0);
  const topics = topicsFor(graph, ids);
  const components = new Map<string, Map<string, unknown>>();
  const notes = new Map<string, { kind?: string; edges: string[] }>();
  const entries = [...ids].map(([service, id]) => ({ id, service }) as { id: string; service?: string });
  for (const topic of topics.values()) entries.push({ id: topic.id });
  entries.sort((a, b) => compare(a.id, b.id));
  for (const { id, service } of entries) {
    if (service === undefined) {
      const topic = [...topics.values()].find((t) => t.id === id)!;
      components.set(id, new Map<string, unknown>([['kind', 'queue']]));
      notes.set(id, {
        kind: `guessed: ${topic.producer} sends messages to ${listNames([...topic.consumers.keys()].map((c) => ids.get(c)!))} through a topic the traces do not name; rename it after yours`,
        edges: [],
      });
      continue;
    }
    const guess = kindOf(service, connection.get(service));
    const value = new Map<string, unknown>([['kind', guess.kind]]);
    if (id !== service) value.set('aliases', [service]);
    const deps: unknown[] = [];
    const edgeNotes: string[] = [];
    const edges: { target: string; mode?: 'async'; note: string; calls: number }[] = [];
    for (const e of outgoing.get(service) ?? []) {
      if (e.connection !== 'messaging_system') edges.push({ target: ids.get(e.server)!, note: 'hard', calls: e.calls });
    }
    const produced = topics.get(service);
    if (produced) edges.push({ target: produced.id, note: 'hard (publishes to the topic)', calls: produced.messages });
    for (const topic of topics.values()) {
      const read = topic.consumers.get(service);
      if (read !== undefined) edges.push({ target: topic.id, mode: 'async', note: 'async (reads the topic)', calls: read });
    }
    edges.sort((a, b) => b.calls - a.calls);
    for (const e of edges) {
      deps.push(
        e.mode
          ? new Map<string, unknown>([
              ['target', e.target],
              ['mode', e.mode],
            ])
          : e.target,
      );
      edgeNotes.push(`guessed ${e.note}: ${thousands(e.calls)} ${e.note === 'hard' ? 'call' : 'message'}${e.calls === 1 ? '' : 's'}`);
    }
    if (deps.length > 0) value.set('dependsOn', deps);
    components.set(id, value);
    notes.set(id, { ...(guess.from ? { kind: `guessed from ${guess.from}` } : {}), edges: edgeNotes });
  }

  const doc = new Document(
    new Map<string, unknown>([
      ['apiVersion', 'faultline/v1'],
      ['name', name],
      ['components', components],
    ]),
  );
  doc.commentBefore = [
    ` Written by "faultline import observed" from ${graph.file}, ${FORMAT_NAMES.get(graph.format)!}:`,
    ` ${ids.size} services, ${graph.calls.length} observed dependencies, ${thousands(total)} calls.`,
    ' Review every "# guessed" line (hard, soft or async? which kind?) and add "in:" where the TODOs say.',
  ].join('\n');
  const map = doc.get('components') as YAMLMap<Scalar, YAMLMap>;
  map.items.forEach((pair, i) => annotate(pair as Pair<Scalar, YAMLMap>, notes.get(String(pair.key.value))!, i));
  return doc.toString({ lineWidth: 0 });
}

/** One guessed topic per producer of messaging edges: its id and who reads it, with message counts. */
interface Topic {
  readonly id: string;
  readonly producer: string;
  messages: number;
  readonly consumers: Map<string, number>;
}

/** The producers of messaging edges, each with its guessed topic (`<producer id>-messages`, unique). */
function topicsFor(graph: ObservedGraph, ids: ReadonlyMap<string, string>): Map<string, Topic> {
  const topics = new Map<string, Topic>();
  const used = new Set(ids.values());
  for (const c of graph.calls) {
    if (c.connection !== 'messaging_system' || c.client === c.server) continue;
    let topic = topics.get(c.client);
    if (!topic) {
      const base = `${ids.get(c.client)!}-messages`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      topic = { id, producer: ids.get(c.client)!, messages: 0, consumers: new Map() };
      topics.set(c.client, topic);
    }
    topic.messages += c.calls;
    topic.consumers.set(c.server, (topic.consumers.get(c.server) ?? 0) + c.calls);
  }
  return topics;
}

function listNames(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function annotate(pair: Pair<Scalar, YAMLMap>, note: { kind?: string; edges: string[] }, i: number): void {
  pair.key.commentBefore = ` TODO: in: [<zone or region ids>] (where ${String(pair.key.value)} runs)`;
  if (i > 0) pair.key.spaceBefore = true;
  for (const p of pair.value!.items) {
    const key = (p.key as Scalar).value;
    if (key === 'kind' && note.kind && isScalar(p.value)) p.value.comment = ` ${note.kind}`;
    if (key === 'aliases' && isSeq(p.value)) p.value.flow = true;
    if (key === 'dependsOn' && isSeq(p.value)) {
      (p.value as YAMLSeq).items.forEach((item, k) => {
        if (isMap(item)) item.flow = true;
        (item as Scalar).comment = ` ${note.edges[k]!}`;
      });
    }
  }
}

/** A valid, unique id per service name (in id order): the name itself when it is one. */
export function idsFor(names: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set(names.filter((n) => ID_PATTERN.test(n)));
  for (const name of names) {
    if (ID_PATTERN.test(name)) {
      ids.set(name, name);
      continue;
    }
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[^a-z0-9]+|-+$/g, '') || 'service';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(name, id);
  }
  return new Map([...ids].sort(([, a], [, b]) => compare(a, b)));
}

/** The name first (OTel marks a Redis as a "database" connection too), then the connection type. */
function kindOf(service: string, connection: string | undefined): { kind: string; from?: string } {
  for (const [pattern, kind] of NAME_KINDS) if (pattern.test(service)) return { kind, from: 'the name' };
  if (connection === 'database') return { kind: 'database', from: 'connection_type="database"' };
  return { kind: 'service' };
}

/** 1234567 → "1,234,567", the same in every locale. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
