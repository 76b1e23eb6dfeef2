/**
 * `faultline schema [-o file]`: prints the manifest's JSON Schema (draft-07) for editors.
 */
import type { Command } from 'commander';
import { manifestJsonSchema } from '@faultline/core';
import type { Io, Wrap } from '../io.js';
import { outputOption, printReport } from './output.js';

export function registerSchema(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('schema')
    .description('print the JSON Schema of faultline manifests (for "# yaml-language-server: $schema=…")')
    .addOption(outputOption())
    .action(
      wrap((options: { output?: string }) => {
        printReport(io, options.output, () => `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
        return 0;
      }),
    );
}
