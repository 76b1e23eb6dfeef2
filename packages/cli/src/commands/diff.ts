/**
 * `faultline diff`: how a change moves the blast radius
 * ====================================================
 *
 * Four ways to name the two versions:
 *
 *   faultline diff base.yaml head.yaml             one path each (a file or a directory)
 *   faultline diff --base a/ b.yaml --head c/      several paths each
 *   faultline diff --git origin/main fixtures/x    the base read from git, the head from disk
 *   faultline diff plan.json [manifests…]          a Terraform plan: its prior state → its planned values
 *
 * Prints components, dependencies, findings and each critical component's
 * SPOFs before and after (text, json, or markdown for a PR comment). Exit
 * 1 when the change adds an error-severity finding or a SPOF for a
 * critical component, 0 otherwise, 2 on invalid input or usage.
 */
import { Option, type Command } from 'commander';
import {
  DIFF_FORMAT_NAMES,
  DIFF_FORMATTERS,
  diffExitCode,
  diffModels,
  isTerraformPlanText,
  plain,
  plural,
  type DiffFormatName,
  type ManifestSource,
  type Model,
} from '@faultline/core';
import { readGitSources } from '../io-git.js';
import { loadOptionsOf, loadSources, readSources, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { noCacheOption, positiveInteger } from '../options.js';
import { VERSION } from '../version.js';
import { findConfig, writeOutput } from './lint-files.js';

export interface DiffCommandOptions {
  readonly base?: string[];
  readonly head?: string[];
  readonly git?: string;
  readonly format: DiffFormatName;
  readonly output?: string;
  /** A path, or false for `--no-config`. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly top?: number;
  readonly maxItems?: number;
}

const SHAPES = 'faultline diff base.yaml head.yaml, faultline diff --base <paths…> --head <paths…>, or faultline diff --git origin/main <paths…>';

export function registerDiff(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('diff')
    .description(
      'compare two versions of an architecture: components, dependencies, findings and SPOFs of critical components (exit 1 when a change adds an error finding or a SPOF)',
    )
    .argument('[paths...]', 'base and head (one path each); with --git the paths to compare; or one Terraform plan (terraform show -json), with any manifests beside it')
    .option('--base <paths...>', 'the base version: manifest files or directories')
    .option('--head <paths...>', 'the head version: manifest files or directories')
    .option('--git <ref>', 'read the base version of <paths> from git at <ref> (e.g. origin/main); the head is the working tree')
    .addOption(new Option('-f, --format <format>', 'output format (markdown: for a pull-request comment)').choices(DIFF_FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'lint config for both versions (default: faultline.config.yaml beside the head manifests)')
    .option('--no-config', 'ignore config files: every rule at its default')
    .addOption(noCacheOption())
    .option('--top <n>', 'list at most n entries per section in text and markdown (default 50)', positiveInteger)
    // The name before --top was the one word for "how many to list" in every command.
    .addOption(new Option('--max-items <n>').argParser(positiveInteger).hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  faultline diff fixtures/diff/shared-fate/base fixtures/diff/shared-fate/head
  faultline diff --base old/infra.yaml old/services.yaml --head infra.yaml services.yaml
  faultline diff --git origin/main architecture/ --format markdown > faultline-diff.md
  terraform show -json plan.out > plan.json && faultline diff plan.json critical.yaml --format markdown

A single Terraform plan compares its prior state with its planned values (docs/terraform.md).
Exit 1 when the change adds an error-severity finding or a SPOF for a critical component.`,
    )
    .action(wrap((paths: string[], options: DiffCommandOptions) => diffCommand(paths, options, io)));
}

export function diffCommand(paths: readonly string[], options: DiffCommandOptions, io: Io): number {
  const plan = versions(paths, options, io);
  const found = findConfig(plan.headPaths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);
  const load = loadOptionsOf(found.config);
  const head = loadSources(io, plan.head, { load: { ...load, terraform: { ...load.terraform, side: 'planned' } }, cache: options.cache });
  if (!head.model) return reportDiagnostics(io, head.diagnostics);
  let base: Model;
  if (plan.base.length === 0) base = { name: head.model.name, files: [], components: new Map() };
  else {
    const loaded = loadSources(io, plan.base, {
      cache: options.cache,
      followLocations: !plan.fromGit,
      load: { ...load, terraform: { ...load.terraform, side: plan.terraformPlan ? 'prior' : 'planned' } },
    });
    // A plan that creates everything has no prior state: its base is empty.
    if (plan.terraformPlan && !loaded.model && loaded.diagnostics.every((d) => d.code === 'no-components')) base = { name: head.model.name, files: [], components: new Map() };
    else if (!loaded.model) {
      io.stderr(`faultline: the base version (${plan.baseLabel}) does not load:\n`);
      return reportDiagnostics(io, loaded.diagnostics);
    } else base = loaded.model;
  }

  const diff = diffModels(base, head.model, { ...(found.config ? { config: found.config } : {}), baseLabel: plan.baseLabel, headLabel: plan.headLabel });
  if (diff.diagnostics.length > 0) return reportDiagnostics(io, diff.diagnostics);
  const toFile = options.output !== undefined;
  const text = DIFF_FORMATTERS[options.format](diff, {
    paint: toFile ? plain : io.paint,
    version: VERSION,
    ...((options.top ?? options.maxItems) !== undefined ? { maxItems: (options.top ?? options.maxItems)! } : {}),
  });
  if (toFile)
    io.stderr(
      `faultline: ${diffExitCode(diff) === 1 ? 'the change makes things worse' : 'no new SPOF or error finding'}; report written to ${writeOutput(options.output!, text, io.cwd)}\n`,
    );
  else io.stdout(text);
  return diffExitCode(diff);
}

interface Versions {
  readonly base: readonly ManifestSource[];
  readonly head: readonly ManifestSource[];
  /** The head paths, to find the config beside them. */
  readonly headPaths: readonly string[];
  readonly baseLabel: string;
  readonly headLabel: string;
  /** The base is the prior state of the one Terraform plan among the sources, the head its planned values. */
  readonly terraformPlan?: boolean;
  /** The base comes from git, not the disk: its Locations are not followed on the disk. */
  readonly fromGit?: boolean;
}

/** Reads both versions from the command line's shape. */
function versions(paths: readonly string[], options: DiffCommandOptions, io: Io): Versions {
  if (options.git !== undefined) {
    if (options.base || options.head)
      throw new UsageError('--git reads the base version from git: give paths, not --base or --head', `e.g. faultline diff --git ${options.git} architecture/`);
    if (paths.length === 0) throw new UsageError('--git needs the paths to compare', `e.g. faultline diff --git ${options.git} architecture/`);
    const base = readGitSources(options.git, paths, io.cwd);
    const head = readSources(paths, io.cwd);
    return { base, head, headPaths: paths, baseLabel: options.git, headLabel: 'working tree', fromGit: true };
  }
  if (options.base || options.head) {
    if (!options.base || !options.head) throw new UsageError(`${options.base ? '--head' : '--base'} is missing`, SHAPES);
    if (paths.length > 0)
      throw new UsageError(
        `unexpected ${paths.length === 1 ? 'path' : 'paths'} ${paths.map((p) => `"${p}"`).join(', ')} beside --base and --head`,
        'list every path after --base or --head',
      );
    return {
      base: readSources(options.base, io.cwd),
      head: readSources(options.head, io.cwd),
      headPaths: options.head,
      baseLabel: options.base.join(', '),
      headLabel: options.head.join(', '),
    };
  }
  const plan = terraformPlan(paths, io);
  if (plan) return plan;
  if (paths.length !== 2) throw new UsageError(`diff needs a base and a head, got ${plural(paths.length, 'path')}`, SHAPES);
  const [base, head] = paths as [string, string];
  return { base: readSources([base], io.cwd), head: readSources([head], io.cwd), headPaths: [head], baseLabel: base, headLabel: head };
}

/**
 * `faultline diff plan.json [manifests…]`: one Terraform plan named among the
 * paths (and no other plan) is the change itself; both versions read the
 * same files, the plan's prior state as the base and its planned values as
 * the head. Undefined when the paths are not that shape.
 */
function terraformPlan(paths: readonly string[], io: Io): Versions | undefined {
  if (paths.length === 0) return undefined;
  const named = paths.map((p) => readSources([p], io.cwd));
  const plans = named.filter((sources) => sources.length === 1 && isTerraformPlanText(sources[0]!.text));
  if (plans.length !== 1 || named.flat().filter((s) => isTerraformPlanText(s.text)).length !== 1) return undefined;
  const sources = named.flat();
  const file = plans[0]![0]!.path;
  return { base: sources, head: sources, headPaths: paths, baseLabel: `${file} (prior state)`, headLabel: `${file} (planned)`, terraformPlan: true };
}
