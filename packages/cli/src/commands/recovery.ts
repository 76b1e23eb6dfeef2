/**
 * `faultline recovery <paths…> [--format text|json|markdown]`
 *
 * The cold-start order: the waves in which components can come up from
 * nothing, the deadlocked cycles that never start and what they block.
 * Exit 0 (a report; the `hard-cycle` lint rule is the CI gate), 2 on
 * invalid input.
 */
import { Option, type Command } from 'commander';
import { recoveryOrder, RECOVERY_FORMAT_NAMES, RECOVERY_FORMATTERS, type RecoveryFormatName } from '@faultline/core';
import { loadPaths, reportDiagnostics, type Io, type Wrap } from '../io.js';
import { configOption, noConfigOption, noCacheOption } from '../options.js';
import { outputOption, printReport } from './output.js';

interface RecoveryOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly format: RecoveryFormatName;
  readonly output?: string;
}

/** Adds `faultline recovery` to the program. */
export function registerRecovery(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('recovery')
    .description('show the cold-start order: waves of components that can start, and the cycles that never do')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(RECOVERY_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline recovery fixtures/example
  faultline recovery fixtures/roblox-2021.yaml --format json`,
    )
    .action(wrap((paths: string[], options: RecoveryOptions) => recoveryCommand(paths, options, io)));
}

/** Loads the manifests and prints the cold-start order; returns the exit code. */
export function recoveryCommand(paths: readonly string[], options: RecoveryOptions, io: Io): number {
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const recovery = recoveryOrder(loaded.model);
  printReport(io, options.output, (paint) => RECOVERY_FORMATTERS[options.format](recovery, { paint }));
  return 0;
}
