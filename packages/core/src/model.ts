/**
 * The model
 * =========
 *
 * What the loader produces and every analysis reads: plain, readonly data with
 * a source position on every component, dependency and placement. Everything
 * keyed by id is a `Map`, so ids such as `constructor` or `toString` are
 * ordinary ids (docs/architecture.md#ids-and-maps).
 */
import type * as z from 'zod';
import type { ModeSchema, PhaseSchema, PlaneSchema, RolloutSchema, ScopeSchema, ViaSchema } from './schema.js';

export type ComponentId = string;
export type Status = 'up' | 'degraded' | 'down';
/** How a dependent fares when its dependency worsens (the manifest's `mode`). */
export type Mode = z.infer<typeof ModeSchema>;
/** When a dependency is needed; undefined: both at start-up and while running. */
export type Phase = z.infer<typeof PhaseSchema>;
/** How a dependency is used (the manifest's `via`). */
export type Via = z.infer<typeof ViaSchema>;
/** How a config dependency is pushed. */
export type Rollout = z.infer<typeof RolloutSchema>;
/** The scope a component claims. */
export type Scope = z.infer<typeof ScopeSchema>;
/** The plane a component belongs to. */
export type Plane = z.infer<typeof PlaneSchema>;

/** A place in a manifest: 1-based line and column; the end is exclusive. */
export interface SourceRange {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** Attributes every dependency entry carries, single or group. */
export interface EdgeAttributes {
  readonly mode: Mode;
  readonly via: Via;
  readonly rollout?: Rollout;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly circuitBreaker?: boolean;
  readonly bulkhead?: boolean;
  readonly fallback?: boolean;
  readonly phase?: Phase;
}

/** Every attribute of a dependency entry, in the order the manifest reference lists them. */
export const EDGE_ATTRIBUTE_KEYS: readonly (keyof EdgeAttributes)[] = ['mode', 'via', 'rollout', 'timeoutMs', 'retries', 'circuitBreaker', 'bulkhead', 'fallback', 'phase'];

/** `dependsOn: [x]` or `dependsOn: [{ target: x, … }]`. */
export interface Edge extends EdgeAttributes {
  readonly type: 'edge';
  readonly target: ComponentId;
  readonly at: SourceRange;
}

/** `dependsOn: [{ anyOf: [a, b], need: k }]`. */
export interface Group extends EdgeAttributes {
  readonly type: 'group';
  readonly anyOf: readonly ComponentId[];
  /** Members that must not be down for the group to hold. */
  readonly need: number;
  readonly memberAt: readonly SourceRange[];
  readonly at: SourceRange;
}

export type Dependency = Edge | Group;

/** One entry of `in`: a domain and the replicas placed there. */
export interface Placement {
  readonly domain: ComponentId;
  readonly replicas: number;
  readonly at: SourceRange;
}

/**
 * An inline `# faultline-ignore <rule> <reason>` comment on a component: lint
 * reports the component's finding of that rule as suppressed. Kept as the
 * loader read it; lint checks the rule id and the reason.
 */
export interface Suppression {
  readonly rule: string;
  /** Empty when the comment gives none (lint reports that). */
  readonly reason: string;
  /** The comment itself. */
  readonly at: SourceRange;
}

/**
 * How an input other than a faultline manifest names a component: its
 * Backstage entity, Kubernetes workload (or a Service in front of it) or
 * compose service. Fault targets, scenarios and drift accept these names
 * (refs.ts); the readers record them.
 */
export interface ComponentRef {
  readonly input: 'backstage' | 'kubernetes' | 'compose';
  /** Lowercase: `component`, `resource`; `deployment`, `statefulset`, `service`…; `service` for compose. */
  readonly kind: string;
  /** Lowercase: the Backstage or Kubernetes namespace; the compose project. */
  readonly namespace: string;
  /** As written. */
  readonly name: string;
}

export interface Component {
  readonly id: ComponentId;
  readonly kind: string;
  /** True for provider, region, zone, datacenter, network, power. */
  readonly isDomain: boolean;
  /** True for `kind: journey`: a user-facing flow, a target of failures and never a failure of its own. */
  readonly isJourney: boolean;
  readonly placements: readonly Placement[];
  /** Replicas that must be up; 1 unless the manifest says otherwise. */
  readonly minHealthy: number;
  readonly scope?: Scope;
  readonly plane?: Plane;
  /** Resolved: explicit `critical`; else every journey, and every non-domain when none is marked. */
  readonly critical: boolean;
  readonly weight: number;
  readonly availability?: number;
  readonly dependsOn: readonly Dependency[];
  readonly monitors: readonly ComponentId[];
  readonly monitorsAt: readonly SourceRange[];
  readonly owner?: string;
  readonly tags: ReadonlyMap<string, string>;
  readonly description?: string;
  /** Other names of the component (trace service names…), when the manifest gives any. */
  readonly aliases?: readonly string[];
  /** How the inputs that defined the component name it, when it comes from a catalog, Kubernetes or compose. */
  readonly refs?: readonly ComponentRef[];
  /** The id's key in the manifest. */
  readonly at: SourceRange;
  /** `# faultline-ignore` comments on or directly above the component, when there are any. */
  readonly suppressions?: readonly Suppression[];
}

export interface Model {
  /** The first manifest's `name`, or the first file's name. */
  readonly name: string;
  readonly files: readonly string[];
  /** Components in manifest order (files in the order given). */
  readonly components: ReadonlyMap<ComponentId, Component>;
}

/** Sum of replicas over all placements. */
export function replicaCount(c: Component): number {
  let n = 0;
  for (const p of c.placements) n += p.replicas;
  return n;
}
