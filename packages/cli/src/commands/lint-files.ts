/**
 * The files around a lint: config, baseline, output
 * =================================================
 *
 * `faultline.config.yaml` (or `.yml`) is found beside the manifests
 * (`findConfig`, in io.ts because every command that loads manifests reads
 * its `backstage.types`). A baseline named in a config is relative to the
 * config file.
 * Parsing and validation live in core and file access in io.ts; this module
 * decides which files.
 */
import { dirname, resolve } from 'node:path';
import { parseBaseline, type Baseline, type Diagnostic } from '@faultline/core';
import { display, readConfigText, writeError, writeText, type FoundConfig } from '../io.js';

export { CONFIG_NAMES, findConfig, type FoundConfig } from '../io.js';

/** The baseline file to apply: `--baseline`, else the config's `baseline` (relative to the config). */
export function baselinePath(option: string | undefined, config: FoundConfig, cwd: string): string | undefined {
  if (option !== undefined) return resolve(cwd, option);
  if (config.config?.baseline === undefined || config.path === undefined) return undefined;
  return resolve(dirname(resolve(cwd, config.path)), config.config.baseline);
}

/** Reads and validates a baseline file. */
export function readBaseline(file: string, cwd: string): { baseline?: Baseline; path: string; diagnostics: readonly Diagnostic[] } {
  const path = display(file, cwd);
  const text = readConfigText(file, cwd, 'write one with --write-baseline <file>');
  return { ...parseBaseline(text, path), path };
}

/** Writes a file the user asked for (report or baseline). */
export function writeOutput(file: string, text: string | Iterable<string>, cwd: string): string {
  const abs = resolve(cwd, file);
  try {
    writeText(abs, text);
  } catch (error) {
    throw writeError(error, file);
  }
  return display(abs, cwd);
}
