/**
 * The files around a lint: config, baseline, output
 * =================================================
 *
 * `faultline.config.yaml` (or `.yml`) is found beside the manifests: in the
 * first path's directory, then each parent up to the working directory (or
 * up to the file system's root for manifests outside it), as ESLint finds
 * its config. A baseline named in a config is relative to the config file.
 * Parsing and validation live in core and file access in io.ts; this module
 * decides which files.
 */
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseBaseline, parseLintConfig, type Baseline, type Diagnostic, type LintConfig } from '@faultline/core';
import { display, exists, pathKind, readError, readText, UsageError, writeText, writeError } from '../io.js';

/** Config file names, in the order they are looked for. */
export const CONFIG_NAMES = ['faultline.config.yaml', 'faultline.config.yml'];

export interface FoundConfig {
  readonly config?: LintConfig;
  /** The config file, as shown to the user; undefined when none was found. */
  readonly path?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** The config file for a lint of `paths`: the one given, the one found beside them, or none. */
export function findConfig(paths: readonly string[], cwd: string, given: string | false | undefined): FoundConfig {
  if (given === false) return { diagnostics: [] };
  const file = given !== undefined ? resolve(cwd, given) : discover(paths, cwd);
  if (file === undefined) return { diagnostics: [] };
  const text = read(file, cwd, given !== undefined ? 'check the --config path' : 'check the file permissions');
  const path = display(file, cwd);
  const parsed = parseLintConfig(text, path);
  return { ...(parsed.config ? { config: parsed.config } : {}), path, diagnostics: parsed.diagnostics };
}

function discover(paths: readonly string[], cwd: string): string | undefined {
  const first = paths[0];
  if (first === undefined) return undefined;
  const abs = resolve(cwd, first);
  const kind = pathKind(abs);
  if (kind === undefined) return undefined; // readSources reports the missing path
  let dir = kind === 'directory' ? abs : dirname(abs);
  const root = resolve(cwd);
  const inside = !relative(root, dir).startsWith('..') && !isAbsolute(relative(root, dir));
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (exists(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if ((inside && dir === root) || parent === dir) return undefined;
    dir = parent;
  }
}

/** The baseline file to apply: `--baseline`, else the config's `baseline` (relative to the config). */
export function baselinePath(option: string | undefined, config: FoundConfig, cwd: string): string | undefined {
  if (option !== undefined) return resolve(cwd, option);
  if (config.config?.baseline === undefined || config.path === undefined) return undefined;
  return resolve(dirname(resolve(cwd, config.path)), config.config.baseline);
}

/** Reads and validates a baseline file. */
export function readBaseline(file: string, cwd: string): { baseline?: Baseline; path: string; diagnostics: readonly Diagnostic[] } {
  const path = display(file, cwd);
  const text = read(file, cwd, 'write one with --write-baseline <file>');
  return { ...parseBaseline(text, path), path };
}

/** Writes a file the user asked for (report or baseline). */
export function writeOutput(file: string, text: string, cwd: string): string {
  const abs = resolve(cwd, file);
  try {
    writeText(abs, text);
  } catch (error) {
    throw writeError(error, file);
  }
  return display(abs, cwd);
}

function read(file: string, cwd: string, hint: string): string {
  try {
    return readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EFBIG' || code === 'ENOTREG') throw readError(error, display(file, cwd));
    throw new UsageError(`cannot read "${display(file, cwd)}": ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`, hint);
  }
}
