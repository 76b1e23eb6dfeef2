#!/usr/bin/env node
/**
 * The `faultline` binary: parses argv, runs one command, sets the exit code.
 * Everything else lives in `program.ts`, so tests can run commands in process.
 */
import { processIo } from './io.js';
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2), processIo());
