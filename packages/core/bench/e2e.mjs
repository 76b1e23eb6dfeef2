#!/usr/bin/env node
/**
 * End to end: whole `faultline` processes
 * =======================================
 *
 * Users run processes, not functions: start-up, reading, parsing,
 * validating, compiling, the analysis, formatting and writing. This part of
 * the benchmark writes the seeded manifests of `generate.mjs` to a temporary
 * directory and starts the built CLI (`packages/cli/bin/faultline.js`) on
 * them, each process alone, and times:
 *
 * - `node -e 0`: a bare Node.js start;
 * - the floor: a process that reads the same files and parses them with
 *   js-yaml (`floor.mjs`), the parser faultline's loader is built on;
 * - `faultline --version`;
 * - `simulate --fail r0-az0` (one zone), `spof`, `availability` and `lint`,
 *   each **cold** (a fresh, empty FAULTLINE_CACHE_DIR), **cached** (a
 *   second run with the same directory, as when nothing changed) and
 *   **edited** (a third, after the loads and results are removed from it and
 *   the compiled code is kept, as after an edit of the manifests).
 *
 * Every process runs with `--require usage.cjs`, which reports its CPU time
 * and peak resident memory at exit. Each row gives the median time and its
 * ratio to the floor of the same size, the peak memory, and the scaling
 * exponent between 10,000 and 100,000 components when both were measured.
 * The targets below the table are judged on the run's figures.
 *
 * `run.mjs` (`pnpm bench`) runs this after the engine's part, unless
 * `--no-e2e`; alone, it runs this part only and writes its sections of
 * docs/speed.md and README.md:
 *
 *   node packages/core/bench/e2e.mjs [--quick] [--cpu] [--e2e-sizes 1000,20000] [--e2e-runs N] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { count, flag, machine, ms, option, README, table, writeSection } from './harness.mjs';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const CLI = here('../../cli/bin/faultline.js');
const BUNDLE = here('../../cli/dist/faultline.cjs');
const USAGE = here('./usage.cjs');
const FLOOR = here('./floor.mjs');

/**
 * The sizes of this part: --e2e-sizes, else --sizes, else 1,000, 10,000, 20,000
 * (a size the targets name) and 100,000 components (1,000 and 10,000 with --quick).
 */
export function e2eSizes() {
  return (option('--e2e-sizes') ?? option('--sizes'))?.split(',').map(Number) ?? (flag('--quick') ? [1_000, 10_000] : [1_000, 10_000, 20_000, 100_000]);
}
const runsFor = (size) => Number(option('--e2e-runs') ?? (flag('--quick') ? (size <= 1_000 ? 3 : 1) : size <= 1_000 ? 5 : size <= 20_000 ? 3 : 1));

/** The commands, each one process; `cached` ones run twice per cache directory. */
function cases(dir, files) {
  return [
    { label: '`node -e 0`', argv: ['-e', '0'] },
    { label: 'floor: read + js-yaml parse', argv: [FLOOR, ...files], floor: true },
    { label: '`faultline --version`', argv: [CLI, '--version'] },
    { label: '`simulate --fail r0-az0`', argv: [CLI, 'simulate', dir, '--fail', 'r0-az0'], cached: true },
    { label: '`spof`', argv: [CLI, 'spof', dir], cached: true },
    { label: '`availability`', argv: [CLI, 'availability', dir], cached: true },
    { label: '`lint`', argv: [CLI, 'lint', dir], cached: true },
  ];
}

