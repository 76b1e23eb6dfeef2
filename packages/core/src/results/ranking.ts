/**
 * A ranking as data, and back
 * ===========================
 *
 * `rankFailures` returns the failures it ranked and methods that answer
 * more about them on demand (every victim of one failure, the gates it
 * defeats, who kills a target). The methods need the compiled graph, not
 * the ranking's own work: kept apart from the data (`rankingParts`), a
 * ranking is a list of plain failures plus, per position, the engine node
 * that fails, which a cache can store as it is; `restoreRanking` gives back
 * a `Ranking` over the same graph whose every answer is the original's
 * (`detail`, `namedGates` and `defeatedGates` simulate the one failure, as `rankFailures`
 * does; `killers` ranks again, once, when first asked).
 */
import type { CompiledGraph } from '../engine/compile.js';
import { Propagator } from '../engine/propagate.js';
import type { Failure } from '../analyses/failure.js';
import { rankFailures, type Ranking, type RankOptions } from '../analyses/rank.js';
import { defeatedGates, evaluateFailure, namedGates } from '../analyses/rank-oracle.js';

/** What a ranking holds beyond its graph. */
export interface RankingParts {
  readonly failures: readonly Failure[];
  readonly listed: number;
  /** The engine node each position's failure fails. */
  readonly nodes: Int32Array;
}

/** The data of a ranking: its failures, `listed`, and the engine node of each position. */
export function rankingParts(ranking: Ranking): RankingParts {
  const nodes = new Int32Array(ranking.failures.length).fill(-1);
  for (let v = 0; v < ranking.graph.size; v++) {
    const i = ranking.positionOf(v);
    if (i >= 0) nodes[i] = v;
  }
  return { failures: ranking.failures, listed: ranking.listed, nodes };
}

/**
 * The ranking of `graph` whose data are `parts` (as `rankingParts` took
 * them from `rankFailures(graph, options)`); undefined when the parts do not
 * fit the graph (a node out of range, or one failed twice).
 */
export function restoreRanking(graph: CompiledGraph, parts: RankingParts, options: RankOptions = {}): Ranking | undefined {
  const { failures, listed, nodes } = parts;
  if (nodes.length !== failures.length) return undefined;
  const position = new Int32Array(graph.size).fill(-1);
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    if (!(v >= 0 && v < graph.size) || position[v] !== -1) return undefined;
    position[v] = i;
  }
  let state: Propagator | undefined;
  let full: Ranking | undefined;
  const again = (): Ranking => (full ??= rankFailures(graph, options));
  const nodeAt = (i: number): number => {
    const node = nodes[i];
    if (node === undefined) throw new Error(`faultline/rank: no failure at position ${i}`);
    return node;
  };
  return {
    graph,
    failures,
    listed,
    detail(i) {
      const node = nodeAt(i);
      state ??= new Propagator(graph);
      const { fault, down, degraded, critical, criticalDegraded, defeated } = evaluateFailure(graph, state, node, 0);
      return { fault, down, degraded, critical, criticalDegraded, defeated };
    },
    namedGates(i) {
      state ??= new Propagator(graph);
      return namedGates(graph, state, nodeAt(i));
    },
    defeatedGates(i, shown) {
      state ??= new Propagator(graph);
      return defeatedGates(graph, state, nodeAt(i), shown);
    },
    positionOf(failure) {
      const v = typeof failure === 'number' ? failure : (graph.index.get(failure) ?? graph.names.indexOf(failure));
      return v >= 0 && v < graph.size ? position[v]! : -1;
    },
    killers: (target, layer) => again().killers(target, layer),
    killersOf: (targets, layer) => again().killersOf(targets, layer),
  };
}

// The UTF-8 codecs Node and browsers both have (core's lib is ES2022 only).
const utf8 = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
};

/** The kinds of victims a failure lists, in the order they are stored. */
const KINDS = ['down', 'degraded', 'critical', 'criticalDegraded'] as const;
/** The first bytes of an encoded ranking. */
const RANKING_MAGIC = 0x4b4e5246; // "FRNK"

/**
 * A ranking's parts as bytes, column by column (typed arrays, victims as
 * engine nodes, faults as one UTF-8 text), for the cache of results: about
 * ten times quicker to write and read back than the failures as objects.
 * Undefined when a victim is not a node of `graph` or a fault does not
 * survive UTF-8 (a lone surrogate): such a ranking is not kept.
 */
