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

/**
 * The scaling exponent k of t ∝ size^k between two measured sizes: 1 is
 * linear, 2 quadratic. Undefined when either time is missing or not positive.
 */
export function exponent(t1, t2, size1, size2) {
  if (!(t1 > 0) || !(t2 > 0)) return undefined;
  return Math.log(t2 / t1) / Math.log(size2 / size1);
}

/**
 * Rows of cells by size; `markdown(title)` prints them, one column per size.
 * A cell put with a number (`put(label, size, text, value)`) also counts for
 * the scaling exponent: when both 10,000 and 100,000 components were
 * measured, the table gains a last column, the exponent k of t ∝ size^k
 * between them, for every row with both numbers.
 */
export function table(sizes) {
  const rows = new Map();
  const values = new Map();
  const [from, to] = [10_000, 100_000];
  const scaling = sizes.includes(from) && sizes.includes(to);
  return {
    put(label, size, text, value) {
      if (!rows.has(label)) rows.set(label, new Map());
      rows.get(label).set(size, text);
      if (value !== undefined) {
        if (!values.has(label)) values.set(label, new Map());
        values.get(label).set(size, value);
      }
    },
    /** The exponent 10,000 → 100,000 of a row, when both were measured. */
    exponent(label) {
      const v = values.get(label);
      return scaling && v ? exponent(v.get(from), v.get(to), from, to) : undefined;
    },
    markdown(title) {
      const header = ['', ...sizes.map(count), ...(scaling ? ['exponent 10k → 100k'] : [])];
      const k = (label) => {
        const e = this.exponent(label);
        return e === undefined ? '' : e.toFixed(2);
      };
      return [
        title,
        '',
        `| ${header.join(' | ')} |`,
        `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
        ...[...rows].map(([label, cells]) => `| ${label} | ${[...sizes.map((s) => cells.get(s) ?? ''), ...(scaling ? [k(label)] : [])].join(' | ')} |`),
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

/** README.md, whose speed section holds a short table the benchmark writes too. */
export const README = new URL('../../../README.md', import.meta.url);

/**
 * Replaces the text between `<!-- bench:name -->` and `<!-- /bench:name -->`
 * in docs/speed.md (or `file`). Throws when the markers are missing, so the
 * page's hand-written parts are never lost.
 */
export function writeSection(name, markdown, file = SPEED_PAGE) {
  const page = readFileSync(file, 'utf8');
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const from = page.indexOf(open);
  const to = page.indexOf(close);
  const shown = file === SPEED_PAGE ? 'docs/speed.md' : file === README ? 'README.md' : String(file);
  if (from < 0 || to < from) throw new Error(`bench: ${shown} has no ${open} … ${close} section`);
  writeFileSync(file, `${page.slice(0, from + open.length)}\n${markdown.trim()}\n${page.slice(to)}`);
  process.stderr.write(`bench: wrote the ${name} section of ${shown}\n`);
}
