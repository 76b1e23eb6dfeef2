/**
 * Lint as GitHub Actions workflow annotations
 * ===========================================
 *
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`
 * per finding that counts, escaped as `@actions/core` escapes them
 * (docs/architecture.md#output-formats): `%`, CR and LF in the message; also `:` and `,` in
 * property values, since file names and ids are user data. GitHub shows 10
 * annotations of each severity per step, so the rest are summed up in one
 * `::notice::` that recommends SARIF upload. The last line is a plain
 * summary for the log. Annotations never fail a job; the exit code does.
 */
import type { Finding } from '../lint/finding.js';
import { lintSummary, type LintReport } from '../lint/report.js';
import type { LintFormatOptions } from './lint-options.js';
import { plural } from '../words.js';

/** `--format github`. */
export function formatLintGithub(report: LintReport, options: LintFormatOptions = {}): string {
  const max = options.maxAnnotations ?? 10;
  const lines: string[] = [];
  const shown = { error: 0, warn: 0 };
  let hidden = 0;
  for (const f of report.findings) {
    if (f.suppressed) continue;
    if (shown[f.severity] >= max) {
      hidden++;
      continue;
    }
    shown[f.severity]++;
    lines.push(annotation(f));
  }
  if (hidden > 0) {
    lines.push(
      `::notice title=faultline::${escapeData(`${hidden} more finding${hidden === 1 ? ' is' : 's are'} not annotated (GitHub shows ${max} per severity per step); upload the SARIF output (--format sarif) to see them all`)}`,
    );
  }
  for (const e of report.baseline?.fixed ?? []) {
    lines.push(
      `::notice title=${escapeProperty('faultline baseline')}::${escapeData(`fixed: ${e.rule} on ${e.target || e.subject.join(', ')} no longer occurs; run with --write-baseline to drop it`)}`,
    );
  }
  const s = lintSummary(report);
  const extras = [s.suppressed > 0 ? `${s.suppressed} suppressed` : '', s.baselined > 0 ? `${s.baselined} accepted by the baseline` : ''].filter(Boolean);
  lines.push(`faultline: ${plural(s.error, 'error')}, ${plural(s.warn, 'warning')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`);
  return `${lines.join('\n')}\n`;
}

function annotation(f: Finding): string {
  const command = f.severity === 'error' ? 'error' : 'warning';
  const properties = [
    `file=${escapeProperty(f.at.file)}`,
    `line=${f.at.line}`,
    `col=${f.at.col}`,
    `endLine=${f.at.endLine}`,
    `endColumn=${f.at.endCol}`,
    `title=${escapeProperty(f.rule)}`,
  ].join(',');
  const message = [f.message, ...f.details].join('\n');
  return `::${command} ${properties}::${escapeData(message)}`;
}

/** A workflow command's data: `%`, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
