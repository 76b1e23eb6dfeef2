/**
 * `faultline import backstage|kubernetes|compose <paths…>`, `faultline import observed <file>`
 * ============================================================================================
 *
 * Each writes a faultline manifest: to stdout, or to `-o <file>`, which is
 * never overwritten unless `--force` is given (nothing the user wrote is
 * lost). What was written, and what still needs a person, goes to stderr.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, importBackstage, importCompose, importKubernetes, importTerraform, plural, readObserved, starterManifest, type ObservedGraph } from '@faultline/core';
import {
  display,
  findConfig,
  loadOptionsOf,
  loadSources,
  readError,
  readSources,
  readText,
  reportDiagnostics,
  UsageError,
  writeError,
  writeText,
  type Io,
  type Wrap,
} from '../io.js';
import { configOption, noConfigOption } from '../options.js';

export interface ImportOptions {
  readonly output?: string;
  readonly force?: boolean;
  readonly name?: string;
  /** `--config <file>`, or false for `--no-config` (backstage and terraform only). */
  readonly config?: string | false;
}

export function registerImport(program: Command, io: Io, wrap: Wrap): void {
  const command = program
    .command('import')
    .description(
      'write a faultline manifest from what you already have: a Backstage catalog, Kubernetes objects, docker compose files, a Terraform plan or state, or observed dependencies from traces',
    );
  outputOptions(
    command
      .command('backstage')
      .description('write one native manifest equivalent to Backstage catalog files (with their faultline.dev annotations and overlay)')
      .argument('<paths...>', 'catalog files or directories (catalog-info.yaml…), with any overlay manifest'),
    true,
  )
    .addHelpText(
      'after',
      `
Examples:
  faultline import backstage catalog-info.yaml
  faultline import backstage fixtures/backstage -o faultline.yaml`,
    )
    .action(wrap((paths: string[], options: ImportOptions) => importBackstageCommand(paths, options, io)));
  outputOptions(
    command
      .command('kubernetes')
      .description('write one native manifest equivalent to Kubernetes files (workloads, Services, PodDisruptionBudgets, Namespaces, ConfigMaps)')
      .argument('<paths...>', 'Kubernetes YAML files or directories (kubectl get -o yaml output too), with any overlay manifest'),
    false,
  )
    .addHelpText(
      'after',
      `
Examples:
  faultline import kubernetes k8s/
  kubectl get deploy,sts,ds,svc,pdb,ns,cm -A -o yaml > cluster.yaml && faultline import kubernetes cluster.yaml -o faultline.yaml`,
    )
    .action(wrap((paths: string[], options: ImportOptions) => importKubernetesCommand(paths, options, io)));
  outputOptions(
    command
      .command('compose')
      .description('write one native manifest equivalent to docker compose files (services, environment and depends_on edges, replicas, x-faultline)')
      .argument('<paths...>', 'compose files (compose.yaml, docker-compose.yml, compose.*.yaml) or directories, with any manifest'),
    false,
  )
    .addHelpText(
      'after',
      `
Examples:
  faultline import compose compose.yaml
  faultline import compose compose.yaml compose.prod.yaml -o faultline.yaml`,
    )
    .action(wrap((paths: string[], options: ImportOptions) => importComposeCommand(paths, options, io)));
  outputOptions(
    command
      .command('terraform')
      .description('write one native manifest equivalent to a Terraform plan or state (terraform show -json): resources, zones, replicas, references')
      .argument('<paths...>', 'terraform show -json output (a plan or a state), with any manifest'),
    true,
  )
    .addHelpText(
      'after',
      `
Examples:
  terraform show -json > state.json && faultline import terraform state.json
  terraform show -json plan.out > plan.json && faultline import terraform plan.json -o faultline.yaml`,
    )
    .action(wrap((paths: string[], options: ImportOptions) => importTerraformCommand(paths, options, io)));
  outputOptions(
    command
      .command('observed')
      .description('write a starter manifest from Jaeger dependency links or an OpenTelemetry service graph (format detected)')
      .argument('<file>', 'Jaeger /api/dependencies JSON, a Prometheus text dump or a PromQL JSON result of traces_service_graph_request_total'),
    false,
  )
    .option('--name <name>', "the manifest's name", 'observed')
    .addHelpText(
      'after',
      `
Examples:
  curl -s "$JAEGER/api/dependencies?endTs=$(date +%s000)&lookback=86400000" > deps.json
  faultline import observed deps.json -o faultline.yaml
  faultline import observed service-graph.prom`,
    )
    .action(wrap((file: string, options: ImportOptions) => importObservedCommand(file, options, io)));
}

/** `-o/--output` and `--force` of every importer; `-c/--config` and `--no-config` of those whose load reads the config. */
function outputOptions(command: Command, config: boolean): Command {
  command.option('-o, --output <file>', 'write the manifest to this file (default: stdout)').option('--force', 'overwrite the output file if it exists');
  return config ? command.addOption(configOption()).addOption(noConfigOption()) : command;
}

