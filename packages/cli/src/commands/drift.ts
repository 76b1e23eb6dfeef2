/**
 * `faultline drift <paths…> --observed <file>`: declared against real
 * ===================================================================
 *
 * Compares the manifests (or catalog) with the dependencies traces show:
 * undeclared dependencies (error), declared ones never observed (warning),
 * trace names that match no component (warning). Every lint format; exit 1
 * when an error counts (an undeclared dependency), 2 on invalid input.
 */
import { Option, type Command } from 'commander';
import { drift, DRIFT_FORMAT_NAMES, DRIFT_FORMATTERS, lintExitCode, plain, type DriftFormatName } from '@faultline/core';
import { loadPaths, reportDiagnostics, type Io, type Wrap } from '../io.js';
import { integerOption, configOption, noConfigOption, noCacheOption } from '../options.js';
import { VERSION } from '../version.js';
import { readObservedFile } from './import.js';
import { writeOutput } from './lint-files.js';

export interface DriftCommandOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly observed: string;
  readonly format: DriftFormatName;
  readonly output?: string;
  readonly minCalls: string;
}

export function registerDrift(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('drift')
    .description('compare declared dependencies with those traces observed: undeclared (exit 1), never observed, unknown names')
    .argument('<paths...>', 'manifest or Backstage catalog files or directories')
    .requiredOption('--observed <file>', 'Jaeger dependency links (JSON) or an OpenTelemetry service graph (Prometheus text or PromQL JSON)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DRIFT_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--min-calls <n>', 'ignore undeclared calls seen fewer than n times', '1')
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline drift fixtures/backstage --observed fixtures/observed/jaeger-dependencies.json
  faultline drift architecture/ --observed service-graph.prom --format sarif -o drift.sarif

Trace names that differ from component ids are matched through "aliases: [name]".`,
    )
    .action(wrap((paths: string[], options: DriftCommandOptions) => driftCommand(paths, options, io)));
}

export function driftCommand(paths: readonly string[], options: DriftCommandOptions, io: Io): number {
  const minCalls = integerOption('--min-calls', options.minCalls, 1);
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const read = readObservedFile(options.observed, io);
  if (!('graph' in read)) return read.code;
  const observed = read.graph;
  const result = drift(loaded.model, observed, { minCalls });
  if (result.diagnostics.length > 0) return reportDiagnostics(io, result.diagnostics);

  const toFile = options.output !== undefined;
  const text = DRIFT_FORMATTERS[options.format](
    { result, model: loaded.model, observed },
    {
      paint: toFile ? plain : io.paint,
      sources: new Map([...loaded.sources.map((s): [string, string] => [s.path, s.text]), [read.path, read.text]]),
      version: VERSION,
    },
  );
  if (toFile) io.stderr(`faultline: wrote ${writeOutput(options.output!, text, io.cwd)}\n`);
  else io.stdout(text);
  return lintExitCode(result);
}
