/**
 * The diff formatter registry
 * ===========================
 *
 * `faultline diff --format` choices and help come from this one object
 * (docs/architecture.md#registries): Markdown for pull-request comments, JSON for scripts,
 * text for a terminal.
 */
import type { ArchitectureDiff } from '../diff/diff.js';
import { formatDiffJson } from './diff-json.js';
import { formatDiffMarkdown } from './diff-markdown.js';
import type { DiffFormatOptions } from './diff-options.js';
import { formatDiffText } from './diff-text.js';
import { formatNames, type Formatter } from './registry.js';

export type DiffFormatter = Formatter<ArchitectureDiff, DiffFormatOptions>;

export const DIFF_FORMATTERS = {
  text: formatDiffText,
  json: formatDiffJson,
  markdown: formatDiffMarkdown,
} satisfies Record<string, DiffFormatter>;

/** A `--format` value of `faultline diff`. */
export type DiffFormatName = keyof typeof DIFF_FORMATTERS;

/** The format names, in help order. */
export const DIFF_FORMAT_NAMES = formatNames(DIFF_FORMATTERS);
