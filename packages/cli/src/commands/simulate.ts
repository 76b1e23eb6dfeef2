/**
 * `faultline simulate <paths…> --fail X [--fail Y] [--slow Z] [--degrade W]`
 */
import { Option, type Command } from 'commander';
import { compile, simulate, SIMULATION_FORMAT_NAMES, SIMULATION_FORMATTERS, type FaultSpec, type SimulationFormatName } from '@faultline/core';
import { loadPaths, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { configOption, noConfigOption, noCacheOption } from '../options.js';
import { outputOption, printReport } from './output.js';

interface SimulateOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly fail: string[];
  readonly slow: string[];
  readonly degrade: string[];
  readonly format: SimulationFormatName;
  readonly output?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSimulate(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('simulate')
    .description('show everything that goes down or degrades when the given faults happen, and why')
    .argument('<paths...>', 'manifest files or directories')
    .option(
      '--fail <fault>',
      'fail a component (an id, or a ref: resource:orders-db, statefulset/redis-cart), a placement (id@domain) or a selector ("kind=dns in=us-east-1"); repeatable',
      collect,
      [],
    )
    .option('--slow <component>', 'make a component slow: callers without a timeout or bulkhead go down; repeatable', collect, [])
    .option('--degrade <fault>', 'degrade a component, placement or selector; repeatable', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(SIMULATION_FORMAT_NAMES).default('text'))
    .addOption(outputOption())
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline simulate fixtures/example --fail "kind=dns in=us-east-1"
  faultline simulate fixtures/roblox-2021.yaml --fail consul
  faultline simulate fixtures/fis-walkthrough.yaml --fail web@az-a --format json`,
    )
    .action(wrap((paths: string[], options: SimulateOptions) => simulateCommand(paths, options, io)));
}

export function simulateCommand(paths: readonly string[], options: SimulateOptions, io: Io): number {
  const faults: FaultSpec[] = [
    ...options.fail.map((target) => ({ target })),
    ...options.degrade.map((target) => ({ target, effect: 'degraded' as const })),
    ...options.slow.map((target) => ({ target, effect: 'slow' as const })),
  ];
  if (faults.length === 0) throw new UsageError('nothing to simulate', 'add --fail <id>, e.g. --fail us-east-1');
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const graph = compile(loaded.model);
  const sim = simulate(graph, faults);
  printReport(io, options.output, (paint) => SIMULATION_FORMATTERS[options.format]({ simulation: sim, model: loaded.model! }, { paint }));
  return 0;
}
