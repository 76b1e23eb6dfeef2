/**
 * Formatting scenario results
 * ===========================
 *
 * text for people, json for tools, and JUnit XML, which CI systems (Jenkins,
 * GitLab, Azure DevOps) display natively as a test tab: one testsuite per
 * scenario file, one testcase per scenario, a failure per broken hypothesis.
 * SARIF, Markdown and GitHub annotations reuse the lint formatters
 * (scenarios-sarif.ts, scenarios-markdown.ts, scenarios-github.ts).
 */
import type { ScenarioResult } from '../scenarios/evaluate.js';
import { printable } from './lint-options.js';
import { chainText } from './causes.js';
import { plain, type Paint } from './paint.js';
import { plural } from '../words.js';

/** The results of one scenario file. */
export interface ScenarioFileResult {
  readonly path: string;
  readonly manifests: readonly string[];
  /** The tested model's name (part of each SARIF fingerprint). @default the scenario file's path */
  readonly model?: string;
  readonly results: readonly ScenarioResult[];
}

export function formatScenariosText(files: readonly ScenarioFileResult[], paint: Paint = plain): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    lines.push(paint('bold', printable(file.path)) + paint('gray', printable(`  (manifests: ${file.manifests.join(', ')})`)));
    for (const r of file.results) {
      const last = r.rungs[r.rungs.length - 1]!;
      const checked = r.rungs.reduce((n, rung) => n + rung.choices, 0);
      const note =
        checked > r.rungs.length ? paint('gray', `  (${checked} choices checked${r.rungs.some((x) => x.truncated) ? ', budget reached: not every choice was checked' : ''})`) : '';
      if (r.passed) {
        passed++;
        lines.push(`  ${paint('green', '✔')} ${printable(r.scenario.name)}${note}`);
        continue;
      }
      failed++;
      const where = r.scenario.ladder ? ` — breaks at rung ${r.rungs.length} of ${r.scenario.rungs.length}, "${printable(last.name)}"` : '';
      lines.push(`  ${paint('red', '✖')} ${paint('bold', printable(r.scenario.name))}${where}${note}`);
      lines.push(paint('gray', `      faults: ${last.faults.join(', ')} → ${last.summary.down} down, ${last.summary.degraded} degraded, impact ${last.summary.impact}`));
      for (const v of last.violations) {
        lines.push(`      ${v.message}  ${paint('gray', printable(`${v.at.file}:${v.at.line}:${v.at.col}`))}`);
        if (v.chain && v.chain.length > 0) lines.push(paint('gray', `        ${chainText(v.chain)}`));
      }
    }
    lines.push('');
  }
  const total = passed + failed;
  lines.push(paint(failed > 0 ? 'red' : 'green', `${plural(total, 'scenario')}: ${passed} passed, ${failed} failed`));
  return `${lines.join('\n')}\n`;
}

export function scenariosJson(files: readonly ScenarioFileResult[]): unknown {
  const all = files.flatMap((f) => f.results);
  return {
    summary: { scenarios: all.length, passed: all.filter((r) => r.passed).length, failed: all.filter((r) => !r.passed).length },
    files: files.map((f) => ({
      path: f.path,
      manifests: f.manifests,
      scenarios: f.results.map((r) => ({
        name: r.scenario.name,
        passed: r.passed,
        file: r.scenario.at.file,
        line: r.scenario.at.line,
        column: r.scenario.at.col,
        rungs: r.rungs.map((rung) => ({
          name: rung.name,
          passed: rung.passed,
          faults: rung.faults,
          summary: rung.summary,
          choices: rung.choices,
          truncated: rung.truncated,
          violations: rung.violations.map((v) => ({
            expectation: v.expectation,
            ...(v.id !== undefined ? { id: v.id } : {}),
            message: v.message,
            actual: v.actual,
            ...(v.chain ? { chain: v.chain } : {}),
            file: v.at.file,
            line: v.at.line,
            column: v.at.col,
          })),
        })),
      })),
    })),
  };
}

export function formatScenariosJunit(files: readonly ScenarioFileResult[]): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const all = files.flatMap((f) => f.results);
  out.push(`<testsuites name="faultline" tests="${all.length}" failures="${all.filter((r) => !r.passed).length}">`);
  for (const f of files) {
    const failures = f.results.filter((r) => !r.passed).length;
    out.push(`  <testsuite name="${xml(f.path)}" tests="${f.results.length}" failures="${failures}" errors="0" skipped="0" time="0">`);
    for (const r of f.results) {
      out.push(`    <testcase classname="${xml(f.path)}" name="${xml(r.scenario.name)}" file="${xml(r.scenario.at.file)}" line="${r.scenario.at.line}" time="0">`);
      if (!r.passed) {
        const last = r.rungs[r.rungs.length - 1]!;
        const first = last.violations[0]!;
        const body = last.violations.map((v) => `${v.at.file}:${v.at.line}:${v.at.col}: ${v.message}${v.chain?.length ? `\n  ${chainText(v.chain)}` : ''}`).join('\n');
        out.push(`      <failure type="hypothesis" message="${xml(first.message)}">${xml(`faults: ${last.faults.join(', ')}\n${body}`)}</failure>`);
      }
      // A pass over some of the choices only is not a full pass: say so where CI shows the test.
      const cut = r.rungs.filter((rung) => rung.truncated);
      if (cut.length > 0) {
        const checked = cut.reduce((n, rung) => n + rung.choices, 0);
        out.push(
          `      <system-out>${xml(`budget reached: not every choice was checked (${checked} checked in ${cut.length === 1 ? 'one rung' : `${cut.length} rungs`}; raise --max-choices)`)}</system-out>`,
        );
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** XML-escapes text and attribute values; drops characters XML 1.0 cannot carry. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
