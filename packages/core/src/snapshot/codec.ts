/**
 * Snapshots: a loaded model and its compiled graph as bytes
 * ========================================================
 *
 * The CLI keeps what a load produced (the model, the warnings it printed, the
 * Backstage Location targets, the runtime graph) between runs, so a run on
 * unchanged files skips parsing, validation and compiling
 * (docs/cache.md). This module turns that into one `Uint8Array` and back;
 * where the bytes are kept, and under which key, is the CLI's business.
 *
 * The form is compact and quick to read back, not JSON of the model:
 *
 * - a 48-byte header: a magic number, the format version, the total length,
 *   a checksum of everything after the header, and the section sizes;
 * - every string once, in one UTF-8 table (ids repeat across dependencies,
 *   placements and positions' files);
 * - everything else in one `Int32Array` stream read front to back (numbers
 *   that are not 32-bit integers go to a `Float64Array` beside it);
 * - the compiled graph's typed arrays as they are, read back as views of the
 *   stream without a copy; the arrays that follow from others (each edge's
 *   owner, the dependents' index, the node names) are rebuilt.
 *
 * Nothing read is trusted: `decodeSnapshot` returns undefined for bytes that
 * are truncated, corrupt (checksum), of another format version or another
 * program, or inconsistent (an index out of range), and never throws. Text
 * that UTF-8 cannot carry exactly (an unpaired surrogate, from a YAML `\ud800`
 * escape) is not encoded at all (`encodeSnapshot` returns undefined): a
 * snapshot gives back exactly what was loaded, or nothing.
 */
import type { LocationTarget } from '../backstage/locations.js';
import type { Diagnostic } from '../diagnostics.js';
import { compiledFrom, type CompiledGraph } from '../engine/compile.js';
import type { Component, ComponentRef, Dependency, EdgeAttributes, Model, Placement, SourceRange, Suppression } from '../model.js';

/** What a load produced, as the CLI keeps it. */
export interface Snapshot {
  readonly model: Model;
  /** The load's warnings, printed again on every run that uses the snapshot. */
  readonly warnings: readonly Diagnostic[];
  readonly locations: readonly LocationTarget[];
  /** The model's graph in the runtime view, when it was compiled. */
  readonly graph?: CompiledGraph;
  /** The caller's own strings (its key, the files to check), kept as given. */
  readonly extra: readonly string[];
}

/** 'FLTS' in little-endian order; a big-endian machine reads another number and ignores the bytes. */
const MAGIC = 0x53544c46;
/** Bumped whenever the layout below changes. */
export const SNAPSHOT_FORMAT = 2;
const HEADER_BYTES = 48;

// Minimal types for the encoders both Node and browsers have (core's lib is ES2022 only).
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
const codecs = globalThis as unknown as {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;
};

/** A string holding an unpaired surrogate, which UTF-8 would replace. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A problem in the bytes being decoded. */
class Corrupt extends Error {}