/** One process: wall-clock ms, CPU ms and peak RSS (MB). Exit codes 0 and 1 (findings) are fine; 2 or a signal is not. */
function runOnce(argv, cwd, cacheDir) {
  const usageFile = join(cwd, `usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const env = { ...process.env, FAULTLINE_BENCH_USAGE: usageFile, FAULTLINE_CACHE_DIR: cacheDir, XDG_CACHE_HOME: cacheDir };
  delete env.FAULTLINE_NO_CACHE;
  delete env.NODE_OPTIONS;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', USAGE, ...argv], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t;
  if (r.error || r.signal || (r.status ?? 2) > 1) {
    throw new Error(`bench e2e: ${argv.join(' ')} failed (${r.error?.message ?? r.signal ?? `exit ${r.status}`}): ${String(r.stderr).slice(0, 500)}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  rmSync(usageFile, { force: true });
  return { wallMs, cpuMs: usage.cpuMs, rssMB: usage.rssMB };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Measures every case at every size and returns the tables and the judged
 * targets as markdown.
 * @param {number[]} sizes
 * @param {{ cpu: boolean }} options `cpu`: report the processes' CPU time instead of wall-clock time
 */
export function e2eCases(sizes, { cpu }) {
  if (!existsSync(BUNDLE)) throw new Error('bench e2e: the CLI is not built (run "npx --yes pnpm@10 -r build")');
  // Both clocks from the same processes: the one asked for first, the other beside it.
  const clocks = cpu ? ['cpuMs', 'wallMs'] : ['wallMs', 'cpuMs'];
  const times = new Map(clocks.map((c) => [c, table(sizes)]));
  const memory = table(sizes);
  /** clock → label → size → median ms. */
  const figures = new Map(clocks.map((c) => [c, new Map()]));
  const rss = new Map();
  const root = mkdtempSync(join(tmpdir(), 'faultline-bench-e2e-'));
  try {
    for (const size of sizes) {
      const runs = runsFor(size);
      const { files, components } = generate(size, 1);
      const dir = join(root, `bench-${size}`);
      mkdirSync(dir);
      const paths = files.map((f) => {
        const path = join(dir, f.path.split('/').pop());
        writeFileSync(path, f.text);
        return path;
      });
      process.stderr.write(`bench e2e: ${count(components)} components, ${paths.length} files, ${runs} run(s) of each process…\n`);
      const samples = new Map();
      const record = (label, u) => {
        if (!samples.has(label)) samples.set(label, []);
        samples.get(label).push(u);
      };
      for (const c of cases(dir, paths)) {
        for (let i = 0; i < runs; i++) {
          const cacheDir = mkdtempSync(join(root, 'cache-'));
          record(c.cached ? `${c.label} cold` : c.label, runOnce(c.argv, dir, cacheDir));
          if (c.cached) {
            record(`${c.label} cached`, runOnce(c.argv, dir, cacheDir));
            // An edited manifest: the loads and results are gone, the compiled code (`code/`) is not.
            for (const entry of readdirSync(cacheDir)) if (entry !== 'code') rmSync(join(cacheDir, entry), { recursive: true, force: true });
            record(`${c.label} edited`, runOnce(c.argv, dir, cacheDir));
          }
          rmSync(cacheDir, { recursive: true, force: true });
        }
      }
      for (const clock of clocks) {
        const floor = median(samples.get('floor: read + js-yaml parse').map((u) => u[clock]));
        for (const [label, us] of samples) {
          const t = median(us.map((u) => u[clock]));
          const byLabel = figures.get(clock);
          if (!byLabel.has(label)) byLabel.set(label, new Map());
          byLabel.get(label).set(size, t);
          const ratio = label.startsWith('`node') || label.startsWith('floor') ? '' : ` (${(t / floor).toFixed(1)}×)`;
          times.get(clock).put(label, size, `${ms(t)}${ratio}`, t);
        }
      }
      for (const [label, us] of samples) {
        const m = median(us.map((u) => u.rssMB));
        if (!rss.has(label)) rss.set(label, new Map());
        rss.get(label).set(size, m);
        memory.put(label, size, `${m.toFixed(0)}`, m);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const name = (clock) => (clock === 'cpuMs' ? 'CPU' : 'wall-clock');
  const [first, second] = clocks;
  return {
    times: times.get(first).markdown('').trim(),
    otherTimes: times.get(second).markdown('').trim(),
    memory: memory.markdown('').trim(),
    targets: targets(figures.get(first), rss, times.get(first), name(first)),
    otherTargets: targets(figures.get(second), rss, times.get(second), name(second)),
    readme: readmeTable(sizes, figures.get(first), rss),
    runs: sizes.map(runsFor).join('/'),
    clockName: name(first),
    otherClockName: name(second),
  };
}

/** The end-to-end targets, judged on the measured sizes only. */
function targets(figures, rss, times, clockName) {
  const at = (label, size) => figures.get(label)?.get(size);
  const floorAt = (size) => at('floor: read + js-yaml parse', size);
  const ok = (good) => (good ? '✓' : '✗');
  const sec = (x) => `${(x / 1000).toFixed(1)} s`;
  const lines = [];
  for (const size of [20_000, 100_000]) {
    const floor = floorAt(size);
    if (floor === undefined) continue;
    const cold = at('`simulate --fail r0-az0` cold', size) / floor;
    const cached = at('`simulate --fail r0-az0` cached', size) / floor;
    lines.push(`- ${count(size)}: \`simulate\` cold ≤ 2× the floor: ${cold.toFixed(1)}× ${ok(cold <= 2)}; cached ≤ 1×: ${cached.toFixed(1)}× ${ok(cached <= 1)}`);
  }
  if (floorAt(100_000) !== undefined) {
    const lint = at('`lint` cold', 100_000);
    const spof = at('`spof` cold', 100_000);
    const avail = at('`availability` cold', 100_000);
    const cachedMax = ['`simulate --fail r0-az0`', '`spof`', '`availability`', '`lint`'].reduce((m, c) => Math.max(m, at(`${c} cached`, 100_000)), 0);
    let peak = 0;
    for (const bySize of rss.values()) peak = Math.max(peak, bySize.get(100_000) ?? 0);
    lines.push(
      `- 100,000: \`lint\` cold ≤ 10 s: ${sec(lint)} ${ok(lint <= 10_000)}; \`spof\` / \`availability\` cold ≤ 8 s: ${sec(spof)} / ${sec(avail)} ${ok(spof <= 8000 && avail <= 8000)}`,
    );
    lines.push(`- 100,000: every command cached ≤ 3 s: slowest ${sec(cachedMax)} ${ok(cachedMax <= 3000)}; peak RSS ≤ 1.5 GB: ${(peak / 1024).toFixed(2)} GB ${ok(peak <= 1536)}`);
  }
  const node = at('`node -e 0`', 1_000);
  if (node !== undefined) {
    const limit = 2 * node + 100;
    let slowest = ['', 0];
    for (const [label, bySize] of figures) {
      if (!label.startsWith('`node') && !label.startsWith('floor') && (bySize.get(1_000) ?? 0) > slowest[1]) slowest = [label, bySize.get(1_000)];
    }
    lines.push(`- 1,000: every command ≤ 2× \`node -e 0\` + 100 ms (${ms(limit)} ms): slowest ${slowest[0]} ${ms(slowest[1])} ms ${ok(slowest[1] <= limit)}`);
  }
  const over = [];
  let judged = 0;
  for (const label of figures.keys()) {
    const k = times.exponent(label);
    if (k === undefined || label.startsWith('`node') || label.includes('--version')) continue;
    judged++;
    if (k > 1.1) over.push(`${label} ${k.toFixed(2)}`);
  }
  if (judged > 0)
    lines.push(`- scaling exponent 10,000 → 100,000 ≤ 1.1: ${judged - over.length} of ${judged} rows ${ok(over.length === 0)}${over.length ? ` (over: ${over.join(', ')})` : ''}`);
  return lines.length ? [`Targets (${clockName} time, 2-core machine):`, '', ...lines].join('\n') : '';
}

/** README's short table: the floor, one zone's simulation cold and cached, the heavier commands cold, the peak memory. */
function readmeTable(sizes, figures, rss) {
  const rows = [
    ['`node -e 0`', '`node -e 0`'],
    ['floor: read + js-yaml parse', 'js-yaml parse of the files'],
    ['`simulate --fail r0-az0` cold', '`simulate` one zone'],
    ['`simulate --fail r0-az0` cached', '`simulate`, unchanged files'],
    ['`spof` cold', '`spof`'],
    ['`availability` cold', '`availability`'],
    ['`lint` cold', '`lint`'],
  ];
  const sec = (x) => (x === undefined ? '' : x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);
  const lines = [`| | ${sizes.map(count).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`];
  for (const [label, shown] of rows) lines.push(`| ${shown} | ${sizes.map((s) => sec(figures.get(label)?.get(s))).join(' | ')} |`);
  lines.push(`| peak memory | ${sizes.map((s) => `${[...rss.values()].reduce((top, m) => Math.max(top, m.get(s) ?? 0), 0).toFixed(0)} MB`).join(' | ')} |`);
  return lines.join('\n');
}

/** The sections of docs/speed.md and README.md, from one result of `e2eCases`. */
export function writeE2e(result, sizes, command) {
  const title = `${machine()}, load average at start ${loadavg()[0].toFixed(1)}; median ${result.clockName} ms of ${result.runs} runs of each process`;
  const sized = option('--e2e-sizes') || option('--sizes') || flag('--quick') ? ` Sizes: ${sizes.map(count).join(', ')} components only, not the full 1,000–100,000.` : '';
  const day = new Date().toISOString().slice(0, 10);
  writeSection(
    'e2e',
    [
      `Measured on ${day} with \`${command}\`, on ${title}.${sized} In brackets: the ratio to the floor (read + js-yaml parse) of the same size.`,
      '',
      result.times,
      '',
      `The same processes in ${result.otherClockName} time (on 2 cores, a process's CPU time counts the collector's and compiler's threads too, so it can exceed its wall-clock time):`,
      '',
      result.otherTimes,
      '',
      'Peak resident memory (MB) of the same processes:',
      '',
      result.memory,
      '',
      result.targets,
      '',
      result.otherTargets,
    ].join('\n'),
  );
  writeSection(
    'readme',
    [
      `Whole \`faultline\` processes on generated manifests, ${result.clockName} time, measured on ${day} on ${machine()} by \`${command}\`; more rows, ratios and the engine's own figures in [docs/speed.md](docs/speed.md):`,
      '',
      result.readme,
    ].join('\n'),
    README,
  );
}

/** Stand-alone run: this part only. */
function main() {
  const sizes = e2eSizes();
  const result = e2eCases(sizes, { cpu: flag('--cpu') });
  process.stdout.write(`faultline bench, end to end\n\n${result.times}\n\n${result.otherTimes}\n\n${result.memory}\n\n${result.targets}\n\n${result.otherTargets}\n\n`);
  if (!flag('--no-write')) writeE2e(result, sizes, `node packages/core/bench/e2e.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
