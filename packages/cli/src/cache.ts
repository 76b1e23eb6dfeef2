/**
 * The cache of loads
 * ==================
 *
 * A run on files that did not change gets back, without parsing them, what
 * the last run loaded from them: the model, the warnings it printed, the
 * Backstage Location targets, and the compiled runtime graph
 * (docs/cache.md). One entry per input: its name is the SHA-256 of the key,
 * which holds
 *
 * - the faultline version, the snapshot format and the build (the size and
 *   time of the running bundle), so another faultline never reads an entry;
 * - the working directory, whether Locations are followed, the loader's
 *   options (the config's `backstage.types` and Terraform rows);
 * - every file given: its path as shown, whether it was found in a
 *   directory, and the SHA-256 of its text (content, never a time).
 *
 * Files a Backstage Location names are read while loading, so they cannot be
 * in the key: the entry records every question the Location walk asked of
 * the file system (what a path is, what a glob or a directory holds, the
 * SHA-256 of each file read) and a run uses the entry only when every
 * answer is the same again. Anything else (a missing, corrupt, truncated
 * or foreign entry, a disk that refuses a write) is a miss: the run loads
 * as if there were no cache and prints exactly what it would have printed.
 *
 * Entries are written to a temporary file and renamed over the old one, so
 * concurrent runs never read half a file; the directory is kept under
 * `FAULTLINE_CACHE_MB` (512 MB) and `MAX_ENTRIES` entries, least recently
 * used first. This module touches files only through the `CacheFiles` that
 * io.ts hands it.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, decodeSnapshot, encodeSnapshot, rememberCompiled, SNAPSHOT_FORMAT, type LoadOptions, type ManifestSource } from '@faultline/core';
import type { FollowedLoad, LocationFiles } from './locations.js';
import { VERSION } from './version.js';

/** The file primitives the cache needs; io.ts passes its own. Each throws the file system's error. */
export interface CacheFiles {
  readBytes(path: string): Uint8Array;
  /** Writes beside `path` and renames over it: readers see the old file or the new one, whole. */
  writeBytesAtomically(path: string, bytes: Uint8Array): void;
  makeDirectory(path: string): void;
  /** The regular files of a directory, with their size and modification time (ms). */
  list(dir: string): { name: string; bytes: number; modified: number }[];
  remove(path: string): void;
  /** Sets the modification time to now (an entry used is kept longest). */
  touch(path: string): void;
  /** Size and modification time of a file, or undefined when there is none. */
  identity(path: string): string | undefined;
  isDirectory(path: string): boolean;
}

/** The name ending of cache entries. */
export const ENTRY_SUFFIX = '.faultline-load';
/** The name ending of entries of analysis results (result-cache.ts), kept in the same directory under the same bounds. */
export const RESULT_SUFFIX = '.faultline-result';
/** At most this many entries (loads and results together) are kept. */
export const MAX_ENTRIES = 128;
/** The default bound of the directory's size, in MB (`FAULTLINE_CACHE_MB`). */
export const DEFAULT_CACHE_MB = 512;
/** A temporary file older than this was left by a run that died; it is removed. */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/** True when an environment variable is set to anything but empty, `0` or `false`. */
function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Where entries are kept, or undefined when the cache is off (`--no-cache`,
 * `FAULTLINE_NO_CACHE`) or there is nowhere to keep them:
 * `FAULTLINE_CACHE_DIR`; else `node_modules/.cache/faultline` in the nearest
 * directory at or above the working directory that has a `node_modules`
 * (as babel and eslint keep theirs); else `$XDG_CACHE_HOME/faultline`; else
 * `~/.cache/faultline`. `bin/faultline.js` repeats this lookup for its code
 * cache (`code/` in the same directory), since it runs before the bundle is
 * loaded: change the two together.
 */
export function cacheDirectory(io: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> }, enabled: boolean, files: CacheFiles): string | undefined {
  if (!enabled || isSet(io.env['FAULTLINE_NO_CACHE'])) return undefined;
  const given = io.env['FAULTLINE_CACHE_DIR'];
  if (given) return resolve(io.cwd, given);
  for (let dir = resolve(io.cwd); ; dir = dirname(dir)) {
    if (files.isDirectory(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'faultline');
    if (dirname(dir) === dir) break;
  }
  const xdg = io.env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'faultline');
  const home = io.env['HOME'];
  return home && isAbsolute(home) ? join(home, '.cache', 'faultline') : undefined;
}

/** The bound of the directory's size in bytes: `FAULTLINE_CACHE_MB` megabytes, else `DEFAULT_CACHE_MB`. */
export function cacheMaxBytes(env: Readonly<Record<string, string | undefined>>): number {
  const set = Number(env['FAULTLINE_CACHE_MB']);
  return (Number.isFinite(set) && set > 0 ? set : DEFAULT_CACHE_MB) * 1024 * 1024;
}