class Writer {
  ints = new Int32Array(1 << 16);
  n = 0;
  readonly floats: number[] = [];
  readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  int(v: number): void {
    if (this.n === this.ints.length) this.grow(1);
    this.ints[this.n++] = v;
  }
  /** Room for `k` more integers. */
  grow(k: number): void {
    let size = this.ints.length * 2;
    while (this.n + k > size) size *= 2;
    const bigger = new Int32Array(size);
    bigger.set(this.ints.subarray(0, this.n));
    this.ints = bigger;
  }
  bool(v: boolean): void {
    this.int(v ? 1 : 0);
  }
  str(s: string): void {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, i);
    }
    this.int(i);
  }
  /** -1 for undefined. */
  optStr(s: string | undefined): void {
    if (s === undefined) this.int(-1);
    else this.str(s);
  }
  num(v: number): void {
    if ((v | 0) === v && !Object.is(v, -0)) {
      this.int(0);
      this.int(v);
    } else {
      this.int(1);
      this.int(this.floats.length);
      this.floats.push(v);
    }
  }
  /** The file of the last range and its string index: ranges come in runs of one file. */
  private lastFile: string | undefined;
  private lastFileId = -1;
  range(r: SourceRange): void {
    if (r.file !== this.lastFile) {
      this.str(r.file);
      this.n--;
      this.lastFile = r.file;
      this.lastFileId = this.ints[this.n]!;
    }
    if (this.n + 5 > this.ints.length) this.grow(5);
    const ints = this.ints;
    const n = this.n;
    ints[n] = this.lastFileId;
    ints[n + 1] = r.line;
    ints[n + 2] = r.col;
    ints[n + 3] = r.endLine;
    ints[n + 4] = r.endCol;
    this.n = n + 5;
  }
  ranges(rs: readonly SourceRange[]): void {
    this.int(rs.length);
    for (const r of rs) this.range(r);
  }
  strs(ss: readonly string[]): void {
    this.int(ss.length);
    for (const s of ss) this.str(s);
  }
  array(a: ArrayLike<number>): void {
    this.int(a.length);
    if (this.n + a.length > this.ints.length) this.grow(a.length);
    if (a instanceof Int32Array) this.ints.set(a, this.n);
    else for (let i = 0; i < a.length; i++) this.ints[this.n + i] = a[i]!;
    this.n += a.length;
  }
}

class Reader {
  p = 0;
  constructor(
    readonly ints: Int32Array,
    readonly floats: Float64Array,
    readonly strings: readonly string[],
  ) {}

