/**
 * The cache of loads gives back exactly the load it kept, only while every
 * input read is the same (content, not time), and treats anything else it
 * finds as a miss.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '@faultline/core';
import { cachedLoad, cacheDirectory, ENTRY_SUFFIX, MAX_ENTRIES, type CacheRequest } from './cache.js';
import { CACHE_FILES, LOCATION_FILES, readSources } from './io.js';
import { loadFollowingLocations, type LocationFiles } from './locations.js';
import type { FollowedLoad } from './locations.js';
import { cli } from './test-support.js';

const ROOT = join(import.meta.dirname, '../../..');

/** A load of `paths` in `cwd` through the cache in `directory`, counting the loads that really ran. */
function loader(cwd: string, directory: string, paths: readonly string[]) {
  let cold = 0;
  const run = (maxBytes?: number): FollowedLoad => {
    const sources = readSources(paths, cwd);
    const request: CacheRequest = { directory, cwd, sources, options: {}, follow: true, ...(maxBytes !== undefined ? { maxBytes } : {}) };
    return cachedLoad(
      request,
      (files: LocationFiles) => {
        cold++;
        return loadFollowingLocations(sources, cwd, files, {});
      },
      LOCATION_FILES,
      CACHE_FILES,
    );
  };
  return { run, cold: () => cold };
}

function entries(directory: string): string[] {
  return readdirSync(directory).filter((f) => f.endsWith(ENTRY_SUFFIX));
}

/** A copy of a fixture directory to change files in. */
function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cache-'));
  cpSync(join(ROOT, fixture), dir, { recursive: true });
  return dir;
}

function expectSameLoad(hit: FollowedLoad, cold: FollowedLoad): void {
  expect(hit.model).toStrictEqual(cold.model);
  expect(hit.warnings).toStrictEqual(cold.warnings);
  expect(hit.locations).toStrictEqual(cold.locations);
  expect(hit.diagnostics).toStrictEqual(cold.diagnostics);
  expect(hit.sources).toStrictEqual(cold.sources);
}

