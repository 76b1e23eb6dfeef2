/**
 * Builds the published CLI: one bundle, dist/faultline.cjs, holding the
 * command line, core and every runtime dependency (commander, yaml, zod,
 * graphology…), so `npm install faultline-<version>.tgz` needs no registry
 * and no workspace. program.ts imports each command with `import()`, so the
 * bundle is split into chunks beside the entry (dist/faultline-<name>-<hash>.cjs,
 * in dist/ itself: `view` finds viewer.html beside the code that runs it)
 * and a command loads only what it runs; `--version` and `--help` load
 * neither core, zod nor yaml. Beside them the build copies what the bundle
 * reads at run time or the package must carry:
 *
 *   dist/viewer.html              the viewer page (packages/viewer's single file), filled by `faultline view`
 *   dist/faultline.schema.json    the manifest's JSON Schema, for editors
 *   dist/THIRD-PARTY-LICENSES.md  the licences of everything bundled, the CLI's and the viewer page's
 *   LICENSE                       the repository's licence (npm packs only files inside the package)
 *
 * vite is already the viewer's bundler (its rolldown bundles for node as
 * well), so the CLI needs no bundler of its own. bin/faultline.js, the
 * committed launcher, runs the bundle with a V8 code cache: the bin exists
 * before the first build, so the first install links it.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultServerConditions, defineConfig, type Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Copies the viewer page, the schema and the licences beside the bundle. */
function packageFiles(): Plugin {
  return {
    name: 'faultline-package-files',
    apply: 'build',
    closeBundle() {
      const viewer = here('../viewer/dist/index.html');
      if (!existsSync(viewer)) throw new Error('packages/viewer/dist/index.html is missing: build the viewer first (pnpm -r build builds it before the CLI)');
      copyFileSync(viewer, here('dist/viewer.html'));
      copyFileSync(here('../core/faultline.schema.json'), here('dist/faultline.schema.json'));
      copyFileSync(here('../../LICENSE'), here('LICENSE'));
      const viewerLicences = here('../viewer/dist/THIRD-PARTY-LICENSES.md');
      if (existsSync(viewerLicences)) {
        const cli = readFileSync(here('dist/THIRD-PARTY-LICENSES.md'), 'utf8');
        const page = readFileSync(viewerLicences, 'utf8').replace(/^# .*\n/, '');
        writeFileSync(here('dist/THIRD-PARTY-LICENSES.md'), `${cli.trimEnd()}\n\n# Licenses of the code bundled in dist/viewer.html\n${page}`);
      }
    },
  };
}

export default defineConfig({
  // Core from its TypeScript sources, as the viewer and the tests take it.
  resolve: { conditions: ['@faultline/source', ...defaultServerConditions] },
  // Bundle every dependency; node's built-ins stay imports.
  ssr: { noExternal: true, target: 'node' },
  plugins: [packageFiles()],
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    license: { fileName: 'THIRD-PARTY-LICENSES.md' },
    // CommonJS, in strict mode as the ES modules it is built from, so that
    // bin/faultline.js can compile every chunk with a V8 code cache (node 20
    // has none for ES modules). A chunk's name holds the hash of its content,
    // which is what names its code cache.
    rolldownOptions: {
      output: {
        entryFileNames: 'faultline.cjs',
        chunkFileNames: 'faultline-[name]-[hash].cjs',
        format: 'cjs',
        strict: true,
        // What main.ts shares with program.ts, in a chunk of its own: no chunk requires the entry back.
        codeSplitting: { groups: [{ name: 'terminal', test: /src[\\/](terminal|version)\.ts$/ }] },
      },
    },
  },
});