  int(): number {
    if (this.p >= this.ints.length) throw new Corrupt('past the end');
    return this.ints[this.p++]!;
  }
  /** A count or length: not negative, and no more than what is left to read. */
  count(): number {
    const n = this.int();
    if (n < 0 || n > this.ints.length - this.p) throw new Corrupt('bad count');
    return n;
  }
  bool(): boolean {
    return this.int() !== 0;
  }
  str(): string {
    const i = this.int();
    const s = this.strings[i];
    if (s === undefined) throw new Corrupt('bad string');
    return s;
  }
  optStr(): string | undefined {
    const i = this.int();
    return i === -1 ? undefined : this.stringAt(i);
  }
  private stringAt(i: number): string {
    const s = this.strings[i];
    if (s === undefined) throw new Corrupt('bad string');
    return s;
  }
  num(): number {
    const tag = this.int();
    const v = this.int();
    if (tag === 0) return v;
    if (tag !== 1 || v < 0 || v >= this.floats.length) throw new Corrupt('bad number');
    return this.floats[v]!;
  }
  range(): SourceRange {
    return { file: this.str(), line: this.int(), col: this.int(), endLine: this.int(), endCol: this.int() };
  }
  ranges(): SourceRange[] {
    const n = this.count();
    const out: SourceRange[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.range();
    return out;
  }
  strs(): string[] {
    const n = this.count();
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.str();
    return out;
  }
  /** A view of the stream, no copy. */
  array(): Int32Array {
    const n = this.count();
    const view = this.ints.subarray(this.p, this.p + n);
    this.p += n;
    return view;
  }
}

// Component flags.
const DOMAIN = 1;
const JOURNEY = 2;
const CRITICAL = 4;
const SCOPE = 8;
const PLANE = 16;
const AVAILABILITY = 32;
const OWNER = 64;
const DESCRIPTION = 128;
const ALIASES = 256;
const REFS = 512;
const SUPPRESSIONS = 1024;

// Dependency attribute flags (which optional attributes are present).
const OPTIONAL_ATTRIBUTES = ['rollout', 'timeoutMs', 'retries', 'circuitBreaker', 'bulkhead', 'fallback', 'phase'] as const;

/**
 * The bytes of a snapshot; undefined when it cannot be kept exactly (text
 * UTF-8 cannot carry, a shape this format does not know).
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array | undefined {
  const w = new Writer();
  const { model, graph } = snapshot;
  w.str(model.name);
  w.strs(model.files);
  w.int(model.components.size);
  for (const [id, c] of model.components) {
    if (id !== c.id) return undefined;
    if (!writeComponent(w, c)) return undefined;
  }
  w.int(snapshot.warnings.length);
  for (const d of snapshot.warnings) if (!writeRecord(w, d as unknown as Record<string, unknown>)) return undefined;
  w.int(snapshot.locations.length);
  for (const l of snapshot.locations) if (!writeRecord(w, l as unknown as Record<string, unknown>)) return undefined;
  w.strs(snapshot.extra);
  if (graph !== undefined) {
    if (graph.model !== model || graph.view !== 'runtime') return undefined;
    w.int(1);
    writeGraph(w, graph);
  } else w.int(0);

  const joined = w.strings.join('');
  if (LONE_SURROGATE.test(joined)) return undefined;
  const text = new codecs.TextEncoder().encode(joined);
  const stringEnds = new Int32Array(w.strings.length);
  let at = 0;
  for (let i = 0; i < w.strings.length; i++) stringEnds[i] = at += w.strings[i]!.length;

  // Sections, each at an offset that is a multiple of 8: floats, ints, string ends, UTF-8 text.
  const floatsAt = HEADER_BYTES;
  const intsAt = floatsAt + w.floats.length * 8;
  const endsAt = intsAt + align8(w.n * 4);
  const textAt = endsAt + align8(stringEnds.length * 4);
  const total = align8(textAt + text.length);
  const bytes = new Uint8Array(total);
  new Float64Array(bytes.buffer, floatsAt, w.floats.length).set(w.floats);
  new Int32Array(bytes.buffer, intsAt, w.n).set(w.ints.subarray(0, w.n));
  new Int32Array(bytes.buffer, endsAt, stringEnds.length).set(stringEnds);
  bytes.set(text, textAt);
  const header = new Uint32Array(bytes.buffer, 0, HEADER_BYTES / 4);
  header[0] = MAGIC;
  header[1] = SNAPSHOT_FORMAT;
  header[2] = total;
  header[4] = w.floats.length;
  header[5] = w.n;
  header[6] = stringEnds.length;
  header[7] = text.length;
  header[8] = joined.length;
  const [a, b] = checksum(bytes);
  header[10] = a;
  header[11] = b;
  return bytes;
}

/** The snapshot in `bytes`, or undefined when they are not one this version wrote intact. */
export function decodeSnapshot(input: Uint8Array): Snapshot | undefined {
  try {
    return decode(input);
  } catch {
    return undefined;
  }
}

function decode(input: Uint8Array): Snapshot | undefined {
  if (input.length < HEADER_BYTES) return undefined;
  // Typed-array views need aligned offsets; a pooled Buffer may start anywhere.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_BYTES / 4);
  if (header[0] !== MAGIC || header[1] !== SNAPSHOT_FORMAT || header[2] !== bytes.length || bytes.length % 8 !== 0) return undefined;
  const [a, b] = checksum(bytes);
  if (header[10] !== a || header[11] !== b) return undefined;
  const floatCount = header[4]!;
  const intCount = header[5]!;
  const stringCount = header[6]!;
  const textBytes = header[7]!;
  const textLength = header[8]!;
  const floatsAt = HEADER_BYTES;
  const intsAt = floatsAt + floatCount * 8;
  const endsAt = intsAt + align8(intCount * 4);
  const textAt = endsAt + align8(stringCount * 4);
  if (align8(textAt + textBytes) !== bytes.length) return undefined;
  const at = bytes.byteOffset;
  const floats = new Float64Array(bytes.buffer, at + floatsAt, floatCount);
  const ints = new Int32Array(bytes.buffer, at + intsAt, intCount);
  const ends = new Int32Array(bytes.buffer, at + endsAt, stringCount);
  const joined = new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(textAt, textAt + textBytes));
  if (joined.length !== textLength) return undefined;
  const strings: string[] = new Array(stringCount);
  let from = 0;
  for (let i = 0; i < stringCount; i++) {
    const to = ends[i]!;
    if (to < from || to > joined.length) return undefined;
    strings[i] = joined.slice(from, to);
    from = to;
  }

