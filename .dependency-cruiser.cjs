// The layers of faultline, checked (dependency-cruiser)
// =====================================================
//
// docs/architecture.md#layers says what each package may import; these rules
// keep it so. The test command runs them over every package's src folder
// (scripts/test.mjs), and so does `pnpm check:deps` alone:
//
//   node node_modules/dependency-cruiser/bin/dependency-cruise.mjs --config .dependency-cruiser.cjs --output-type err-long 'packages/*/src'
//
// Test files (*.test.ts, *test-support.ts) are cruised too, so the cycle and
// package rules cover them. The node built-in rules exempt them by name:
// vitest runs every test in node (they read fixtures, spawn the CLI and make
// temporary directories), while the code under test ships to the browser.

/** Test files: run by vitest in node, never shipped. */
const TESTS = '(\\.test|test-support)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'core (model, loader, engine, analyses, rules, formatters) runs unchanged in the CLI and in the browser, so ' +
        'it reads no file, spawns nothing and asks nothing of its host: no node built-in (node:fs, node:path, ' +
        'node:process…). Its tsconfig loads no node types, which stops most of this; the rule also stops what ' +
        'slips past the compiler (node types pulled in by a dependency, an import kept for its types). Tests and ' +
        'test support run in node and are exempt.',
      from: { path: '^packages/core/src/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'core is the bottom layer: the CLI and the viewer are built on it, never the other way, or core could not ' +
        'be published, tested or run in the browser alone. What both of them need (the viewer page contract, the ' +
        'wording of causes) lives in core.',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/(cli|viewer)/' },
    },
    {
      name: 'viewer-no-node',
      severity: 'error',
      comment:
        'The viewer is one HTML page that opens offline in a browser, where node built-ins do not exist. Its own ' +
        'tests run in node and are exempt.',
      from: { path: '^packages/viewer/src/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'viewer-no-node',
      severity: 'error',
      comment:
        'The viewer never imports the CLI: the CLI writes the page (it is the layer above), and what both need, ' +
        'the page contract and the model, comes from core.',
      from: { path: '^packages/viewer/src/' },
      to: { path: '^packages/cli/' },
    },
    {
      name: 'cli-fs-through-io',
      severity: 'error',
      comment:
        'The CLI touches the outside world in one place: io.ts (files and streams) and io-git.ts (manifests read ' +
        'from git, the only process it runs). Commands call them, so commands run in-process in tests and every ' +
        'read, write and spawn can be found in two files. Tests and test support make fixtures and are exempt.',
      from: { path: '^packages/cli/src/', pathNot: ['^packages/cli/src/io(-git)?\\.ts$', TESTS] },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process)$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one module in two files: neither can be read, tested or moved alone, and ESM ' +
        'evaluates one of them half-initialised. Type-only cycles count too (they tie the files together for the ' +
        'reader). Lift what both need into a third module, or into the lower one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'warn',
      comment:
        'A module nothing imports is dead code, or an entry point that belongs on this list (the CLI\'s and the ' +
        'viewer\'s main.ts; tests and their support are entry points for vitest).',
      from: {
        orphan: true,
        pathNot: [TESTS, '\\.d\\.ts$', '^packages/(cli|viewer)/src/main\\.ts$'],
      },
      to: {},
    },
  ],
  options: {
    // The sources only: a cross-package import (@faultline/core) resolves to that package's src/index.ts through
    // the @faultline/source export condition, as tsc and vitest resolve it, so cycles across packages are seen too.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@faultline/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
    },
  },
};
