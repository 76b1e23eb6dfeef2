/**
 * `faultline init [dir]`: a starter manifest and config that lint clean
 * ====================================================================
 *
 * Writes `faultline.yaml` (a small, commented manifest), `faultline.config.yaml`
 * (every rule at its default severity, with its options) and the manifest's
 * JSON Schema for editor completion. Never overwrites a file unless `--force`.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { manifestJsonSchema, STARTER_MANIFEST, STARTER_SCHEMA_FILE, starterConfig } from '@faultline/core';
import { display, exists, makeDirectory, UsageError, type Io, type Wrap } from '../io.js';
import { writeOutput } from './lint-files.js';

interface InitOptions {
  readonly force?: boolean;
}

/** The files `init` writes, by name. */
export function starterFiles(): [string, string][] {
  return [
    ['faultline.yaml', STARTER_MANIFEST],
    ['faultline.config.yaml', starterConfig()],
    [STARTER_SCHEMA_FILE, `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`],
  ];
}

export function registerInit(program: Command, io: Io, wrap: Wrap): void {
  program
    .command('init')
    .description('write a starter manifest, a config listing every rule, and the JSON Schema for editors')
    .argument('[dir]', 'where to write them', '.')
    .option('--force', 'overwrite existing files')
    .addHelpText('after', '\nExample:\n  faultline init architecture && faultline lint architecture')
    .action(wrap((dir: string, options: InitOptions) => initCommand(dir, options, io)));
}

export function initCommand(dir: string, options: InitOptions, io: Io): number {
  const target = resolve(io.cwd, dir);
  const files = starterFiles();
  if (!options.force) {
    const existing = files.map(([name]) => join(target, name)).filter((f) => exists(f));
    if (existing.length > 0) throw new UsageError(`${display(existing[0]!, io.cwd)} already exists`, 'pass --force to overwrite, or choose another directory');
  }
  try {
    makeDirectory(target);
  } catch (error) {
    throw new UsageError(`cannot create "${dir}": ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'check the path');
  }
  // As typed: a relative directory outside the working directory stays relative (../arch), never made absolute.
  const where = isAbsolute(dir) ? dir : relative(io.cwd, target).split(sep).join('/') || '.';
  for (const [name, text] of files) {
    writeOutput(join(target, name), text, io.cwd);
    io.stdout(`wrote ${where === '.' ? name : `${where.replace(/\/$/, '')}/${name}`}\n`);
  }
  io.stdout(`\nnext: faultline lint ${where} && faultline simulate ${where} --fail us-east-1\n`);
  return 0;
}
