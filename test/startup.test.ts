/**
 * Start-up in proportion to the command: the built CLI's chunks
 * (packages/cli/dist, CommonJS, split by `import()` in main.ts and
 * program.ts) are followed the way bin/faultline.js loads them, and
 * `--version` and `--help` must not reach zod, yaml, js-yaml or core's
 * loader; then the code cache the launcher keeps. Speed itself is measured
 * by the benchmark, not here; this pins what is loaded and that the cache
 * changes nothing a run prints.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';

const DIST = join(ROOT, 'packages/cli/dist');

const source = (chunk: string): string => readFileSync(join(DIST, chunk), 'utf8');

/** The chunks a static `const require_x = require("./x.cjs");` reaches from `entries`, entries included. */
function staticClosure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const chunk = stack.pop()!;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const m of source(chunk).matchAll(/^const \w+ = require\("\.\/([^"]+)"\);$/gm)) stack.push(m[1]!);
  }
  return seen;
}

/** The chunks a chunk loads on demand (an `import()` in the sources: `Promise.resolve().then(() => require("./x.cjs"))`). */
function dynamicImports(chunk: string): string[] {
  return [...source(chunk).matchAll(/Promise\.resolve\(\)\.then\(\(\) => require\("\.\/([^"]+)"\)\)/g)].map((m) => m[1]!);
}

/** The modules bundled into these chunks, by the region comments the unminified build keeps. */
function modulesIn(chunks: Iterable<string>): string[] {
  const out: string[] = [];
  for (const chunk of chunks) for (const m of source(chunk).matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)) out.push(m[1]!);
  return out;
}

const HEAVY = /node_modules\/\.pnpm\/(zod|yaml|js-yaml)@|core\/(dist|src)\/load\//;

describe('start-up in proportion to the command', () => {
  const version = staticClosure(['faultline.cjs']);
  // main.ts imports program.ts for anything but --version; program.ts imports a command only when it is named.
  const help = staticClosure(['faultline.cjs', ...dynamicImports('faultline.cjs')]);

  it('--version loads neither commander nor core', () => {
    expect(modulesIn(version).filter((m) => /commander@|core\//.test(m))).toEqual([]);
    const r = faultline(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--help loads commander and the command table, but not zod, yaml or the loader', () => {
    const modules = modulesIn(help);
    expect(modules.some((m) => m.includes('commander@'))).toBe(true);
    expect(modules.filter((m) => HEAVY.test(m))).toEqual([]);
    expect(faultline(['--help']).stdout).toContain('availability [options] <paths...>');
  });

  it('a command loads its own code, the loader and zod with it', () => {
    const program = dynamicImports('faultline.cjs');
    const commands = program.flatMap(dynamicImports);
    expect(commands.length).toBeGreaterThanOrEqual(14);
    const lint = commands.find((c) => /lint/.test(c) && source(c).includes('function registerLint'));
    expect(lint).toBeDefined();
    expect(modulesIn(staticClosure([lint!])).some((m) => HEAVY.test(m))).toBe(true);
  });

  it('an analysis loads no other command: neither its code nor its formatters', () => {
    const commands = dynamicImports('faultline.cjs').flatMap(dynamicImports);
    for (const name of ['Lint', 'Simulate', 'Spof', 'Availability', 'CutSets', 'Recovery']) {
      const chunk = commands.find((c) => source(c).includes(`function register${name}(`));
      expect(chunk, name).toBeDefined();
      const registers = [...staticClosure([chunk!])].flatMap((c) => [...source(c).matchAll(/^function (register\w+)\(/gm)].map((m) => m[1]));
      expect(registers, name).toEqual([`register${name}`]);
    }
  });
});

describe('the code cache (bin/faultline.js)', () => {
  const args = ['simulate', 'fixtures/example', '--fail', 'kind=dns'];
  const codeFiles = (cache: string): string[] => (existsSync(join(cache, 'code')) ? readdirSync(join(cache, 'code')).sort() : []);

  it('is written by the first run of a command, per chunk it ran, and changes nothing a run prints', () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-code-cache-'));
    const cold = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
    expect(cold.code).toBe(0);
    const files = codeFiles(cache);
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((f) => /^simulate~faultline-[\w-]+\.cjs~v\d+\.\d+\.\d+-\w+\.v8$/.test(f))).toBe(true);
    const warm = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
    expect(warm).toEqual(cold);
    expect(codeFiles(cache)).toEqual(files);
  });

  it('ignores a corrupt or foreign file, runs from the source and writes it again', () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-code-cache-'));
    const cold = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
    const files = codeFiles(cache);
    for (const [i, f] of files.entries()) {
      const path = join(cache, 'code', f);
      const bytes = readFileSync(path);
      if (i % 3 === 0)
        bytes[bytes.length >> 1]! ^= 0xff; // a flipped byte: the digest differs
      else if (i % 3 === 1)
        bytes.fill(7, 0, 4); // another program's file: the magic number differs
      else {
        // Garbage under a digest that holds (magic, SHA-1 of the rest): V8 itself refuses it.
        bytes.fill(0x41, 24);
        bytes.set(createHash('sha1').update(bytes.subarray(24)).digest(), 4);
      }
      writeFileSync(path, bytes);
    }
    const again = faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } });
    expect(again).toEqual(cold);
    expect(codeFiles(cache)).toEqual(files);
    for (const f of files)
      expect(
        readFileSync(join(cache, 'code', f))
          .subarray(0, 4)
          .toString(),
      ).toBe('FLV8');
    expect(faultline(args, { env: { FAULTLINE_CACHE_DIR: cache } })).toEqual(cold);
  });

  it('--no-cache and FAULTLINE_NO_CACHE write none', () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-code-cache-'));
    expect(faultline([...args, '--no-cache'], { env: { FAULTLINE_CACHE_DIR: cache } }).code).toBe(0);
    expect(faultline(args, { env: { FAULTLINE_CACHE_DIR: cache, FAULTLINE_NO_CACHE: '1' } }).code).toBe(0);
    expect(codeFiles(cache)).toEqual([]);
  });
});
