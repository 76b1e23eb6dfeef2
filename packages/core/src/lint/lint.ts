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
import type { ComponentId, Model } from '../model.js';
import { DEFAULT_CONFIG, type LintConfig } from './config.js';
import { LintContext } from './context.js';
import { compare, sortFindings, type Finding, type FindingSeverity, type RuleFinding } from './finding.js';
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
  /**
   * Present when the model declares no placement at all and SPOF-family
   * findings were lowered to `warn` (`spofWithoutPlacements`): how many
   * components could be placed and are not, and how many findings were lowered.
   */
  readonly unplaced?: { readonly components: number; readonly lowered: number };
}

/**
 * Rules whose findings say "this one failure takes that down". Without a
 * single placement, every dependency reads as one (nothing says a service
 * runs twice), so a catalog that has not described placements yet would
 * fail CI on its first dependency: these findings are `warn` until some
 * component declares where it runs (`spofWithoutPlacements: rule` keeps
 * each rule's severity).
 */
export const SPOF_FAMILY: ReadonlySet<string> = new Set(['single-point-of-failure', 'logical-single-point-of-failure', 'shared-fate-redundancy']);

/** Components that could declare a placement (not domains, not journeys), when none does; 0 when some placement exists. */
export function unplacedComponents(model: Model): number {
  let placeable = 0;
  for (const c of model.components.values()) {
    if (c.placements.length > 0) return 0;
    if (!c.isDomain && !c.isJourney) placeable++;
  }
  return placeable;
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
  const unplaced = config.spofWithoutPlacements === 'rule' ? 0 : unplacedComponents(model);
  let lowered = 0;
  for (const [id, rule] of Object.entries(RULES) as [RuleId, Rule][]) {
    const setting = config.rules.get(id);
    const configured = setting?.severity ?? rule.defaultSeverity;
    if (configured === 'off') continue;
    const lower = configured === 'error' && unplaced > 0 && SPOF_FAMILY.has(id);
    const severity: FindingSeverity = lower ? 'warn' : configured;
    active.set(id, severity);
    const ruleOptions = rule.options.parse(setting?.options ?? {});
    const found = rule.check(context, ruleOptions);
    for (const f of found) findings.push({ ...f, rule: id, severity, model: model.name, subject: subjectOf(f), details: f.details ?? NO_DETAILS });
    if (lower) lowered += found.length;
  }
  const suppressed = applySuppressions(model, findings, active);
  return {
    model: model.name,
    files: model.files,
    findings: sortFindings(suppressed.findings, model.files),
    rules: active,
    diagnostics: suppressed.diagnostics,
    unusedSuppressions: suppressed.unused,
    ...(lowered > 0 ? { unplaced: { components: unplaced, lowered } } : {}),
  };
}

/** No further lines: one shared, frozen list for the many findings that have none. */
const NO_DETAILS: readonly string[] = Object.freeze([]);

/** A finding's identity ids, distinct and sorted; the one- and two-id cases (most findings) without a Set. */
function subjectOf(f: RuleFinding): readonly ComponentId[] {
  const s = f.subject;
  if (!s) return [f.target];
  if (s.length === 1) return [s[0]!];
  if (s.length === 2) {
    const [a, b] = s as [ComponentId, ComponentId];
    return a === b ? [a] : a < b ? [a, b] : [b, a];
  }
  return [...new Set(s)].sort(compare);
}

/** The one line that says why SPOF findings are warnings and how to change that, or undefined. */
export function unplacedNote(result: Pick<LintResult, 'unplaced' | 'model'>): string | undefined {
  const u = result.unplaced;
  if (!u) return undefined;
  const n = u.components;
  return `${u.lowered === 1 ? '1 single-point-of-failure finding is a warning' : `${u.lowered} single-point-of-failure findings are warnings`}: no component of ${result.model} declares where it runs (${n === 1 ? '1 component has' : `${n} components have`} no placement), so every dependency reads as a single point of failure; add placements (\`in:\` in a manifest or overlay, or the faultline.dev/in annotation) to judge them, or set "spofWithoutPlacements: rule" in faultline.config.yaml to keep them errors`;
}
