#!/usr/bin/env node
/**
 * The `faultline` binary: parses argv, runs one command, sets the exit code.
 * Everything else lives in `program.ts`, so tests can run commands in process.
 * `--version` answers before commander loads; every command loads only
 * what it uses (program.ts).
 */
import { processIo } from './terminal.js';
import { VERSION } from './version.js';

// A reader that stops early (`faultline spof … | head`) closes the pipe: stop
// quietly, as Unix tools do, instead of dying with an unhandled EPIPE. Any
// other write error (a full disk: `> /dev/full`) is one line and exit 2, never
// a stack trace, and never 1, which lint reserves for error findings.
for (const [name, stream] of [
  ['stdout', process.stdout],
  ['stderr', process.stderr],
] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (name === 'stdout') {
      try {
        process.stderr.write(`faultline: error: cannot write to stdout: ${error.code ?? error.message} (check the disk space and where the output goes)\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(2);
  });
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) process.stdout.write(`${VERSION}\n`);
else {
  // No top-level await: the bundle is CommonJS (vite.config.ts), for the code cache.
  void import('./program.js').then(async ({ run }) => {
    process.exitCode = await run(argv, processIo());
  });
}
