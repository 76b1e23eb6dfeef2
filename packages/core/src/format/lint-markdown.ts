/**
 * Lint as Markdown: for pull-request comments
 * ===========================================
 *
 * A heading with the verdict, a table of the findings that count (severity,
 * rule linked to its page, place, message), then collapsed sections for the
 * suppressed ones and for baseline entries that were fixed. Manifest text is
 * data: every cell is escaped so an id or a reason cannot inject HTML,
 * links or table structure.
 */
import type { Finding } from '../lint/finding.js';
import { lintSummary, type LintReport } from '../lint/report.js';
import { ruleLink, type LintFormatOptions } from './lint-options.js';
import { plural } from '../words.js';

/** `--format markdown`. */
export function formatLintMarkdown(report: LintReport, options: LintFormatOptions = {}): string {
  const s = lintSummary(report);
  const counted = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.filter((f) => f.suppressed?.kind === 'comment');
  const out: string[] = [];
  const verdict = s.error + s.warn === 0 ? '✅ no problems' : `${s.error > 0 ? '❌' : '⚠️'} ${plural(s.error, 'error')}, ${plural(s.warn, 'warning')}`;
  out.push(`### faultline lint: ${verdict}`, '');
  const notes: string[] = [];
  if (s.suppressed > 0) notes.push(`${s.suppressed} suppressed`);
  if (s.baselined > 0) notes.push(`${s.baselined} accepted by the baseline`);
  out.push(`${report.rules.size} rules over ${plural(report.files.length, 'manifest file')}${notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}.`, '');
  if (counted.length > 0) {
    out.push('| | Rule | Where | Finding |', '|---|---|---|---|');
    for (const f of counted) out.push(row(f, options));
    out.push('');
  }
  if (suppressed.length > 0) {
    out.push(`<details><summary>${suppressed.length} suppressed</summary>`, '', '| Rule | Where | Finding | Reason |', '|---|---|---|---|');
    for (const f of suppressed) out.push(`| ${rule(f, options)} | ${where(f)} | ${cell(f.message)} | ${cell(f.suppressed!.reason)} |`);
    out.push('', '</details>', '');
  }
  const fixed = report.baseline?.fixed ?? [];
  if (fixed.length > 0) {
    out.push(`<details><summary>${fixed.length} baseline entr${fixed.length === 1 ? 'y' : 'ies'} fixed</summary>`, '');
    for (const e of fixed) out.push(`- ${cell(e.rule)} on ${cell(e.target || e.subject.join(', '))}`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n')}`;
}

function row(f: Finding, options: LintFormatOptions): string {
  const icon = f.severity === 'error' ? '🔴 error' : '🟡 warn';
  const details = f.details.length > 0 ? `<br>${f.details.map((d) => `↳ ${cell(d)}`).join('<br>')}` : '';
  return `| ${icon} | ${rule(f, options)} | ${where(f)} | ${cell(f.message)}${details} |`;
}

function rule(f: Finding, options: LintFormatOptions): string {
  return ruleLink(f.rule, options);
}

function where(f: Finding): string {
  return cell(`${f.at.file}:${f.at.line}:${f.at.col}`);
}

/** Escapes text for a Markdown table cell: no HTML, no links or emphasis, no column breaks. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#!])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}
