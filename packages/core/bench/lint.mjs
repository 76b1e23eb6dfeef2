#!/usr/bin/env node
/**
 * `faultline lint` at scale
 * =========================
 *
 * Lints the seeded synthetic manifests of the main benchmark (`generate.mjs`:
 * regions, zones, replicas, quorum groups, cache pairs, hubs, a few cycles)
 * with every rule, on the built core (`packages/core/dist`), and prints a
 * markdown table of medians (ms):
 *
 * - load: parse and validate the YAML text;
 * - lint: every rule at its default, on an already compiled graph, including
 *   the ones that rank every single failure (`rankFailures` + killers) and
 *   simulate each region;
 * - load + lint: what `faultline lint` costs end to end, minus printing;
 * - the slowest rules, each timed on its own with a fresh context.
 *
 * Usage: node --expose-gc packages/core/bench/lint.mjs [--sizes 1000,10000] [--runs N]
 * The issue's target: 10,000 components lint in seconds on a 2-core machine.
 */
import { cpus } from 'node:os';
import { compile, lint, loadManifests, RULES } from '../dist/index.js';
import { LintContext } from '../dist/lint/context.js';
import { generate } from './generate.mjs';
import { count, measure, ms, option, table } from './harness.mjs';

const sizes = option('--sizes')?.split(',').map(Number) ?? [1_000, 10_000];
const runsFor = (size) => Number(option('--runs') ?? (size <= 10_000 ? 5 : 3));

const rows = table(sizes);
const put = rows.put;

for (const size of sizes) {
  const runs = runsFor(size);
  const { files, components } = generate(size, 1);
  process.stderr.write(`bench lint: ${count(components)} components, ${runs} runs each…\n`);
  const load = measure(runs, () => loadManifests(files));
  const model = load.result.model;
  if (!model) throw new Error(`bench: the generated manifest did not load: ${load.result.diagnostics[0]?.message}`);
  const graph = compile(model);
  const linted = measure(runs, () => lint(model, { graph }));
  const total = measure(runs, () => lint(loadManifests(files).model));
  const perRule = Object.entries(RULES).map(([id, rule]) => {
    const timed = measure(runs, () => rule.check(new LintContext(model, graph), rule.options.parse({})));
    return { id, ms: timed.ms };
  });
  perRule.sort((a, b) => b.ms - a.ms);
  const byRule = new Map();
  for (const f of linted.result.findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);

  put('components', size, count(components));
  put('engine nodes / edges', size, `${count(graph.size)} / ${count(graph.inputs.length)}`);
  put('**load** (parse + validate)', size, ms(load.ms));
  put('**lint**, every rule (compiled graph given)', size, ms(linted.ms));
  put('**load + compile + lint** (`faultline lint` minus printing)', size, ms(total.ms));
  perRule.slice(0, 3).forEach((r, i) => put(`slowest rule #${i + 1}`, size, `${r.id} ${ms(r.ms)}`));
  put('findings', size, `${count(linted.result.findings.length)} (${[...byRule].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, n]) => `${id} ${count(n)}`).join(', ')})`);
}

const cpu = cpus();
process.stdout.write(`${rows.markdown(`faultline lint bench — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}; median ms of ${sizes.map(runsFor).join('/')} runs`)}\n`);
