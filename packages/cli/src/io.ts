/**
 * IO: the only place faultline touches the file system and the terminal
 * ====================================================================
 *
 * Commands never import node:fs or node:child_process (the dependency check,
 * .dependency-cruiser.cjs, keeps it so): they read and write through the
 * functions here, and reach git through io-git.ts. The file primitives throw
 * the file system's own error, whose `code` the command turns into its
 * message, since "cannot read" means different things to different commands.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, isAbsolute, resolve } from 'node:path';
import {
  formatDiagnostic,
  loadManifests,
  looksLikeTerraformJson,
  parseLintConfig,
  plural,
  type Diagnostic,
  type LintConfig,
  type LoadOptions,
  type ManifestSource,
  type Model,
  append,
} from '@faultline/core';
import { loadFollowingLocations, type FollowedLoad, type LocationFiles } from './locations.js';
import { UsageError, type Io } from './terminal.js';
import { cachedLoad, cacheDirectory, cacheMaxBytes, type CacheFiles } from './cache.js';
import { answerBeforeLoad, cachedResult, type ResultCodec } from './result-cache.js';

export { processIo, UsageError, type Io, type Wrap } from './terminal.js';

/** Names of files that live beside manifests but are not manifests. */
export const NOT_MANIFESTS = /^(faultline\.config\.ya?ml|.*\.scenarios?\.ya?ml)$/;

/**
 * Expands paths (files or directories, searched recursively for *.yaml and
 * *.yml in sorted order, and for *.json files that hold Terraform's
 * `terraform show -json` output) and reads them. Any other JSON found in a
 * directory (package.json, a dashboard) is passed over without a word; a
 * JSON file named on the command line is always read. Paths are shown
 * relative to the working directory, as the user would type them.
 */
export function readSources(paths: readonly string[], cwd: string, what: 'manifests' | 'scenarios' = 'manifests'): ManifestSource[] {
  if (paths.length === 0) throw new UsageError('no manifest given', 'pass a manifest file or a directory, e.g. fixtures/example');
  const files: string[] = [];
  /** Files found in a directory rather than named (the loader skips a stranger among them with a warning). */
  const found = new Set<string>();
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : join(cwd, p);
    let stat: Stats;
    try {
      stat = statSync(abs);
    } catch {
      throw new UsageError(`cannot read "${p}": no such file or directory`, 'check the path');
    }
    if (stat.isDirectory()) {
      const walked = what === 'scenarios' ? walk(abs, what) : walk(abs, what, true).filter((f) => !f.endsWith('.json') || looksLikeTerraformJson(readHead(f)));
      if (walked.length === 0) {
        if (what === 'scenarios') throw new UsageError(`"${p}" holds no scenario files (*.scenarios.yaml)`, 'point at a scenario file or a directory of them');
        throw new UsageError(`"${p}" holds no .yaml or .yml files (nor Terraform JSON)`, 'point at a manifest file or a directory of manifests');
      }
      for (const f of walked) files.push(f);
      for (const f of walked) found.add(f);
    } else files.push(abs);
  }
  const seen = new Set<string>();
  const sources: ManifestSource[] = [];
  for (const abs of files) {
    if (seen.has(abs)) continue;
    seen.add(abs);
    let text: string;
    try {
      text = readText(abs);
    } catch (error) {
      throw readError(error, display(abs, cwd));
    }
    inputsRead.add(abs);
    sources.push(found.has(abs) ? { path: display(abs, cwd), text, found: true } : { path: display(abs, cwd), text });
  }
  return sources;
}

/** The *.yaml and *.yml files under a directory, as `readSources` finds them (absolute paths, sorted, dot-directories skipped). */
export function yamlFilesUnder(dir: string): string[] {
  return walk(dir, 'manifests');
}

/**
 * The files an absolute glob pattern matches (`*` and `?` within one path
 * segment, `**` for any number of directories), sorted. Matching is linear
 * in the name's length (no regular expression, no backtracking), and the
 * walk stops after `limit` files or `10 × limit` directories.
 */
