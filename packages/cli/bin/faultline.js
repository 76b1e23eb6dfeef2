#!/usr/bin/env node
// The `faultline` command. It only loads the bundle (dist/faultline.js, built
// by `vite build`): this file exists before the first build, so a fresh
// install links the command at once.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`faultline: error: faultline needs Node.js 20.19 or newer, this is ${process.version} (install a newer Node.js)\n`);
  process.exit(2);
}
import('../dist/faultline.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]faultline\.js/.test(String(error.message))) {
    process.stderr.write('faultline: error: the CLI is not built (in a faultline checkout, run "npx --yes pnpm@10 install")\n');
    process.exitCode = 2;
  } else throw error;
});
