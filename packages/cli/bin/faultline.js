#!/usr/bin/env node
// The `faultline` command. It only loads the bundle (dist/faultline.js, built
// by `vite build`): this file exists before the first build, so a fresh
// install links the command at once.
import('../dist/faultline.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]faultline\.js/.test(String(error.message))) {
    process.stderr.write('faultline: error: the CLI is not built (in a faultline checkout, run "npx --yes pnpm@10 install")\n');
    process.exitCode = 2;
  } else throw error;
});
