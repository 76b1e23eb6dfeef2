/**
 * The diff as JSON: the contract for scripts
 * ==========================================
 *
 * `{ verdict, base, head, summary, critical, findings, components,
 * dependencies }` with stable key order. Findings have lint's JSON shape
 * (lint-json.ts: rule, severity, target, message, file, line, …,
 * fingerprint); every list is complete (the text and Markdown reports cap
 * theirs).
 */
import { lintJson } from './lint-json.js';
import type { Finding } from '../lint/finding.js';
import type { ArchitectureDiff } from '../diff/diff.js';
import { diffExitCode } from '../diff/diff.js';
import type { SpofChange } from '../diff/spofs.js';
import { verdict } from './diff-words.js';

/** The JSON value of a diff. */
export function diffJson(diff: ArchitectureDiff): unknown {
  const v = verdict(diff);
  return {
    verdict: { worse: v.worse, text: v.text, exitCode: diffExitCode(diff) },
    base: diff.base,
    head: diff.head,
    summary: diff.summary,
    critical: diff.critical.map((c) => ({
      id: c.id,
      changed: c.changed,
      before: c.before ?? null,
      after: c.after ?? null,
      gained: c.gained.map(spofJson),
      lost: c.lost.map(spofJson),
    })),
    findings: { new: findingsJson(diff.findings.added), fixed: findingsJson(diff.findings.fixed), unchanged: diff.findings.unchanged },
    components: diff.components.map((c) => ({ change: c.change, id: c.id, kind: c.kind, fields: c.fields, file: c.at.file, line: c.at.line, column: c.at.col })),
    dependencies: diff.dependencies.map((d) => ({
      change: d.change,
      kind: d.kind,
      from: d.from,
      to: d.to,
      attributes: d.attributes,
      fields: d.fields,
      file: d.at.file,
      line: d.at.line,
      column: d.at.col,
    })),
  };
}

/** `faultline diff --format json`. */
export function formatDiffJson(diff: ArchitectureDiff): string {
  return `${JSON.stringify(diffJson(diff), null, 2)}\n`;
}

function spofJson(s: SpofChange): unknown {
  return { fault: s.fault, via: s.via, chain: s.chain, defeats: s.defeats ?? null, impact: s.impact, down: s.down };
}

function findingsJson(findings: readonly Finding[]): unknown[] {
  return (lintJson({ findings, files: [], models: [], rules: new Map(), unusedSuppressions: [] }) as { findings: unknown[] }).findings;
}
