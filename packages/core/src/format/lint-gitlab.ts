/**
 * Lint as a GitLab Code Quality report
 * ====================================
 *
 * `--format gitlab` writes the JSON array GitLab reads as a
 * `artifacts:reports:codequality` file (a subset of Code Climate's issue
 * format): per finding that counts, `description`, `check_name` (the rule
 * id), `fingerprint`, `severity` (`major` for an error, `minor` for a
 * warning, so errors rank first in the merge request widget) and
 * `location.path` with `lines.begin`. GitLab shows only the first issue of a
 * fingerprint, so the fingerprint is the finding's identity (rule, model and
 * subject, as the baseline and SARIF use) — one finding has one. Suppressed
 * findings and those the baseline accepts are left out: the report is what
 * the merge request should look at. Paths are the manifests' paths as given,
 * relative to where faultline ran (the repository root in a GitLab job).
 */
import { fingerprint } from '../lint/finding.js';
import type { LintReport } from '../lint/report.js';
import type { LintFormatOptions } from './lint-options.js';

/** One issue of a GitLab Code Quality report. */
export interface GitlabIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'major' | 'minor';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/** `--format gitlab`. */
export function formatLintGitlab(report: LintReport, _options: LintFormatOptions = {}): string {
  const issues: GitlabIssue[] = [];
  const seen = new Set<string>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const id = fingerprint(f);
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push({
      description: [f.message, ...f.details].join(' · '),
      check_name: f.rule,
      fingerprint: id,
      severity: f.severity === 'error' ? 'major' : 'minor',
      location: { path: f.at.file, lines: { begin: f.at.line, end: f.at.endLine } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}