  const r = new Reader(ints, floats, strings);
  const name = r.str();
  const files = r.strs();
  const size = r.count();
  const components = new Map<string, Component>();
  for (let i = 0; i < size; i++) {
    const c = readComponent(r);
    if (components.has(c.id)) return undefined;
    components.set(c.id, c);
  }
  const model: Model = { name, files, components };
  const warnings: Diagnostic[] = new Array(r.count());
  for (let i = 0; i < warnings.length; i++) warnings[i] = readRecord(r) as unknown as Diagnostic;
  const locations: LocationTarget[] = new Array(r.count());
  for (let i = 0; i < locations.length; i++) locations[i] = readRecord(r) as unknown as LocationTarget;
  const extra = r.strs();
  const graph = r.bool() ? readGraph(r, model) : undefined;
  if (r.p !== ints.length) return undefined;
  return { model, warnings, locations, ...(graph ? { graph } : {}), extra };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Two 32-bit hashes of everything after the header, word by word. */
function checksum(bytes: Uint8Array): [number, number] {
  const words = new Int32Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, (bytes.length - HEADER_BYTES) >> 2);
  let a = 0x811c9dc5 | 0;
  let b = 0x1b873593 | 0;
  for (let i = 0; i < words.length; i++) {
    const x = words[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x5bd1e995) ^ x;
  }
  return [a >>> 0, (b ^ words.length) >>> 0];
}

function writeComponent(w: Writer, c: Component): boolean {
  const flags =
    (c.isDomain ? DOMAIN : 0) |
    (c.isJourney ? JOURNEY : 0) |
    (c.critical ? CRITICAL : 0) |
    (c.scope !== undefined ? SCOPE : 0) |
    (c.plane !== undefined ? PLANE : 0) |
    (c.availability !== undefined ? AVAILABILITY : 0) |
    (c.owner !== undefined ? OWNER : 0) |
    (c.description !== undefined ? DESCRIPTION : 0) |
    (c.aliases !== undefined ? ALIASES : 0) |
    (c.refs !== undefined ? REFS : 0) |
    (c.suppressions !== undefined ? SUPPRESSIONS : 0);
  w.str(c.id);
  w.str(c.kind);
  w.int(flags);
  w.int(c.placements.length);
  for (const p of c.placements) {
    w.str(p.domain);
    w.num(p.replicas);
    w.range(p.at);
  }
  w.num(c.minHealthy);
  if (c.scope !== undefined) w.str(c.scope);
  if (c.plane !== undefined) w.str(c.plane);
  w.num(c.weight);
  if (c.availability !== undefined) w.num(c.availability);
  w.int(c.dependsOn.length);
  for (const d of c.dependsOn) if (!writeDependency(w, d)) return false;
  w.strs(c.monitors);
  w.ranges(c.monitorsAt);
  if (c.owner !== undefined) w.str(c.owner);
  w.int(c.tags.size);
  for (const [k, v] of c.tags) {
    w.str(k);
    w.str(v);
  }
  if (c.description !== undefined) w.str(c.description);
  if (c.aliases !== undefined) w.strs(c.aliases);
  if (c.refs !== undefined) {
    w.int(c.refs.length);
    for (const ref of c.refs) {
      w.str(ref.input);
      w.str(ref.kind);
      w.str(ref.namespace);
      w.str(ref.name);
    }
  }
  w.range(c.at);
  if (c.suppressions !== undefined) {
    w.int(c.suppressions.length);
    for (const s of c.suppressions) {
      w.str(s.rule);
      w.str(s.reason);
      w.range(s.at);
    }
  }
  return true;
}

