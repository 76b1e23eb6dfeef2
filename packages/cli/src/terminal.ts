/**
 * The terminal: what every command shares before it loads anything
 * ================================================================
 *
 * `Io`, `UsageError`, `Wrap` and the real process's streams, kept apart from
 * io.ts (which loads core to read manifests) so that `main.ts` and
 * `program.ts` start without core, zod or yaml: `--version` and `--help`
 * load only this, commander and the command table (program.ts).
 * io.ts re-exports all of it, so commands import it from there as before.
 */
import { styleText } from 'node:util';
import type { Paint } from '@faultline/core';

/** Where a command writes, so tests can run commands without spawning a process. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Colour for stdout; plain unless the stream is a TTY and NO_COLOR is unset. */
  readonly paint: Paint;
  /** True when stderr is a terminal: long runs may show progress there. */
  readonly stderrIsTTY?: boolean;
}

/** A problem with the command line or the files it names (exit code 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Adapts a command's action (which returns an exit code) to commander. */
export type Wrap = <A extends unknown[]>(action: (...args: A) => number | Promise<number>) => (...args: A) => Promise<void>;

/** The real process's streams. */
export function processIo(): Io {
  const colour = process.stdout.isTTY === true && !process.env['NO_COLOR'] && process.env['FORCE_COLOR'] !== '0';
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    paint: colour ? (style, text) => styleText(style, text, { validateStream: false }) : (_s, text) => text,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
