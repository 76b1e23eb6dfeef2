/**
 * The cache of results gives back exactly the answer it kept, only for the
 * same load and the same question, and treats anything else it finds as a
 * miss; the commands print the same from it as without it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availability, compile, lint, loadManifests, rankFailures, restoreRanking, rankingParts, type Model } from '@faultline/core';
import { cachedLoad, RESULT_SUFFIX, type CacheRequest } from './cache.js';
import { CACHE_FILES, LOCATION_FILES, readSources } from './io.js';
import { loadFollowingLocations, type FollowedLoad, type LocationFiles } from './locations.js';
import { answerBeforeLoad, cachedResult, serialized, type ResultCodec } from './result-cache.js';
import { AVAILABILITY_CODEC, LINT_CODEC, rankingCodec } from './result-codecs.js';
import { fakeIo } from './test-support.js';
import { run as main } from './program.js';

const ROOT = join(import.meta.dirname, '../../..');

function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-results-'));
  cpSync(join(ROOT, fixture), dir, { recursive: true });
  return dir;
}

function results(directory: string): string[] {
  return readdirSync(directory).filter((f) => f.endsWith(RESULT_SUFFIX));
}

function requestOf(cwd: string, directory: string, paths: readonly string[]): CacheRequest {
  return { directory, cwd, sources: readSources(paths, cwd), options: {}, follow: true };
}

function loadOf(request: CacheRequest): FollowedLoad {
  return cachedLoad(request, (files: LocationFiles) => loadFollowingLocations(request.sources, request.cwd, files, {}), LOCATION_FILES, CACHE_FILES);
}

/** An answer that says how often it was computed. */
const NUMBERS = serialized((v): v is { readonly n: number; readonly of: string } => typeof v === 'object' && v !== null && typeof (v as { n?: unknown }).n === 'number');

function asker(cwd: string, directory: string, paths: readonly string[]) {
  let computed = 0;
  const ask = (what = 'question') => cachedResult(loadOf(requestOf(cwd, directory, paths)), what, () => ({ n: ++computed, of: what }), NUMBERS, CACHE_FILES);
  return { ask, computed: () => computed };
}

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x40;
  return copy;
}

