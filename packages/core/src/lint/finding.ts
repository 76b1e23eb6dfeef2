/**
 * Findings: what lint reports
 * ===========================
 *
 * A finding is reported on one component (its `target`), names the other
 * components involved (`related`), and has an identity that does not depend
 * on line numbers: the rule, the model and a sorted set of subject ids
 * (docs/lint.md#baselines-adopt-lint-on-an-existing-architecture). The same
 * identity keys the baseline and the SARIF `partialFingerprints`, so a
 * finding keeps it when lines move.
 */
import type { ComponentId, SourceRange } from '../model.js';
import { hash64 } from './hash.js';

/** How serious a rule's findings are; `off` switches the rule off. */
export type Severity = 'error' | 'warn' | 'off';

/** The severity a reported finding has. */
export type FindingSeverity = Exclude<Severity, 'off'>;

/** Another place a finding involves (a cycle member, a victim), for SARIF `relatedLocations`. */
export interface RelatedPlace {
  readonly id: ComponentId;
  readonly at: SourceRange;
}

/** What a rule's check returns: a finding before severity, model and suppression are known. */
export interface RuleFinding {
  /** The component the finding is reported on. */
  readonly target: ComponentId;
  /** Other components involved, in the order the message names them. */
  readonly related: readonly ComponentId[];
  /** One line: what is wrong, naming the components and the chain. */
  readonly message: string;
  /** Where to point: the component's key, or the dependency entry at fault. */
  readonly at: SourceRange;
  /**
   * The ids that make the finding's identity (sorted by the runner). Defaults
   * to `[target]`; a rule that can report one target several times adds what
   * tells the reports apart (the cycle's members, the group's members…).
   */
  readonly subject?: readonly ComponentId[];
  /** Further lines for humans: the chains on both sides, the other failures. */
  readonly details?: readonly string[];
  readonly relatedPlaces?: readonly RelatedPlace[];
}

/** Why a finding does not count. */
export interface SuppressedBy {
  /** `comment`: a `# faultline-ignore` comment; `baseline`: listed in the baseline file. */
  readonly kind: 'comment' | 'baseline';
  readonly reason: string;
}

/** A finding as lint reports it. */
export interface Finding extends RuleFinding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  /** The model's name (the first manifest's `name`), part of the identity. */
  readonly model: string;
  /** Sorted, never empty. */
  readonly subject: readonly ComponentId[];
  readonly details: readonly string[];
  readonly suppressed?: SuppressedBy;
}

/** The identity of a finding: rule, model and sorted subject, never a line number. */
export function findingKey(f: Pick<Finding, 'rule' | 'model' | 'subject'>): string {
  return JSON.stringify([f.rule, f.model, f.subject]);
}

/**
 * One accepted finding, as a baseline file records it: the identity, with
 * where and what for the humans who read the file. It lives here, beside the
 * identity, because both the baseline (which reads and writes entries) and
 * the report (which lists the fixed ones) use it.
 */
export interface BaselineEntry {
  readonly rule: string;
  readonly model: string;
  readonly subject: readonly string[];
  /** For people: where and what, as it was when written. */
  readonly target: string;
  readonly message: string;
}

/** A stable 16-hex-digit fingerprint of a finding's identity (SARIF `partialFingerprints`). */
export function fingerprint(f: Pick<Finding, 'rule' | 'model' | 'subject'>): string {
  return hash64(findingKey(f));
}

/** Sorts findings by file (in the given file order), line, column, rule and target. */
export function sortFindings<F extends Finding>(findings: readonly F[], files: readonly string[]): F[] {
  const order = new Map(files.map((f, i) => [f, i]));
  // Each finding's file rank looked up once, not twice per comparison (lint at 100k sorts 130,000
  // findings); the positions sort stably with the same comparison, so the order is the same.
  const fileRank = findings.map((f) => order.get(f.at.file) ?? 1e9);
  const positions = Array.from(findings.keys()).sort((i, j) => {
    const a = findings[i]!;
    const b = findings[j]!;
    return (
      fileRank[i]! - fileRank[j]! ||
      compare(a.at.file, b.at.file) ||
      a.at.line - b.at.line ||
      a.at.col - b.at.col ||
      compare(a.rule, b.rule) ||
      compare(a.target, b.target) ||
      compare(findingKey(a), findingKey(b))
    );
  });
  return positions.map((i) => findings[i]!);
}

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
