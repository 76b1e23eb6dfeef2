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
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { compile, fillTemplate, lint, plural, simulate, viewPayload, type FaultSpec } from '@faultline/core';
import { loadPaths, readText, reportDiagnostics, UsageError, writeText, type Io, type Wrap, writeError } from '../io.js';
import { findConfig } from './lint-files.js';

interface ViewOptions {
  readonly output: string;
  /** The lint config for the findings panel: a path, false for none, undefined to look beside the manifests. */
  readonly config?: string | false;
  readonly fail: string[];
  readonly slow: string[];
  readonly degrade: string[];
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
  const loaded = loadPaths(io, paths);
  if (!loaded.model) return reportDiagnostics(io, loaded.diagnostics);
  const found = findConfig(paths, io.cwd, options.config);
  if (found.diagnostics.length > 0) return reportDiagnostics(io, found.diagnostics);
  const graph = compile(loaded.model);
  // A fault that names nothing is a usage error here, not a surprise in the browser.
  if (faults.length > 0) simulate(graph, faults);
  // With a project config, the findings panel shows what `faultline lint` shows.
  const findings = found.config ? lint(loaded.model, { config: found.config, graph }).findings : undefined;
  const html = fillTemplate(readTemplate(), viewPayload(loaded.model, faults, findings));
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
  const shown = relative(io.cwd, out) || out;
  const n = loaded.model.components.size;
  io.stdout(`Wrote ${shown} (${loaded.model.name}: ${plural(n, 'component')}, ${Math.round(html.length / 1024)} kB). Open it in a browser: ${pathToFileURL(out).href}\n`);
  return 0;
}

function readTemplate(): string {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('@faultline/viewer/template.html');
    return readText(path);
  } catch {
    throw new UsageError('the viewer is not built', 'run "npx --yes pnpm@10 install" (or "pnpm -r build") in the faultline checkout');
  }
}
