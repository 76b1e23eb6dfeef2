/**
 * diffModels(base, head): how a change moves the blast radius
 * ===========================================================
 *
 * Compares two versions of an architecture, as a pull request changes it:
 * components and dependency entries added, removed or changed; lint
 * findings new and fixed (matched by identity, never by line); and for
 * every critical component its SPOFs and its worst single failure before
 * and after. The verdict a CI gate needs: the change is *worse* when it
 * adds an error-severity finding or a SPOF for a critical component (exit
 * code 1, like a lint error).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { LintConfig } from '../lint/config.js';
import { lint } from '../lint/lint.js';
import type { Model } from '../model.js';
import { diffComponents, type ComponentChange } from './components.js';
import { diffDependencies, type DependencyChange } from './dependencies.js';
import { diffFindings, type FindingsDiff } from './findings.js';
import { diffCritical, SpofAnalysis, spofFilter, type CriticalChange } from './spofs.js';

export interface DiffOptions {
  /** Lint severities and options for both versions (the SPOF rule's options also define a SPOF). @default every rule at its default */
  readonly config?: LintConfig;
  /** How to call the base version in reports (`origin/main`, a path). @default 'base' */
  readonly baseLabel?: string;
  /** How to call the head version. @default 'head' */
  readonly headLabel?: string;
}

/** One version, as the reports name it. */
export interface DiffSide {
  readonly label: string;
  /** The model's name. */
  readonly name: string;
  readonly files: readonly string[];
  readonly components: number;
}

/** Counts for the verdict and the headings. */
export interface DiffSummary {
  readonly componentsAdded: number;
  readonly componentsRemoved: number;
  readonly componentsChanged: number;
  readonly dependenciesAdded: number;
  readonly dependenciesRemoved: number;
  readonly dependenciesChanged: number;
  /** SPOFs gained, counted per (critical component, failure) pair. */
  readonly newSpofs: number;
  /** Critical components that gained at least one SPOF. */
  readonly componentsWithNewSpofs: number;
  readonly removedSpofs: number;
  readonly newErrors: number;
  readonly newWarnings: number;
  readonly fixedFindings: number;
}

export interface ArchitectureDiff {
  readonly base: DiffSide;
  readonly head: DiffSide;
  readonly components: readonly ComponentChange[];
  readonly dependencies: readonly DependencyChange[];
  readonly findings: FindingsDiff;
  /** Every critical component of either version; `changed` marks those whose exposure moved. */
  readonly critical: readonly CriticalChange[];
  readonly summary: DiffSummary;
  /** Problems in head's `# faultline-ignore` comments: the lint half is not valid while there are any. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Compares two versions of an architecture. */
export function diffModels(base: Model, head: Model, options: DiffOptions = {}): ArchitectureDiff {
  const config = options.config ? { config: options.config } : {};
  const filter = spofFilter(options.config);
  const baseSpofs = new SpofAnalysis(base, filter);
  const headSpofs = new SpofAnalysis(head, filter);
  const headLint = lint(head, { ...config, graph: headSpofs.graph });
  const findings = diffFindings(lint(base, { ...config, graph: baseSpofs.graph }), headLint);
  const components = diffComponents(base, head);
  const dependencies = diffDependencies(base, head);
  const critical = diffCritical(baseSpofs, headSpofs);
  const count = <T extends { change: string }>(list: readonly T[], change: string): number => list.filter((x) => x.change === change).length;
  return {
    base: side(base, options.baseLabel ?? 'base'),
    head: side(head, options.headLabel ?? 'head'),
    components,
    dependencies,
    findings,
    critical,
    summary: {
      componentsAdded: count(components, 'added'),
      componentsRemoved: count(components, 'removed'),
      componentsChanged: count(components, 'changed'),
      dependenciesAdded: count(dependencies, 'added'),
      dependenciesRemoved: count(dependencies, 'removed'),
      dependenciesChanged: count(dependencies, 'changed'),
      newSpofs: critical.reduce((n, c) => n + c.gained.length, 0),
      componentsWithNewSpofs: critical.filter((c) => c.gained.length > 0).length,
      removedSpofs: critical.reduce((n, c) => n + c.lost.length, 0),
      newErrors: findings.added.filter((f) => f.severity === 'error').length,
      newWarnings: findings.added.filter((f) => f.severity === 'warn').length,
      fixedFindings: findings.fixed.length,
    },
    diagnostics: headLint.diagnostics,
  };
}

/** 1 when the change adds an error-severity finding or a SPOF for a critical component, 0 otherwise. */
export function diffExitCode(diff: Pick<ArchitectureDiff, 'summary'>): 0 | 1 {
  return diff.summary.newSpofs > 0 || diff.summary.newErrors > 0 ? 1 : 0;
}

/** True when the two versions are the same architecture (nothing added, removed or changed). */
export function unchanged(diff: Pick<ArchitectureDiff, 'summary'>): boolean {
  const s = diff.summary;
  return s.componentsAdded + s.componentsRemoved + s.componentsChanged + s.dependenciesAdded + s.dependenciesRemoved + s.dependenciesChanged === 0;
}

function side(model: Model, label: string): DiffSide {
  return { label, name: model.name, files: model.files, components: model.components.size };
}
