/**
 * Builds the viewer into ONE self-contained HTML file (dist/index.html):
 * scripts and styles inlined by vite-plugin-singlefile, a CSP that forbids
 * every network request, and the model placeholder that `faultline view`
 * fills (core's viewer-page.ts, docs/architecture.md#the-viewer-page). `vite`
 * (dev) serves the same page with the example manifest (fixtures/example)
 * filled in, through the same `fillTemplate` the CLI uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// worker-src blob: lets the page start its analyses' worker from its own script (analyses.ts); a blob: URL is made by the page itself and fetches nothing.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; worker-src blob:; base-uri 'none'; form-action 'none'";

/** The offline file may not fetch anything. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'faultline-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/** Dev server: fill the placeholder with fixtures/example (or FAULTLINE_MANIFEST), loaded and linted by the real core, as `faultline view` does. */
function exampleModel(): Plugin {
  return {
    name: 'faultline-dev-model',
    apply: 'serve',
    async transformIndexHtml(html) {
      const core = await import('@faultline/core');
      const dir = join(ROOT, process.env['FAULTLINE_MANIFEST'] ?? 'fixtures/example');
      const files = dir.endsWith('.yaml')
        ? [dir]
        : readdirSync(dir)
            .filter((f) => /\.ya?ml$/.test(f))
            .sort()
            .map((f) => join(dir, f));
      const loaded = core.loadManifests(files.map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') })));
      if (!loaded.model) throw new Error(loaded.diagnostics.map(core.formatDiagnostic).join('\n'));
      return core.fillTemplate(html, core.viewPayload(loaded.model, [], core.lint(loaded.model).findings));
    },
  };
}

export default defineConfig({
  resolve: { conditions: ['@faultline/source', ...defaultClientConditions] },
  plugins: [viteSingleFile({ removeViteModuleLoader: true }), contentSecurityPolicy(), exampleModel()],
  build: { target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 2000, license: { fileName: 'THIRD-PARTY-LICENSES.md' } },
});
