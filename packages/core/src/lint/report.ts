/**
 * Lint report: what the formatters print
 * ======================================
 *
 * One or more lint results (one per model: `faultline lint --each` lints
 * several), merged, with the baseline's verdict when one was given. The
 * summary counts only findings that are not suppressed, and the exit code
 * follows ESLint (docs/architecture.md#exit-codes): 1 when any counted
 * finding is an error, or when warnings exceed `--max-warnings`; 0 otherwise.
 */
import type { BaselineEntry, Finding, FindingSeverity } from './finding.js';
import type { LintResult } from './lint.js';
import type { UnusedSuppression } from './suppress.js';

export interface BaselineStatus {
  /** The baseline file, as given. */
  readonly file: string;
  /** Findings the baseline accepted. */
  readonly matched: number;
  /** Baseline entries that no longer occur. */
  readonly fixed: readonly BaselineEntry[];
}

export interface LintReport {
  /** Every finding, suppressed ones included: per model, then sorted by file and line. */
  readonly findings: readonly Finding[];
  /** Every manifest file linted, in order. */
  readonly files: readonly string[];
  /** The names of the models linted. */
  readonly models: readonly string[];
  /** The rules that ran, with their severity. */
  readonly rules: ReadonlyMap<string, FindingSeverity>;
  readonly unusedSuppressions: readonly UnusedSuppression[];
  readonly baseline?: BaselineStatus;
}

export interface LintSummary {
  readonly error: number;
  readonly warn: number;
  /** Silenced by a `# faultline-ignore` comment. */
  readonly suppressed: number;
  /** Accepted by the baseline. */
  readonly baselined: number;
}

/** Merges the results of several models into one report. */
export function lintReport(results: readonly LintResult[]): LintReport {
  const rules = new Map<string, FindingSeverity>();
  for (const r of results) for (const [id, severity] of r.rules) if (!rules.has(id)) rules.set(id, severity);
  return {
    findings: results.flatMap((r) => r.findings),
    files: results.flatMap((r) => r.files),
    models: results.map((r) => r.model),
    rules,
    unusedSuppressions: results.flatMap((r) => r.unusedSuppressions),
  };
}

/** Counts of the findings that count, and of those that do not. */
export function lintSummary(report: Pick<LintReport, 'findings'>): LintSummary {
  let error = 0,
    warn = 0,
    suppressed = 0,
    baselined = 0;
  for (const f of report.findings) {
    if (f.suppressed?.kind === 'comment') suppressed++;
    else if (f.suppressed?.kind === 'baseline') baselined++;
    else if (f.severity === 'error') error++;
    else warn++;
  }
  return { error, warn, suppressed, baselined };
}

/** 0 clean (warnings allowed), 1 when an error counts or warnings exceed `maxWarnings`. */
export function lintExitCode(report: Pick<LintReport, 'findings'>, maxWarnings?: number): 0 | 1 {
  const s = lintSummary(report);
  return s.error > 0 || (maxWarnings !== undefined && s.warn > maxWarnings) ? 1 : 0;
}
