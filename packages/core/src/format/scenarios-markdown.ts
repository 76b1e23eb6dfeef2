/**
 * Scenario results as Markdown: for pull-request comments
 * =======================================================
 *
 * In the lint Markdown's style (lint-markdown.ts): a heading with the
 * verdict, a table of the broken promises (scenario, where, what broke and
 * the chain of causes), then the scenarios that held in a collapsed
 * section. Scenario names, ids and files are data: every cell goes through
 * lint's escaping, so nothing from a scenario file becomes HTML, a link or
 * table structure.
 */
import { cell } from './lint-markdown.js';
import type { LintFormatOptions } from './lint-options.js';
import type { ScenarioFileResult } from './scenarios.js';
import { faultsLine, scenarioFindings, scenarioLabel } from './scenarios-findings.js';
import { chainText } from './causes.js';
import { plural } from '../words.js';

/** `faultline test --format markdown`. */
export function formatScenariosMarkdown(files: readonly ScenarioFileResult[], _options: LintFormatOptions = {}): string {
  const all = files.flatMap((f) => f.results);
  const failed = all.filter((r) => !r.passed);
  const broken = scenarioFindings(files).length;
  const verdict =
    failed.length === 0
      ? `✅ ${all.length === 1 ? 'the scenario holds' : `all ${all.length} scenarios hold`}`
      : `❌ ${failed.length} of ${plural(all.length, 'scenario')} failed (${plural(broken, 'broken promise')})`;
  const manifests = [...new Set(files.flatMap((f) => f.manifests))];
  const out: string[] = [`### faultline test: ${verdict}`, ''];
  out.push(`${plural(files.length, 'scenario file')} · manifests: ${manifests.map(cell).join(', ') || '—'}.`, '');
  if (failed.length > 0) {
    out.push('| | Scenario | Where | Broken promise |', '|---|---|---|---|');
    for (const file of files) {
      for (const r of file.results) {
        if (r.passed) continue;
        for (const v of r.rungs[r.rungs.length - 1]!.violations) {
          const below = [...(v.chain?.length ? [chainText(v.chain)] : []), faultsLine(r)].map((d) => `↳ ${cell(d)}`);
          out.push(`| 🔴 | ${cell(scenarioLabel(r).replace(/^scenario /, ''))} | ${cell(`${v.at.file}:${v.at.line}:${v.at.col}`)} | ${cell(v.message)}<br>${below.join('<br>')} |`);
        }
      }
    }
    out.push('');
  }
  const held = all.filter((r) => r.passed);
  if (held.length > 0) {
    out.push(`<details><summary>${plural(held.length, 'scenario')} held</summary>`, '');
    for (const r of held) {
      const checked = r.rungs.reduce((n, rung) => n + rung.choices, 0);
      const budget = r.rungs.some((rung) => rung.truncated) ? ', budget reached: not every choice was checked' : '';
      const note = checked > r.rungs.length ? ` (${checked} choices checked${budget})` : '';
      out.push(`- ✔ ${cell(r.scenario.name)}${cell(note)}`);
    }
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
