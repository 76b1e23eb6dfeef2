/**
 * Baselines: accept today's findings, fail on new ones
 * ====================================================
 *
 * `faultline lint --write-baseline f.json` records the findings that count
 * today; `--baseline f.json` then marks those as accepted, so CI fails only
 * on new ones, and lists the entries that no longer occur (fixed), as
 * dependency-cruiser's known-violations file and ESLint's bulk suppressions
 * do (docs/lint.md#baselines-adopt-lint-on-an-existing-architecture).
 * Entries are matched by identity (rule, model, sorted subject ids), never
 * by line, so editing a manifest does not invalidate them; the message is
 * kept for the humans who read the file.
 */
import type { Diagnostic } from '../diagnostics.js';
import { fileStart } from '../diagnostics.js';
import { JsonError, JsonReader, rangeOf } from '../json-reader.js';
import type { SourceRange } from '../model.js';
import { compare, findingKey, type BaselineEntry, type Finding } from './finding.js';
import type { LintReport } from './report.js';

export type { BaselineEntry } from './finding.js';

export interface Baseline {
  readonly entries: readonly BaselineEntry[];
}

/** The version written into baseline files. */
export const BASELINE_VERSION = 1;

/** The baseline file for the findings that count (not suppressed, not already baselined). */
export function baselineJson(report: Pick<LintReport, 'findings'>): string {
  const entries = report.findings
    .filter((f) => !f.suppressed || f.suppressed.kind === 'baseline')
    .map((f): BaselineEntry => ({ rule: f.rule, model: f.model, subject: f.subject, target: f.target, message: f.message }))
    .sort((a, b) => compare(a.model, b.model) || compare(a.rule, b.rule) || compare(findingKey(a), findingKey(b)));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'faultline', findings: entries }, null, 2)}\n`;
}

/** Reads a baseline file; each problem is a diagnostic at its line and column. */
export function parseBaseline(text: string, path: string): { baseline?: Baseline; diagnostics: Diagnostic[] } {
  const bad = (message: string, at: SourceRange): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ code: 'schema', message, hint: 'write it with "faultline lint --write-baseline <file>"', at }],
  });
  const reader = new JsonReader(text);
  const places = new Map<string, SourceRange>();
  const place = (...keys: (string | number)[]): SourceRange => places.get(keys.join('\u0000')) ?? places.get('') ?? fileStart(path);
  let json: unknown;
  try {
    const start = reader.mark();
    // Where the root, its members and each entry are: enough to point at any problem below.
    json = reader.value((p, from, to) => {
      if (p.length <= 2) places.set(p.join('\u0000'), rangeOf(path, text, from, to));
    });
    places.set('', rangeOf(path, text, start, reader.here()));
    reader.end();
  } catch (error) {
    if (!(error instanceof JsonError)) throw error;
    return bad(`the baseline is not JSON: ${error.message}`, rangeOf(path, text, error.mark));
  }
  const root = json as { version?: unknown; findings?: unknown };
  if (!root || typeof root !== 'object' || Array.isArray(root) || root.version !== BASELINE_VERSION || !Array.isArray(root.findings)) {
    const at = root && typeof root === 'object' && !Array.isArray(root) ? (root.version !== BASELINE_VERSION ? place('version') : place('findings')) : place();
    return bad(`not a faultline baseline (expected {"version": ${BASELINE_VERSION}, "findings": […]})`, at);
  }
  const entries: BaselineEntry[] = [];
  for (const [i, item] of root.findings.entries()) {
    const e = (item && typeof item === 'object' ? item : {}) as Partial<Record<keyof BaselineEntry, unknown>>;
    const subject = e.subject;
    if (typeof e.rule !== 'string' || typeof e.model !== 'string' || !Array.isArray(subject) || !subject.every((s) => typeof s === 'string')) {
      return bad(`baseline entry ${i + 1} needs "rule", "model" and "subject" (a list of ids)`, place('findings', i));
    }
    entries.push({ rule: e.rule, model: e.model, subject: [...(subject as string[])].sort(compare), target: String(e.target ?? ''), message: String(e.message ?? '') });
  }
  return { baseline: { entries }, diagnostics: [] };
}

/** Marks the findings the baseline accepts and lists the entries that were fixed. */
export function applyBaseline(report: LintReport, baseline: Baseline, file: string): LintReport {
  const wanted = new Map<string, BaselineEntry>();
  for (const e of baseline.entries) wanted.set(findingKey(e), e);
  const seen = new Set<string>();
  let matched = 0;
  const findings = report.findings.map((f): Finding => {
    const key = findingKey(f);
    if (!wanted.has(key)) return f;
    seen.add(key);
    if (f.suppressed) return f;
    matched++;
    return { ...f, suppressed: { kind: 'baseline', reason: `in the baseline ${file}` } };
  });
  // Entries of rules that did not run, or of models not linted now, are neither matched nor fixed.
  const fixed = [...wanted].filter(([key, e]) => !seen.has(key) && report.rules.has(e.rule) && report.models.includes(e.model)).map(([, e]) => e);
  return { ...report, findings, baseline: { file, matched, fixed } };
}