describe('the cache of results', () => {
  it('gives back the answer it kept for the same load and question, and computes another question', () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const a = asker(cwd, cache, ['.']);
    expect(a.ask()).toEqual({ n: 1, of: 'question' });
    expect(a.ask()).toEqual({ n: 1, of: 'question' });
    expect(a.ask('another')).toEqual({ n: 2, of: 'another' });
    expect(a.ask()).toEqual({ n: 1, of: 'question' });
    expect(results(cache)).toHaveLength(2);
  });

  it('computes again when a file changes, and has no answer without a cache', () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const a = asker(cwd, cache, ['.']);
    a.ask();
    const file = join(cwd, readdirSync(cwd).find((f) => f.endsWith('.yaml'))!);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# a comment changes the text\n`);
    expect(a.ask()).toEqual({ n: 2, of: 'question' });
    // A load the cache does not stand for (no directory: --no-cache) has nothing kept.
    const sources = readSources(['.'], cwd);
    let n = 0;
    const loaded = { ...loadManifests(sources), sources };
    cachedResult(loaded, 'question', () => ({ n: ++n, of: '' }), NUMBERS, CACHE_FILES);
    cachedResult(loaded, 'question', () => ({ n: ++n, of: '' }), NUMBERS, CACHE_FILES);
    expect(n).toBe(2);
  });

  it('answers before loading, with the files and warnings of the load, while the Location walk finds the same files', () => {
    const cwd = copyOf('fixtures/backstage-wild');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const request = requestOf(cwd, cache, ['catalog-info.yaml']);
    expect(answerBeforeLoad(request, 'question', NUMBERS, LOCATION_FILES, CACHE_FILES)).toBeUndefined();
    const loaded = loadOf(request);
    expect(loaded.warnings.length).toBeGreaterThan(0);
    cachedResult(loaded, 'question', () => ({ n: 1, of: 'question' }), NUMBERS, CACHE_FILES);
    const early = answerBeforeLoad(requestOf(cwd, cache, ['catalog-info.yaml']), 'question', NUMBERS, LOCATION_FILES, CACHE_FILES);
    expect(early?.value).toEqual({ n: 1, of: 'question' });
    expect(early?.warnings).toStrictEqual(loaded.warnings);
    expect(early?.sources).toStrictEqual(loaded.sources);
    expect(answerBeforeLoad(requestOf(cwd, cache, ['catalog-info.yaml']), 'another', NUMBERS, LOCATION_FILES, CACHE_FILES)).toBeUndefined();
    // A file a Location names changes: not in the key, but the walk's answers differ.
    const named = join(cwd, 'all-systems.yaml');
    writeFileSync(named, readFileSync(named, 'utf8').replace('name: ', 'name:  '));
    expect(answerBeforeLoad(requestOf(cwd, cache, ['catalog-info.yaml']), 'question', NUMBERS, LOCATION_FILES, CACHE_FILES)).toBeUndefined();
    expect(cachedResult(loadOf(requestOf(cwd, cache, ['catalog-info.yaml'])), 'question', () => ({ n: 2, of: 'question' }), NUMBERS, CACHE_FILES).n).toBe(2);
  });

  it('ignores a truncated, corrupt or foreign entry, computes, and writes a good one', () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const a = asker(cwd, cache, ['.']);
    a.ask();
    const path = join(cache, results(cache)[0]!);
    const good = readFileSync(path);
    const load = join(cache, readdirSync(cache).find((f) => f.endsWith('.faultline-load'))!);
    const damaged = [
      good.subarray(0, good.length >> 1),
      good.subarray(0, 20),
      Buffer.concat([good, Buffer.from('tail')]),
      Buffer.from('not a cache entry at all'),
      Buffer.alloc(0),
      flip(good, good.length - 3),
      flip(good, 30),
      flip(good, 70),
      readFileSync(load),
    ];
    for (const [i, bytes] of damaged.entries()) {
      writeFileSync(path, bytes);
      expect(a.ask(), `damage ${i}`).toEqual({ n: i + 2, of: 'question' });
      expect(readFileSync(path).length).toBe(good.length);
    }
    expect(a.ask()).toEqual({ n: damaged.length + 1, of: 'question' });
  });

  it('reads back what each command keeps from the file, computing it once (spof, availability, lint)', () => {
    for (const fixture of ['fixtures/example', 'fixtures/aws-2021.yaml']) {
      const cwd = copyOf(fixture.includes('.yaml') ? 'fixtures' : fixture);
      const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
      const paths = [fixture.includes('.yaml') ? fixture.replace('fixtures/', '') : '.'];
      const loaded = () => loadOf(requestOf(cwd, cache, paths));
      let computed = 0;
      const twice = <T>(what: string, compute: (model: Model) => T, codec: ResultCodec<T>): T[] =>
        [1, 2].map(() => {
          const load = loaded();
          const counted = (): T => {
            computed++;
            return compute(load.model!);
          };
          return cachedResult(load, what, counted, codec, CACHE_FILES);
        });
      const graph = compile(loaded().model!);
      const [rankedCold, rankedHit] = twice('spof', () => rankFailures(graph), rankingCodec(graph, {}));
      expect(rankedHit!.failures).toStrictEqual(rankedCold!.failures);
      const [availableCold, availableHit] = twice('availability', (m) => availability(compile(m)), AVAILABILITY_CODEC);
      expect(availableHit).toStrictEqual(availableCold);
      const [lintCold, lintHit] = twice('lint', (m) => lint(m), LINT_CODEC);
      expect(lintHit).toStrictEqual(lintCold);
      expect(computed, fixture).toBe(3);
    }
  });

  it('restores a ranking that answers as the one it was taken from', () => {
    for (const fixture of ['fixtures/example', 'fixtures/roblox-2021.yaml', 'fixtures/aws-2021.yaml']) {
      const sources = readSources([fixture], ROOT);
      const graph = compile(loadManifests(sources).model!);
      const ranking = rankFailures(graph);
      const codec = rankingCodec(graph, {});
      const restored = codec.decode(codec.encode(ranking)!)!;
      expect(restored.failures).toStrictEqual(ranking.failures);
      expect(restored.listed).toBe(ranking.listed);
      for (let i = 0; i < ranking.failures.length; i++) {
        expect(restored.detail(i)).toStrictEqual(ranking.detail(i));
        expect(restored.namedGates(i)).toStrictEqual(ranking.namedGates(i));
      }
      for (let v = 0; v < graph.size; v++) expect(restored.positionOf(v)).toBe(ranking.positionOf(v));
      const critical = [...graph.model.components.values()].filter((c) => c.critical).map((c) => c.id);
      for (const id of critical) expect(restored.killers(id)).toEqual(ranking.killers(id));
      // Parts that do not fit the graph are no ranking.
      const parts = rankingParts(ranking);
      expect(restoreRanking(graph, { ...parts, nodes: parts.nodes.map(() => 0) })).toBeUndefined();
      expect(restoreRanking(graph, { ...parts, nodes: parts.nodes.subarray(1) })).toBeUndefined();
    }
  });
});

