/**
 * Options every diff formatter takes
 * ==================================
 *
 * Lint's formatter options (colour as a `Paint`, where rule pages live)
 * plus a cap on the entries each section lists.
 */
import type { LintFormatOptions } from './lint-options.js';

export interface DiffFormatOptions extends LintFormatOptions {
  /** Entries listed per section (markdown and text); json lists everything. @default 50 */
  readonly maxItems?: number;
}
