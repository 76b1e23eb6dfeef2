/**
 * lint(model, config): run every rule
 * ===================================
 *
 * Runs each rule that the config does not switch off, with its options,
 * stamps the findings with rule, severity, model and identity, marks the
 * ones a `# faultline-ignore` comment suppresses, and sorts them by file,
 * line and rule (docs/architecture.md#determinism). Problems in the
 * suppression comments themselves (an unknown rule, no reason) are
 * diagnostics: input errors, like a bad manifest.
 */
import type { CompiledGraph } from '../engine/compile.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Model } from '../model.js';
import { DEFAULT_CONFIG, type LintConfig } from './config.js';
import { LintContext } from './context.js';
import { compare, sortFindings, type Finding, type FindingSeverity } from './finding.js';
import { RULES, type RuleId } from './registry.js';
import type { Rule } from './rule.js';
import { applySuppressions, type UnusedSuppression } from './suppress.js';

/** The result of linting one model. */
export interface LintResult {
  /** The model's name: part of every finding's identity. */
  readonly model: string;
  readonly files: readonly string[];
  /** Every finding, suppressed ones included, sorted. */
  readonly findings: readonly Finding[];
  /** The rules that ran, with the severity they ran at. */
  readonly rules: ReadonlyMap<string, FindingSeverity>;
  /** Problems in `# faultline-ignore` comments: the lint is not valid while there are any. */
  readonly diagnostics: readonly Diagnostic[];
  /** Suppression comments that matched no finding. */
  readonly unusedSuppressions: readonly UnusedSuppression[];
}

export interface LintOptions {
  /** @default every rule at its default severity and options */
  readonly config?: LintConfig;
  /** Reuse a compiled graph. */
  readonly graph?: CompiledGraph;
}

/** Lints one model. */
export function lint(model: Model, options: LintOptions = {}): LintResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const context = new LintContext(model, options.graph);
  const active = new Map<string, FindingSeverity>();
  const findings: Finding[] = [];
  for (const [id, rule] of Object.entries(RULES) as [RuleId, Rule][]) {
    const setting = config.rules.get(id);
    const severity = setting?.severity ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    active.set(id, severity);
    const ruleOptions = rule.options.parse(setting?.options ?? {});
    for (const f of rule.check(context, ruleOptions)) {
      const subject = [...new Set(f.subject ?? [f.target])].sort(compare);
      findings.push({ ...f, rule: id, severity, model: model.name, subject, details: f.details ?? [] });
    }
  }
  const suppressed = applySuppressions(model, findings, active);
  return {
    model: model.name,
    files: model.files,
    findings: sortFindings(suppressed.findings, model.files),
    rules: active,
    diagnostics: suppressed.diagnostics,
    unusedSuppressions: suppressed.unused,
  };
}