describe('commands print the same from the cache of results', () => {
  /** Runs a command in `cwd` with the cache in `cache` (or none). */
  async function run(cwd: string, cache: string | undefined, ...args: string[]) {
    const io = { ...fakeIo(cwd), env: cache === undefined ? { FAULTLINE_NO_CACHE: '1' } : { FAULTLINE_CACHE_DIR: cache } };
    const code = await main(args, io);
    return { code, out: io.out(), err: io.err() };
  }

  const RUNS: readonly (readonly string[])[] = [
    ['spof', '--top', '5'],
    ['spof', '--format', 'json'],
    ['spof', '--format', 'markdown', '--all'],
    ['availability'],
    ['availability', '--format', 'json'],
    ['availability', '--method', 'montecarlo', '--trials', '2000', '--seed', '3'],
    ['availability', '--method', 'bounds', '--max-order', '1'],
    ['lint'],
    ['lint', '--format', 'json'],
    ['lint', '--format', 'sarif'],
  ];

  for (const fixture of ['fixtures/example', 'fixtures/roblox-2021.yaml', 'fixtures/backstage-wild']) {
    it(fixture, async () => {
      const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
      for (const [command, ...options] of RUNS) {
        const args = [command!, join(ROOT, fixture), ...options];
        const cold = await run(ROOT, undefined, ...args);
        expect(await run(ROOT, cache, ...args), `${args.join(' ')} (writes)`).toEqual(cold);
        expect(await run(ROOT, cache, ...args), `${args.join(' ')} (from the cache)`).toEqual(cold);
      }
      // spof text and json rank with different victim lists; availability keeps one answer per set of options
      // that changes it (text and json ask the same), lint one whatever the format.
      expect(results(cache)).toHaveLength(2 + 3 + 1);
    });
  }

  it('answers again when an option or the config changes the answer, and applies the baseline each time', async () => {
    const cwd = copyOf('fixtures/example');
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const both = async (...args: string[]) => {
      const cold = await run(cwd, undefined, ...args);
      expect(await run(cwd, cache, ...args), args.join(' ')).toEqual(cold);
      expect(await run(cwd, cache, ...args), args.join(' ')).toEqual(cold);
      return cold;
    };
    const seed1 = await both('availability', '.', '--method', 'montecarlo', '--trials', '3000', '--format', 'json');
    const seed2 = await both('availability', '.', '--method', 'montecarlo', '--trials', '3000', '--seed', '2', '--format', 'json');
    expect(seed2.out).not.toBe(seed1.out);
    const lint = await both('lint', '.', '--format', 'json');
    const findings = (JSON.parse(lint.out) as { findings: { rule: string }[] }).findings;
    const rule = findings[0]!.rule;
    // The config switches the first finding's rule off: another answer, then the first again.
    writeFileSync(join(cwd, 'faultline.config.yaml'), `rules:\n  ${rule}: off\n`);
    const off = await both('lint', '.', '--format', 'json');
    expect((JSON.parse(off.out) as { findings: { rule: string }[] }).findings.some((f) => f.rule === rule)).toBe(false);
    writeFileSync(join(cwd, 'faultline.config.yaml'), `rules:\n  ${rule}: warn\n`);
    const warn = await both('lint', '.', '--format', 'json');
    expect(warn.out).not.toBe(off.out);
    expect(await both('lint', '.', '--format', 'json', '--no-config')).toEqual(lint);
    // A baseline is applied to the cached findings, and a changed baseline is read again.
    writeFileSync(join(cwd, 'faultline.config.yaml'), 'rules: {}\n');
    expect((await run(cwd, cache, 'lint', '.', '--write-baseline', 'base.json')).code).toBe(0);
    const baselined = await both('lint', '.', '--baseline', 'base.json');
    expect(baselined.code).toBe(0);
    writeFileSync(join(cwd, 'base.json'), readFileSync(join(cwd, 'base.json'), 'utf8').replace(`"rule": "${rule}"`, '"rule": "no-such-rule"'));
    expect((await both('lint', '.', '--baseline', 'base.json')).out).not.toBe(baselined.out);
  });

  it('--no-cache and FAULTLINE_NO_CACHE keep no result', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'faultline-results-dir-'));
    const io = { ...fakeIo(ROOT), env: { FAULTLINE_CACHE_DIR: cache } };
    await main(['spof', 'fixtures/example', '--no-cache'], io);
    await main(['lint', 'fixtures/example', '--no-cache'], io);
    await main(['availability', 'fixtures/example', '--no-cache'], io);
    expect(readdirSync(cache)).toEqual([]);
  });
});
