/**
 * `faultline availability <paths…> [--trials N] [--seed S] [--top N] [--format text|json|markdown]`
 *
 * Monte Carlo availability of every critical component over the manifest's
 * per-component `availability` (documented defaults where none is given):
 * the estimate, its 95 % interval, its nines and the failures that matter
 * most to it. The same seed gives the same answer. Exit 0 (a report), 2 on
 * invalid input.
 */
import { Option, type Command } from 'commander';
import { availability, AVAILABILITY_FORMAT_NAMES, AVAILABILITY_FORMATTERS, compile, type AvailabilityFormatName } from '@faultline/core';
import { loadPaths, reportDiagnostics, type Io, type Wrap } from '../io.js';
import { outputOption, printReport } from './output.js';
import { seedNumber, wholeNumber } from '../options.js';

interface AvailabilityCommandOptions {
  readonly trials: number;
  readonly seed: number;
  readonly top?: number;
  readonly format: AvailabilityFormatName;
  readonly output?: string;
}

/** Adds `faultline availability` to the program. */
export function registerAvailability(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('availability')
    .description('estimate each critical component’s availability by Monte Carlo, with a 95 % interval and what matters most')
    .argument('<paths...>', 'manifest files or directories')
    .option('--trials <n>', 'Monte Carlo trials', wholeNumber('--trials 100000'), 10_000)
    .option('--seed <s>', 'seed of the random generator (the same seed gives the same answer)', seedNumber, 1)
    .option('--top <n>', 'list at most n components (text and markdown: 20 unless set; json: all)', wholeNumber('--top 50'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(AVAILABILITY_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline availability fixtures/example
  faultline availability fixtures/example --trials 100000 --seed 7 --format json`,
    )
    .action(wrap((paths: string[], options: AvailabilityCommandOptions) => availabilityCommand(paths, options, io)));
}

/** Loads the manifests and prints the availability estimates; returns the exit code. */
export function availabilityCommand(paths: readonly string[], options: AvailabilityCommandOptions, io: Io): number {
  const loaded = loadPaths(io, paths);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const result = availability(compile(loaded.model), { trials: options.trials, seed: options.seed });
  const format = { paint: io.paint, ...(options.top !== undefined ? { top: options.top } : {}) };
  printReport(io, options.output, (paint) => AVAILABILITY_FORMATTERS[options.format](result, { ...format, paint }));
  return 0;
}
