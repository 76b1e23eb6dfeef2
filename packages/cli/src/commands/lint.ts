/**
 * `faultline lint <paths…>`: the CI gate
 * =====================================
 *
 * Loads the manifests (one model, or one per path with `--each`), runs every
 * rule with the config's severities and options, applies the baseline, and
 * prints the report in the chosen format. Exit codes follow ESLint
 * (docs/architecture.md#exit-codes): 0 no errors (warnings allowed unless
 * `--max-warnings`), 1 at least one error-severity finding, 2 invalid
 * input, config, baseline or usage.
 */
import { Option, type Command } from 'commander';
import {
  applyBaseline,
  baselineJson,
  lint,
  LINT_FORMAT_NAMES,
  lintReportChunks,
  lintExitCode,
  lintReport,
  lintSummary,
  plain,
  plural,
  unplacedNote,
  type Diagnostic,
  type LintFormatName,
  type LintResult,
  type ManifestSource,
  append,
} from '@faultline/core';
import { answerSources, loadOptionsOf, readSources, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { LINT_CODEC, lintQuestion } from '../result-codecs.js';
import { integerOption, noCacheOption } from '../options.js';
import { VERSION } from '../version.js';
import { baselinePath, findConfig, readBaseline, writeOutput } from './lint-files.js';

export interface LintCommandOptions {
  readonly format: LintFormatName;
  readonly output?: string;
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly each?: boolean;
  readonly maxWarnings?: string;
}

export function registerLint(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('lint')
    .description('find cycles, blind monitors, pinned "global" services, hidden single points of failure and more (exit 1 on errors)')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'config file (default: faultline.config.yaml beside the manifests or above them)')
    .option('--no-config', 'ignore config files: every rule at its default')
    .addOption(noCacheOption())
    .option('--baseline <file>', 'accept the findings recorded in this baseline; fail only on new ones')
    .option('--write-baseline <file>', "record today's findings as the baseline, then exit 0")
    .option('--each', 'lint every path as its own model (for unrelated manifests, e.g. one per incident)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .addHelpText(
      'after',
      `
Examples:
  faultline lint fixtures/example
  faultline lint architecture/ --format sarif --output faultline.sarif
  faultline lint architecture/ --write-baseline faultline-baseline.json
  faultline lint architecture/ --baseline faultline-baseline.json --format github
  faultline lint architecture/ --format gitlab --output gl-code-quality-report.json
  faultline lint --each fixtures/*.yaml fixtures/example

Suppress one finding with a comment on (or above) the component:
  telemetry:   # faultline-ignore monitor-independence accepted until the Q3 migration`,
    )
    .action(wrap((paths: string[], options: LintCommandOptions) => lintCommand(paths, options, io)));
}

export function lintCommand(paths: readonly string[], options: LintCommandOptions, io: Io): number {
  const maxWarnings = options.maxWarnings === undefined ? undefined : integerOption('--max-warnings', options.maxWarnings, 0);
  if (options.baseline !== undefined && options.writeBaseline !== undefined) {
    throw new UsageError('--baseline and --write-baseline do not go together', 'write the baseline first, then lint with it');
  }
  const found = findConfig(paths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);

  const groups: ManifestSource[][] = options.each ? paths.map((p) => readSources([p], io.cwd)) : [readSources(paths, io.cwd)];
  const results: LintResult[] = [];
  const diagnostics: Diagnostic[] = [];
  const read: ManifestSource[] = [];
  for (const sources of groups) {
    // The findings (before the baseline) come from the cache of results while the files and the config's rules are the same (result-cache.ts).
    const answered = answerSources(
      io,
      sources,
      { load: loadOptionsOf(found.config), cache: options.cache },
      lintQuestion(found.config),
      (model) => lint(model, found.config ? { config: found.config } : {}),
      LINT_CODEC,
    );
    append(read, answered.sources);
    const result = answered.value;
    if (result === undefined) {
      append(diagnostics, answered.diagnostics);
      continue;
    }
    append(diagnostics, result.diagnostics);
    results.push(result);
    const note = unplacedNote(result);
    if (note) io.stderr(`faultline: note: ${note}\n`);
  }
  if (diagnostics.length > 0) {
    const code = reportDiagnostics(io, diagnostics);
    if (!options.each && diagnostics.some((d) => d.code === 'duplicate-id' && d.related?.[0]?.file !== d.at.file)) {
      io.stderr('faultline: hint: unrelated manifests that reuse ids can be linted one by one with --each\n');
    }
    return code;
  }

  let report = lintReport(results);
  if (options.writeBaseline !== undefined) {
    const written = writeOutput(options.writeBaseline, baselineJson(report), io.cwd);
    const n = lintSummary(report);
    io.stderr(`faultline: wrote ${plural(n.error + n.warn, 'finding')} to the baseline ${written}\n`);
    return 0;
  }
  const baselineFile = baselinePath(options.baseline, found, io.cwd);
  if (baselineFile !== undefined) {
    const read = readBaseline(baselineFile, io.cwd);
    if (!read.baseline) return reportDiagnostics(io, read.diagnostics);
    report = applyBaseline(report, read.baseline, read.path);
  }

  const sources = new Map(read.map((s) => [s.path, s.text]));
  const toFile = options.output !== undefined;
  // Written piece by piece (text: each file's findings as they are formatted), never as one giant string.
  const chunks = lintReportChunks(options.format, report, { paint: toFile ? plain : io.paint, sources, version: VERSION });
  if (toFile) {
    const written = writeOutput(options.output!, chunks, io.cwd);
    const s = lintSummary(report);
    io.stderr(`faultline: ${plural(s.error, 'error')}, ${plural(s.warn, 'warning')}; report written to ${written}\n`);
  } else for (const chunk of chunks) io.stdout(chunk);
  return lintExitCode(report, maxWarnings);
}
