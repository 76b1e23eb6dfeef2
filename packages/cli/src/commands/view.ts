/**
 * `faultline view <paths…> [-o faultline.html] [--fail X …]`
 * ===========================================================
 *
 * Writes ONE self-contained HTML file: the viewer (built once by vite into
 * @faultline/viewer's dist/index.html, scripts and styles inlined) with the
 * model and any pre-applied faults in its
 * `<script type="application/json" id="faultline-model">` element. Manifest
 * text enters the page only as JSON with `<`, U+2028 and U+2029 escaped, so
 * it can never close the script element (the page's contract is core's
 * viewer-page.ts; docs/architecture.md#the-viewer-page). The file opens
 * offline from disk; its CSP forbids every network request.
 */
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { compile, fillTemplate, lint, OVERVIEW_GROUPINGS, plural, simulate, viewPayload, type FaultSpec } from '@faultline/core';
import { display, exists, loadPaths, readText, reportDiagnostics, UsageError, writeError, writeText, type Io, type Wrap } from '../io.js';
import { findConfig } from './lint-files.js';
import { noCacheOption } from '../options.js';

interface ViewOptions {
  readonly output: string;
  /** The lint config for the findings panel: a path, false for none, undefined to look beside the manifests. */
  readonly config?: string | false;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly fail: string[];
  readonly slow: string[];
  readonly degrade: string[];
  /** Name manifest files in the page relative to this directory. */
  readonly relativeTo?: string;
  /** `--overview [grouping]` (true without one), `--no-overview` (false); undefined: by the model's size. */
  readonly overview?: string | boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerView(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('view')
    .description('write the blast-radius viewer as one self-contained HTML file that opens offline')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('-o, --output <file>', 'the HTML file to write ("-" for stdout)').default('faultline.html'))
    .option(
      '--fail <fault>',
      'open with this fault applied: an id or a ref (resource:orders-db, statefulset/redis-cart), a placement (id@domain) or a selector; repeatable',
      collect,
      [],
    )
    .option('--slow <component>', 'open with this component slow; repeatable', collect, [])
    .option('--degrade <fault>', 'open with this component, placement or selector degraded; repeatable', collect, [])
    .option('-c, --config <file>', 'lint config for the findings panel (default: faultline.config.yaml beside the manifests)')
    .option('--no-config', 'findings with the default rules, ignoring any config file')
    .addOption(noCacheOption())
    .option('--relative-to <dir>', 'name manifest files in the page relative to this directory (default: the working directory; files outside it lose their common prefix)')
    .option(
      '--overview [grouping]',
      `open on the aggregated overview, grouped by ${OVERVIEW_GROUPINGS.join(', ')} (default: region; models of more than 3,000 components open on it anyway)`,
    )
    .option('--no-overview', 'open on the component graph, whatever the size')
    .addHelpText(
      'after',
      `
Examples:
  faultline view fixtures/example -o shop.html
  faultline view fixtures/aws-2025.yaml --fail "kind=dns in=us-east-1" -o dns.html`,
    )
    .action(wrap((paths: string[], options: ViewOptions) => viewCommand(paths, options, io)));
}

