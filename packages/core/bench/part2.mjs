#!/usr/bin/env node
/**
 * Benchmark cases for `cutSets` and `availability`
 * ================================================
 *
 * `part2Cases(model, graph, helpers)` times, on the built core
 * (`packages/core/dist`):
 *
 * - cutsets: the minimal cut sets of order ≤ 2 of one critical target, the
 *   first critical component in model order (the oldest entry point:
 *   usually the one with the deepest cone), with their chains;
 * - availability: every critical component analytically ('auto': enumeration
 *   or a BDD over its cut sets, with the methods that answered and the widest
 *   interval), then 10,000 Monte Carlo trials over every critical component,
 *   importance included (seed 1).
 *
 * `run.mjs` calls it once per generated size with its own helpers (it
 * returns the availability median, which run.mjs judges against its budget). Run
 * alone, it generates the manifests itself and prints its own table:
 *
 *   node --expose-gc packages/core/bench/part2.mjs [--sizes 1000,10000,100000] [--runs N]
 *
 * Budgets (issue #4, 100,000 components on the 2-core benchmark machine):
 * availability 10,000 trials ≤ 5 s; cutsets order 2 "fast" (about a second
 * at 10,000 components for every command).
 */
import { availability, compile, cutSets, loadManifests } from '../dist/index.js';

/**
 * Times the cut-set and availability cases on one model and reports rows.
 * @param {import('../dist/index.js').Model} model
 * @param {import('../dist/index.js').CompiledGraph} graph the compiled model
 * @param {{
 *   measure: (runs: number, fn: () => unknown) => { ms: number, result: any },
 *   runs: number,
 *   put: (label: string, text: string, value?: number) => void,
 *   ms: (x: number) => string,
 *   count: (n: number) => string,
 * }} helpers `measure` returns the median time of `runs` calls and the last result; `put` adds a table cell for this size
 */
export async function part2Cases(model, graph, { measure, runs, put, ms, count }) {
  const target = [...model.components.values()].find((c) => c.critical)?.id;
  if (target === undefined) throw new Error('bench: the model has no critical component');
  const cuts = measure(runs, () => cutSets(graph, target, { maxOrder: 2 }));
  const cs = cuts.result;
  put('**cutsets** order ≤ 2, one critical target (with chains)', ms(cuts.ms), cuts.ms);
  put('cutsets target: singles / pairs (steps)', `${target}: ${count(cs.counts[0])} / ${count(cs.counts[1])} (${count(cs.steps)} steps${cs.truncated ? ', truncated' : ''})`);

  const exact = measure(Math.min(runs, 3), () => availability(graph));
  const ex = exact.result;
  const by = new Map();
  for (const c of ex.components) by.set(c.method, (by.get(c.method) ?? 0) + 1);
  const widest = ex.components.reduce((w, c) => Math.max(w, (c.high - c.low) / c.unavailability), 0);
  put('**availability** auto (analytic), every critical component', ms(exact.ms), exact.ms);
  put('availability auto: answered by / widest interval (relative)', `${[...by].map(([method, n]) => `${method} ${count(n)}`).join(', ')} / ${widest.toExponential(1)}`);
  const avail = measure(runs, () => availability(graph, { method: 'montecarlo', trials: 10_000, seed: 1 }));
  const av = avail.result;
  const worst = ex.components[0];
  put('**availability** Monte Carlo 10,000 trials, every critical component', ms(avail.ms), avail.ms);
  put(
    'availability: components / possible failures / least available',
    `${count(av.components.length)} / ${count(av.events)} / ${worst ? `${worst.id} ${(worst.availability * 100).toFixed(4)} % (${worst.method})` : '–'}`,
  );
  return avail.ms;
}

/** Stand-alone run: generate, load, compile, then the cases; a markdown table on stdout. */
async function main() {
  const { generate } = await import('./generate.mjs');
  const { count, measure, ms, option, table } = await import('./harness.mjs');
  const sizes = option('--sizes')?.split(',').map(Number) ?? [1_000, 10_000, 100_000];
  const runsFor = (size) => Number(option('--runs') ?? (size <= 10_000 ? 7 : 3));
  const rows = table(sizes);
  for (const size of sizes) {
    const { files, components } = generate(size, 1);
    process.stderr.write(`part2: ${count(components)} components…\n`);
    const model = loadManifests(files).model;
    if (!model) throw new Error('bench: the generated manifest did not load');
    const graph = compile(model);
    const put = (label, text, value) => rows.put(label, size, text, value);
    put('engine nodes / edges', `${count(graph.size)} / ${count(graph.inputs.length)}`);
    await part2Cases(model, graph, { measure, runs: runsFor(size), put, ms, count });
  }
  const title = `faultline part2 bench — Node ${process.version}; median wall-clock ms of ${sizes.map(runsFor).join('/')} runs; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
  process.stdout.write(`${rows.markdown(title)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