/** What is loaded: everything here is part of the key. */
export interface CacheRequest {
  readonly directory: string;
  readonly cwd: string;
  readonly sources: readonly ManifestSource[];
  readonly options: LoadOptions;
  /** Backstage Locations are followed. */
  readonly follow: boolean;
  /** The bound of the directory's size in bytes. @default FAULTLINE_CACHE_MB or 512 MB */
  readonly maxBytes?: number;
}

/** One question the Location walk asked, and its answer: `[question, path, answer]`. */
type Probe = [kind: 'kind' | 'read' | 'glob' | 'dir', path: string, answer: string];

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The build that runs: an entry written by another build of the same version is not read. */
export function build(files: CacheFiles): string {
  try {
    return files.identity(fileURLToPath(import.meta.url)) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Maps as their entries, so the options read the same whatever built them. */
function canonical(options: LoadOptions): string {
  return JSON.stringify(options, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
}

/** The SHA-256 of each source's text, computed once per run (the cache of results asks for the same key before the load does). */
const textHashes = new WeakMap<ManifestSource, string>();

function textHash(source: ManifestSource): string {
  let hash = textHashes.get(source);
  if (hash === undefined) textHashes.set(source, (hash = sha256(source.text)));
  return hash;
}

/** The key of a load: everything the load depends on but the files Locations name (docs/cache.md). */
export function keyOf(request: CacheRequest, files: CacheFiles): string {
  const lines = [
    `faultline ${VERSION} snapshot ${SNAPSHOT_FORMAT} build ${build(files)}`,
    `cwd ${JSON.stringify(request.cwd)}`,
    `follow ${request.follow}`,
    `options ${canonical(request.options)}`,
  ];
  for (const s of request.sources) lines.push(`${s.found === true ? 'found' : 'named'} ${textHash(s)} ${JSON.stringify(s.path)}`);
  return lines.join('\n');
}

/**
 * Where a load came from, for the cache of results built on it
 * (result-cache.ts): the directory and its bound, and the load's identity,
 * a digest of its key and of every answer the Location walk got (the same
 * on the run that wrote the entry and on every run that used it). Only a
 * load that the cache could stand for has one.
 */
export interface LoadIdentity {
  readonly directory: string;
  readonly maxBytes: number;
  /** The load's key (`keyOf`). */
  readonly key: string;
  /** Every question the Location walk asked and its answer (JSON), and the files it added: [absolute path, path as shown] (JSON). */
  readonly probes: string;
  readonly added: string;
}

const identities = new WeakMap<object, LoadIdentity>();

/** The identity of a load `cachedLoad` returned, or undefined (no cache, or a load it could not keep). */
export function loadIdentity(loaded: object): LoadIdentity | undefined {
  return identities.get(loaded);
}

function identify(loaded: FollowedLoad, request: CacheRequest, key: string, probes: string, added: string): FollowedLoad {
  identities.set(loaded, { directory: request.directory, maxBytes: request.maxBytes ?? DEFAULT_CACHE_MB * 1024 * 1024, key, probes, added });
  return loaded;
}

/**
 * The load of `request`: from the cache when an entry has the same key and
 * the Location walk would see the same files, else `load` (given the file
 * primitives to walk Locations with), whose result is then kept.
 */
export function cachedLoad(request: CacheRequest, load: (files: LocationFiles) => FollowedLoad, locationFiles: LocationFiles, files: CacheFiles): FollowedLoad {
  let key: string;
  let path: string;
  try {
    key = keyOf(request, files);
    path = join(request.directory, `${sha256(key)}${ENTRY_SUFFIX}`);
  } catch {
    return load(locationFiles);
  }
  const hit = read(path, key, request, locationFiles, files);
  if (hit) return hit;

  const probes: Probe[] = [];
  const loaded = load(recording(locationFiles, probes));
  if (!loaded.model) return loaded;
  const graph = compile(loaded.model);
  rememberCompiled(graph);
  try {
    // The files Locations added, in the order they were read: [absolute path, path as shown].
    const reads = probes.filter((p) => p[0] === 'read' && !p[2].startsWith('!'));
    const added = loaded.sources.slice(request.sources.length);
    if (reads.length !== added.length) return loaded;
    const extra = [key, JSON.stringify(probes), JSON.stringify(added.map((s, i) => [reads[i]![1], s.path]))];
    identify(loaded, request, key, extra[1]!, extra[2]!);
    const bytes = encodeSnapshot({ model: loaded.model, warnings: loaded.warnings, locations: loaded.locations, graph, extra });
    if (bytes === undefined) return loaded;
    files.makeDirectory(request.directory);
    files.writeBytesAtomically(path, bytes);
    evict(request.directory, path, request.maxBytes ?? DEFAULT_CACHE_MB * 1024 * 1024, files);
  } catch {
    // A cache that cannot be written is no cache: the run goes on.
  }
  return loaded;
}

/** The entry at `path` when it is whole, has `key`, and the Location walk would find the same files; else undefined. */
function read(path: string, key: string, request: CacheRequest, locationFiles: LocationFiles, files: CacheFiles): FollowedLoad | undefined {
  let bytes: Uint8Array;
  try {
    bytes = files.readBytes(path);
  } catch {
    return undefined;
  }
  const snapshot = decodeSnapshot(bytes);
  if (snapshot === undefined || snapshot.extra.length !== 3 || snapshot.extra[0] !== key || snapshot.graph === undefined) return undefined;
  const sources = replay(snapshot.extra[1]!, snapshot.extra[2]!, request.sources, locationFiles);
  if (sources === undefined) return undefined;
  try {
    files.touch(path);
  } catch {}
  rememberCompiled(snapshot.graph);
  const loaded: FollowedLoad = { model: snapshot.model, diagnostics: [], warnings: snapshot.warnings, locations: snapshot.locations, sources };
  return identify(loaded, request, key, snapshot.extra[1]!, snapshot.extra[2]!);
}

/**
 * Asks the Location walk's questions (`probes`, as `cachedLoad` recorded
 * them) again: when every answer is the same, the sources the load read,
 * `given` and then the files Locations added (`added`); else undefined.
 */
export function replay(probes: string, added: string, given: readonly ManifestSource[], locationFiles: LocationFiles): ManifestSource[] | undefined {
  const texts = new Map<string, string>();
  let adds: [string, string][];
  try {
    for (const probe of JSON.parse(probes) as Probe[]) {
      const [kind, target, answer] = probe;
      if (kind === 'read') {
        let text: string | undefined;
        const now = attempt(() => {
          text = locationFiles.readText(target);
          return sha256(text);
        });
        if (now !== answer) return undefined;
        if (text !== undefined) texts.set(target, text);
      } else if (answer !== ask(locationFiles, kind, target)) return undefined;
    }
    adds = JSON.parse(added) as [string, string][];
  } catch {
    return undefined;
  }
  const sources: ManifestSource[] = [...given];
  for (const [abs, shown] of adds) {
    const text = texts.get(abs);
    if (text === undefined) return undefined;
    sources.push({ path: shown, text, found: true });
  }
  return sources;
}

/** An answer as the walk records it: `!` and the error code when the question threw. */
function attempt(question: () => string): string {
  try {
    return question();
  } catch (error) {
    return `!${(error as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

function ask(files: LocationFiles, kind: Probe[0], target: string): string {
  return attempt(() => {
    if (kind === 'kind') return files.pathKind(target) ?? '';
    if (kind === 'glob') {
      const space = target.indexOf(' ');
      return files.expandGlob(target.slice(space + 1), Number(target.slice(0, space))).join('\n');
    }
    if (kind === 'dir') return files.yamlFilesUnder(target).join('\n');
    throw new Error('unknown question');
  });
}

/** The same primitives, recording each question and its answer. */
function recording(files: LocationFiles, probes: Probe[]): LocationFiles {
  return {
    ...files,
    pathKind(path) {
      const kind = files.pathKind(path);
      probes.push(['kind', path, kind ?? '']);
      return kind;
    },
    readText(path) {
      try {
        const text = files.readText(path);
        probes.push(['read', path, sha256(text)]);
        return text;
      } catch (error) {
        probes.push(['read', path, `!${(error as NodeJS.ErrnoException).code ?? 'error'}`]);
        throw error;
      }
    },
    expandGlob(pattern, limit) {
      const matched = files.expandGlob(pattern, limit);
      probes.push(['glob', `${limit} ${pattern}`, matched.join('\n')]);
      return matched;
    },
    yamlFilesUnder(dir) {
      const found = files.yamlFilesUnder(dir);
      probes.push(['dir', dir, found.join('\n')]);
      return found;
    },
  };
}

/** Keeps the directory under `maxBytes` and `MAX_ENTRIES` (loads and results together), least recently used first; removes temporary files runs left behind. */
export function evict(directory: string, keep: string, maxBytes: number, files: CacheFiles): void {
  const now = Date.now();
  const entries = [];
  for (const f of files.list(directory)) {
    if (f.name.endsWith('.tmp') && now - f.modified > STALE_TEMPORARY_MS) {
      try {
        files.remove(join(directory, f.name));
      } catch {}
    } else if (f.name.endsWith(ENTRY_SUFFIX) || f.name.endsWith(RESULT_SUFFIX)) entries.push(f);
  }
  entries.sort((a, b) => b.modified - a.modified);
  let total = 0;
  entries.forEach((e, i) => {
    total += e.bytes;
    const path = join(directory, e.name);
    if (path === keep || (total <= maxBytes && i < MAX_ENTRIES)) return;
    try {
      files.remove(path);
    } catch {}
  });
}
