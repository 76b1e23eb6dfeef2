/**
 * `faultline spof <paths…> [--top N] [--all] [--format text|json|markdown]`
 *
 * Ranks every single failure (each component, domains included, and each
 * placement `id@domain`) by impact and lists the single points of failure:
 * failures that take a critical component down, hidden ones marked. Exit 0
 * (a report, like `simulate`; the `single-point-of-failure` lint rule is the
 * CI gate), 2 on invalid input.
 */
import { Option, type Command } from 'commander';
import { compile, rankFailures, SPOF_FORMAT_NAMES, SPOF_JSON_LISTED, SPOF_FORMATTERS, type RankOptions, type SpofFormatName, type SpofFormatOptions } from '@faultline/core';
import { cachedAnswer, loadPaths, reportDiagnostics, type Io, type Wrap } from '../io.js';
import { rankingCodec, spofQuestion } from '../result-codecs.js';
import { outputOption, printReport } from './output.js';
import { positiveInteger, configOption, noConfigOption, noCacheOption } from '../options.js';

interface SpofOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly top?: number;
  readonly all: boolean;
  readonly format: SpofFormatName;
  readonly output?: string;
}

/** Adds `faultline spof` to the program. */
export function registerSpof(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('spof')
    .description('rank every single failure (components and placements) by impact; list the single points of failure')
    .argument('<paths...>', 'manifest files or directories')
    .option('--top <n>', 'list at most n failures (text and markdown: 20 unless set; json: all unless set)', positiveInteger)
    .option('--all', 'list every single failure, not only those that take a critical component down', false)
    .addOption(new Option('-f, --format <format>', 'output format').choices(SPOF_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline spof fixtures/roblox-2021.yaml
  faultline spof fixtures/example --top 5 --format markdown
  faultline spof fixtures/example --all --format json`,
    )
    .action(wrap((paths: string[], options: SpofOptions) => spofCommand(paths, options, io)));
}

/** Loads the manifests, ranks every single failure and prints the SPOFs; returns the exit code. */
export function spofCommand(paths: readonly string[], options: SpofOptions, io: Io): number {
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const graph = compile(loaded.model);
  const rank: RankOptions = options.format === 'json' ? { listed: SPOF_JSON_LISTED } : {};
  // The ranking comes from the cache of results while the files and the question are the same (result-cache.ts).
  const ranking = cachedAnswer(loaded, spofQuestion(rank), () => rankFailures(graph, rank), rankingCodec(graph, rank));
  const format: SpofFormatOptions = { all: options.all, paint: io.paint, ...(options.top !== undefined ? { top: options.top } : {}) };
  printReport(io, options.output, (paint) => SPOF_FORMATTERS[options.format](ranking, { ...format, paint }));
  return 0;
}
