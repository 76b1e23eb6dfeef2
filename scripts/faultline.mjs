#!/usr/bin/env node
// `pnpm faultline …` inside this repository. pnpm runs a script from the
// repository root; the user's paths are relative to the directory they ran it
// in (INIT_CWD, which npm and pnpm set), so the CLI runs there. Add `--silent`
// (`pnpm --silent faultline …`) so pnpm prints no script header into stdout.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import('../packages/cli/bin/faultline.js');
