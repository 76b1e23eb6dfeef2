/**
 * The cache of results
 * ====================
 *
 * On top of the cache of loads (cache.ts): a run that loaded its model from
 * unchanged files and asks the same question again (the same command, with
 * the options that change its answer) gets the answer back instead of
 * computing it: `spof`'s ranking, `availability`'s answers, `lint`'s
 * findings before the baseline. Everything after the analysis still runs
 * each time (the baseline, the formatters, the writing), so a cached run
 * prints what the formatters print from the same result, byte for byte.
 *
 * An entry's key is the text of everything the answer depends on:
 *
 * - the load's identity (`loadIdentity`: the load key, which holds the
 *   faultline version, the build, the working directory, the loader's
 *   options and the SHA-256 of every input file, and every answer the
 *   Location walk got), so only a load the cache could stand for has
 *   results kept;
 * - the format of this file and of its payload, and the V8 version (the
 *   payload is V8's structured serialisation);
 * - the question: the command and every option that changes its answer, as
 *   the command gives them (`what`), with the SHA-256 of any other file the
 *   answer depends on.
 *
 * The entry is named after the SHA-256 of the key and holds the key itself,
 * compared in full; a magic number, the format, lengths and a SHA-256 of
 * the payload let a truncated, corrupt or foreign entry be a miss, and the
 * command's decoder checks the payload's shape. Entries are written and
 * evicted as loads are (atomic rename, the same directory and bounds,
 * least recently used first); a cache that cannot be read or written is no
 * cache, and nothing is printed about it.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { join } from 'node:path';
import type { Diagnostic, ManifestSource } from '@faultline/core';
import { build, evict, keyOf as loadKey, loadIdentity, replay, RESULT_SUFFIX, sha256, type CacheFiles, type CacheRequest } from './cache.js';
import type { FollowedLoad, LocationFiles } from './locations.js';
import { VERSION } from './version.js';

/** The layout of a result entry; another value is another key. */
export const RESULT_FORMAT = 1;

/** `FLTRSLT` and a version byte: the first eight bytes of every entry. */
const MAGIC = Uint8Array.from([0x46, 0x4c, 0x54, 0x52, 0x53, 0x4c, 0x54, RESULT_FORMAT]);
/** Magic, the lengths of key, load context and payload, the SHA-256 of all three. */
const HEADER = MAGIC.length + 12 + 32;

/** How one command's result becomes bytes and back; `decode` returns undefined for anything it does not recognise. */
export interface ResultCodec<T> {
  encode(value: T): Uint8Array | undefined;
  decode(bytes: Uint8Array): T | undefined;
}

/**
 * A codec through V8's structured serialisation (what `structuredClone`
 * copies: plain objects with their key order, arrays, Maps, typed arrays,
 * −0, NaN and Infinity as they are), with `check` on the way back.
 */
export function serialized<T>(check: (value: unknown) => value is T): ResultCodec<T> {
  return {
    encode: (value) => serialize(value),
    decode(bytes) {
      const value: unknown = deserialize(bytes);
      return check(value) ? value : undefined;
    },
  };
}

/** What an entry holds beside the answer: what the load it answers about read and printed. */
interface LoadContext {
  /** The Location walk's questions and answers, and the files it added (`LoadIdentity`). */
  readonly probes: string;
  readonly added: string;
  /** The warnings the load printed. */
  readonly warnings: readonly Diagnostic[];
}

function isContext(value: unknown): value is LoadContext {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c['probes'] === 'string' && typeof c['added'] === 'string' && Array.isArray(c['warnings']);
}

/** The key of the answer to `what` about the load whose key is `loadKey`. */
function keyOf(loadKey: string, what: string, files: CacheFiles): string {
  return `faultline ${VERSION} result ${RESULT_FORMAT} v8 ${process.versions.v8} build ${build(files)}\n${what}\n${loadKey}`;
}

function pathOf(directory: string, key: string): string {
  return join(directory, `${sha256(key)}${RESULT_SUFFIX}`);
}

/**
 * The answer to `what` about the load `loaded` (which `cachedLoad`
 * returned): from the cache when an entry has the same key, was computed
 * from the same Location files, and decodes; else `compute()`, whose answer
 * is then kept. Without a load identity (no cache, `--no-cache`, a load the
 * cache could not stand for) it is `compute()`.
 */
