/**
 * Drift in every lint format
 * ==========================
 *
 * A drift result is a lint report with three rules of its own, so the lint
 * formatters print it (text, markdown, github annotations). Three
 * adjustments: the text and markdown outputs open with what was compared;
 * JSON adds a `drift` section (the observed file, the name matches, the
 * counts); and SARIF describes the drift rules instead of lint's (the lint
 * SARIF writer takes its `rules[]` from lint's registry).
 */
import { LINT_FORMATTERS } from './lint-formatters.js';
import { lintJson } from './lint-json.js';
import type { LintFormatOptions } from './lint-options.js';
import { sarifHelp } from './lint-options.js';
import { lintSarif } from './lint-sarif.js';
import type { FindingSeverity } from '../lint/finding.js';
import type { LintReport } from '../lint/report.js';
import type { Model } from '../model.js';
import { thousands } from '../observed/starter.js';
import { FORMAT_NAMES, type ObservedGraph } from '../observed/types.js';
import type { DriftResult } from '../drift/drift.js';
import { DRIFT_RULE_IDS, DRIFT_RULES } from '../drift/rules.js';
import { formatNames, type Formatter } from './registry.js';

/** The drift result as a lint report (for the lint formatters and exit codes). */
export function driftReport(result: DriftResult, model: Model, observed: ObservedGraph): LintReport {
  const rules = new Map<string, FindingSeverity>(DRIFT_RULE_IDS.map((id) => [id, DRIFT_RULES[id].defaultSeverity]));
  return { findings: result.findings, files: [...model.files, observed.file], models: [result.model], rules, unusedSuppressions: [] };
}

/** One line: what was compared with what. */
export function driftHeadline(result: DriftResult, observed: ObservedGraph): string {
  const s = result.stats;
  return `Compared ${result.model} with ${observed.file} (${FORMAT_NAMES.get(observed.format)!}): ${s.services} services (${s.matched} matched), ${s.edges} observed dependencies, ${thousands(s.calls)} calls; ${s.declaredChecked} declared dependencies checked`;
}

/** What `faultline drift` prints: the result, the model and the observed graph it compared. */
export interface DriftInput {
  readonly result: DriftResult;
  readonly model: Model;
  readonly observed: ObservedGraph;
}

/** `faultline drift --format`: each format's formatter, in help order. */
export const DRIFT_FORMATTERS = {
  text: ({ result, model, observed }, options) => `${driftHeadline(result, observed)}\n\n${LINT_FORMATTERS.text(driftReport(result, model, observed), options)}`,
  json: ({ result, model, observed }) => `${JSON.stringify(driftJson(result, driftReport(result, model, observed), observed), null, 2)}\n`,
  sarif: ({ result, model, observed }, options) => `${JSON.stringify(driftSarif(driftReport(result, model, observed), options), null, 2)}\n`,
  markdown: ({ result, model, observed }, options) =>
    LINT_FORMATTERS.markdown(driftReport(result, model, observed), options)
      .replace(/^### faultline lint:/, '### faultline drift:')
      .replace(/\n\n/, `\n\n${driftHeadline(result, observed)}.\n\n`),
  github: ({ result, model, observed }, options) => LINT_FORMATTERS.github(driftReport(result, model, observed), options),
} satisfies Record<string, Formatter<DriftInput, LintFormatOptions>>;

/** A `--format` value of `faultline drift`. */
export type DriftFormatName = keyof typeof DRIFT_FORMATTERS;

/** The format names, in help order. */
export const DRIFT_FORMAT_NAMES = formatNames(DRIFT_FORMATTERS);

/** Prints a drift result in one of the formats (`DRIFT_FORMATTERS[format]`, arguments spread). */
export function formatDrift(format: DriftFormatName, result: DriftResult, model: Model, observed: ObservedGraph, options: LintFormatOptions = {}): string {
  return DRIFT_FORMATTERS[format]({ result, model, observed }, options);
}

/** Lint's JSON, plus what drift compared. */
export function driftJson(result: DriftResult, report: LintReport, observed: ObservedGraph): unknown {
  return {
    ...(lintJson(report) as Record<string, unknown>),
    drift: {
      observed: { file: observed.file, format: observed.format },
      stats: result.stats,
      matched: [...result.matched].map(([name, id]) => ({ name, id })),
    },
  };
}

/** Lint's SARIF with the drift rules as the driver's `rules[]`. */
export function driftSarif(report: LintReport, options: LintFormatOptions = {}): unknown {
  const log = lintSarif(report, options) as { runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
  const index = new Map<string, number>(DRIFT_RULE_IDS.map((id, i) => [id, i]));
  for (const run of log.runs) {
    run.tool.driver.rules = DRIFT_RULE_IDS.map((id) => {
      const rule = DRIFT_RULES[id];
      return {
        id,
        name: id
          .split('-')
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join(''),
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.rationale },
        ...sarifHelp(id, rule.help, options),
        defaultConfiguration: { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
        properties: { tags: ['reliability', 'architecture', 'drift'], precision: 'medium' },
      };
    });
    for (const r of run.results) r.ruleIndex = index.get(r.ruleId) ?? -1;
  }
  return log;
}
