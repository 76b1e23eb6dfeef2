#!/usr/bin/env node
// Runs the whole test suite and ends with the one line CI reads:
// "N passed, N failed" (CI does not read vitest's own summary). The tests are
// code: the typecheck of the packages and of the tests (`npm run typecheck`)
// runs first, then the layering rules (`npm run check:deps`) and the lint and
// format check (`npm run lint`), and each counts as one failed test when it fails.
//
// The end-to-end tests run the built CLI, so the packages are built first, but
// only when a source file is newer than the build: `pnpm install` has just
// built them (the `prepare` script), and building twice costs the suite time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under `dir` (0 when it does not exist), skipping `skip` names. */
function newest(dir, skip = new Set()) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    // Tests and the typecheck's own records (tsconfig.tsbuildinfo) are not build inputs.
    if (skip.has(e.name) || /\.test(-support)?\.ts$|test-support\.ts$|\.tsbuildinfo$/.test(e.name)) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return t;
}

/** Oldest of the build outputs the tests use; 0 when one is missing. */
function builtAt() {
  const outputs = ['packages/core/dist/index.js', 'packages/cli/dist/faultline.cjs', 'packages/viewer/dist/index.html'];
  let oldest = Number.POSITIVE_INFINITY;
  for (const o of outputs) oldest = Math.min(oldest, existsSync(o) ? statSync(o).mtimeMs : 0);
  return oldest;
}

let sources = newest('packages/viewer', new Set(['src', 'dist', 'node_modules']));
// The CLI's bundle config and launcher too; its LICENSE is a build output (a copy of the root's).
sources = Math.max(sources, newest('packages/cli', new Set(['src', 'dist', 'node_modules', 'LICENSE'])), statSync('LICENSE').mtimeMs);
for (const p of ['core', 'cli', 'viewer']) sources = Math.max(sources, newest(`packages/${p}/src`), statSync(`packages/${p}/package.json`).mtimeMs);
if (sources > builtAt()) {
  // Run by `pnpm test`, npm_execpath is pnpm itself.
  const pnpmCli = process.env.npm_execpath;
  const pnpm = pnpmCli
    ? spawnSync(process.execPath, [pnpmCli, '-r', 'build'], { stdio: 'inherit' })
    : spawnSync('pnpm', ['-r', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (pnpm.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(pnpm.status || 1);
  }
}

// The same two steps as the `typecheck` script; the tests' typecheck is
// incremental (node_modules/.cache), so a second run takes a few seconds.
const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
const typecheck = [['-b'], ['-p', 'tsconfig.test.json']].map((args) => spawnSync(process.execPath, [tsc, ...args], { stdio: 'inherit' }).status === 0).every(Boolean);
if (!typecheck) console.log('typecheck failed (npm run typecheck): counted as 1 failed test');

// The layering rules (.dependency-cruiser.cjs): core stays pure, the CLI
// reaches files and git only through io.ts and io-git.ts, no import cycles.
// About two seconds.
const depcruise = join('node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const layers = spawnSync(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long', 'packages/*/src'], { stdio: 'inherit' }).status === 0;
if (!layers) console.log('dependency rules broken (npm run check:deps): counted as 1 failed test');

// Lint and format check (biome.jsonc), as `npm run lint`; `npm run format` fixes the formatting. Under a second.
const biome = join('node_modules', '@biomejs', 'biome', 'bin', 'biome');
const lint = spawnSync(process.execPath, [biome, 'check', '--error-on-warnings', '.'], { stdio: 'inherit' }).status === 0;
if (!lint) console.log('lint failed (npm run lint; npm run format fixes the formatting): counted as 1 failed test');

const report = '.vitest-report.json';
rmSync(report, { force: true });
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
const checkFailures = (typecheck ? 0 : 1) + (layers ? 0 : 1) + (lint ? 0 : 1);
if (!existsSync(report)) {
  console.log(`0 passed, ${1 + checkFailures} failed`);
  process.exit(vitest.status || 1);
}
const r = JSON.parse(readFileSync(report, 'utf8'));
const skipped = r.numPendingTests + r.numTodoTests;
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + checkFailures} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(checkFailures === 0 ? (vitest.status ?? 1) : 1);
