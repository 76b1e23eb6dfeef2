/**
 * The lint formatter registry
 * ===========================
 *
 * `--format` choices, the help text and the tests come from this one object
 * (docs/architecture.md#registries): a formatter is `(report, options) => string`.
 */
import type { LintReport } from '../lint/report.js';
import { formatLintGithub } from './lint-github.js';
import { formatLintGitlab } from './lint-gitlab.js';
import { formatLintJson } from './lint-json.js';
import { formatLintMarkdown } from './lint-markdown.js';
import type { LintFormatOptions } from './lint-options.js';
import { formatLintSarif } from './lint-sarif.js';
import { formatLintText, lintTextChunks } from './lint-text.js';
import { formatNames, type Formatter } from './registry.js';

export type LintFormatter = Formatter<LintReport, LintFormatOptions>;

export const LINT_FORMATTERS = {
  text: formatLintText,
  json: formatLintJson,
  sarif: formatLintSarif,
  markdown: formatLintMarkdown,
  github: formatLintGithub,
  gitlab: formatLintGitlab,
} satisfies Record<string, LintFormatter>;

/** A `--format` value of `faultline lint`. */
export type LintFormatName = keyof typeof LINT_FORMATTERS;

/** The format names, in help order. */
export const LINT_FORMAT_NAMES = formatNames(LINT_FORMATTERS);

/**
 * The report in the pieces a command writes one after another: `text` per
 * file as it is formatted (`lintTextChunks`), every other format in one
 * piece (a JSON or SARIF document is only whole at its end).
 */
export function lintReportChunks(format: LintFormatName, report: LintReport, options: LintFormatOptions = {}): Iterable<string> {
  return format === 'text' ? lintTextChunks(report, options) : [LINT_FORMATTERS[format](report, options)];
}
