/**
 * `faultline cutsets <paths…> --target X [--max-order 2] [--budget N] [--top N] [--format text|json|markdown]`
 *
 * The minimal sets of failures (components and placements `id@domain`)
 * that take one component down: its single points of failure, the pairs
 * redundancy was meant to survive one of, and, on request, larger sets
 * within a step budget. Exit 0 (a report, also when the budget cut the
 * search short: every format says so), 2 on invalid input.
 */
import { Option, type Command } from 'commander';
import { compile, cutSets, resolveRef, CUTSETS_BUDGET, CUTSETS_FORMAT_NAMES, CUTSETS_FORMATTERS, type CutSetsFormatName } from '@faultline/core';
import { loadPaths, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { outputOption, printReport } from './output.js';
import { wholeNumber, configOption, noConfigOption, noCacheOption } from '../options.js';

interface CutSetsOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly target: string;
  readonly maxOrder: number;
  readonly budget: number;
  readonly maxSeconds: number;
  readonly top?: number;
  readonly format: CutSetsFormatName;
  readonly output?: string;
}

/** The default of `--max-seconds`. */
const CUTSETS_MAX_SECONDS = 60;

/** Adds `faultline cutsets` to the program. */
export function registerCutSets(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('cutsets')
    .description('list the minimal sets of failures (order ≤ 2 by default) that take one component down')
    .argument('<paths...>', 'manifest files or directories')
    .requiredOption('-t, --target <id>', 'the component to take down: an id, or a ref such as resource:orders-db or statefulset/redis-cart')
    .option('--max-order <k>', 'largest set searched (3 and more within the budget)', wholeNumber('--max-order 3'), 2)
    .option(
      '--budget <steps>',
      `work allowed before the search stops and says so (deterministic steps; a few million a second of CPU, so the default is tens of seconds)`,
      wholeNumber('--budget 500000000'),
      CUTSETS_BUDGET,
    )
    .option('--max-seconds <s>', 'time limit: the search stops there and says so, like a spent budget', wholeNumber('--max-seconds 300'), CUTSETS_MAX_SECONDS)
    .option('--top <n>', 'list at most n sets (text and markdown: 20 unless set; json: all)', wholeNumber('--top 50'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(CUTSETS_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline cutsets fixtures/salesforce.yaml --target salesforce-app
  faultline cutsets fixtures/example --target checkout --max-order 3 --format json`,
    )
    .action(wrap((paths: string[], options: CutSetsOptions) => cutSetsCommand(paths, options, io)));
}

/** Loads the manifests and prints the target's minimal cut sets; returns the exit code. */
export function cutSetsCommand(paths: readonly string[], options: CutSetsOptions, io: Io): number {
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const graph = compile(loaded.model);
  const target = resolveRef(loaded.model, options.target);
  if (target.id === undefined) throw new UsageError(`${target.message} for --target`, target.hint);
  const deadline = Date.now() + options.maxSeconds * 1000;
  const result = cutSets(graph, target.id, { maxOrder: options.maxOrder, budget: options.budget, stop: () => Date.now() > deadline });
  const format = { paint: io.paint, ...(options.top !== undefined ? { top: options.top } : {}) };
  printReport(io, options.output, (paint) => CUTSETS_FORMATTERS[options.format](result, { ...format, paint }));
  return 0;
}
