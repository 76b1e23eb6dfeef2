/**
 * Observed dependencies
 * =====================
 *
 * What traces say calls what: Jaeger's dependency links and the
 * OpenTelemetry collector's service graph (also Tempo's metrics-generator)
 * reduce a period of traces to "client called server N times". The readers
 * in this folder turn each format into one `ObservedGraph`, with the place
 * in the file each pair was read from, so a finding about a name in the
 * traces can point at it.
 */
import type { SourceRange } from '../model.js';

/** The formats `readObserved` recognises. */
export type ObservedFormat = 'jaeger' | 'otel-prometheus' | 'otel-promql';

/** How each format is named in messages. */
export const FORMAT_NAMES: ReadonlyMap<ObservedFormat, string> = new Map([
  ['jaeger', 'Jaeger dependency links'],
  ['otel-prometheus', 'OpenTelemetry service graph, Prometheus text'],
  ['otel-promql', 'OpenTelemetry service graph, PromQL JSON'],
]);

/** Calls from one service to another over the observed period. */
export interface ObservedCall {
  /** The calling service, as the traces name it (Jaeger `parent`, OTel `client`). */
  readonly client: string;
  /** The called service (Jaeger `child`, OTel `server`). */
  readonly server: string;
  /** Summed over every series or link of the pair. */
  readonly calls: number;
  /** OTel's `connection_type` when given: `messaging_system` (asynchronous), `database`, `virtual_node`. */
  readonly connection?: string;
  /** Where the pair is first written in the file. */
  readonly at: SourceRange;
  /** Where the client's and the server's names are written there. */
  readonly clientAt: SourceRange;
  readonly serverAt: SourceRange;
}

export interface ObservedGraph {
  /** The file, as given. */
  readonly file: string;
  readonly format: ObservedFormat;
  /** One entry per (client, server), most calls first, then by names. */
  readonly calls: readonly ObservedCall[];
}

/** Where a pair is written: computed only for a pair's first entry. */
export type CallPlaces = () => Pick<ObservedCall, 'at' | 'clientAt' | 'serverAt'>;

/**
 * Calls summed per (client, server) as a reader meets them, so memory is
 * one entry per pair, not per line or link of the file: the first entry of
 * a pair gives its places and its connection type.
 */
export class CallTally {
  private readonly byPair = new Map<string, { call: ObservedCall; calls: number }>();

  add(client: string, server: string, calls: number, connection: string | undefined, places: CallPlaces): void {
    const key = `${client}\u0000${server}`;
    const seen = this.byPair.get(key);
    if (seen) seen.calls += calls;
    else this.byPair.set(key, { call: { client, server, calls, ...(connection ? { connection } : {}), ...places() }, calls });
  }

  /** The graph: one entry per pair, most calls first, then by names. */
  graph(file: string, format: ObservedFormat): ObservedGraph {
    const calls: ObservedCall[] = [];
    for (const { call, calls: n } of this.byPair.values()) calls.push(n === call.calls ? call : { ...call, calls: n });
    calls.sort((a, b) => b.calls - a.calls || compare(a.client, b.client) || compare(a.server, b.server));
    return { file, format, calls };
  }
}

/** Code-unit order, the same everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every service name in the graph, sorted. */
export function serviceNames(graph: ObservedGraph): string[] {
  const names = new Set<string>();
  for (const c of graph.calls) names.add(c.client).add(c.server);
  return [...names].sort(compare);
}