export function encodeRanking(parts: RankingParts, graph: CompiledGraph): Uint8Array | undefined {
  const { failures, nodes } = parts;
  const K = failures.length;
  if (nodes.length !== K) return undefined;
  const impact = new Float64Array(K);
  const counts = new Int32Array(4 * K);
  const hidden = new Uint8Array(K);
  const victimLengths = new Int32Array(4 * K);
  const victims: number[] = [];
  const faultLengths = new Int32Array(K);
  let faults = '';
  for (let i = 0; i < K; i++) {
    const f = failures[i]!;
    impact[i] = f.impact;
    counts[i] = f.downCount;
    counts[K + i] = f.degradedCount;
    counts[2 * K + i] = f.criticalCount;
    counts[3 * K + i] = f.criticalDegradedCount;
    hidden[i] = f.hidden ? 1 : 0;
    for (let k = 0; k < 4; k++) {
      const ids = f.first[KINDS[k]!];
      victimLengths[k * K + i] = ids.length;
      for (const id of ids) {
        const v = graph.index.get(id);
        if (v === undefined || graph.names[v] !== id) return undefined;
        victims.push(v);
      }
    }
    faultLengths[i] = f.fault.length;
    faults += f.fault;
  }
  const text = new utf8.TextEncoder().encode(faults);
  if (new utf8.TextDecoder().decode(text) !== faults) return undefined;
  const header = Int32Array.of(RANKING_MAGIC, K, parts.listed, graph.size, victims.length, text.length);
  // The header (24 bytes) first, so the impacts that follow are aligned for a Float64Array.
  const sections: ArrayBufferView[] = [header, impact, nodes, counts, victimLengths, Int32Array.from(victims), faultLengths, hidden, text];
  let size = 0;
  for (const s of sections) size += s.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += s.byteLength;
  }
  return out;
}

/** The parts `encodeRanking` wrote for `graph`, or undefined when the bytes are not such a ranking of this graph. */
export function decodeRanking(bytes: Uint8Array, graph: CompiledGraph): RankingParts | undefined {
  // Copied once (a Node Buffer's slice would share its pool), so every column is aligned whatever the offset of `bytes`.
  const buffer = new Uint8Array(bytes).buffer;
  if (buffer.byteLength < 24) return undefined;
  const [magic, K, listed, size, victimCount, textLength] = new Int32Array(buffer, 0, 6) as unknown as number[];
  if (magic !== RANKING_MAGIC || size !== graph.size || !(K! >= 0 && listed! >= 0 && victimCount! >= 0 && textLength! >= 0)) return undefined;
  const n = K!;
  const expected = 24 + 8 * n + 4 * (n + 4 * n + 4 * n + victimCount! + n) + n + textLength!;
  if (buffer.byteLength !== expected) return undefined;
  let at = 24;
  const impact = new Float64Array(buffer, at, n);
  at += 8 * n;
  const int32 = (count: number): Int32Array => {
    const column = new Int32Array(buffer, at, count);
    at += 4 * count;
    return column;
  };
  const nodes = int32(n);
  const counts = int32(4 * n);
  const victimLengths = int32(4 * n);
  const victims = int32(victimCount!);
  const faultLengths = int32(n);
  const hidden = new Uint8Array(buffer, at, n);
  at += n;
  const faults = new utf8.TextDecoder().decode(new Uint8Array(buffer, at, textLength!));
  const C = graph.components;
  const names = graph.names;
  const failures: Failure[] = [];
  let v = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    const lists: (readonly string[])[] = [];
    for (let k = 0; k < 4; k++) {
      const length = victimLengths[k * n + i]!;
      if (length === 0) {
        lists.push(NONE);
        continue;
      }
      if (length < 0 || v + length > victimCount!) return undefined;
      const ids: string[] = [];
      for (let j = 0; j < length; j++) {
        const node = victims[v++]!;
        if (!(node >= 0 && node < C)) return undefined;
        ids.push(names[node]!);
      }
      lists.push(ids);
    }
    const length = faultLengths[i]!;
    if (length < 0 || f + length > faults.length || hidden[i]! > 1) return undefined;
    failures.push({
      fault: faults.slice(f, f + length),
      impact: impact[i]!,
      downCount: counts[i]!,
      degradedCount: counts[n + i]!,
      criticalCount: counts[2 * n + i]!,
      criticalDegradedCount: counts[3 * n + i]!,
      first: { down: lists[0]!, degraded: lists[1]!, critical: lists[2]!, criticalDegraded: lists[3]! },
      hidden: hidden[i] === 1,
    });
    f += length;
  }
  if (v !== victimCount || f !== faults.length) return undefined;
  return { failures, listed: listed!, nodes: nodes.slice() };
}

/** The list of no victims, shared (most failures of a large model take nothing down). */
const NONE: readonly string[] = Object.freeze([]);
