/**
 * ruleTester: a rule's examples as a table
 * =======================================
 *
 * ESLint's `RuleTester` for faultline rules: each case is a manifest body
 * (the `components:` of a manifest, indented by two spaces) linted with only
 * the rule under test switched on, at its default severity and with the
 * case's options. A `valid` case must yield no finding; an `invalid` case
 * must yield exactly the findings listed, in lint's order, each matching the
 * fields it gives (`toMatchObject`: arrays in full, objects in part, and
 * `expect.stringContaining(...)` where only part of a message matters).
 * Every case is one `it`, named by the case, inside `describe(rule.id)`.
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { model } from '../test-support.js';
import type { RuleSetting } from './config.js';
import type { Finding } from './finding.js';
import { lint } from './lint.js';
import { RULE_IDS, RULE_MAP } from './registry.js';
import type { Rule } from './rule.js';

/** A manifest body the rule is run on. */
export interface RuleCase<S extends z.ZodObject> {
  /** The test's name: what the case shows. */
  readonly name: string;
  /** The `components:` body, indented by two spaces; loaded as `test.yaml`. */
  readonly code: string;
  /** The rule's options, as in `faultline.config.yaml`. @default the rule's defaults */
  readonly options?: z.input<S>;
}

/** What one finding must show: its target, and any other field of a finding (or a matcher for it). */
export type ExpectedFinding = { readonly target: string } & { readonly [K in Exclude<keyof Finding, 'target'>]?: unknown };

/** A manifest body on which the rule reports exactly `findings`. */
export interface InvalidRuleCase<S extends z.ZodObject> extends RuleCase<S> {
  readonly findings: readonly [ExpectedFinding, ...ExpectedFinding[]];
}

export interface RuleCases<S extends z.ZodObject> {
  /** Bodies the rule is silent on (near misses, guarded edges…). */
  readonly valid: readonly RuleCase<S>[];
  /** Bodies the rule reports on. */
  readonly invalid: readonly InvalidRuleCase<S>[];
}

/** The findings of `rule` alone on a manifest body, with the given options. */
export function runRule<S extends z.ZodObject>(rule: Rule<S>, code: string, options?: z.input<S>): readonly Finding[] {
  if (RULE_MAP.get(rule.id) !== rule) throw new Error(`ruleTester: ${rule.id} is not the registered rule of that id`);
  const tested: RuleSetting = options === undefined ? {} : { options: options as Record<string, unknown> };
  const rules = new Map<string, RuleSetting>(RULE_IDS.map((id) => [id, id === rule.id ? tested : { severity: 'off' }]));
  // The rule itself, whatever the model's placements (lint.ts lowers SPOF findings when there are none).
  return lint(model(code), { config: { rules, spofWithoutPlacements: 'rule' } }).findings;
}

/** One `it` per case: `valid` ones yield no finding, `invalid` ones exactly their `findings`. */
export function ruleTester<S extends z.ZodObject>(rule: Rule<S>, cases: RuleCases<S>): void {
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(c.name, () => {
        expect(runRule(rule, c.code, c.options)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(c.name, () => {
        expect(runRule(rule, c.code, c.options)).toMatchObject(c.findings);
      });
    }
  });
}
