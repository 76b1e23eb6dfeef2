/**
 * Number options of the command line
 * ==================================
 *
 * Every integer option is parsed here, so `--top`, `--trials`, `--seed`,
 * `--max-warnings` and friends accept the same numbers and say the same
 * thing when they do not. Parsers given to commander throw its
 * `InvalidArgumentError` (commander prints "option '--top <n>' argument …
 * is invalid"); options read as strings and checked in the command throw a
 * `UsageError` naming the flag. Both exit 2.
 */
import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from './io.js';

/** `value` as an integer ≥ `min` (a safe integer when `safe`), else undefined. */
function integer(value: string, min: number, safe: boolean): number | undefined {
  const n = Number(value);
  return (safe ? Number.isSafeInteger(n) : Number.isInteger(n)) && n >= min ? n : undefined;
}

/** A commander parser of a whole number ≥ 1; `example` shows the flag in the error (`--max-order 3`). */
export function wholeNumber(example: string): (value: string) => number {
  return (value) => {
    const n = integer(value, 1, true);
    if (n === undefined) throw new InvalidArgumentError(`expected a whole number ≥ 1, e.g. ${example}`);
    return n;
  };
}

/** A commander parser for `--top` and `--max-items`: a positive integer. */
export function positiveInteger(value: string): number {
  const n = integer(value, 1, false);
  if (n === undefined) throw new InvalidArgumentError('expected a positive whole number, e.g. --top 10');
  return n;
}

/** A commander parser for `--seed`: any whole number. */
export function seedNumber(value: string): number {
  const n = integer(value, Number.MIN_SAFE_INTEGER, true);
  if (n === undefined) throw new InvalidArgumentError('expected a whole number, e.g. --seed 42');
  return n;
}

/** An option read as a string, checked in the command: a whole number ≥ `min`, else a usage error naming `flag`. */
export function integerOption(flag: string, value: string, min: number): number {
  const n = integer(value, min, false);
  if (n === undefined) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** A commander parser of a whole number from 1 to `max`; `example` shows the flag, `why` says what a larger one would cost. */
export function boundedNumber(max: number, example: string, why: string): (value: string) => number {
  return (value) => {
    const n = integer(value, 1, true);
    if (n === undefined || n > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max.toLocaleString('en-US')}, e.g. ${example}${n !== undefined ? ` (${why})` : ''}`);
    return n;
  };
}

/**
 * `-c, --config <file>` and `--no-config` of the commands that load manifests:
 * the config's `backstage.types` and `terraform` rows shape the model itself.
 */
export function configOption(): Option {
  return new Option('-c, --config <file>', 'config file for the Backstage type and Terraform rows (default: faultline.config.yaml beside the manifests or above them)');
}

/** `--no-config`, beside `configOption`. */
export function noConfigOption(): Option {
  return new Option('--no-config', 'ignore config files');
}

/** `--no-cache` of the commands that load manifests: load from the files even when the cache holds them (docs/cache.md). */
export function noCacheOption(): Option {
  return new Option('--no-cache', 'load the manifests from their files, without the cache of loads (or set FAULTLINE_NO_CACHE=1)');
}
