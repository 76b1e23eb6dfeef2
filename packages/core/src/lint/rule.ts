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
import type { ComponentId } from '../model.js';
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
  /**
   * How to see a finding happen (the viewer's "Apply"): the component whose
   * failure reproduces it and the one to look at. Rules about static
   * structure (cycles, timeouts, retries) have none.
   * @default no fault; look at the target
   */
  readonly reproduce?: (finding: FindingPlaces) => Reproduction;
  /** Finds the problems in the model. Pure; the runner adds severity and suppressions. */
  check(context: LintContext, options: z.output<S>): RuleFinding[];
}

/** What `reproduce` reads of a finding: where it is reported and who else is named. */
export type FindingPlaces = Pick<RuleFinding, 'target' | 'related'>;

/** A finding as a fault to apply: `fail` goes down (none when nothing names it), then `focus` is shown. */
export interface Reproduction {
  readonly fail: ComponentId | undefined;
  readonly focus: ComponentId;
}

/** `reproduce` for rules whose target fails and takes the first related component (a victim) down. */
export function targetFails(f: FindingPlaces): Reproduction {
  return { fail: f.target, focus: f.related[0] ?? f.target };
}

/** `reproduce` for rules where the first related component (a region, the shared failure, the callee) fails and takes the target down. */
export function relatedFails(f: FindingPlaces): Reproduction {
  return { fail: f.related[0], focus: f.target };
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
