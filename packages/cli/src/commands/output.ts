/**
 * `-o, --output <file>`: one option, one behaviour
 * ================================================
 *
 * Every command that prints a report takes `-o/--output`: the report goes to
 * the file (without colour) and a one-line note to stderr, so stdout stays
 * empty; without it (or with `-o -`) the report is all that stdout gets.
 */
import { Option } from 'commander';
import { plain, type Paint } from '@faultline/core';
import type { Io } from '../io.js';
import { writeOutput } from './lint-files.js';

/** The `-o, --output <file>` option. */
export function outputOption(): Option {
  return new Option('-o, --output <file>', 'write the report to a file instead of stdout ("-" for stdout)');
}

/** Prints the report `render` makes with the given paint, on stdout or into `output`. */
export function printReport(io: Io, output: string | undefined, render: (paint: Paint) => string): void {
  if (output === undefined || output === '-') {
    io.stdout(render(io.paint));
    return;
  }
  io.stderr(`faultline: report written to ${writeOutput(output, render(plain), io.cwd)}\n`);
}
