/**
 * Scenario files: the failures a team promises to survive
 * =======================================================
 *
 * Chaos-engineering hypotheses, checked by simulation instead of by breaking
 * production (the vocabulary of the FIS walkthrough in
 * docs/incidents.md#fis-walkthrough: steady-state hypothesis, blast radius,
 * stop conditions, experiment templates). A scenario file holds named experiments:
 * faults (ids, placements, selectors, slow faults, and AWS FIS-like targets: a
 * selector with `count: N` or `percent: P` of each matched component's
 * placements) and a hypothesis about what stays up.
 */
import * as z from 'zod';
/** An id, or a ref as the component's input names it (`resource:artists-db`, `statefulset/redis-cart`; refs.ts). */
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:[:/][A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const Id = z.string().regex(REF_PATTERN, 'ids are letters, digits, ".", "_" and "-", starting with a letter or digit (refs add ":" and "/": resource:db, statefulset/redis)');

export const ScenarioFaultSchema = z
  .union([
    z.string().min(1).describe('An id, a placement (id@domain) or a selector ("kind=dns in=us-east-1")'),
    z.strictObject({
      target: z.string().min(1).describe('An id, a placement or a selector').optional(),
      select: z.string().min(1).describe('A selector; `count` or `percent` of its targets (every placement of every match) are lost, like FIS COUNT(n) / PERCENT(n)').optional(),
      effect: z.enum(['down', 'degraded', 'slow']).describe('default down').optional(),
      count: z.number().int().min(1).describe('With select: how many targets are lost (every choice is checked)').optional(),
      percent: z.number().gt(0).max(100).describe('With select: the share of targets lost, rounded up').optional(),
    }),
  ])
  .describe('A fault');

export const HypothesisSchema = z
  .strictObject({
    up: z.array(Id).describe('Components that must stay up (ids, or refs such as component:payments/ledger)').optional(),
    atMostDegraded: z.array(Id).describe('Components that may degrade but must not go down').optional(),
    down: z.array(Id).describe('Known, accepted outages: components expected to go down').optional(),
    maxDown: z.number().int().min(0).describe('At most this many components down (faults included)').optional(),
    maxImpact: z.number().min(0).describe('At most this impact').optional(),
  })
  .describe('The steady-state hypothesis');

export const RungSchema = z.strictObject({
  name: z.string().min(1),
  faults: z.array(ScenarioFaultSchema).min(1),
});

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    faults: z.array(ScenarioFaultSchema).min(1).describe("The experiment's faults").optional(),
    ladder: z.array(RungSchema).min(1).describe('An escalation ladder: rungs tried in order (one instance → one zone → one region)').optional(),
    expect: HypothesisSchema,
  })
  .describe('One experiment: faults (or a ladder of them) and a hypothesis');

export const ScenarioFileSchema = z
  .strictObject({
    apiVersion: z.literal('faultline/v1'),
    manifests: z.array(z.string().min(1)).describe('Manifest paths, relative to this file (or give --manifest)').optional(),
    scenarios: z.array(ScenarioSchema).min(1),
  })
  .describe('A faultline scenario file');

export type ScenarioFaultInput = z.output<typeof ScenarioFaultSchema>;
export type HypothesisInput = z.output<typeof HypothesisSchema>;
export type ScenarioInput = z.output<typeof ScenarioSchema>;