export function expandGlob(pattern: string, limit: number): string[] {
  const parts = pattern.split(/[\\/]/);
  const first = parts.findIndex(hasGlob);
  if (first < 0) return pathKind(pattern) === 'file' ? [pattern] : [];
  const base = parts.slice(0, first).join('/') || '/';
  const out: string[] = [];
  const stack: { dir: string; rest: readonly string[] }[] = [{ dir: base, rest: parts.slice(first) }];
  const seen = new Set<string>();
  // Directories read, bounded too: a `**` over a huge tree that holds few matches must end.
  let budget = limit * 10;
  while (stack.length > 0 && out.length < limit && budget-- > 0) {
    const { dir, rest } = stack.pop()!;
    const key = `${dir}\0${rest.join('/')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const [head, ...tail] = rest;
    if (head === undefined) continue;
    let entries: { name: string; isDirectory(): boolean; isFile(): boolean }[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    } catch {
      continue;
    }
    if (head === '**') {
      if (tail.length > 0) stack.push({ dir, rest: tail });
      for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') stack.push({ dir: join(dir, e.name), rest });
      continue;
    }
    for (const e of entries) {
      if (!wildcardMatch(head, e.name) || (e.name.startsWith('.') && !head.startsWith('.'))) continue;
      if (tail.length === 0) {
        if (e.isFile()) out.push(join(dir, e.name));
      } else if (e.isDirectory()) stack.push({ dir: join(dir, e.name), rest: tail });
    }
  }
  return [...new Set(out)].sort().slice(0, limit);
}

/** Does a path segment hold a glob character? */
export function hasGlob(text: string): boolean {
  return /[*?]/.test(text);
}

/** `*` (any run) and `?` (one character) against a name, in linear time: the greedy two-pointer match. */
export function wildcardMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Scenario files, as `faultline test` finds them in a directory. */
const SCENARIO_FILES = /\.scenarios?\.ya?ml$/;

/** Manifest (or scenario) files under `dir`; with `json`, *.json files too (readSources keeps those that are Terraform's). */
function walk(dir: string, what: 'manifests' | 'scenarios', json = false): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(d, e.name);
      if (e.isDirectory()) subdirs.push(full);
      // Only regular files (or links to one): a FIFO or a device named *.yaml would block or never end.
      else if (
        (what === 'scenarios' ? SCENARIO_FILES.test(e.name) : (json ? /\.(ya?ml|json)$/ : /\.ya?ml$/).test(e.name) && !NOT_MANIFESTS.test(e.name)) &&
        (e.isFile() || (e.isSymbolicLink() && isRegularFile(full)))
      )
        out.push(full);
    }
    append(stack, subdirs.reverse());
  }
  return out;
}

/** The first bytes of a file (to recognise Terraform JSON without reading a large file twice); empty when it cannot be read. */
function readHead(path: string): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(2048);
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return buffer.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Relative to the working directory when inside it, as the user would type it. */
export function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : abs;
}

/** The default of `maxFileBytes`: 100 MB, five times a 100,000-component manifest. */
export const MAX_FILE_MB = 100;

/** The largest file faultline reads, in bytes: `FAULTLINE_MAX_FILE_MB` megabytes, else `MAX_FILE_MB`. */
export function maxFileBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const set = Number(env['FAULTLINE_MAX_FILE_MB']);
  return (Number.isFinite(set) && set > 0 ? set : MAX_FILE_MB) * 1024 * 1024;
}

/** A file system error with its `code`, for the errors faultline raises itself (EFBIG, ENOTREG). */
function fileError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The text of a file (UTF-8); throws the file system's error (`code` ENOENT,
 * EISDIR…), ENOTREG for anything that is not a regular file (a FIFO would
 * block, /dev/zero never ends), and EFBIG past `maxFileBytes`. Read in
 * chunks, so a file that reports no size (/proc) is bounded too.
 */
export function readText(path: string): string {
  const stat = statSync(path);
  if (stat.isDirectory()) throw fileError('EISDIR', 'is a directory');
  if (!stat.isFile()) throw fileError('ENOTREG', 'not a regular file');
  const max = maxFileBytes();
  if (stat.size > max) throw fileError('EFBIG', 'file too large');
  // Non-blocking, in case the file was swapped for a FIFO since the stat.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw fileError('ENOTREG', 'not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > max) throw fileError('EFBIG', 'file too large');
    }
    // Without a byte-order mark: editors hide it, and columns on line 1 count from after it.
    const text = Buffer.concat(chunks, total).toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
}

/** A read error as a usage error, in words: which file, and what to do. */
export function readError(error: unknown, file: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EFBIG') {
    const mb = maxFileBytes() / (1024 * 1024);
    return new UsageError(`cannot read "${file}": larger than ${mb} MB`, `faultline reads files up to ${mb} MB; set FAULTLINE_MAX_FILE_MB to raise the limit, see docs/limits.md`);
  }
  if (code === 'ENOTREG') return new UsageError(`cannot read "${file}": not a regular file (a device, a FIFO or a socket)`, 'name a manifest file or a directory of them');
  if (code === 'ENOENT') return new UsageError(`cannot read "${file}": no such file or directory`, 'check the path');
  return new UsageError(`cannot read "${file}": ${code ?? 'error'}`, 'check the file permissions');
}

/** The manifests and scenario files read by this process: never overwritten by an output. */
const inputsRead = new Set<string>();

/**
 * Writes a file, replacing it; throws the file system's error, or EINPUT
 * when the file is one this process read as input (`-o` pointing at a
 * manifest would replace it with a report).
 * @param exclusive fail with EEXIST instead of replacing an existing file @default false
 */
export function writeText(path: string, text: string | Iterable<string>, exclusive = false): void {
  if (inputsRead.has(resolve(path))) throw fileError('EINPUT', 'is an input');
  if (typeof text === 'string') {
    writeFileSync(path, text, { flag: exclusive ? 'wx' : 'w' });
    return;
  }
  // Piece by piece: a report streamed by its formatter is never one string.
  const fd = openSync(path, exclusive ? 'wx' : 'w');
  try {
    for (const piece of text) writeFileSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}

/** A write error as a usage error, in words. */
export function writeError(error: unknown, file: string): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EINPUT') return new UsageError(`"${file}" is one of the inputs; nothing was written`, 'choose another file for the output');
  return new UsageError(`cannot write "${file}": ${code ?? 'error'}`, 'check that the directory exists and is writable');
}

/** Whether a file or directory exists at `path`. */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** 'directory', 'file' (anything else that exists), or undefined when the path cannot be read. */
export function pathKind(path: string): 'directory' | 'file' | undefined {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * Creates a directory and its parents (nothing when it exists); throws the
 * file system's error. One level at a time: Node's recursive mkdir loops
 * forever under /proc.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    let stat: Stats;
    try {
      stat = statSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(at);
      if (parent === at) throw error;
      missing.push(at);
      at = parent;
      continue;
    }
    if (!stat.isDirectory()) throw fileError('ENOTDIR', 'not a directory');
    break;
  }
  for (let i = missing.length - 1; i >= 0; i--) mkdirSync(missing[i]!);
}

/** How `loadSources` loads. */
export interface LoadSourcesOptions {
  /** Read the files Backstage Locations name (locations.ts); off for sources that do not come from the disk (`diff --git`'s base). @default true */
  readonly followLocations?: boolean;
  /** The loader's options (the config's `backstage.types`: `loadOptionsOf`). */
  readonly load?: LoadOptions;
  /** Use the cache of loads (cache.ts); false for `--no-cache`. @default true */
  readonly cache?: boolean | undefined;
}

/**
 * Loads manifest texts, following Backstage Locations to the files they
 * name, and prints the warnings (what was skipped); the caller prints the
 * errors and exits 2 when there is no model. `sources` in the result holds
 * every file read, for formatters that quote lines.
 */
export function loadSources(io: Io, sources: readonly ManifestSource[], options: LoadSourcesOptions = {}): FollowedLoad {
  const follow = options.followLocations !== false;
  const load = (files: LocationFiles): FollowedLoad =>
    follow ? loadFollowingLocations(sources, io.cwd, files, options.load) : { ...loadManifests(sources, options.load), sources };
  // The cache (cache.ts) gives back the same load, warnings included, when no input changed.
  const directory = cacheDirectory(io, options.cache !== false, CACHE_FILES);
  const loaded =
    directory === undefined
      ? load(LOCATION_FILES)
      : cachedLoad({ directory, cwd: io.cwd, sources, options: options.load ?? {}, follow, maxBytes: cacheMaxBytes(io.env) }, load, LOCATION_FILES, CACHE_FILES);
  for (const w of loaded.warnings) io.stderr(`${formatDiagnostic(w)}\n`);
  return loaded;
}

/**
 * The answer to `what` (a command and the options that change its answer)
 * about a load `loadSources` returned: kept in the cache beside the load and
 * given back while neither changes (result-cache.ts), else `compute()`.
 */
export function cachedAnswer<T>(loaded: FollowedLoad, what: string, compute: () => T, codec: ResultCodec<T>): T {
  return cachedResult(loaded, what, compute, codec, CACHE_FILES);
}

/** An answer about loaded manifests (`answerSources`): `value` unless the load failed (`diagnostics`). */
export interface Answered<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, for formatters that quote lines. */
  readonly sources: readonly ManifestSource[];
}

/**
 * `compute(model)` for the model `loadSources` would load, from the cache
 * of results without loading at all when the files and the question
 * (`what`) are the same as on a run that kept it (result-cache.ts; the
 * load's warnings are printed all the same), else loaded and computed (and
 * kept). For commands whose answer is all they print.
 */
export function answerSources<T>(
  io: Io,
  sources: readonly ManifestSource[],
  options: LoadSourcesOptions,
  what: string,
  compute: (model: Model) => T,
  codec: ResultCodec<T>,
): Answered<T> {
  const directory = cacheDirectory(io, options.cache !== false, CACHE_FILES);
  if (directory !== undefined) {
    const request = { directory, cwd: io.cwd, sources, options: options.load ?? {}, follow: options.followLocations !== false, maxBytes: cacheMaxBytes(io.env) };
    const early = answerBeforeLoad(request, what, codec, LOCATION_FILES, CACHE_FILES);
    if (early !== undefined) {
      for (const w of early.warnings) io.stderr(`${formatDiagnostic(w)}\n`);
      return { value: early.value, diagnostics: [], sources: early.sources };
    }
  }
  const loaded = loadSources(io, sources, options);
  const model = loaded.model;
  if (!model) return { diagnostics: loaded.diagnostics, sources: loaded.sources };
  return { value: cachedAnswer(loaded, what, () => compute(model), codec), diagnostics: [], sources: loaded.sources };
}

/** `answerSources` for paths, with the config as `loadPaths` finds it. */
export function answerPaths<T>(
  io: Io,
  paths: readonly string[],
  config: string | false | undefined,
  cache: boolean | undefined,
  what: string,
  compute: (model: Model) => T,
  codec: ResultCodec<T>,
): Answered<T> {
  const found = findConfig(paths, io.cwd, config);
  if (found.diagnostics.length > 0) return { diagnostics: found.diagnostics, sources: [] };
  return answerSources(io, readSources(paths, io.cwd), { load: loadOptionsOf(found.config), cache }, what, compute, codec);
}

export const LOCATION_FILES: LocationFiles = { pathKind, readText, expandGlob, hasGlob, yamlFilesUnder, display };

/** What the cache of loads needs of the file system (cache.ts). Every one throws the file system's error. */
export const CACHE_FILES: CacheFiles = {
  readBytes: (path) => readFileSync(path),
  writeBytesAtomically(path, bytes) {
    // A reader sees the old file or the new one, never half of one: write beside it, then rename over it.
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(temporary, bytes, { flag: 'wx' });
      renameSync(temporary, path);
    } catch (error) {
      try {
        unlinkSync(temporary);
      } catch {}
      throw error;
    }
  },
  makeDirectory,
  list(dir) {
    const out: { name: string; bytes: number; modified: number }[] = [];
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isFile()) continue;
      try {
        const stat = statSync(join(dir, e.name));
        out.push({ name: e.name, bytes: stat.size, modified: stat.mtimeMs });
      } catch {}
    }
    return out;
  },
  remove: (path) => unlinkSync(path),
  touch(path) {
    const now = new Date();
    utimesSync(path, now, now);
  },
  identity(path) {
    try {
      const stat = statSync(path);
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  },
  isDirectory: (path) => pathKind(path) === 'directory',
};

/**
 * Reads and loads manifests, as `loadSources`, with the `backstage.types` and `terraform` rows of
 * the config: `config` (`--config`), none (`--no-config`: false), or the one
 * found beside the manifests (`findConfig`); a broken config is the load's error.
 */
export function loadPaths(io: Io, paths: readonly string[], config?: string | false, cache?: boolean): FollowedLoad {
  const found = findConfig(paths, io.cwd, config);
  if (found.diagnostics.length > 0) return { diagnostics: found.diagnostics, warnings: [], locations: [], sources: [] };
  return loadSources(io, readSources(paths, io.cwd), { load: loadOptionsOf(found.config), cache });
}

/**
 * Prints load diagnostics; returns 2 (the exit code for invalid input).
 * @param what the input the problems are in @default 'the manifests'
 */
export function reportDiagnostics(io: Io, diagnostics: readonly Diagnostic[], what = 'the manifests'): number {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const n = diagnostics.length;
  io.stderr(`faultline: ${plural(n, 'problem')} in ${what}; nothing was analysed\n`);
  return 2;
}

/** Config file names, in the order they are looked for. */
export const CONFIG_NAMES = ['faultline.config.yaml', 'faultline.config.yml'];

export interface FoundConfig {
  readonly config?: LintConfig;
  /** The config file, as shown to the user; undefined when none was found. */
  readonly path?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The config file for a lint of `paths`: the one given, the one found beside them, or none. */
export function findConfig(paths: readonly string[], cwd: string, given: string | false | undefined): FoundConfig {
  if (given === false) return { diagnostics: [] };
  const file = given !== undefined ? resolve(cwd, given) : discover(paths, cwd);
  if (file === undefined) return { diagnostics: [] };
  const text = readConfigText(file, cwd, given !== undefined ? 'check the --config path' : 'check the file permissions');
  const path = display(file, cwd);
  const parsed = parseLintConfig(text, path);
  return { ...(parsed.config ? { config: parsed.config } : {}), path, diagnostics: parsed.diagnostics };
}

function discover(paths: readonly string[], cwd: string): string | undefined {
  const first = paths[0];
  if (first === undefined) return undefined;
  const abs = resolve(cwd, first);
  const kind = pathKind(abs);
  if (kind === undefined) return undefined; // readSources reports the missing path
  let dir = kind === 'directory' ? abs : dirname(abs);
  const root = resolve(cwd);
  const inside = !relative(root, dir).startsWith('..') && !isAbsolute(relative(root, dir));
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if ((inside && dir === root) || parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a config or baseline file, with the command's own hint when it is missing or unreadable. */
export function readConfigText(file: string, cwd: string, hint: string): string {
  try {
    return readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EFBIG' || code === 'ENOTREG') throw readError(error, display(file, cwd));
    throw new UsageError(`cannot read "${display(file, cwd)}": ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`, hint);
  }
}

/** What a config gives the loader: its Backstage type → kind rows, its Terraform mapping rows. */
export function loadOptionsOf(config: LintConfig | undefined): LoadOptions {
  return {
    ...(config?.backstageTypes ? { backstageTypes: config.backstageTypes } : {}),
    ...(config?.terraform ? { terraform: { mapping: config.terraform } } : {}),
  };
}
