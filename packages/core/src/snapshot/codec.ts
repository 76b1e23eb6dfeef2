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
 * The form is compact and quick to write and to read back, not JSON of the
 * model (a snapshot is about the size of the YAML it was loaded from):
 *
 * - a 40-byte header: a magic number, the format version, the total length,
 *   the section sizes and a checksum of everything after the header;
 * - one stream of variable-length integers (7 bits a byte), read front to
 *   back: small numbers, which most are, take one byte;
 * - every string once, in one UTF-8 table at the end: the component ids
 *   first, in model order, so a component's id is not written and a
 *   reference to a component (a placement's domain, a dependency's target,
 *   a group's member, a monitor) is the component's index;
 * - positions as differences from the position before (most ranges share the
 *   line of the last one, and their ends are a few columns on), the file
 *   written only when it changes;
 * - the compiled graph's arrays as differences where they run in order, the
 *   part every component node shares (its type, owner, thresholds, rank) not
 *   at all; what follows from the rest (each edge's owner, the dependents'
 *   index, the node names) is rebuilt by `compiledFrom`, and the references
 *   read back are handed to the compiler as they are (no id is looked up).
 *
 * Nothing read is trusted: `decodeSnapshot` returns undefined for bytes that
 * are truncated, corrupt (checksum), of another format version or another
 * program, or inconsistent (an index out of range), and never throws. What
 * this form cannot carry exactly is not encoded at all (`encodeSnapshot`
 * returns undefined): text with an unpaired surrogate (from a YAML `\ud800`
 * escape, which UTF-8 would replace), a position that is not a 32-bit
 * integer, a graph `compile` would not have built. A snapshot gives back
 * exactly what was loaded, or nothing.
 */
import type { LocationTarget } from '../backstage/locations.js';
import type { Diagnostic } from '../diagnostics.js';
import { compiledFrom, rememberResolved, resolved, type CompiledGraph } from '../engine/compile.js';
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
export const SNAPSHOT_FORMAT = 3;
/** Header words: magic, format, total bytes, stream bytes, string-length bytes, text bytes, text length (UTF-16), string count, checksum a, checksum b. */
const HEADER_BYTES = 40;

// Minimal types for the encoders both Node and browsers have (core's lib is ES2022 only).
interface Utf8Encoder {
  encodeInto(text: string, into: Uint8Array): { read: number; written: number };
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
/** Something the format cannot carry exactly: the snapshot is not written. */
class NotEncodable extends Error {}

/** A 32-bit integer that is not −0: what a position, an index or a graph value must be. */
function isInt32(v: number): boolean {
  return (v | 0) === v && (v !== 0 || 1 / v > 0);
}

/** Zigzag: small negative and positive 32-bit integers to small unsigned ones. */
function zigzag(v: number): number {
  return ((v << 1) ^ (v >> 31)) >>> 0;
}

// Enumerations written as codes; any other value is written as a string after the last code.
const MODES = ['hard', 'soft', 'async'] as const;
const VIAS = ['call', 'config', 'dns', 'auth', 'data'] as const;
const MODE_OTHER = 3;
const VIA_OTHER = 7;

class Writer {
  buf: Uint8Array;
  n = HEADER_BYTES;
  /** The strings in table order: the component ids first, then every other string once. */
  readonly strings: string[];
  private readonly others = new Map<string, number>();
  private readonly view: { dv: DataView; buffer: ArrayBufferLike };

  constructor(
    capacity: number,
    readonly ids: readonly string[],
  ) {
    this.buf = new Uint8Array(capacity);
    this.view = { dv: new DataView(this.buf.buffer), buffer: this.buf.buffer };
    this.strings = ids.slice();
  }

  /** Room for `k` more bytes. */
  room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (this.n + k > size) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.n));
    this.buf = bigger;
  }
  /** An unsigned integer below 2³⁵ (every caller's values are 32-bit, or a 32-bit value times two plus a bit). */
  u(v: number): void {
    if (this.n + 5 > this.buf.length) this.room(5);
    const buf = this.buf;
    let n = this.n;
    while (v >= 0x80) {
      buf[n++] = (v & 0x7f) | 0x80;
      v = v >= 0x80000000 ? Math.floor(v / 128) : v >>> 7;
    }
    buf[n++] = v;
    this.n = n;
  }
  /** A 32-bit integer (checked). */
  s(v: number): void {
    if (!isInt32(v)) throw new NotEncodable();
    this.u(zigzag(v));
  }
  bool(v: boolean): void {
    this.u(v ? 1 : 0);
  }
  /** A string: its index in the table (ids are there already; others added on first use). */
  str(s: string): void {
    let i = this.others.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.others.set(s, i);
    }
    this.u(i);
  }
  strs(ss: readonly string[]): void {
    this.u(ss.length);
    for (const s of ss) this.str(s);
  }
  /**
   * A reference to a component: its index `t` when the compiler's resolution found it (its Map lookup compared the
   * text already, and comparing it again costs more than the rest of the reference); else the string. A reference
   * that names no component resolves to 0, so 0 is compared.
   */
  ref(s: string, t: number | undefined): void {
    if (t !== undefined && t > 0 && t < this.ids.length) this.u(t);
    else if (t === 0 && this.ids[0] === s) this.u(0);
    else this.str(s);
  }
  /** Any number: a 31-bit integer in the varint (low bit 0), anything else as a float64 (tag 1). */
  num(v: number): void {
    if ((v | 0) === v && v >= -0x40000000 && v < 0x40000000 && (v !== 0 || 1 / v > 0)) this.u(zigzag(v) * 2);
    else {
      this.u(1);
      this.room(8);
      if (this.view.buffer !== this.buf.buffer) this.view.dv = new DataView((this.view.buffer = this.buf.buffer));
      this.view.dv.setFloat64(this.n, v, true);
      this.n += 8;
    }
  }
  /** The last range's file, line and column: ranges are written as differences from it. */
  private lastFile: string | undefined;
  private lastLine = 0;
  private lastCol = 0;
  /**
   * First the line's difference from the last range's (zigzag), times two plus "it spans lines", times two plus "the file
   * changed" ([the file]); then the column (its difference from the last one on the same line); then, for a range on one
   * line, its end column's difference from the column, else the line span and the end column. A range on the line of the
   * one before, a few columns on, takes three bytes.
   */
  range(r: SourceRange): void {
    const { file, line, col, endLine, endCol } = r;
    if (!isInt32(line) || !isInt32(col) || !isInt32(endLine) || !isInt32(endCol) || typeof file !== 'string') throw new NotEncodable();
    const dl = (line - this.lastLine) | 0;
    const span = (endLine - line) | 0;
    const changed = file !== this.lastFile;
    this.u(zigzag(dl) * 4 + (span !== 0 ? 2 : 0) + (changed ? 1 : 0));
    if (changed) {
      this.str(file);
      this.lastFile = file;
    }
    this.u(zigzag(dl === 0 ? (col - this.lastCol) | 0 : col));
    if (span === 0) this.u(zigzag((endCol - col) | 0));
    else {
      this.u(zigzag(span));
      this.u(zigzag(endCol));
    }
    this.lastLine = line;
    this.lastCol = col;
  }
  ranges(rs: readonly SourceRange[]): void {
    this.u(rs.length);
    for (const r of rs) this.range(r);
  }
}

