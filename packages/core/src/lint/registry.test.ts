import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import { parseLintConfig } from './config.js';
import { lint } from './lint.js';
import { RULE_IDS, RULES } from './registry.js';
import { optionDocs, type Rule } from './rule.js';
import { STARTER_MANIFEST, starterConfig } from './starter.js';

describe('the rule registry', () => {
  it("has the twelve rules of docs/lint.md's table, each documenting itself", () => {
    expect(RULE_IDS).toEqual([
      'hard-cycle',
      'monitor-independence',
      'global-pinned',
      'single-point-of-failure',
      'logical-single-point-of-failure',
      'shared-fate-redundancy',
      'single-region-critical',
      'control-plane-in-data-path',
      'global-config-push',
      'retry-amplification',
      'timeout-inversion',
      'unguarded-cross-region',
    ]);
    for (const id of RULE_IDS) {
      const rule = RULES[id] as Rule;
      expect(rule.id).toBe(id);
      expect(rule.description).toMatch(/^[A-Z].*\.$/);
      expect(rule.rationale.length).toBeGreaterThan(100);
      expect(rule.help.length).toBeGreaterThan(40);
      for (const o of optionDocs(rule)) expect(o.description, `${id}.${o.name}`).not.toBe('');
    }
  });

  it('sorts findings by file (in the order given), line and rule', () => {
    const loaded = loadManifests([
      { path: 'b.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  x: { kind: service, critical: true, dependsOn: [y, z, v] }\n  v: { kind: db }\n' },
      { path: 'a.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  z: { kind: db }\n  y: { kind: db }\n' },
    ]);
    expect(lint(loaded.model!).findings.map((f) => `${f.at.file}:${f.at.line} ${f.target}`)).toEqual(['b.yaml:4 v', 'a.yaml:3 z', 'a.yaml:4 y']);
  });
});

describe('faultline init starter files', () => {
  it('the starter manifest lints clean: no finding, suppressed or not', () => {
    const loaded = loadManifests([{ path: 'faultline.yaml', text: STARTER_MANIFEST }]);
    if (!loaded.model) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
    const result = lint(loaded.model);
    expect(result.findings.map((f) => `${f.rule} ${f.target}: ${f.message}`)).toEqual([]);
    expect(result.unusedSuppressions).toEqual([]);
    expect(result.rules.size).toBe(12);
  });

  it('the starter config lists every rule at its default and parses back to the defaults', () => {
    const { config, diagnostics } = parseLintConfig(starterConfig(), 'faultline.config.yaml');
    expect(diagnostics).toEqual([]);
    expect([...config!.rules.keys()]).toEqual(RULE_IDS);
    for (const id of RULE_IDS) {
      const rule = RULES[id] as Rule;
      expect(config!.rules.get(id)!.severity).toBe(rule.defaultSeverity);
      expect(config!.rules.get(id)!.options ?? {}).toEqual(optionDocs(rule).length ? rule.options.parse({}) : {});
    }
  });
});
