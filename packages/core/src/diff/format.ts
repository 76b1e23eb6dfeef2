/**
 * The diff formatter registry
 * ===========================
 *
 * `faultline diff --format` choices and help come from this one object
 * (docs/architecture.md#registries): Markdown for pull-request comments, JSON for scripts,
 * text for a terminal.
 */
import type { ArchitectureDiff } from './diff.js';
import { formatDiffJson } from './format-json.js';
import { formatDiffMarkdown } from './format-markdown.js';
import type { DiffFormatOptions } from './format-options.js';
import { formatDiffText } from './format-text.js';

export type DiffFormatter = (diff: ArchitectureDiff, options?: DiffFormatOptions) => string;

export const DIFF_FORMATTERS = {
  text: formatDiffText,
  json: formatDiffJson,
  markdown: formatDiffMarkdown,
} satisfies Record<string, DiffFormatter>;

/** A `--format` value of `faultline diff`. */
export type DiffFormatName = keyof typeof DIFF_FORMATTERS;

/** The format names, in help order. */
export const DIFF_FORMAT_NAMES = Object.keys(DIFF_FORMATTERS) as DiffFormatName[];