/** Builds the component with its keys in the order the loader gives them (resolve.ts), so output that walks keys is the same. */
function readComponent(r: Reader): Component {
  const id = r.str();
  const kind = r.str();
  const flags = r.int();
  const placementCount = r.count();
  const placements: Placement[] = new Array(placementCount);
  for (let i = 0; i < placementCount; i++) placements[i] = { domain: r.str(), replicas: r.num(), at: r.range() };
  const isDomain = (flags & DOMAIN) !== 0;
  const isJourney = (flags & JOURNEY) !== 0;
  const critical = (flags & CRITICAL) !== 0;
  if ((flags & ~(DOMAIN | JOURNEY | CRITICAL)) === 0) {
    // No optional field: one literal, in the loader's key order.
    const minHealthy = r.num();
    const weight = r.num();
    const dependsOn = readDependencies(r);
    const monitors = r.strs();
    const monitorsAt = r.ranges();
    const tags = readTags(r);
    return { id, kind, isDomain, isJourney, placements, minHealthy, critical, weight, dependsOn, monitors, monitorsAt, tags, at: r.range() };
  }
  const c: Record<string, unknown> = { id, kind, isDomain, isJourney, placements, minHealthy: r.num() };
  if (flags & SCOPE) c['scope'] = r.str();
  if (flags & PLANE) c['plane'] = r.str();
  c['critical'] = critical;
  c['weight'] = r.num();
  if (flags & AVAILABILITY) c['availability'] = r.num();
  c['dependsOn'] = readDependencies(r);
  c['monitors'] = r.strs();
  c['monitorsAt'] = r.ranges();
  if (flags & OWNER) c['owner'] = r.str();
  c['tags'] = readTags(r);
  if (flags & DESCRIPTION) c['description'] = r.str();
  if (flags & ALIASES) c['aliases'] = r.strs();
  if (flags & REFS) {
    const refs: ComponentRef[] = new Array(r.count());
    for (let i = 0; i < refs.length; i++) refs[i] = { input: r.str() as ComponentRef['input'], kind: r.str(), namespace: r.str(), name: r.str() };
    c['refs'] = refs;
  }
  c['at'] = r.range();
  if (flags & SUPPRESSIONS) {
    const suppressions: Suppression[] = new Array(r.count());
    for (let i = 0; i < suppressions.length; i++) suppressions[i] = { rule: r.str(), reason: r.str(), at: r.range() };
    c['suppressions'] = suppressions;
  }
  return c as unknown as Component;
}

function readDependencies(r: Reader): Dependency[] {
  const n = r.count();
  const out: Dependency[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = readDependency(r);
  return out;
}

function readTags(r: Reader): Map<string, string> {
  const n = r.count();
  const tags = new Map<string, string>();
  for (let i = 0; i < n; i++) tags.set(r.str(), r.str());
  return tags;
}

function writeDependency(w: Writer, d: Dependency): boolean {
  let present = 0;
  OPTIONAL_ATTRIBUTES.forEach((k, i) => {
    if (d[k] !== undefined) present |= 1 << i;
  });
  w.int(d.type === 'edge' ? 0 : 1);
  w.int(present);
  if (d.type === 'edge') w.str(d.target);
  else {
    w.strs(d.anyOf);
    w.num(d.need);
  }
  w.str(d.mode);
  w.str(d.via);
  if (d.rollout !== undefined) w.str(d.rollout);
  if (d.timeoutMs !== undefined) w.num(d.timeoutMs);
  if (d.retries !== undefined) w.num(d.retries);
  if (d.circuitBreaker !== undefined) w.bool(d.circuitBreaker);
  if (d.bulkhead !== undefined) w.bool(d.bulkhead);
  if (d.fallback !== undefined) w.bool(d.fallback);
  if (d.phase !== undefined) w.str(d.phase);
  if (d.type === 'group') w.ranges(d.memberAt);
  w.range(d.at);
  return true;
}

function readDependency(r: Reader): Dependency {
  const type = r.int();
  const present = r.int();
  if (type !== 0 && type !== 1) throw new Corrupt('bad dependency');
  // Most entries have no optional attribute: one literal each, every key in the object itself (no property store to allocate).
  if (present === 0) {
    if (type === 0) return { type: 'edge', target: r.str(), mode: r.str() as Dependency['mode'], via: r.str() as Dependency['via'], at: r.range() };
    return { type: 'group', anyOf: r.strs(), need: r.num(), mode: r.str() as Dependency['mode'], via: r.str() as Dependency['via'], memberAt: r.ranges(), at: r.range() };
  }
  const d: Record<string, unknown> = { type: type === 0 ? 'edge' : 'group' };
  if (type === 0) d['target'] = r.str();
  else {
    d['anyOf'] = r.strs();
    d['need'] = r.num();
  }
  const attributes = d as Record<keyof EdgeAttributes, unknown>;
  attributes.mode = r.str();
  attributes.via = r.str();
  if (present & 1) attributes.rollout = r.str();
  if (present & 2) attributes.timeoutMs = r.num();
  if (present & 4) attributes.retries = r.num();
  if (present & 8) attributes.circuitBreaker = r.bool();
  if (present & 16) attributes.bulkhead = r.bool();
  if (present & 32) attributes.fallback = r.bool();
  if (present & 64) attributes.phase = r.str();
  if (type === 1) d['memberAt'] = r.ranges();
  d['at'] = r.range();
  return d as unknown as Dependency;
}

// Values of a record (a diagnostic, a Location target): keys kept in their order.
const STRING = 0;
const RANGE = 1;
const RANGES = 2;

/** A flat record of strings, ranges and range lists, its keys in order (diagnostics are built in several orders). */
function writeRecord(w: Writer, record: Record<string, unknown>): boolean {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  w.int(keys.length);
  for (const k of keys) {
    const v = record[k];
    w.str(k);
    if (typeof v === 'string') {
      w.int(STRING);
      w.str(v);
    } else if (Array.isArray(v)) {
      if (!v.every(isRange)) return false;
      w.int(RANGES);
      w.ranges(v);
    } else if (isRange(v)) {
      w.int(RANGE);
      w.range(v);
    } else return false;
  }
  return true;
}

function readRecord(r: Reader): Record<string, unknown> {
  const n = r.count();
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = r.str();
    if (k === '__proto__') throw new Corrupt('bad key');
    const tag = r.int();
    out[k] = tag === STRING ? r.str() : tag === RANGE ? r.range() : tag === RANGES ? r.ranges() : corrupt();
  }
  return out;
}

