/**
 * Options every lint formatter takes
 * ==================================
 *
 * Formatters are pure functions from a `LintReport` to a string (docs/architecture.md#output-formats,
 * as dependency-cruiser's reporters are): colour comes in as a `Paint`, the
 * manifest texts (to show the line under a finding) as a map from path to
 * text, and nothing is read from the environment.
 */
import type { Paint } from './paint.js';

export interface LintFormatOptions {
  /** @default plain */
  readonly paint?: Paint;
  /** Manifest texts by path, as loaded; the text format shows the line of each finding. */
  readonly sources?: ReadonlyMap<string, string>;
  /** faultline's version, for SARIF's `driver.semanticVersion`. @default '0.0.0' */
  readonly version?: string;
  /** Each rule's documentation is at `docsBase + id`. @default 'https://faultline.dev/rules/' */
  readonly docsBase?: string;
  /** github: annotations printed per severity (GitHub shows 10 of each per step). @default 10 */
  readonly maxAnnotations?: number;
}

/** Where rule pages live unless told otherwise. */
export const DEFAULT_DOCS_BASE = 'https://faultline.dev/rules/';

/** The documentation URI of a rule. */
export function ruleUri(id: string, options: LintFormatOptions): string {
  return `${options.docsBase ?? DEFAULT_DOCS_BASE}${id}`;
}

/** Terminal-safe text: control characters from manifests (ANSI escapes included) become `\xNN`. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
