/**
 * `faultline availability <paths…> [--method auto|exact|bounds|montecarlo] [--trials N] [--seed S] [--max-order k] [--budget N] [--top N] [--importance N] [--format text|json|markdown]`
 *
 * The availability of every critical component over the manifest's
 * per-component `availability` (documented defaults where none is given):
 * exact where affordable (every state of a small cone, or a BDD over the
 * minimal cut sets), else rigorous bounds, with Monte Carlo as the
 * fallback and cross-check; which method answered and how tight, nines,
 * downtime per year, the importance of each failure and the cut sets that
 * make up most of the downtime. Exit 0 (a report), 2 on invalid input or an
 * absurd `--trials`. A long Monte Carlo run shows its progress on stderr
 * when stderr is a terminal.
 */
import { Option, type Command } from 'commander';
import {
  availability,
  AVAILABILITY_FORMAT_NAMES,
  AVAILABILITY_FORMATTERS,
  AVAILABILITY_METHODS,
  compile,
  MAX_TRIALS,
  type AvailabilityFormatName,
  type AvailabilityMethod,
  type AvailabilityOptions,
} from '@faultline/core';
import { answerPaths, reportDiagnostics, type Io, type Wrap } from '../io.js';
import { AVAILABILITY_CODEC, availabilityQuestion } from '../result-codecs.js';
import { outputOption, printReport } from './output.js';
import { boundedNumber, seedNumber, wholeNumber, configOption, noConfigOption, noCacheOption } from '../options.js';

interface AvailabilityCommandOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly method: AvailabilityMethod;
  readonly trials: number;
  readonly seed: number;
  readonly maxOrder?: number;
  readonly budget?: number;
  readonly top?: number;
  readonly importance?: number;
  readonly format: AvailabilityFormatName;
  readonly output?: string;
}

/** Adds `faultline availability` to the program. */
export function registerAvailability(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('availability')
    .description('each critical component’s availability from its minimal cut sets (exact, or bounded), nines, downtime, and what matters most')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(
      new Option(
        '-m, --method <method>',
        'auto: exact where affordable, else bounds, else Monte Carlo; exact: enumeration or BDD; bounds: from the cut sets; montecarlo: simulation',
      )
        .choices(AVAILABILITY_METHODS)
        .default('auto'),
    )
    .option(
      '--trials <n>',
      'Monte Carlo trials (montecarlo, and auto where a bracket stays wide)',
      boundedNumber(MAX_TRIALS, '--trials 1000000', 'more would run for hours'),
      10_000,
    )
    .option('--seed <s>', 'seed of the random generator (the same seed gives the same answer)', seedNumber, 1)
    .option('--max-order <k>', 'cut-set order searched (default: from 2, raised while the unlisted mass matters)', wholeNumber('--max-order 3'))
    .option(
      '--budget <steps>',
      'cut-set search steps per component (default: 200 million shared, 0.2–2 million each; exact: 100 million, 0.5–10 million each)',
      wholeNumber('--budget 20000000'),
    )
    .option('--top <n>', 'list at most n components (text and markdown: 20 unless set; json: all)', wholeNumber('--top 50'))
    .option('--importance <n>', 'failures listed per component by importance (default 5 in json, 3 in text)', wholeNumber('--importance 10'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(AVAILABILITY_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline availability fixtures/example
  faultline availability fixtures/example --format json
  faultline availability fixtures/example --method montecarlo --trials 1000000 --seed 7`,
    )
    .action(wrap((paths: string[], options: AvailabilityCommandOptions) => availabilityCommand(paths, options, io)));
}

/** Loads the manifests and prints the availability answers; returns the exit code. */
export function availabilityCommand(paths: readonly string[], options: AvailabilityCommandOptions, io: Io): number {
  const asked: AvailabilityOptions = {
    method: options.method,
    trials: options.trials,
    seed: options.seed,
    importance: Math.max(5, options.importance ?? 0),
    ...(options.maxOrder !== undefined ? { maxOrder: options.maxOrder } : {}),
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
  };
  // The answers come from the cache of results while the files and the question are the same (result-cache.ts).
  const answered = answerPaths(
    io,
    paths,
    options.config,
    options.cache,
    availabilityQuestion(asked),
    (model) => {
      const progress = io.stderrIsTTY ? new Progress(io) : undefined;
      const computed = availability(compile(model), {
        ...asked,
        ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
      });
      progress?.end();
      return computed;
    },
    AVAILABILITY_CODEC,
  );
  const result = answered.value;
  if (result === undefined) return reportDiagnostics(io, answered.diagnostics);
  const format = { paint: io.paint, ...(options.top !== undefined ? { top: options.top } : {}), ...(options.importance !== undefined ? { importance: options.importance } : {}) };
  printReport(io, options.output, (paint) => AVAILABILITY_FORMATTERS[options.format](result, { ...format, paint }));
  return 0;
}

/** Monte Carlo progress on a terminal's stderr: nothing for the first two seconds, then one line rewritten at most twice a second. */
export class Progress {
  private readonly started: number;
  private shownAt = 0;
  private shown = false;

  constructor(
    private readonly io: Pick<Io, 'stderr'>,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  update(done: number, total: number): void {
    const now = this.clock();
    if (now - this.started < 2000 || now - this.shownAt < 500) return;
    this.shownAt = now;
    this.shown = true;
    const rate = done / ((now - this.started) / 1000);
    const left = Math.round((total - done) / Math.max(rate, 1));
    this.io.stderr(
      `\r\x1b[Kavailability: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} trials (${Math.floor((100 * done) / total)} %), about ${left} s left`,
    );
  }

  end(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
  }
}