function corrupt(): never {
  throw new Corrupt('bad value');
}

function isRange(v: unknown): v is SourceRange {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r['file'] === 'string' &&
    Number.isInteger(r['line']) &&
    Number.isInteger(r['col']) &&
    Number.isInteger(r['endLine']) &&
    Number.isInteger(r['endCol']) &&
    Object.keys(r).length === 5
  );
}

/** The arrays compile() builds that nothing else follows from; the rest is rebuilt (compiledFrom). */
function writeGraph(w: Writer, g: CompiledGraph): void {
  w.int(g.size);
  w.int(g.components);
  w.int(g.order === 'locality' ? 1 : 0);
  w.array(g.type);
  w.array(g.owner);
  w.array(g.detail);
  w.array(g.downThreshold);
  w.array(g.notUpThreshold);
  w.array(g.modelRank);
  w.array(g.inputOffset);
  w.array(g.inputs);
  w.array(g.inputWeight);
  w.array(g.inputHard);
  w.array(g.inputEntry);
  w.array(g.dependentEdges);
  w.array(g.replicaOffset);
  w.array(g.replicaNodes);
}

function readGraph(r: Reader, model: Model): CompiledGraph {
  const size = r.count();
  const components = r.count();
  const order = r.count() === 1 ? 'locality' : 'model';
  const type = Uint8Array.from(r.array());
  const owner = r.array();
  const detail = r.array();
  const downThreshold = r.array();
  const notUpThreshold = r.array();
  const modelRank = r.array();
  const inputOffset = r.array();
  const inputs = r.array();
  const inputWeight = r.array();
  const inputHard = Uint8Array.from(r.array());
  const inputEntry = r.array();
  const dependentEdges = r.array();
  const replicaOffset = r.array();
  const replicaNodes = r.array();
  const graph = compiledFrom(model, {
    size,
    components,
    order,
    type,
    owner,
    detail,
    downThreshold,
    notUpThreshold,
    modelRank,
    inputOffset,
    inputs,
    inputWeight,
    inputHard,
    inputEntry,
    dependentEdges,
    replicaOffset,
    replicaNodes,
  });
  if (graph === undefined) throw new Corrupt('bad graph');
  return graph;
}
