/**
 * `faultline schema`: prints the manifest's JSON Schema (draft-07) for editors.
 */
import type { Command } from 'commander';
import { manifestJsonSchema } from '@faultline/core';
import type { Io, Wrap } from '../io.js';

export function registerSchema(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('schema')
    .description('print the JSON Schema of faultline manifests (for "# yaml-language-server: $schema=…")')
    .action(
      wrap(() => {
        io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
        return 0;
      }),
    );
}
