/**
 * Lint as JSON: the contract for scripts
 * ======================================
 *
 * `{ "findings": [ { "rule", "severity", "target", "related", "message",
 * "file", "line", "column", "suppressed" } ], "summary": { "error", "warn" } }`
 * (issue #3), with stable key order. Each finding also carries its end
 * position, its details (the chains), its `fingerprint` (the identity that
 * the baseline and SARIF use) and, when suppressed, why. `summary` counts
 * only the findings that are not suppressed. After them: the baseline's
 * verdict (or null) and the suppression comments that matched nothing.
 */
import { fingerprint, type Finding } from '../lint/finding.js';
import { lintSummary, type LintReport } from '../lint/report.js';

/** The JSON value of a report. */
export function lintJson(report: LintReport): unknown {
  const s = lintSummary(report);
  return {
    findings: report.findings.map(findingJson),
    summary: { error: s.error, warn: s.warn },
    baseline: report.baseline
      ? {
          file: report.baseline.file,
          matched: report.baseline.matched,
          fixed: report.baseline.fixed.map((e) => ({ rule: e.rule, model: e.model, subject: e.subject, target: e.target })),
        }
      : null,
    unusedSuppressions: report.unusedSuppressions.map((u) => ({ rule: u.rule, component: u.component, reason: u.reason, file: u.at.file, line: u.at.line, column: u.at.col })),
  };
}

function findingJson(f: Finding): unknown {
  return {
    rule: f.rule,
    severity: f.severity,
    target: f.target,
    related: f.related,
    message: f.message,
    file: f.at.file,
    line: f.at.line,
    column: f.at.col,
    suppressed: f.suppressed !== undefined,
    endLine: f.at.endLine,
    endColumn: f.at.endCol,
    details: f.details,
    model: f.model,
    fingerprint: fingerprint(f),
    ...(f.suppressed ? { suppression: { kind: f.suppressed.kind, reason: f.suppressed.reason } } : {}),
  };
}

/** `--format json`. */
export function formatLintJson(report: LintReport): string {
  return `${JSON.stringify(lintJson(report), null, 2)}\n`;
}
