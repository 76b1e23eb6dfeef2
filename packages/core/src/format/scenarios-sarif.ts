/**
 * Scenario results as SARIF 2.1.0
 * ===============================
 *
 * Lint's SARIF writer (lint-sarif.ts: the fields GitHub code scanning
 * requires, fingerprints, the 5,000-result cut) over the broken promises,
 * with the scenario rule as the driver's only `rules[]` entry, as drift
 * does with its rules. Each result points at the promise's line in the
 * scenario file; its related location is the scenario (or the ladder rung)
 * that broke it. Choice budgets that were reached become notifications,
 * and the invocation's property bag counts the scenarios.
 */
import type { LintFormatOptions } from './lint-options.js';
import { sarifHelp } from './lint-options.js';
import { lintSarif } from './lint-sarif.js';
import type { ScenarioFileResult } from './scenarios.js';
import { SCENARIO_RULE, scenarioReport } from './scenarios-findings.js';

interface SarifRun {
  tool: { driver: { rules: unknown[] } };
  invocations: { toolExecutionNotifications?: unknown[]; properties?: unknown }[];
  results: { ruleIndex: number }[];
}

/** The SARIF log of scenario results. */
export function scenariosSarif(files: readonly ScenarioFileResult[], options: LintFormatOptions = {}): unknown {
  const log = lintSarif(scenarioReport(files), options) as { runs: SarifRun[] };
  const all = files.flatMap((f) => f.results);
  const truncated = all.filter((r) => r.rungs.some((rung) => rung.truncated));
  for (const run of log.runs) {
    run.tool.driver.rules = [
      {
        id: SCENARIO_RULE.id,
        name: 'ScenarioHypothesis',
        shortDescription: { text: SCENARIO_RULE.description },
        fullDescription: { text: SCENARIO_RULE.rationale },
        ...sarifHelp(SCENARIO_RULE.id, SCENARIO_RULE.help, options),
        defaultConfiguration: { level: 'error' },
        properties: { tags: ['reliability', 'architecture', 'chaos-engineering'], precision: 'high' },
      },
    ];
    for (const r of run.results) r.ruleIndex = 0;
    const invocation = run.invocations[0]!;
    const notes = truncated.map((r) => ({
      level: 'note',
      message: { text: `Scenario "${r.scenario.name}": the choice budget was reached, so not every choice of placements was checked (raise --max-choices).` },
    }));
    if (notes.length > 0) invocation.toolExecutionNotifications = [...(invocation.toolExecutionNotifications ?? []), ...notes];
    invocation.properties = { scenarios: all.length, passed: all.filter((r) => r.passed).length, failed: all.filter((r) => !r.passed).length };
  }
  return log;
}

/** `faultline test --format sarif`. */
export function formatScenariosSarif(files: readonly ScenarioFileResult[], options: LintFormatOptions = {}): string {
  return `${JSON.stringify(scenariosSarif(files, options), null, 2)}\n`;
}
