/**
 * `faultline rules`: the rule catalogue
 * =====================================
 *
 * Every rule with its severity (the config's, or the default), what it
 * finds and its options, from the rules' own metadata: text for a terminal,
 * Markdown for docs, JSON for tools.
 */
import type { LintConfig } from '../lint/config.js';
import type { Severity } from '../lint/finding.js';
import { RULE_IDS, RULES } from '../lint/registry.js';
import { optionDocs, type OptionDoc, type Rule } from '../lint/rule.js';
import { cell } from './lint-markdown.js';
import { ruleDocs, ruleLink, rulePage, ruleUri, type LintFormatOptions } from './lint-options.js';
import { plain } from './paint.js';
import { formatNames, type Formatter } from './registry.js';
import { maxOf } from '../arrays.js';

export interface RuleInfo {
  readonly id: string;
  /** The severity the rule runs at with the given config. */
  readonly severity: Severity;
  readonly defaultSeverity: Severity;
  readonly description: string;
  readonly rationale: string;
  readonly help: string;
  readonly options: readonly OptionDoc[];
  /** The rule's page: its address, or its path in the faultline repository. */
  readonly docs: string;
}

/** The catalogue, in registry order, with the config's severities applied. */
export function ruleInfos(config?: LintConfig, options: LintFormatOptions = {}): RuleInfo[] {
  return RULE_IDS.map((id) => {
    const rule = RULES[id] as Rule;
    return {
      id,
      severity: config?.rules.get(id)?.severity ?? rule.defaultSeverity,
      defaultSeverity: rule.defaultSeverity,
      description: rule.description,
      rationale: rule.rationale,
      help: rule.help,
      options: optionDocs(rule),
      docs: ruleUri(id, options) ?? rulePage(id),
    };
  });
}

export function formatRulesText(infos: readonly RuleInfo[], options: LintFormatOptions = {}): string {
  const paint = options.paint ?? plain;
  const width = maxOf(infos.map((r) => r.id.length));
  const lines: string[] = [];
  for (const r of infos) {
    const severity = r.severity === 'error' ? paint('red', 'error') : r.severity === 'warn' ? paint('yellow', 'warn ') : paint('gray', 'off  ');
    lines.push(`${paint('bold', r.id.padEnd(width))}  ${severity}  ${r.description.replace(/`/g, '')}`);
    for (const o of r.options) lines.push(paint('gray', `${' '.repeat(width + 9)}${o.name} (default ${o.default}): ${o.description.replace(/`/g, '')}`));
  }
  const changed = infos.filter((r) => r.severity !== r.defaultSeverity).length;
  lines.push('', `${infos.length} rules${changed > 0 ? `, ${changed} set by the config` : ''}. Docs: ${ruleDocs('<rule-id>', options)}.`);
  return `${lines.join('\n')}\n`;
}

export function formatRulesMarkdown(infos: readonly RuleInfo[], options: LintFormatOptions = {}): string {
  const lines = ['| Rule | Default | Finds | Options |', '|---|---|---|---|'];
  for (const r of infos) {
    const opts = r.options.length > 0 ? r.options.map((o) => `\`${o.name}\` (${cell(o.default)})`).join(', ') : '—';
    lines.push(`| ${ruleLink(r.id, options)} | ${r.severity} | ${r.description} | ${opts} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatRulesJson(infos: readonly RuleInfo[]): string {
  return `${JSON.stringify({ rules: infos }, null, 2)}\n`;
}

/** `faultline rules --format`: each format's formatter, in help order. */
export const RULES_FORMATTERS = {
  text: formatRulesText,
  markdown: formatRulesMarkdown,
  json: formatRulesJson,
} satisfies Record<string, Formatter<readonly RuleInfo[], LintFormatOptions>>;

/** A `--format` value of `faultline rules`. */
export type RulesFormatName = keyof typeof RULES_FORMATTERS;

/** The format names, in help order. */
export const RULES_FORMAT_NAMES = formatNames(RULES_FORMATTERS);
