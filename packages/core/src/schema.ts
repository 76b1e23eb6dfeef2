/**
 * Manifest v1 schema
 * ==================
 *
 * The single source of truth for what a faultline manifest may contain: the
 * loader validates with it, the model's input types are inferred from it, and
 * `faultline schema` prints the JSON Schema generated from it (draft-07, the
 * newest draft yaml-language-server supports).
 *
 * Ids are checked by the loader *before* this schema runs (see `ids.ts`):
 * zod records silently drop a `__proto__` key, so no id may reach zod unchecked.
 */
import * as z from 'zod';
import { MAX_REPLICAS, MAX_RETRIES, MAX_TIMEOUT_MS, MAX_WEIGHT } from './limits.js';

/** The grammar every component id follows: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Kinds that describe *where* things run rather than *what* runs. */
export const DOMAIN_KINDS: ReadonlySet<string> = new Set(['provider', 'region', 'zone', 'datacenter', 'network', 'power']);

export { JOURNEY_KIND } from './journey.js';

const Id = z.string().regex(ID_PATTERN, 'ids are letters, digits, ".", "_" and "-", starting with a letter or digit').describe('A component id');

/** A dependency's `mode`; the model's `Mode` type is inferred from it. */
export const ModeSchema = z
  .enum(['hard', 'soft', 'async'])
  .describe(
    'hard (default): the dependent is at least as bad as the dependency; soft: the dependent is at most degraded; async: the dependent consumes from the target (a queue, a topic) and is at most degraded (a backlog), even when the target is slow',
  );
/** A dependency's `phase`. */
export const PhaseSchema = z
  .enum(['startup', 'runtime'])
  .describe('When the dependency is needed: startup (only to start: init containers, migrations, a config fetched once), runtime (only while running), or both when omitted');
/** A dependency's `via`. */
export const ViaSchema = z.enum(['call', 'config', 'dns', 'auth', 'data']).describe('How the dependency is used (default call)');
/** A config dependency's `rollout`. */
export const RolloutSchema = z.enum(['global', 'staged']).describe('For config: pushed everywhere at once, or in stages');

/** A component's `scope`: the scope it claims. */
export const ScopeSchema = z.enum(['global', 'regional', 'zonal']).describe('The scope the component claims; lint checks the claim');
/** A component's `plane`. */
export const PlaneSchema = z.enum(['control', 'data']);

/** Attributes shared by a single dependency and a group. */
const edgeAttributes = {
  mode: ModeSchema.optional(),
  via: ViaSchema.optional(),
  rollout: RolloutSchema.optional(),
  timeoutMs: z.number().min(0).max(MAX_TIMEOUT_MS).describe('Client timeout for one attempt, in milliseconds').optional(),
  retries: z.number().int().min(0).max(MAX_RETRIES).describe('Retries after the first attempt').optional(),
  circuitBreaker: z.boolean().describe('The caller stops calling when the dependency fails').optional(),
  bulkhead: z.boolean().describe('Calls run in an isolated pool, so a slow dependency cannot exhaust the caller').optional(),
  fallback: z
    .boolean()
    .describe(
      'The caller has a fallback (defaults, a cache, another path): it is unaffected when the dependency is down or degraded, and when it is slow if a timeout or bulkhead lets the fallback run',
    )
    .optional(),
  phase: PhaseSchema.optional(),
};

export const EdgeSchema = z.strictObject({ target: Id.describe('The component depended on'), ...edgeAttributes }).describe('A dependency on one component');

export const GroupSchema = z
  .strictObject({
    anyOf: z.array(Id).min(1).describe('Redundant members: the group holds while `need` of them are not down'),
    need: z.number().int().min(1).describe('Members that must be up (default 1)').optional(),
    ...edgeAttributes,
  })
  .describe('A redundancy group (anyOf / quorum)');

export const DependencySchema = z.union([Id, EdgeSchema, GroupSchema]).describe('A component id (a hard dependency), { target: id, … } or { anyOf: [ids], need: k, … }');

export const PlacementSchema = z
  .union([Id, z.array(Id), z.record(Id, z.number().int().min(1).max(MAX_REPLICAS))])
  .describe('Where it runs: a domain id, a list of ids, or a map of id → replica count');

export const ComponentSchema = z
  .strictObject({
    kind: z
      .string()
      .min(1)
      .describe(
        'provider, region, zone, datacenter, network, power (domains); journey (a user-facing flow: a target, never a failure of its own); service, database, cache, queue, dns, auth, cdn, config, monitoring, statuspage, …',
      ),
    in: PlacementSchema.optional(),
    minHealthy: z.number().int().min(1).max(MAX_REPLICAS).describe('Replicas that must be up (default 1)').optional(),
    scope: ScopeSchema.optional(),
    plane: PlaneSchema.optional(),
    critical: z.boolean().describe('Findings and impact are measured against critical components (journeys are critical unless set to false)').optional(),
    weight: z.number().min(0).max(MAX_WEIGHT).describe('Impact weight (users, revenue…), default 1, at most 10^9').optional(),
    availability: z.number().gt(0).max(1).describe('Probability of being up, e.g. 0.9995').optional(),
    dependsOn: z.array(DependencySchema).optional(),
    monitors: z.array(Id).describe('Components this one observes (it does not depend on them)').optional(),
    owner: z.string().optional(),
    tags: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .describe('Free labels')
      .optional(),
    description: z.string().optional(),
    aliases: z.array(z.string().min(1)).describe('Other names of this component, as traces and other tools spell them (faultline drift matches them)').optional(),
  })
  .describe('A component or a domain');

export const ManifestSchema = z
  .strictObject({
    apiVersion: z.literal('faultline/v1'),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    components: z.record(Id, ComponentSchema),
  })
  .describe('A faultline manifest');

export type ManifestInput = z.input<typeof ManifestSchema>;
export type ComponentInput = z.output<typeof ComponentSchema>;
export type EdgeInput = z.output<typeof EdgeSchema>;
export type GroupInput = z.output<typeof GroupSchema>;
export type DependencyInput = z.output<typeof DependencySchema>;

/** The JSON Schema for editors (`# yaml-language-server: $schema=…`). */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ManifestSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://faultline.dev/schema/v1/faultline.schema.json', title: 'faultline manifest (faultline/v1)' };
}
