#!/usr/bin/env node
/**
 * The `faultline` binary: parses argv, runs one command, sets the exit code.
 * Everything else lives in `program.ts`, so tests can run commands in process.
 */
import { processIo } from './io.js';
import { run } from './program.js';

// A reader that stops early (`faultline spof … | head`) closes the pipe: stop
// quietly, as Unix tools do, instead of dying with an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await run(process.argv.slice(2), processIo());
