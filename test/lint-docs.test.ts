/**
 * The rule pages under docs/rules/ stay true: one page per rule, and each
 * page's failing example fires its rule with the output the page shows,
 * while its fixed example lints clean.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lint, lintReport, LINT_FORMATTERS, loadManifests, RULE_IDS, type Model } from '@faultline/core';
import { ROOT } from './support.js';

const DOCS = join(ROOT, 'docs/rules');

function block(page: string, info: string): string {
  const m = new RegExp(`\`\`\`${info}\\n([\\s\\S]*?)\\n\`\`\``).exec(page);
  if (!m) throw new Error(`no \`\`\`${info} block`);
  return `${m[1]}\n`;
}

function load(path: string, text: string): Model {
  const r = loadManifests([{ path, text }]);
  if (!r.model) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.model;
}

describe('docs/rules', () => {
  it('has one page per rule', () => {
    expect(readdirSync(DOCS).sort()).toEqual(RULE_IDS.map((id) => `${id}.md`).sort());
  });

  it.each(RULE_IDS)('%s: the failing example fires with the output shown, the fixed one lints clean', (id) => {
    const page = readFileSync(join(DOCS, `${id}.md`), 'utf8');
    expect(page.startsWith(`# \`${id}\`\n`)).toBe(true);
    const fails = lint(load(`${id}.fails.yaml`, block(page, 'yaml fails')));
    const shown = block(page, 'text').trimEnd();
    const text = LINT_FORMATTERS.text(lintReport([fails]), { sources: new Map([[`${id}.fails.yaml`, block(page, 'yaml fails')]]) });
    expect(fails.findings.some((f) => f.rule === id)).toBe(true);
    for (const line of shown.split('\n')) expect(text.split('\n'), line).toContain(line);
    // A fixed example leaves no finding at all (a replicated tier that one component uses is not a shared
    // cluster, so logical-single-point-of-failure leaves it alone with its default minDependents: 2).
    const left = lint(load(`${id}.passes.yaml`, block(page, 'yaml passes'))).findings;
    expect(left.map((f) => f.message)).toEqual([]);
  });
});