class Reader {
  p: number;
  private readonly dv: DataView;
  private lastFile = '';
  private lastLine = 0;
  private lastCol = 0;

  constructor(
    /** The stream (ends where the stream section ends: reading past it reads undefined). */
    readonly buf: Uint8Array,
    readonly strings: readonly string[],
    /** Component ids come first in `strings`. */
    readonly ids: number,
  ) {
    this.p = 0;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** An unsigned integer below 2³⁵; throws past the end or on a sixth byte. */
  u(): number {
    const buf = this.buf;
    let p = this.p;
    let b = buf[p++]!;
    if (b < 0x80) {
      this.p = p;
      return b;
    }
    let v = b & 0x7f;
    b = buf[p++]!;
    v |= (b & 0x7f) << 7;
    if (b < 0x80) {
      this.p = p;
      return v;
    }
    b = buf[p++]!;
    v |= (b & 0x7f) << 14;
    if (b < 0x80) {
      this.p = p;
      return v;
    }
    b = buf[p++]!;
    v |= (b & 0x7f) << 21;
    if (b < 0x80) {
      this.p = p;
      return v;
    }
    b = buf[p++]!;
    if (!(b < 0x80)) throw new Corrupt('bad integer');
    this.p = p;
    return v + b * 0x10000000;
  }
  /** A 32-bit integer. */
  s(): number {
    const z = this.u();
    if (z > 0xffffffff) throw new Corrupt('bad integer');
    return (z >>> 1) ^ -(z & 1);
  }
  /** A count or length: no more than the bytes left (each item takes one at least). */
  count(): number {
    const n = this.u();
    if (n > this.buf.length - this.p) throw new Corrupt('bad count');
    return n;
  }
  bool(): boolean {
    const v = this.u();
    if (v > 1) throw new Corrupt('bad boolean');
    return v === 1;
  }
  str(): string {
    const s = this.strings[this.u()];
    if (s === undefined) throw new Corrupt('bad string');
    return s;
  }
  strs(): string[] {
    const n = this.count();
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.str();
    return out;
  }
  num(): number {
    const x = this.u();
    if (x % 2 === 0) {
      const z = x / 2;
      return (z >>> 1) ^ -(z & 1);
    }
    if (x !== 1 || this.p + 8 > this.buf.length) throw new Corrupt('bad number');
    const v = this.dv.getFloat64(this.p, true);
    this.p += 8;
    return v;
  }
  range(): SourceRange {
    const first = this.u();
    if (first > 0x3ffffffff) throw new Corrupt('bad range');
    if (first % 2 === 1) this.lastFile = this.str();
    const multi = Math.floor(first / 2) % 2 === 1;
    const z = Math.floor(first / 4);
    const dl = (z >>> 1) ^ -(z & 1);
    const line = (this.lastLine + dl) | 0;
    const c = this.s();
    const col = dl === 0 ? (this.lastCol + c) | 0 : c;
    this.lastLine = line;
    this.lastCol = col;
    if (!multi) return { file: this.lastFile, line, col, endLine: line, endCol: (col + this.s()) | 0 };
    const span = this.s();
    if (span === 0) throw new Corrupt('bad range');
    return { file: this.lastFile, line, col, endLine: (line + span) | 0, endCol: this.s() };
  }
  ranges(): SourceRange[] {
    const n = this.count();
    const out: SourceRange[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.range();
    return out;
  }
}

/**
 * The bytes of a snapshot; undefined when it cannot be kept exactly (text
 * UTF-8 cannot carry, a shape this format does not know).
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array | undefined {
  try {
    return encode(snapshot);
  } catch (error) {
    if (error instanceof NotEncodable) return undefined;
    throw error;
  }
}

function encode(snapshot: Snapshot): Uint8Array | undefined {
  const { model, graph } = snapshot;
  if (graph !== undefined && (graph.model !== model || graph.view !== 'runtime')) return undefined;
  // The resolution `compile` made (and keeps) of every reference: written as indices, checked against the id.
  const { comps, targets } = resolved(model);
  const ids: string[] = new Array(comps.length);
  let i = 0;
  for (const [id, c] of model.components) {
    if (id !== c.id || comps[i] !== c) return undefined;
    ids[i++] = id;
  }
  // Most of an entry is one to three bytes a position, a dependency, a node and an edge.
  const estimate = 64 * ids.length + (graph ? 6 * graph.size + 8 * graph.inputs.length : 0) + 4096;
  const w = new Writer(estimate, ids);
  w.str(model.name);
  w.strs(model.files);
  w.u(ids.length);
  const at = { i: 0 };
  for (const c of comps) writeComponent(w, c, targets, at);
  w.u(snapshot.warnings.length);
  for (const d of snapshot.warnings) writeRecord(w, d as unknown as Record<string, unknown>);
  w.u(snapshot.locations.length);
  for (const l of snapshot.locations) writeRecord(w, l as unknown as Record<string, unknown>);
  w.strs(snapshot.extra);
  if (graph !== undefined) {
    w.u(1);
    writeGraph(w, graph);
  } else w.u(0);
  const streamEnd = w.n;

  // The string table: UTF-16 lengths, then the UTF-8 text, written straight into the buffer.
  const strings = w.strings;
  for (const s of strings) w.u(s.length);
  const lengthsEnd = w.n;
  const joined = strings.join('');
  if (LONE_SURROGATE.test(joined)) return undefined;
  w.room(joined.length * 3 + 8);
  const { read, written } = new codecs.TextEncoder().encodeInto(joined, w.buf.subarray(lengthsEnd));
  if (read !== joined.length) return undefined;
  const total = align4(lengthsEnd + written);
  const bytes = w.buf.subarray(0, total);
  bytes.fill(0, lengthsEnd + written, total);
  const header = new Uint32Array(bytes.buffer, 0, HEADER_BYTES / 4);
  header[0] = MAGIC;
  header[1] = SNAPSHOT_FORMAT;
  header[2] = total;
  header[3] = streamEnd - HEADER_BYTES;
  header[4] = lengthsEnd - streamEnd;
  header[5] = written;
  header[6] = joined.length;
  header[7] = strings.length;
  const [a, b] = checksum(bytes);
  header[8] = a;
  header[9] = b;
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
  if (input.length < HEADER_BYTES || input.length % 4 !== 0) return undefined;
  // The header and the checksum read 32-bit words; a pooled Buffer may start anywhere.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const header = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_BYTES / 4);
  if (header[0] !== MAGIC || header[1] !== SNAPSHOT_FORMAT || header[2] !== bytes.length) return undefined;
  const [a, b] = checksum(bytes);
  if (header[8] !== a || header[9] !== b) return undefined;
  const streamBytes = header[3]!;
  const lengthBytes = header[4]!;
  const textBytes = header[5]!;
  const textLength = header[6]!;
  const stringCount = header[7]!;
  const lengthsAt = HEADER_BYTES + streamBytes;
  const textAt = lengthsAt + lengthBytes;
  if (align4(textAt + textBytes) !== bytes.length || stringCount > lengthBytes) return undefined;
  const joined = new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(textAt, textAt + textBytes));
  if (joined.length !== textLength) return undefined;
  const lengths = new Reader(bytes.subarray(lengthsAt, textAt), [], 0);
  const strings: string[] = new Array(stringCount);
  let from = 0;
  for (let i = 0; i < stringCount; i++) {
    const to = from + lengths.u();
    if (to > joined.length) return undefined;
    strings[i] = joined.slice(from, to);
    from = to;
  }
  if (from !== joined.length || lengths.p !== lengthBytes) return undefined;

  const r = new Reader(bytes.subarray(HEADER_BYTES, lengthsAt), strings, 0);
  const name = r.str();
  const files = r.strs();
  const size = r.count();
  if (size > stringCount) return undefined;
  const components = new Map<string, Component>();
  const refs = new Refs(size);
  for (let i = 0; i < size; i++) {
    const c = readComponent(r, strings[i]!, refs);
    if (components.has(c.id)) return undefined;
    components.set(c.id, c);
  }
  const model: Model = { name, files, components };
  const warnings: Diagnostic[] = new Array(r.count());
  for (let i = 0; i < warnings.length; i++) warnings[i] = readRecord(r) as unknown as Diagnostic;
  const locations: LocationTarget[] = new Array(r.count());
  for (let i = 0; i < locations.length; i++) locations[i] = readRecord(r) as unknown as LocationTarget;
  const extra = r.strs();
  let graph: CompiledGraph | undefined;
  if (r.bool()) {
    // Every reference was a component's index: the compiler's resolution, with no id looked up.
    if (refs.all) {
      const index = new Map<string, number>();
      for (let i = 0; i < size; i++) index.set(strings[i]!, i);
      rememberResolved(model, index, refs.targets.subarray(0, refs.n));
    }
    graph = readGraph(r, model);
  }
  if (r.p !== r.buf.length) return undefined;
  return { model, warnings, locations, ...(graph ? { graph } : {}), extra };
}

function align4(n: number): number {
  return (n + 3) & ~3;
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

/** The references read, in the compiler's order (placements' domains, then each dependency's target or members). */
class Refs {
  targets = new Int32Array(1024);
  n = 0;
  /** Every reference so far was a component's index. */
  all = true;
  constructor(readonly components: number) {}
  /** The string at index `i` of the table, noting the reference. */
  read(r: Reader): string {
    const i = r.u();
    const s = r.strings[i];
    if (s === undefined) throw new Corrupt('bad string');
    if (i >= this.components) this.all = false;
    else {
      if (this.n === this.targets.length) {
        const bigger = new Int32Array(this.n * 2);
        bigger.set(this.targets);
        this.targets = bigger;
      }
      this.targets[this.n++] = i;
    }
    return s;
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
const MONITORS = 2048;
const TAGS = 4096;

function writeComponent(w: Writer, c: Component, targets: Int32Array, at: { i: number }): void {
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
    (c.suppressions !== undefined ? SUPPRESSIONS : 0) |
    (c.monitors.length > 0 || c.monitorsAt.length > 0 ? MONITORS : 0) |
    (c.tags.size > 0 ? TAGS : 0);
  w.u(flags);
  w.str(c.kind);
  w.u(c.placements.length);
  for (const p of c.placements) {
    w.ref(p.domain, targets[at.i++]);
    w.num(p.replicas);
    w.range(p.at);
  }
  w.num(c.minHealthy);
  if (c.scope !== undefined) w.str(c.scope);
  if (c.plane !== undefined) w.str(c.plane);
  w.num(c.weight);
  if (c.availability !== undefined) w.num(c.availability);
  w.u(c.dependsOn.length);
  for (const d of c.dependsOn) writeDependency(w, d, targets, at);
  if (flags & MONITORS) {
    w.u(c.monitors.length);
    for (const m of c.monitors) w.str(m);
    w.ranges(c.monitorsAt);
  }
  if (c.owner !== undefined) w.str(c.owner);
  if (flags & TAGS) {
    w.u(c.tags.size);
    for (const [k, v] of c.tags) {
      w.str(k);
      w.str(v);
    }
  }
  if (c.description !== undefined) w.str(c.description);
  if (c.aliases !== undefined) w.strs(c.aliases);
  if (c.refs !== undefined) {
    w.u(c.refs.length);
    for (const ref of c.refs) {
      w.str(ref.input);
      w.str(ref.kind);
      w.str(ref.namespace);
      w.str(ref.name);
    }
  }
  w.range(c.at);
  if (c.suppressions !== undefined) {
    w.u(c.suppressions.length);
    for (const s of c.suppressions) {
      w.str(s.rule);
      w.str(s.reason);
      w.range(s.at);
    }
  }
}

const NO_STRINGS: readonly string[] = [];

/** Builds the component with its keys in the order the loader gives them (resolve.ts), so output that walks keys is the same. */
function readComponent(r: Reader, id: string, refs: Refs): Component {
  const flags = r.u();
  if (flags >= TAGS * 2) throw new Corrupt('bad flags');
  const kind = r.str();
  const placementCount = r.count();
  const placements: Placement[] = new Array(placementCount);
  for (let i = 0; i < placementCount; i++) placements[i] = { domain: refs.read(r), replicas: r.num(), at: r.range() };
  const isDomain = (flags & DOMAIN) !== 0;
  const isJourney = (flags & JOURNEY) !== 0;
  const critical = (flags & CRITICAL) !== 0;
  if ((flags & ~(DOMAIN | JOURNEY | CRITICAL)) === 0) {
    // No optional field: one literal, in the loader's key order.
    const minHealthy = r.num();
    const weight = r.num();
    const dependsOn = readDependencies(r, refs);
    const tags = new Map<string, string>();
    return { id, kind, isDomain, isJourney, placements, minHealthy, critical, weight, dependsOn, monitors: [], monitorsAt: [], tags, at: r.range() };
  }
  const c: Record<string, unknown> = { id, kind, isDomain, isJourney, placements, minHealthy: r.num() };
  if (flags & SCOPE) c['scope'] = r.str();
  if (flags & PLANE) c['plane'] = r.str();
  c['critical'] = critical;
  c['weight'] = r.num();
  if (flags & AVAILABILITY) c['availability'] = r.num();
  c['dependsOn'] = readDependencies(r, refs);
  if (flags & MONITORS) {
    c['monitors'] = r.strs();
    c['monitorsAt'] = r.ranges();
  } else {
    c['monitors'] = NO_STRINGS.slice();
    c['monitorsAt'] = [];
  }
  if (flags & OWNER) c['owner'] = r.str();
  c['tags'] = flags & TAGS ? readTags(r) : new Map<string, string>();
  if (flags & DESCRIPTION) c['description'] = r.str();
  if (flags & ALIASES) c['aliases'] = r.strs();
  if (flags & REFS) {
    const list: ComponentRef[] = new Array(r.count());
    for (let i = 0; i < list.length; i++) list[i] = { input: r.str() as ComponentRef['input'], kind: r.str(), namespace: r.str(), name: r.str() };
    c['refs'] = list;
  }
  c['at'] = r.range();
  if (flags & SUPPRESSIONS) {
    const suppressions: Suppression[] = new Array(r.count());
    for (let i = 0; i < suppressions.length; i++) suppressions[i] = { rule: r.str(), reason: r.str(), at: r.range() };
    c['suppressions'] = suppressions;
  }
  return c as unknown as Component;
}

function readDependencies(r: Reader, refs: Refs): Dependency[] {
  const n = r.count();
  const out: Dependency[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = readDependency(r, refs);
  return out;
}

function readTags(r: Reader): Map<string, string> {
  const n = r.count();
  const tags = new Map<string, string>();
  for (let i = 0; i < n; i++) tags.set(r.str(), r.str());
  return tags;
}

/** One integer first: the type (bit 0), which optional attributes are present (bits 1–7), the mode's code (bits 8–9), the via's (bits 10–12). */
function writeDependency(w: Writer, d: Dependency, targets: Int32Array, at: { i: number }): void {
  // Named reads, not a loop over the keys: this runs for every dependency.
  const present =
    (d.rollout !== undefined ? 1 : 0) |
    (d.timeoutMs !== undefined ? 2 : 0) |
    (d.retries !== undefined ? 4 : 0) |
    (d.circuitBreaker !== undefined ? 8 : 0) |
    (d.bulkhead !== undefined ? 16 : 0) |
    (d.fallback !== undefined ? 32 : 0) |
    (d.phase !== undefined ? 64 : 0);
  const modeCode = d.mode === 'hard' ? 0 : d.mode === 'soft' ? 1 : d.mode === 'async' ? 2 : MODE_OTHER;
  const via = d.via;
  const viaCode = via === 'call' ? 0 : via === 'config' ? 1 : via === 'dns' ? 2 : via === 'auth' ? 3 : via === 'data' ? 4 : VIA_OTHER;
  w.u((d.type === 'edge' ? 0 : 1) | (present << 1) | (modeCode << 8) | (viaCode << 10));
  if (d.type === 'edge') w.ref(d.target, targets[at.i++]);
  else {
    w.u(d.anyOf.length);
    for (const m of d.anyOf) w.ref(m, targets[at.i++]);
    w.num(d.need);
  }
  if (modeCode === MODE_OTHER) w.str(d.mode);
  if (viaCode === VIA_OTHER) w.str(d.via);
  if (d.rollout !== undefined) w.str(d.rollout);
  if (d.timeoutMs !== undefined) w.num(d.timeoutMs);
  if (d.retries !== undefined) w.num(d.retries);
  if (d.circuitBreaker !== undefined) w.bool(d.circuitBreaker);
  if (d.bulkhead !== undefined) w.bool(d.bulkhead);
  if (d.fallback !== undefined) w.bool(d.fallback);
  if (d.phase !== undefined) w.str(d.phase);
  if (d.type === 'group') w.ranges(d.memberAt);
  w.range(d.at);
}

function readDependency(r: Reader, refs: Refs): Dependency {
  const h = r.u();
  if (h >= 1 << 13) throw new Corrupt('bad dependency');
  const type = h & 1;
  const present = (h >> 1) & 127;
  const modeCode = (h >> 8) & 3;
  const viaCode = h >> 10;
  if (viaCode > VIAS.length - 1 && viaCode !== VIA_OTHER) throw new Corrupt('bad dependency');
  let target: string | undefined;
  let anyOf: string[] | undefined;
  let need = 0;
  if (type === 0) target = refs.read(r);
  else {
    const n = r.count();
    anyOf = new Array(n);
    for (let i = 0; i < n; i++) anyOf[i] = refs.read(r);
    need = r.num();
  }
  const mode = (modeCode === MODE_OTHER ? r.str() : MODES[modeCode]!) as Dependency['mode'];
  const via = (viaCode === VIA_OTHER ? r.str() : VIAS[viaCode]!) as Dependency['via'];
  // Most entries have no optional attribute: one literal each, every key in the object itself (no property store to allocate).
  if (present === 0) {
    if (type === 0) return { type: 'edge', target: target!, mode, via, at: r.range() };
    return { type: 'group', anyOf: anyOf!, need, mode, via, memberAt: r.ranges(), at: r.range() };
  }
  const d: Record<string, unknown> = { type: type === 0 ? 'edge' : 'group' };
  if (type === 0) d['target'] = target;
  else {
    d['anyOf'] = anyOf;
    d['need'] = need;
  }
  const attributes = d as Record<keyof EdgeAttributes, unknown>;
  attributes.mode = mode;
  attributes.via = via;
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
function writeRecord(w: Writer, record: Record<string, unknown>): void {
  const keys = Object.keys(record).filter((k) => record[k] !== undefined);
  w.u(keys.length);
  for (const k of keys) {
    const v = record[k];
    w.str(k);
    if (typeof v === 'string') {
      w.u(STRING);
      w.str(v);
    } else if (Array.isArray(v)) {
      if (!v.every(isRange)) throw new NotEncodable();
      w.u(RANGES);
      w.ranges(v);
    } else if (isRange(v)) {
      w.u(RANGE);
      w.range(v);
    } else throw new NotEncodable();
  }
}

function readRecord(r: Reader): Record<string, unknown> {
  const n = r.count();
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = r.str();
    if (k === '__proto__') throw new Corrupt('bad key');
    const tag = r.u();
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

/**
 * The arrays compile() builds that nothing else follows from; the rest is
 * rebuilt (compiledFrom). Component nodes (0 … C − 1) are the same in every
 * graph (type component, their own owner, no detail, thresholds 1, rank
 * their number), so only the other nodes are written; offsets as the counts
 * between them; each edge's input and each dependent as the difference from
 * the one before; an edge's weight, hardness and dependsOn entry in two
 * small numbers.
 */
function writeGraph(w: Writer, g: CompiledGraph): void {
  const {
    size,
    components: C,
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
  } = g;
  const E = inputs.length;
  if (C >= 2 ** 29 || inputOffset[0] !== 0 || replicaOffset[0] !== 0) throw new NotEncodable();
  for (let v = 0; v < C; v++) {
    if (type[v] !== 0 || owner[v] !== v || detail[v] !== -1 || downThreshold[v] !== 1 || notUpThreshold[v] !== 1 || modelRank[v] !== v) throw new NotEncodable();
  }
  let same = 1;
  for (let v = C; v < size; v++) if (notUpThreshold[v] !== downThreshold[v]) same = 0;
  w.u(size);
  w.u(C);
  w.u(E);
  w.u(replicaNodes.length);
  w.u((g.order === 'locality' ? 1 : 0) | (same << 1));
  // The loops write straight into the buffer, making room a chunk at a time (at most five bytes a number).
  const CHUNK = 4096;
  let rank = C - 1;
  for (let from = C; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    w.room(25 * (to - from));
    const buf = w.buf;
    let n = w.n;
    for (let v = from; v < to; v++) {
      const o = owner[v]!;
      const t = type[v]!;
      if (o < 0 || o >= C || t > 3) throw new NotEncodable();
      n = put(buf, n, o * 4 + t);
      n = put(buf, n, zigzag(detail[v]!));
      n = put(buf, n, zigzag(downThreshold[v]!));
      if (!same) n = put(buf, n, zigzag(notUpThreshold[v]!));
      n = put(buf, n, zigzag((modelRank[v]! - rank) | 0));
      rank = modelRank[v]!;
    }
    w.n = n;
  }
  for (let from = 0; from < size; from += CHUNK) {
    const to = Math.min(size, from + CHUNK);
    w.room(5 * (to - from));
    const buf = w.buf;
    let n = w.n;
    for (let v = from; v < to; v++) n = put(buf, n, zigzag((inputOffset[v + 1]! - inputOffset[v]!) | 0));
    w.n = n;
  }
  // Each edge: its input's difference from the last edge's; its dependsOn entry (zigzag) times four, plus two when hard,
  // plus one when its weight is not 1 (then the weight follows). Most edges take two to four bytes.
  let last = 0;
  for (let from = 0; from < E; from += CHUNK) {
    const to = Math.min(E, from + CHUNK);
    w.room(15 * (to - from));
    const buf = w.buf;
    let n = w.n;
    for (let e = from; e < to; e++) {
      const x = inputs[e]!;
      n = put(buf, n, zigzag((x - last) | 0));
      last = x;
      const entry = zigzag(inputEntry[e]!);
      const hard = inputHard[e]!;
      const weight = inputWeight[e]!;
      if (entry >= 2 ** 30 || hard > 1) throw new NotEncodable();
      n = put(buf, n, entry * 4 + hard * 2 + (weight === 1 ? 0 : 1));
      if (weight !== 1) n = put(buf, n, zigzag(weight));
    }
    w.n = n;
  }
  // Dependents: runs of one target's edges in creation order, each as its difference from the one before.
  last = 0;
  for (let from = 0; from < E; from += CHUNK) {
    const to = Math.min(E, from + CHUNK);
    w.room(5 * (to - from));
    const buf = w.buf;
    let n = w.n;
    for (let e = from; e < to; e++) {
      const x = dependentEdges[e]!;
      n = put(buf, n, zigzag((x - last) | 0));
      last = x;
    }
    w.n = n;
  }
  for (let c = 0; c < C; c++) w.s(replicaOffset[c + 1]! - replicaOffset[c]!);
  last = 0;
  for (let i = 0; i < replicaNodes.length; i++) {
    const x = replicaNodes[i]!;
    w.s((x - last) | 0);
    last = x;
  }
}

/** Writes `v` (an unsigned 32-bit integer) at `n`, 7 bits a byte; the caller made room for five bytes. Returns the next offset. */
function put(buf: Uint8Array, n: number, v: number): number {
  while (v > 0x7f) {
    buf[n++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[n++] = v;
  return n;
}

function readGraph(r: Reader, model: Model): CompiledGraph {
  const size = r.u();
  const C = r.u();
  const E = r.u();
  const R = r.u();
  const flags = r.u();
  // Every node and edge takes a byte at least.
  if (size < C || size - C > r.buf.length || E > r.buf.length || R > r.buf.length || flags > 3) throw new Corrupt('bad graph');
  const same = (flags & 2) !== 0;
  const type = new Uint8Array(size);
  const owner = new Int32Array(size);
  const detail = new Int32Array(size);
  const downThreshold = new Int32Array(size);
  const notUpThreshold = new Int32Array(size);
  const modelRank = new Int32Array(size);
  for (let v = 0; v < C; v++) {
    owner[v] = v;
    detail[v] = -1;
    downThreshold[v] = 1;
    notUpThreshold[v] = 1;
    modelRank[v] = v;
  }
  let rank = C - 1;
  for (let v = C; v < size; v++) {
    const x = r.u();
    type[v] = x % 4;
    owner[v] = Math.floor(x / 4);
    detail[v] = r.s();
    const down = r.s();
    downThreshold[v] = down;
    notUpThreshold[v] = same ? down : r.s();
    modelRank[v] = rank = (rank + r.s()) | 0;
  }
  const inputOffset = new Int32Array(size + 1);
  for (let v = 0; v < size; v++) inputOffset[v + 1] = (inputOffset[v]! + r.s()) | 0;
  const inputs = new Int32Array(E);
  const inputWeight = new Int32Array(E);
  const inputHard = new Uint8Array(E);
  const inputEntry = new Int32Array(E);
  let last = 0;
  for (let e = 0; e < E; e++) {
    last = (last + r.s()) | 0;
    inputs[e] = last;
    const x = r.u();
    if (x >= 2 ** 32) throw new Corrupt('bad edge');
    const z = x >>> 2;
    inputEntry[e] = (z >>> 1) ^ -(z & 1);
    inputHard[e] = (x >> 1) & 1;
    inputWeight[e] = x & 1 ? r.s() : 1;
  }
  const dependentEdges = new Int32Array(E);
  last = 0;
  for (let e = 0; e < E; e++) dependentEdges[e] = last = (last + r.s()) | 0;
  const replicaOffset = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) replicaOffset[c + 1] = (replicaOffset[c]! + r.s()) | 0;
  const replicaNodes = new Int32Array(R);
  last = 0;
  for (let i = 0; i < R; i++) replicaNodes[i] = last = (last + r.s()) | 0;
  const graph = compiledFrom(model, {
    size,
    components: C,
    order: flags & 1 ? 'locality' : 'model',
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