export function viewCommand(paths: readonly string[], options: ViewOptions, io: Io): number {
  const faults: FaultSpec[] = [
    ...options.fail.map((target) => ({ target })),
    ...options.degrade.map((target) => ({ target, effect: 'degraded' as const })),
    ...options.slow.map((target) => ({ target, effect: 'slow' as const })),
  ];
  const overview = options.overview === true ? 'region' : options.overview;
  if (typeof overview === 'string' && !(OVERVIEW_GROUPINGS as readonly string[]).includes(overview))
    throw new UsageError(`unknown grouping "${overview}" for --overview`, `use one of ${OVERVIEW_GROUPINGS.join(', ')}`);
  const loaded = loadPaths(io, paths, options.config, options.cache);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const found = findConfig(paths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);
  const graph = compile(loaded.model);
  // A fault that names nothing is a usage error here, not a surprise in the browser.
  if (faults.length > 0) simulate(graph, faults);
  // With a project config, the findings panel shows what `faultline lint` shows.
  const findings = found.config ? lint(loaded.model, { config: found.config, graph }).findings : undefined;
  const payload = relocate({ ...viewPayload(loaded.model, faults, findings), ...(overview === undefined ? {} : { overview }) }, (files) =>
    fileNamer(files, options.relativeTo, io.cwd),
  );
  const html = fillTemplate(readTemplate(), payload);
  if (options.output === '-') {
    io.stdout(html);
    return 0;
  }
  const out = isAbsolute(options.output) ? options.output : join(io.cwd, options.output);
  try {
    writeText(out, html);
  } catch (error) {
    throw writeError(error, options.output);
  }
  const shown = display(out, io.cwd) || out;
  const n = loaded.model.components.size;
  // A note for the person, not data: stderr, so `view -o - > page.html` and scripts' stdout stay clean.
  io.stderr(`Wrote ${shown} (${loaded.model.name}: ${plural(n, 'component')}, ${Math.round(html.length / 1024)} kB). Open it in a browser: ${pathToFileURL(out).href}\n`);
  return 0;
}

/**
 * How the page names a manifest file. The page is a file people share, so it
 * carries no absolute local path the user did not ask for: with
 * `--relative-to`, every file is named relative to that directory; without
 * it, files inside the working directory keep their relative names and the
 * others (which the CLI names by absolute path) lose the prefix they share,
 * keeping the last directory they have in common (`/home/me/repo/arch/a.yaml`
 * and `…/arch/b.yaml` become `arch/a.yaml` and `arch/b.yaml`).
 */
function fileNamer(files: readonly string[], relativeTo: string | undefined, cwd: string): (file: string) => string {
  if (relativeTo !== undefined) {
    const base = resolve(cwd, relativeTo);
    return (file) => relative(base, resolve(cwd, file)).split(sep).join('/') || '.';
  }
  let common: string[] | undefined;
  for (const file of files) {
    if (!isAbsolute(file)) continue;
    const dirs = file.split(/[\\/]/).slice(0, -1);
    if (common === undefined) common = dirs;
    else {
      let i = 0;
      while (i < common.length && i < dirs.length && common[i] === dirs[i]) i++;
      common = common.slice(0, i);
    }
  }
  if (common === undefined) return (file) => file;
  const keep = Math.max(0, common.length - 1);
  return (file) => (isAbsolute(file) ? file.split(/[\\/]/).slice(keep).join('/') : file);
}

/** A copy of the payload with every file name (a `file` value, a `files` entry) renamed by the namer made from all of them. */
function relocate<T>(value: T, namer: (files: readonly string[]) => (file: string) => string): T {
  const files: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) collect(x);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'file' && typeof x === 'string') files.push(x);
        else if (k === 'files' && Array.isArray(x)) {
          for (const f of x) if (typeof f === 'string') files.push(f);
        } else collect(x);
      }
    }
  };
  collect(value);
  const rename = namer(files);
  const walk = (v: unknown, key?: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => (key === 'files' && typeof x === 'string' ? rename(x) : walk(x)));
    if (v === null || typeof v !== 'object') return v;
    // No prototype: a key from the manifest (an id named __proto__) stays a key.
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, x] of Object.entries(v)) out[k] = k === 'file' && typeof x === 'string' ? rename(x) : walk(x, k);
    return out;
  };
  return walk(value) as T;
}

/**
 * The viewer page: beside the bundle in the published package
 * (dist/viewer.html, copied there by packages/cli/vite.config.ts), else the
 * viewer package's build, when the CLI runs from its sources (tests).
 */
function readTemplate(): string {
  const bundled = join(dirname(fileURLToPath(import.meta.url)), 'viewer.html');
  try {
    return readText(exists(bundled) ? bundled : createRequire(import.meta.url).resolve('@faultline/viewer/template.html'));
  } catch {
    throw new UsageError('the viewer is not built', 'run "npx --yes pnpm@10 install" (or "pnpm -r build") in the faultline checkout');
  }
}
