/**
 * Rules: one module per rule id
 * =============================
 *
 * Each rule documents itself (ESLint's `meta`, dependency-cruiser's
 * `comment`): the same metadata feeds `faultline rules`, the docs pages,
 * SARIF `rules[]` and the config validation. Options are a zod object whose
 * fields carry their default and a description, so `{}` parses to the
 * defaults and an unknown option is an error with a "did you mean".
 */
import type * as z from 'zod';
import type { LintContext } from './context.js';
import type { FindingSeverity, RuleFinding } from './finding.js';

export interface Rule<S extends z.ZodObject = z.ZodObject> {
  /** Stable, kebab-case; never renamed (baselines and SARIF key on it). */
  readonly id: string;
  readonly defaultSeverity: FindingSeverity;
  /** One sentence: what the rule finds (SARIF `shortDescription`). */
  readonly description: string;
  /** Why it matters, with the incident it comes from (SARIF `fullDescription`). */
  readonly rationale: string;
  /** How to fix a finding (SARIF `help`). */
  readonly help: string;
  /** The rule's options: every field has a default and a description. */
  readonly options: S;
  /** Finds the problems in the model. Pure; the runner adds severity and suppressions. */
  check(context: LintContext, options: z.output<S>): RuleFinding[];
}

/** A rule's option, for docs and `faultline rules`. */
export interface OptionDoc {
  readonly name: string;
  readonly description: string;
  /** The default as JSON. */
  readonly default: string;
}

/** Typed identity: lets a rule module declare its options once. */
export function defineRule<S extends z.ZodObject>(rule: Rule<S>): Rule<S> {
  return rule;
}

/** The options a rule takes, with their defaults. */
export function optionDocs(rule: Rule): OptionDoc[] {
  const defaults = rule.options.parse({}) as Record<string, unknown>;
  return Object.entries(rule.options.shape).map(([name, schema]) => ({
    name,
    description: (schema as z.ZodType).description ?? '',
    default: JSON.stringify(defaults[name]),
  }));
}
