#!/usr/bin/env node
// The `faultline` command. It runs the bundle (dist/faultline.cjs and the
// chunks beside it, built by `vite build`): this file exists before the first
// build, so a fresh install links the command at once.
//
// It loads the bundle itself instead of leaving it to node, to keep a V8 code
// cache of every chunk (node 20 has none for ES modules, and node's own
// `require` takes none): a run compiles what it runs from the cache instead
// of from the source, and a run that had no cache writes one at exit. Each
// command keeps its own (the functions `lint` compiled are not those
// `simulate` did), in `code/` of the directory the cache of loads uses
// (docs/cache.md), named by the chunk, whose name holds the hash of its
// content, and by node's version. A file is used only when its magic number
// and its SHA-1 match, and V8 then checks its own version, flags and source;
// anything else is compiled from the source and written again.
// `--no-cache` and FAULTLINE_NO_CACHE turn it off with the cache of loads.
//
// This file is CommonJS (bin/package.json says so), which node starts a few
// milliseconds sooner than an ES module.
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { dirname, isAbsolute, join, resolve } = require('node:path');
const { Script } = require('node:vm');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`faultline: error: faultline needs Node.js 20.19 or newer, this is ${process.version} (install a newer Node.js)\n`);
  process.exit(2);
}

const DIST = join(__dirname, '..', 'dist');
const ENTRY = 'faultline.cjs';
const MAGIC = Buffer.from('FLV8');
const DIGEST = 20;
/** The code cache keeps at most this many files and bytes, oldest written first out. */
const MAX_FILES = 400;
const MAX_BYTES = 96 * 1024 * 1024;

const argv = process.argv.slice(2);
/** Where the code cache is (found on the first chunk after the entry, which `--version` never reaches), or undefined. */
let cacheDir = null;
// The command names the cache: the first word not an option (as program.ts's commandNamed reads it).
const words = argv.filter((a) => !a.startsWith('-'));
const named = (words[0] === 'help' ? words[1] : words[0]) ?? '';
const command = /^[a-z][a-z-]{0,31}$/.test(named) ? named : 'faultline';

/** @type {Map<string, { exports: unknown }>} */
const modules = new Map();
/** @type {{ script: Script, file: string }[]} */
const uncached = [];

/** True when an environment variable is set to anything but empty, `0` or `false` (as cache.ts reads it). */
function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `code/` in the directory of the cache of loads (cache.ts's cacheDirectory), or undefined when the cache is off. */
function codeCacheDirectory() {
  const env = process.env;
  if (argv.includes('--no-cache') || isSet(env.FAULTLINE_NO_CACHE)) return undefined;
  const cwd = process.cwd();
  let base;
  if (env.FAULTLINE_CACHE_DIR) base = resolve(cwd, env.FAULTLINE_CACHE_DIR);
  else {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      if (isDirectory(join(dir, 'node_modules'))) {
        base = join(dir, 'node_modules', '.cache', 'faultline');
        break;
      }
      if (dirname(dir) === dir) break;
    }
    if (base === undefined && env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) base = join(env.XDG_CACHE_HOME, 'faultline');
    if (base === undefined && env.HOME && isAbsolute(env.HOME)) base = join(env.HOME, '.cache', 'faultline');
  }
  return base === undefined ? undefined : join(base, 'code');
}

function sha1(bytes) {
  return require('node:crypto').createHash('sha1').update(bytes).digest();
}

/** The cached code of a chunk for this command, if there is a sound one. */
function readCache(file) {
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= MAGIC.length + DIGEST || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const data = bytes.subarray(MAGIC.length + DIGEST);
    return sha1(data).equals(bytes.subarray(MAGIC.length, MAGIC.length + DIGEST)) ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a chunk of the bundle as CommonJS, once; its `require` of a sibling chunk comes back here. */
function load(name, text) {
  const known = modules.get(name);
  if (known) return known.exports;
  const module = { exports: {} };
  modules.set(name, module);
  const filename = join(DIST, name);
  // A shebang becomes a comment, so the wrapper stays valid and line numbers stay true.
  const source = (text ?? readFileSync(filename, 'utf8')).replace(/^#!/, '//');
  if (cacheDir === null && name !== ENTRY) {
    cacheDir = codeCacheDirectory();
    if (cacheDir !== undefined) process.on('exit', writeCaches);
  }
  const file = cacheDir && name !== ENTRY ? join(cacheDir, `${command}~${name}~${process.version}-${process.arch}.v8`) : undefined;
  const cachedData = file === undefined ? undefined : readCache(file);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) uncached.push({ script, file });
  const requireChunk = (id) => (id.startsWith('./') ? load(id.slice(2)) : require(id));
  script.runInThisContext().call(module.exports, module.exports, requireChunk, module, filename, DIST);
  return module.exports;
}

/** At exit: the code cache of every chunk that had none, with what this run compiled. Never fails the run. */
function writeCaches() {
  if (uncached.length === 0 || !cacheDir) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const { script, file } of uncached) {
      const data = script.createCachedData();
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([MAGIC, sha1(data), data]));
      renameSync(temporary, file);
    }
    evict();
  } catch {
    // A cache that cannot be written is no cache.
  }
}

/** Keeps `code/` under MAX_FILES and MAX_BYTES, the oldest written removed first. */
function evict() {
  const files = [];
  for (const name of readdirSync(cacheDir)) {
    try {
      const stat = statSync(join(cacheDir, name));
      files.push({ name, bytes: stat.size, modified: stat.mtimeMs });
    } catch {}
  }
  files.sort((a, b) => b.modified - a.modified);
  let total = 0;
  files.forEach((f, i) => {
    total += f.bytes;
    if (i >= MAX_FILES || total > MAX_BYTES || (f.name.endsWith('.tmp') && Date.now() - f.modified > 10 * 60 * 1000)) {
      try {
        unlinkSync(join(cacheDir, f.name));
      } catch {}
    }
  });
}

let entry;
try {
  entry = readFileSync(join(DIST, ENTRY), 'utf8');
} catch (error) {
  if (error?.code !== 'ENOENT') throw error;
  process.stderr.write('faultline: error: the CLI is not built (in a faultline checkout, run "npx --yes pnpm@10 install")\n');
  process.exit(2);
}
load(ENTRY, entry);