export function importBackstageCommand(paths: readonly string[], options: ImportOptions, io: Io): number {
  const found = findConfig(paths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics, 'the config');
  const load = loadOptionsOf(found.config);
  // Follow the catalog's Locations to its files (printing what was skipped,
  // once: the second load of the same files warns about the same things),
  // then write those files as one manifest.
  const result = importBackstage(asTyped(loadSources(io, readSources(paths, io.cwd), { load, cache: false }).sources, paths, io), load);
  if (result.text === undefined) return reportDiagnostics(io, result.diagnostics);
  const where = emit(result.text, options, io);
  const todo = result.unplaced.length > 0 ? `; ${result.unplaced.length} still need "in:" (see the TODO comments)` : '';
  io.stderr(`faultline: ${where}: ${result.components} components, ${result.fromCatalog} from catalog entities${todo}\n`);
  return 0;
}

export function importComposeCommand(paths: readonly string[], options: ImportOptions, io: Io): number {
  const result = importCompose(asTyped(readSources(paths, io.cwd), paths, io));
  for (const w of result.warnings) io.stderr(`${formatDiagnostic(w)}\n`);
  if (result.text === undefined) return reportDiagnostics(io, result.diagnostics);
  const where = emit(result.text, options, io);
  io.stderr(`faultline: ${where}: ${result.components} components, ${result.fromCompose} from compose services\n`);
  return 0;
}

export function importKubernetesCommand(paths: readonly string[], options: ImportOptions, io: Io): number {
  const result = importKubernetes(asTyped(readSources(paths, io.cwd), paths, io));
  for (const w of result.warnings) io.stderr(`${formatDiagnostic(w)}\n`);
  if (result.text === undefined) return reportDiagnostics(io, result.diagnostics);
  const where = emit(result.text, options, io);
  const todo = result.unzoned.length > 0 ? `; ${result.unzoned.length} in no known zone (see the TODO comments)` : '';
  io.stderr(`faultline: ${where}: ${result.components} components, ${result.fromWorkloads} from Kubernetes workloads${todo}\n`);
  return 0;
}

/**
 * The sources, named in the written manifest as the user typed them: a file
 * outside the working directory keeps its relative name (`../catalog/a.yaml`)
 * instead of the absolute path the CLI shows elsewhere, so the generated file
 * holds no absolute local path unless the user passed one.
 */
function asTyped<S extends { readonly path: string }>(sources: readonly S[], paths: readonly string[], io: Io): S[] {
  if (paths.some((p) => isAbsolute(p))) return [...sources];
  return sources.map((s) => (isAbsolute(s.path) ? { ...s, path: relative(io.cwd, s.path).split(sep).join('/') } : s));
}

export function importTerraformCommand(paths: readonly string[], options: ImportOptions, io: Io): number {
  const found = findConfig(paths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics, 'the config');
  const mapping = found.config?.terraform;
  const result = importTerraform(asTyped(readSources(paths, io.cwd), paths, io), mapping ? { mapping } : {});
  for (const w of result.warnings) io.stderr(`${formatDiagnostic(w)}\n`);
  if (result.text === undefined) return reportDiagnostics(io, result.diagnostics);
  const where = emit(result.text, options, io);
  const todo = result.unzoned.length > 0 ? `; ${result.unzoned.length} in no known zone (see the TODO comments)` : '';
  io.stderr(`faultline: ${where}: ${result.components} components, ${result.fromResources} from Terraform resources${todo}\n`);
  return 0;
}

export function importObservedCommand(file: string, options: ImportOptions, io: Io): number {
  const read = readObservedFile(file, io);
  if (!('graph' in read)) return read.code;
  const graph = read.graph;
  const where = emit(starterManifest(graph, options.name), options, io);
  io.stderr(`faultline: ${where}: ${graph.calls.length} observed dependencies; review the "# guessed" lines and the TODOs\n`);
  return 0;
}

/** Reads and parses an observed-dependencies file; prints its problems (exit 2) when it has any. */
export function readObservedFile(file: string, io: Io): { graph: ObservedGraph; path: string; text: string } | { code: number } {
  const abs = resolve(io.cwd, file);
  let text: string;
  try {
    text = readText(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EFBIG' || code === 'ENOTREG') throw readError(error, file);
    throw new UsageError(
      `cannot read "${file}": ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error')}`,
      'pass a Jaeger JSON, a Prometheus dump or a PromQL JSON file',
    );
  }
  const path = display(abs, io.cwd);
  const read = readObserved({ path, text });
  if (!read.graph) {
    for (const d of read.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    io.stderr(`faultline: ${plural(read.diagnostics.length, 'problem')} in ${path}\n`);
    return { code: 2 };
  }
  return { graph: read.graph, path, text };
}

/** Writes to stdout, or to `--output` without overwriting unless `--force`; returns where it went. */
function emit(text: string, options: ImportOptions, io: Io): string {
  if (options.output === undefined) {
    io.stdout(text);
    return 'manifest written to stdout';
  }
  const abs = resolve(io.cwd, options.output);
  try {
    writeText(abs, text, !options.force);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`"${options.output}" already exists; nothing was written`, 'pass --force to overwrite it, or choose another file with -o');
    throw writeError(error, options.output);
  }
  return `wrote ${display(abs, io.cwd)}`;
}