export function cachedResult<T>(loaded: FollowedLoad, what: string, compute: () => T, codec: ResultCodec<T>, files: CacheFiles): T {
  const load = loadIdentity(loaded);
  if (load === undefined) return compute();
  let key: string;
  let path: string;
  try {
    key = keyOf(load.key, what, files);
    path = pathOf(load.directory, key);
  } catch {
    return compute();
  }
  const hit = read(path, key, codec, files);
  if (hit !== undefined && hit.context.probes === load.probes && hit.context.added === load.added) return hit.value;
  const value = compute();
  try {
    const payload = codec.encode(value);
    if (payload === undefined) return value;
    const context: LoadContext = { probes: load.probes, added: load.added, warnings: loaded.warnings };
    files.makeDirectory(load.directory);
    files.writeBytesAtomically(path, entry(key, serialize(context), payload));
    evict(load.directory, path, load.maxBytes, files);
  } catch {
    // A cache that cannot be written is no cache: the run goes on.
  }
  return value;
}

/** An answer found before loading: the value, the sources the load would have read, and the warnings it would have printed. */
export interface EarlyAnswer<T> {
  readonly value: T;
  readonly sources: readonly ManifestSource[];
  readonly warnings: readonly Diagnostic[];
}

/**
 * The answer to `what` about loading `request`, without loading: from an
 * entry `cachedResult` wrote for the same load key when the Location walk
 * it recorded gets the same answers again; else undefined (then load, and
 * ask `cachedResult`). A command whose answer is all it prints needs no
 * model at all on a hit.
 */
export function answerBeforeLoad<T>(request: CacheRequest, what: string, codec: ResultCodec<T>, locationFiles: LocationFiles, files: CacheFiles): EarlyAnswer<T> | undefined {
  try {
    const key = keyOf(loadKey(request, files), what, files);
    const hit = read(pathOf(request.directory, key), key, codec, files);
    if (hit === undefined) return undefined;
    const sources = replay(hit.context.probes, hit.context.added, request.sources, locationFiles);
    return sources && { value: hit.value, sources, warnings: hit.context.warnings };
  } catch {
    return undefined;
  }
}

/** The bytes of an entry: magic, the three lengths, the SHA-256 of what follows, then the key, the load context and the payload. */
export function entry(key: string, context: Uint8Array, payload: Uint8Array): Uint8Array {
  const keyBytes = new TextEncoder().encode(key);
  const body = keyBytes.length + context.length + payload.length;
  const out = new Uint8Array(HEADER + body);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(MAGIC.length, keyBytes.length, true);
  view.setUint32(MAGIC.length + 4, context.length, true);
  view.setUint32(MAGIC.length + 8, payload.length, true);
  out.set(keyBytes, HEADER);
  out.set(context, HEADER + keyBytes.length);
  out.set(payload, HEADER + keyBytes.length + context.length);
  out.set(digest(out.subarray(HEADER)), MAGIC.length + 12);
  return out;
}

function digest(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** The entry at `path` when it is whole, has `key` and decodes; else undefined. */
function read<T>(path: string, key: string, codec: ResultCodec<T>, files: CacheFiles): { value: T; context: LoadContext } | undefined {
  try {
    const bytes = files.readBytes(path);
    if (bytes.length < HEADER) return undefined;
    for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const keyLength = view.getUint32(MAGIC.length, true);
    const contextLength = view.getUint32(MAGIC.length + 4, true);
    const payloadLength = view.getUint32(MAGIC.length + 8, true);
    if (bytes.length !== HEADER + keyLength + contextLength + payloadLength) return undefined;
    if (new TextDecoder().decode(bytes.subarray(HEADER, HEADER + keyLength)) !== key) return undefined;
    const expected = bytes.subarray(MAGIC.length + 12, HEADER);
    const actual = digest(bytes.subarray(HEADER));
    for (let i = 0; i < 32; i++) if (expected[i] !== actual[i]) return undefined;
    const context: unknown = deserialize(bytes.subarray(HEADER + keyLength, HEADER + keyLength + contextLength));
    if (!isContext(context)) return undefined;
    const value = codec.decode(bytes.subarray(HEADER + keyLength + contextLength));
    if (value === undefined) return undefined;
    try {
      files.touch(path);
    } catch {}
    return { value, context };
  } catch {
    return undefined;
  }
}