describe('the cache of loads', () => {
  it('gives back the same load, warnings, Location targets and files read, without loading', () => {
    const cwd = copyOf('fixtures/backstage-wild');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const l = loader(cwd, cache, ['catalog-info.yaml']);
    const cold = l.run();
    expect(cold.warnings.length).toBeGreaterThan(0);
    expect(cold.sources.length).toBeGreaterThan(5);
    expect(entries(cache)).toHaveLength(1);
    const hit = l.run();
    expect(l.cold()).toBe(1);
    expectSameLoad(hit, cold);
  });

  it('loads again when any file read changes, a file a Location names included (content, not time)', () => {
    const cwd = copyOf('fixtures/backstage-wild');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const l = loader(cwd, cache, ['catalog-info.yaml']);
    const first = l.run();
    // Same length, same modification time, other content.
    const named = join(cwd, 'all-systems.yaml');
    const before = statSync(named);
    const text = readFileSync(named, 'utf8');
    expect(text).toContain('name: ');
    writeFileSync(named, text.replace('name: ', 'name:\t'));
    utimesSync(named, before.atime, before.mtime);
    const second = l.run();
    expect(l.cold()).toBe(2);
    expect(second.sources.find((s) => s.path === 'all-systems.yaml')!.text).not.toBe(first.sources.find((s) => s.path === 'all-systems.yaml')!.text);
    l.run();
    expect(l.cold()).toBe(2);
  });

  it('loads again when a glob a Location names matches another file', () => {
    const cwd = copyOf('fixtures/backstage-wild');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const l = loader(cwd, cache, ['catalog-info.yaml']);
    const first = l.run();
    mkdirSync(join(cwd, 'org'), { recursive: true });
    writeFileSync(join(cwd, 'org', 'zz-team.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: zz-team\nspec:\n  type: team\n  children: []\n');
    const second = l.run();
    expect(l.cold()).toBe(2);
    expect(second.sources.map((s) => s.path)).toContain('org/zz-team.yaml');
    expect(first.sources.map((s) => s.path)).not.toContain('org/zz-team.yaml');
  });

  it('loads again for another file given, another working directory or other loader options', () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const sources = readSources(['.'], cwd);
    let cold = 0;
    const run = (request: Partial<CacheRequest>) =>
      cachedLoad(
        { directory: cache, cwd, sources, options: {}, follow: true, ...request },
        (files) => {
          cold++;
          return loadFollowingLocations(request.sources ?? sources, request.cwd ?? cwd, files, request.options ?? {});
        },
        LOCATION_FILES,
        CACHE_FILES,
      );
    run({});
    run({});
    expect(cold).toBe(1);
    run({ options: { backstageTypes: new Map([['service', 'queue']]) } });
    run({ cwd: join(cwd, '..') });
    run({ sources: sources.slice(1) });
    run({ follow: false });
    expect(cold).toBe(5);
  });

  it('ignores a truncated, corrupt or foreign entry, loads, and writes a good one', () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const l = loader(cwd, cache, ['.']);
    const cold = l.run();
    const [name] = entries(cache);
    const path = join(cache, name!);
    const good = readFileSync(path);
    const damaged = [
      good.subarray(0, good.length >> 1),
      Buffer.concat([good, Buffer.from('tail')]),
      Buffer.from('not a cache entry at all'),
      Buffer.alloc(0),
      flip(good, good.length - 3),
      flip(good, 60),
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      expectSameLoad(l.run(), cold);
      expect(decodeSnapshot(readFileSync(path))).toBeDefined();
    }
    expect(l.cold()).toBe(1 + damaged.length);
    l.run();
    expect(l.cold()).toBe(1 + damaged.length);
  });

  it('keeps at most MAX_ENTRIES entries and the size it is given, least recently used first', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'faultline-cache-'));
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    for (let i = 0; i < MAX_ENTRIES + 3; i++) {
      writeFileSync(join(cwd, 'm.yaml'), `apiVersion: faultline/v1\ncomponents:\n  c${i}: { kind: service }\n`);
      loader(cwd, cache, ['m.yaml']).run();
    }
    expect(entries(cache)).toHaveLength(MAX_ENTRIES);
    // A bound smaller than one entry keeps only the entry just written.
    writeFileSync(join(cwd, 'm.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  last: { kind: service }\n');
    loader(cwd, cache, ['m.yaml']).run(1);
    expect(entries(cache)).toHaveLength(1);
  });

  it('lives in FAULTLINE_CACHE_DIR, else the nearest node_modules/.cache, else XDG_CACHE_HOME or ~/.cache; off with FAULTLINE_NO_CACHE', () => {
    const cwd = join(ROOT, 'packages/cli/src');
    expect(cacheDirectory({ cwd, env: {} }, true, CACHE_FILES)).toBe(join(ROOT, 'packages/cli/node_modules/.cache/faultline'));
    expect(cacheDirectory({ cwd, env: { FAULTLINE_CACHE_DIR: 'here' } }, true, CACHE_FILES)).toBe(join(cwd, 'here'));
    const bare = mkdtempSync(join(tmpdir(), 'faultline-cache-'));
    expect(cacheDirectory({ cwd: bare, env: { XDG_CACHE_HOME: '/xdg', HOME: '/home/u' } }, true, CACHE_FILES)).toBe('/xdg/faultline');
    expect(cacheDirectory({ cwd: bare, env: { HOME: '/home/u' } }, true, CACHE_FILES)).toBe('/home/u/.cache/faultline');
    expect(cacheDirectory({ cwd: bare, env: {} }, true, CACHE_FILES)).toBeUndefined();
    expect(cacheDirectory({ cwd, env: { FAULTLINE_NO_CACHE: '1' } }, true, CACHE_FILES)).toBeUndefined();
    expect(cacheDirectory({ cwd, env: { FAULTLINE_NO_CACHE: '0' } }, true, CACHE_FILES)).toBeDefined();
    expect(cacheDirectory({ cwd, env: {} }, false, CACHE_FILES)).toBeUndefined();
  });

  it('is used by the commands, and --no-cache leaves it alone', async () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-cache-dir-'));
    const run = async (...args: string[]) => {
      const { fakeIo } = await import('./test-support.js');
      const { run: main } = await import('./program.js');
      const io = { ...fakeIo(cwd), env: { FAULTLINE_CACHE_DIR: cache } };
      const code = await main(args, io);
      return { code, out: io.out(), err: io.err() };
    };
    const plain = await cli(cwd, 'simulate', '.', '--fail', 'us-east-1');
    expect(await run('simulate', '.', '--fail', 'us-east-1', '--no-cache')).toEqual(plain);
    expect(entries(cache)).toHaveLength(0);
    expect(await run('simulate', '.', '--fail', 'us-east-1')).toEqual(plain);
    expect(entries(cache)).toHaveLength(1);
    expect(await run('simulate', '.', '--fail', 'us-east-1')).toEqual(plain);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x40;
  return copy;
}
