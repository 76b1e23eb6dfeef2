/**
 * Scenario results as GitHub Actions annotations
 * ==============================================
 *
 * Lint's annotation writer (lint-github.ts) over the broken promises: one
 * `::error` per violation at the promise's line, titled
 * `scenario-hypothesis`, the chain of causes on the following lines of
 * the message, escaped as `@actions/core` escapes them, at most 10 per
 * step and then a notice. A notice for each scenario whose choice budget
 * was reached, and a plain summary line for the log replace lint's.
 */
import { escapeData, escapeProperty, formatLintGithub } from './lint-github.js';
import type { LintFormatOptions } from './lint-options.js';
import type { ScenarioFileResult } from './scenarios.js';
import { scenarioReport } from './scenarios-findings.js';
import { plural } from '../words.js';

/** `faultline test --format github`. */
export function formatScenariosGithub(files: readonly ScenarioFileResult[], options: LintFormatOptions = {}): string {
  const lines = formatLintGithub(scenarioReport(files), options).trimEnd().split('\n');
  lines.pop(); // lint's "faultline: N errors, M warnings"
  for (const file of files) {
    for (const r of file.results) {
      if (!r.rungs.some((rung) => rung.truncated)) continue;
      const at = r.scenario.at;
      lines.push(
        `::notice file=${escapeProperty(at.file)},line=${at.line},col=${at.col},title=${escapeProperty('faultline test')}::${escapeData(`"${r.scenario.name}": the choice budget was reached, so not every choice of placements was checked (raise --max-choices)`)}`,
      );
    }
  }
  const all = files.flatMap((f) => f.results);
  const failed = all.filter((r) => !r.passed).length;
  lines.push(`faultline test: ${plural(all.length, 'scenario')}, ${all.length - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}
