import { describe, expect, it } from 'vitest';
import { model } from '../test-support.js';
import { lint, unplacedNote } from './lint.js';
import { parseLintConfig } from './config.js';
import { lintReport } from './report.js';
import { LINT_FORMATTERS } from '../format/lint-formatters.js';

const UNPLACED = `  db: { kind: database }
  api: { kind: service, critical: true, dependsOn: [db] }
  web: { kind: website, critical: true, dependsOn: [api] }
`;

describe('SPOF findings while no component declares a placement', () => {
  it('are warnings, with one note saying how many components lack a placement and how to add them', () => {
    const result = lint(model(UNPLACED));
    const spofs = result.findings.filter((f) => f.rule === 'single-point-of-failure');
    expect(spofs.map((f) => `${f.target}:${f.severity}`)).toEqual(['db:warn', 'api:warn']);
    expect(result.rules.get('single-point-of-failure')).toBe('warn');
    expect(result.unplaced).toEqual({ components: 3, lowered: 2 });
    expect(unplacedNote(result)).toBe(
      '2 single-point-of-failure findings are warnings: no component of test declares where it runs (3 components have no placement), so every dependency reads as a single point of failure; add placements (`in:` in a manifest or overlay, or the faultline.dev/in annotation) to judge them, or set "spofWithoutPlacements: rule" in faultline.config.yaml to keep them errors',
    );
  });

  it('JSON and SARIF levels follow', () => {
    const report = lintReport([lint(model(UNPLACED))]);
    const json = JSON.parse(LINT_FORMATTERS.json(report)) as { findings: { severity: string }[]; summary: { error: number } };
    expect(json.summary.error).toBe(0);
    expect(new Set(json.findings.map((f) => f.severity))).toEqual(new Set(['warn']));
    const sarif = JSON.parse(LINT_FORMATTERS.sarif(report)) as {
      runs: { results: { ruleId: string; level: string }[]; tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } } }[];
    };
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === 'single-point-of-failure').map((r) => r.level)).toEqual(['warning', 'warning']);
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === 'single-point-of-failure')!.defaultConfiguration.level).toBe('warning');
  });

  it('keep their rule severity once one component is placed, or with spofWithoutPlacements: rule', () => {
    const placed = lint(model(`${UNPLACED}  z1: { kind: zone }\n  cache: { kind: cache, in: z1 }\n`));
    expect(placed.findings.filter((f) => f.rule === 'single-point-of-failure').every((f) => f.severity === 'error')).toBe(true);
    expect(placed.unplaced).toBeUndefined();
    const config = parseLintConfig('spofWithoutPlacements: rule\n', 'faultline.config.yaml').config!;
    const kept = lint(model(UNPLACED), { config });
    expect(kept.findings.filter((f) => f.rule === 'single-point-of-failure').map((f) => f.severity)).toEqual(['error', 'error']);
    expect(unplacedNote(kept)).toBeUndefined();
  });

  it('a rule configured as warn or off is left alone, and nothing is noted', () => {
    const config = parseLintConfig('rules: { single-point-of-failure: warn }\n', 'c.yaml').config!;
    const result = lint(model(UNPLACED), { config });
    expect(result.unplaced).toBeUndefined();
  });
});

describe('faultline.config.yaml: spofWithoutPlacements and backstage.types', () => {
  it('reads both, and reports mistakes at their line', () => {
    const ok = parseLintConfig('spofWithoutPlacements: warn\nbackstage:\n  types: { Synthetic Checks: monitoring, kafka_connector: queue }\n', 'c.yaml');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.config!.spofWithoutPlacements).toBe('warn');
    expect([...ok.config!.backstageTypes!]).toEqual([
      ['synthetic-checks', 'monitoring'],
      ['kafka-connector', 'queue'],
    ]);
    const bad = parseLintConfig('spofWithoutPlacements: rules\nbackstage:\n  type: {}\n  types: { apm: Monitoring }\n', 'c.yaml');
    expect(bad.diagnostics.map((d) => `${d.at.line}:${d.at.col} ${d.message}${d.hint ? ` (${d.hint})` : ''}`)).toEqual([
      '1:24 "spofWithoutPlacements" must be warn or rule, not "rules" (did you mean "rule"?)',
      '3:3 unknown field "type" in backstage (did you mean "types"?)',
      '4:17 backstage.types.apm: a kind is lowercase letters, digits and "-", starting with a letter (e.g. monitoring, database, queue; docs/backstage.md lists the kinds lint reads)',
    ]);
  });
});
