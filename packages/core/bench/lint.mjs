#!/usr/bin/env node
/**
 * `faultline lint` at scale
 * =========================
 *
 * `lintCases(files, model, graph, helpers)` lints the seeded synthetic
 * manifests of the main benchmark (`generate.mjs`: regions, zones, replicas,
 * quorum groups, cache pairs, hubs, a few cycles) with every rule, on the
 * built core (`packages/core/dist`), and times:
 *
 * - load + compile + lint: what `faultline lint` costs end to end, minus
 *   printing;
 * - the slowest rules, each timed on its own with a fresh context.
 *
 * (`run.mjs` times load and lint on a compiled graph itself.) `run.mjs`
 * calls it once per generated size; run alone, it generates the manifests
 * itself and prints its own table, load and lint included:
 *
 *   node --expose-gc packages/core/bench/lint.mjs [--sizes 1000,10000] [--runs N]
 *
 * The target: 10,000 components lint in seconds on a 2-core machine.
 */
import { compile, lint, loadManifests, RULES } from '../dist/index.js';
import { LintContext } from '../dist/lint/context.js';

/**
 * Times the end-to-end lint and each rule on one model and reports rows.
 * @param {{ path: string, text: string }[]} files the manifest texts
 * @param {import('../dist/index.js').Model} model the loaded model
 * @param {import('../dist/index.js').CompiledGraph} graph the compiled model
 * @param {{
 *   measure: (runs: number, fn: () => unknown) => { ms: number, result: any },
 *   runs: number,
 *   put: (label: string, text: string, value?: number) => void,
 *   ms: (x: number) => string,
 * }} helpers `measure` returns the median time of `runs` calls and the last result; `put` adds a table cell for this size
 */
export function lintCases(files, model, graph, { measure, runs, put, ms }) {
  const total = measure(runs, () => lint(loadManifests(files).model));
  const perRule = Object.entries(RULES).map(([id, rule]) => {
    const timed = measure(runs, () => rule.check(new LintContext(model, graph), rule.options.parse({})));
    return { id, ms: timed.ms };
  });
  perRule.sort((a, b) => b.ms - a.ms);
  put('**load + compile + lint** (`faultline lint` minus printing)', ms(total.ms), total.ms);
  perRule.slice(0, 3).forEach((r, i) => put(`slowest rule #${i + 1}`, `${r.id} ${ms(r.ms)}`));
}

/** Stand-alone run: generate, load, compile, lint; a markdown table on stdout. */
async function main() {
  const { generate } = await import('./generate.mjs');
  const { count, machine, measure, ms, option, table } = await import('./harness.mjs');
  const sizes = option('--sizes')?.split(',').map(Number) ?? [1_000, 10_000];
  const runsFor = (size) => Number(option('--runs') ?? (size <= 10_000 ? 5 : 3));
  const rows = table(sizes);
  for (const size of sizes) {
    const runs = runsFor(size);
    const { files, components } = generate(size, 1);
    process.stderr.write(`bench lint: ${count(components)} components, ${runs} runs each…\n`);
    const load = measure(runs, () => loadManifests(files));
    const model = load.result.model;
    if (!model) throw new Error(`bench: the generated manifest did not load: ${load.result.diagnostics[0]?.message}`);
    const graph = compile(model);
    const linted = measure(runs, () => lint(model, { graph }));
    const byRule = new Map();
    for (const f of linted.result.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    const put = (label, text, value) => rows.put(label, size, text, value);
    put('components', count(components));
    put('engine nodes / edges', `${count(graph.size)} / ${count(graph.inputs.length)}`);
    put('**load** (parse + validate)', ms(load.ms), load.ms);
    put('**lint**, every rule (compiled graph given)', ms(linted.ms), linted.ms);
    lintCases(files, model, graph, { measure, runs, put, ms });
    put(
      'findings',
      `${count(linted.result.findings.length)} (${[...byRule]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([id, n]) => `${id} ${count(n)}`)
        .join(', ')})`,
    );
  }
  process.stdout.write(`${rows.markdown(`faultline lint bench — ${machine()}; median ms of ${sizes.map(runsFor).join('/')} runs`)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
