/**
 * Lint findings new and fixed
 * ===========================
 *
 * Both versions are linted with the same config; the findings that count
 * (not silenced by a `# faultline-ignore` comment) are matched by identity
 * — rule and sorted subject ids, the baseline's key (docs/lint.md#baselines-adopt-lint-on-an-existing-architecture) —
 * never by line, so moving a component around a file changes nothing. The
 * model's name is left out of the key: renaming the model is not a reason
 * to call every finding new. The baseline file is not applied: in a diff
 * the base version is the baseline.
 */
import { findingKey, type Finding } from '../lint/finding.js';
import type { LintResult } from '../lint/lint.js';

export interface FindingsDiff {
  /** In head, not in base: in head's order (file, line, rule). */
  readonly added: readonly Finding[];
  /** In base, gone from head: in base's order, with base's positions. */
  readonly fixed: readonly Finding[];
  /** Present in both. */
  readonly unchanged: number;
}

/** Compares the counted findings of two lint results. */
export function diffFindings(base: LintResult, head: LintResult): FindingsDiff {
  const key = (f: Finding): string => findingKey({ rule: f.rule, model: '', subject: f.subject });
  const counted = (r: LintResult): Finding[] => r.findings.filter((f) => !f.suppressed);
  const before = new Set(counted(base).map(key));
  const after = new Set(counted(head).map(key));
  const added = counted(head).filter((f) => !before.has(key(f)));
  const fixed = counted(base).filter((f) => !after.has(key(f)));
  return { added, fixed, unchanged: counted(head).length - added.length };
}
