/**
 * `faultline test <scenario files…> [--manifest paths…]`: resilience as code.
 * Every lint format (text, json, sarif, markdown, github) plus JUnit XML.
 * Exit 0 when every hypothesis holds, 1 when one breaks, 2 on invalid input.
 */
import { dirname, relative, isAbsolute, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  checkScenario,
  compile,
  loadScenarios,
  plain,
  runScenario,
  SCENARIO_FORMAT_NAMES,
  SCENARIO_FORMATTERS,
  type Diagnostic,
  type ScenarioFileResult,
  type ScenarioFormatName,
  append,
} from '@faultline/core';
import { loadPaths, readSources, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { integerOption, configOption, noConfigOption, noCacheOption } from '../options.js';
import { VERSION } from '../version.js';
import { writeOutput } from './lint-files.js';

interface TestOptions {
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly manifest?: string[];
  readonly format: ScenarioFormatName;
  readonly output?: string;
  readonly maxChoices: string;
}

export function registerTest(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('test')
    .description('check the failures you promise to survive (scenario files) by simulation')
    .argument('<scenarios...>', 'scenario files (YAML with apiVersion and scenarios)')
    // One path per flag (repeatable), so the flag never swallows a scenario file given after it.
    .option('-m, --manifest <path>', 'a manifest file or directory to test instead of each file\'s "manifests:"; repeatable', (value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ])
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCENARIO_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-choices <n>', 'placement choices checked per rung for count/percent targets', '1000')
    .addOption(configOption())
    .addOption(noConfigOption())
    .addOption(noCacheOption())
    .addHelpText(
      'after',
      `
Examples:
  faultline test fixtures/scenarios/fis-walkthrough.scenarios.yaml
  faultline test resilience.yaml --manifest architecture/ --format junit -o faultline-junit.xml
  faultline test resilience.yaml --format sarif -o scenarios.sarif
  faultline test resilience.yaml --format github      # annotations on the broken promises`,
    )
    .action(wrap((paths: string[], options: TestOptions) => testCommand(paths, options, io)));
}

/** The largest `--max-choices`: each choice is a simulation. */
const MAX_CHOICES = 1_000_000;

export function testCommand(paths: readonly string[], options: TestOptions, io: Io): number {
  const maxChoices = integerOption('--max-choices', options.maxChoices, 1);
  // Each choice is one simulation: 10^12 of them is a run that never ends, not a deeper check.
  if (maxChoices > MAX_CHOICES) {
    throw new UsageError(
      `--max-choices must be at most ${MAX_CHOICES.toLocaleString('en-US')}, got ${options.maxChoices}`,
      'each choice is one simulation; narrow the select/count target instead, see docs/limits.md',
    );
  }
  const loaded = loadScenarios(readSources(paths, io.cwd, 'scenarios'));
  if (loaded.diagnostics.length > 0) return reportDiagnostics(io, loaded.diagnostics, 'the scenario files');

  const results: ScenarioFileResult[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of loaded.files) {
    const manifests = options.manifest ?? file.manifests.map((m) => display(resolve(dirname(resolve(io.cwd, file.path)), m), io.cwd));
    if (manifests.length === 0) throw new UsageError(`${file.path} names no manifests`, 'add "manifests: [path]" to the file or pass --manifest');
    const model = loadPaths(io, manifests, options.config, options.cache);
    if (!model.model) return reportDiagnostics(io, model.diagnostics);
    const graph = compile(model.model);
    const problems = file.scenarios.flatMap((s) => checkScenario(graph, s));
    if (problems.length > 0) {
      append(diagnostics, problems);
      continue;
    }
    results.push({ path: file.path, manifests, model: model.model.name, results: file.scenarios.map((s) => runScenario(graph, s, { maxChoices })) });
  }
  if (diagnostics.length > 0) return reportDiagnostics(io, diagnostics, 'the scenario files');

  const toFile = options.output !== undefined;
  const text = SCENARIO_FORMATTERS[options.format](results, { paint: toFile ? plain : io.paint, version: VERSION });
  const failed = results.some((f) => f.results.some((r) => !r.passed));
  if (toFile) io.stderr(`faultline: ${failed ? 'a promise is broken' : 'every promise holds'}; report written to ${writeOutput(options.output!, text, io.cwd)}\n`);
  else io.stdout(text);
  return failed ? 1 : 0;
}

/** Relative to the working directory when inside it, as the user would type it. */
function display(p: string, cwd: string): string {
  const rel = relative(cwd, p);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? p : rel.split('\\').join('/');
}
