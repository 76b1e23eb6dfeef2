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
  /**
   * The address the faultline repository's files are published at, ending in `/`:
   * a rule's page is then `docsBase + rulePage(id)`. @default DEFAULT_DOCS_BASE
   */
  readonly docsBase?: string;
  /** github: annotations printed per severity (GitHub shows 10 of each per step). @default 10 */
  readonly maxAnnotations?: number;
}

/**
 * Where the repository's files are published. No site or repository address
 * is published yet, so outputs link nowhere: they name the page's path in the
 * repository instead (docs/lint.md#rule-documentation). Set it here once an
 * address exists, and every link and SARIF `helpUri` follows.
 */
export const DEFAULT_DOCS_BASE: string | undefined = undefined;

/** Rules documented on a page of their command rather than under `docs/rules/`. */
const RULE_PAGES: ReadonlyMap<string, string> = new Map([
  ['scenario-hypothesis', 'docs/scenarios.md'],
  ['undeclared-dependency', 'docs/observed.md#faultline-drift-manifests---observed-file'],
  ['unobserved-dependency', 'docs/observed.md#faultline-drift-manifests---observed-file'],
  ['unknown-service', 'docs/observed.md#faultline-drift-manifests---observed-file'],
]);

/** The page documenting a rule, relative to the root of the faultline repository. */
export function rulePage(id: string): string {
  return RULE_PAGES.get(id) ?? `docs/rules/${id}.md`;
}

/** The absolute address of a rule's page, when the repository's address is known. */
export function ruleUri(id: string, options: LintFormatOptions): string | undefined {
  const base = options.docsBase ?? DEFAULT_DOCS_BASE;
  return base === undefined ? undefined : `${base}${rulePage(id)}`;
}

/** Where to read about a rule, in words: its address, or its page in the repository. */
export function ruleDocs(id: string, options: LintFormatOptions): string {
  return ruleUri(id, options) ?? `${rulePage(id)} in the faultline repository`;
}

/** A rule's name in Markdown: a link to its page when that has an address, the bare name otherwise (never a dead link). */
export function ruleLink(id: string, options: LintFormatOptions): string {
  const uri = ruleUri(id, options);
  return uri === undefined ? `\`${id}\`` : `[${id}](${uri})`;
}

/**
 * A SARIF rule's help and `helpUri`. SARIF wants `helpUri` absolute, so it is
 * left out until the repository has an address; the help names the page.
 */
export function sarifHelp(id: string, help: string, options: LintFormatOptions): { help: { text: string; markdown: string }; helpUri?: string } {
  const uri = ruleUri(id, options);
  if (uri !== undefined) return { help: { text: help, markdown: `${help}\n\n[${id}](${uri})` }, helpUri: uri };
  return {
    help: {
      text: `${help}\n\nDocumentation: ${rulePage(id)} in the faultline repository.`,
      markdown: `${help}\n\nDocumentation: \`${rulePage(id)}\` in the faultline repository.`,
    },
  };
}

/** Terminal-safe text: control characters from manifests (ANSI escapes included) become `\xNN`. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
