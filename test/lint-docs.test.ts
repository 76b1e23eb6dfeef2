/**
 * The rule pages under docs/rules/ stay true: one page per rule, and each
 * page's failing example fires its rule with the output the page shows,
 * while its fixed example lints clean (logical single points of failure of
 * replicated tiers aside, on every page but that rule's own).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, lint, lintReport, LINT_FORMATTERS, loadManifests, RULE_IDS, type Model } from '@faultline/core';
import { ROOT } from './support.js';

const DOCS = join(ROOT, 'docs/rules');

function block(page: string, info: string): string {
  const m = new RegExp('```' + info + '\\n([\\s\\S]*?)\\n```').exec(page);
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
    // A fixed example leaves no finding, except that its replicated tiers stay logical single points of
    // failure (a bad deploy of every replica at once), which only that rule's own page fixes.
    const left = lint(load(`${id}.passes.yaml`, block(page, 'yaml passes'))).findings.filter((f) => f.rule !== 'logical-single-point-of-failure' || id === 'logical-single-point-of-failure');
    expect(left.map((f) => f.message)).toEqual([]);
  });
});
