/**
 * The benchmark scripts' shared harness
 * =====================================
 *
 * Command-line options, a median timer that collects garbage between runs
 * (node --expose-gc, as `pnpm bench` runs), a markdown table with one
 * column per manifest size, and the writer of docs/speed.md: the one file
 * the documentation takes speed figures from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const args = process.argv.slice(2);

/** The value after `--name`, or undefined. */
export function option(name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** True when `--name` was given. */
export function flag(name) {
  return args.includes(name);
}

const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};

/**
 * Median time of `runs` calls, in ms, and the last result. The previous
 * result is dropped before each run: a CLI holds one model, not one beside the last.
 * @param {() => number} clock milliseconds (wall-clock by default)
 */
export function measure(runs, fn, clock = () => performance.now()) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    result = undefined;
    collect();
    const t = clock();
    result = fn();
    times.push(clock() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor((runs - 1) / 2)], result };
}

export const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const count = (n) => n.toLocaleString('en-US');

/** Rows of cells by size; `markdown(title)` prints them, one column per size. */
export function table(sizes) {
  const rows = new Map();
  return {
    put(label, size, value) {
      if (!rows.has(label)) rows.set(label, new Map());
      rows.get(label).set(size, value);
    },
    markdown(title) {
      const header = ['', ...sizes.map(count)];
      return [
        title,
        '',
        `| ${header.join(' | ')} |`,
        `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
        ...[...rows].map(([label, values]) => `| ${label} | ${sizes.map((s) => values.get(s) ?? '').join(' | ')} |`),
      ].join('\n');
    },
  };
}

/** The generated page of measured figures. */
export const SPEED_PAGE = new URL('../../../docs/speed.md', import.meta.url);

/** Node, cores, processor and memory: the machine a table was measured on. */
export function machine() {
  const cpu = cpus();
  return `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB`;
}

/**
 * Replaces the text between `<!-- bench:name -->` and `<!-- /bench:name -->`
 * in docs/speed.md. Throws when the markers are missing, so the page's
 * hand-written parts are never lost.
 */
export function writeSection(name, markdown) {
  const page = readFileSync(SPEED_PAGE, 'utf8');
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const from = page.indexOf(open);
  const to = page.indexOf(close);
  if (from < 0 || to < from) throw new Error(`bench: docs/speed.md has no ${open} … ${close} section`);
  writeFileSync(SPEED_PAGE, `${page.slice(0, from + open.length)}\n${markdown.trim()}\n${page.slice(to)}`);
  process.stderr.write(`bench: wrote the ${name} section of docs/speed.md\n`);
}
