/**
 * Broken promises as findings
 * ===========================
 *
 * A broken hypothesis is reported like a lint finding (the same `Finding`
 * shape), so the lint formatters' machinery prints it: SARIF results and
 * their fingerprints, GitHub annotations with their escaping and limits, the
 * Markdown cells. Drift does the same with its own rules (format/drift.ts).
 *
 * One rule, `scenario-hypothesis`, documents itself like a lint rule. Each
 * violation on the rung where a scenario breaks becomes one error finding at
 * the line of the promise (the `up:` entry, the `maxDown:` bound), its
 * message the violation, its details the chain of causes and the faults
 * simulated. Its identity is the scenario and the promise, never a line or
 * a rung, so a code-scanning alert survives edits to the file.
 */
import { compare, sortFindings, type Finding, type FindingSeverity } from '../lint/finding.js';
import type { LintReport } from '../lint/report.js';
import type { ScenarioResult, Violation } from '../scenarios/evaluate.js';
import type { ScenarioFileResult } from './scenarios.js';
import { chainText } from './causes.js';

/** What the scenario rule says about itself (SARIF `rules[]`, the docs). */
export const SCENARIO_RULE = {
  id: 'scenario-hypothesis',
  defaultSeverity: 'error' as FindingSeverity,
  description: 'A failure the team promised to survive breaks the steady-state hypothesis of a scenario.',
  rationale:
    'Chaos engineering states a steady-state hypothesis and checks it under injected faults (AWS FIS: terminating one of two instances must leave the site up). Checked by simulation on every change, a promise that no longer holds is caught in review instead of in production.',
  help: 'Follow the chain of causes to the dependency, placement or shared domain that breaks the promise and add the redundancy it lacks; or, if the outage is now accepted, move the component to `down:` in the scenario so it stays documented.',
} as const;

/** The findings of every broken hypothesis, sorted by scenario file and line. */
export function scenarioFindings(files: readonly ScenarioFileResult[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of files) {
    for (const result of file.results) {
      if (result.passed) continue;
      for (const v of result.rungs[result.rungs.length - 1]!.violations) findings.push(finding(file, result, v));
    }
  }
  return sortFindings(
    findings,
    files.map((f) => f.path),
  );
}

/** The scenario results as a lint report, for the lint formatters. */
export function scenarioReport(files: readonly ScenarioFileResult[]): LintReport {
  return {
    findings: scenarioFindings(files),
    files: files.map((f) => f.path),
    models: [...new Set(files.map(modelOf))],
    rules: new Map([[SCENARIO_RULE.id, SCENARIO_RULE.defaultSeverity]]),
    unusedSuppressions: [],
  };
}

/** `scenario "lose a zone"`, with the rung for a ladder: `scenario "escalate", rung 2 of 3 "one zone"`. */
export function scenarioLabel(result: ScenarioResult): string {
  const name = `scenario "${result.scenario.name}"`;
  if (!result.scenario.ladder) return name;
  const rung = result.rungs[result.rungs.length - 1]!;
  return `${name}, rung ${result.rungs.length} of ${result.scenario.rungs.length} "${rung.name}"`;
}

/** `faults: az-a → 3 down, 1 degraded, impact 10`. */
export function faultsLine(result: ScenarioResult): string {
  const rung = result.rungs[result.rungs.length - 1]!;
  const s = rung.summary;
  return `faults: ${rung.faults.join(', ')} → ${s.down} down, ${s.degraded} degraded, impact ${s.impact}`;
}

function finding(file: ScenarioFileResult, result: ScenarioResult, v: Violation): Finding {
  const chain = v.chain ?? [];
  const rung = result.scenario.rungs[result.rungs.length - 1]!;
  return {
    rule: SCENARIO_RULE.id,
    severity: SCENARIO_RULE.defaultSeverity,
    model: modelOf(file),
    target: v.id ?? result.scenario.name,
    related: chain.slice(1).map((s) => s.id),
    subject: [`scenario:${result.scenario.name}`, `${v.expectation}:${v.id ?? ''}`].sort(compare),
    message: `${scenarioLabel(result)}: ${v.message}`,
    details: [...(chain.length > 0 ? [chainText(chain)] : []), faultsLine(result)],
    at: v.at,
    relatedPlaces: [{ id: result.scenario.ladder ? rung.name : result.scenario.name, at: result.scenario.ladder ? rung.at : result.scenario.at }],
  };
}

function modelOf(file: ScenarioFileResult): string {
  return file.model ?? file.path;
}
