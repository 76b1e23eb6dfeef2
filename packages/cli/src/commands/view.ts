/**
 * `faultline view <paths…> [-o faultline.html] [--fail X …]`
 * ===========================================================
 *
 * Writes ONE self-contained HTML file: the viewer (built once by vite into
 * @faultline/viewer's dist/index.html, scripts and styles inlined) with the
 * model and any pre-applied faults in its
 * `<script type="application/json" id="faultline-model">` element. Manifest
 * text enters the page only as JSON with `<`, U+2028 and U+2029 escaped, so
 * it can never close the script element (docs/architecture.md#the-viewer-page). The file opens
 * offline from disk; its CSP forbids every network request.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Option, type Command } from 'commander';
import { compile, lint, plural, simulate, toJson, type FaultSpec, type Finding, type Model } from '@faultline/core';
import { loadPaths, reportDiagnostics, UsageError, type Io, type Wrap } from '../io.js';
import { findConfig } from './lint-files.js';

interface ViewOptions {
  readonly output: string;
  /** The lint config for the findings panel: a path, false for none, undefined to look beside the manifests. */
  readonly config?: string | false;
  readonly fail: string[];
  readonly slow: string[];
  readonly degrade: string[];
}

/** The element `faultline view` fills; the viewer's index.html holds it with `null`. */
export const MODEL_PLACEHOLDER = '<script type="application/json" id="faultline-model">null</script>';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerView(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('view')
    .description('write the blast-radius viewer as one self-contained HTML file that opens offline')
    .argument('<paths...>', 'manifest files or directories')
    .addOption(new Option('-o, --output <file>', 'the HTML file to write ("-" for stdout)').default('faultline.html'))
    .option('--fail <fault>', 'open with this fault applied: an id, a placement (id@domain) or a selector; repeatable', collect, [])
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
  const loaded = loadPaths(paths, io.cwd);
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
    writeFileSync(out, html);
  } catch (error) {
    throw new UsageError(`cannot write "${options.output}": ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'check that the directory exists and is writable');
  }
  const shown = relative(io.cwd, out) || out;
  const n = loaded.model.components.size;
  io.stdout(`Wrote ${shown} (${loaded.model.name}: ${plural(n, 'component')}, ${Math.round(html.length / 1024)} kB). Open it in a browser: ${pathToFileURL(out).href}\n`);
  return 0;
}

/** The JSON the page reads (`faultline.view/1`, packages/viewer/src/payload.ts). */
export function viewPayload(model: Model, faults: readonly FaultSpec[], findings?: readonly Finding[]): unknown {
  const payload = { format: 'faultline.view/1', model: toJson(model), faults };
  if (!findings) return payload;
  return {
    ...payload,
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, target: f.target, related: f.related, ...(f.suppressed ? { suppressed: true } : {}) })),
  };
}

/** JSON that is safe inside a `<script>` element: no `<`, no line or paragraph separators. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Puts the payload into the viewer template. */
export function fillTemplate(template: string, payload: unknown): string {
  const at = template.indexOf(MODEL_PLACEHOLDER);
  if (at < 0) throw new Error('faultline/view: the viewer template has no model placeholder (rebuild @faultline/viewer)');
  const filled = MODEL_PLACEHOLDER.replace('null', () => scriptSafeJson(payload));
  return template.slice(0, at) + filled + template.slice(at + MODEL_PLACEHOLDER.length);
}

function readTemplate(): string {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('@faultline/viewer/template.html');
    return readFileSync(path, 'utf8');
  } catch {
    throw new UsageError('the viewer is not built', 'run "npx --yes pnpm@10 install" (or "pnpm -r build") in the faultline checkout');
  }
}
