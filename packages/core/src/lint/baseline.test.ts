import { describe, expect, it } from 'vitest';
import { model } from '../test-support.js';
import { applyBaseline, baselineJson, parseBaseline } from './baseline.js';
import { fingerprint } from './finding.js';
import { lint } from './lint.js';
import { lintExitCode, lintReport, lintSummary } from './report.js';

const consul = `
  consul: { kind: discovery }
  svc: { kind: service, critical: true, dependsOn: [consul] }
`;
const report = (body: string) => lintReport([lint(model(body), { config: { rules: new Map(), spofWithoutPlacements: 'rule' } })]);

describe('baseline', () => {
  it('accepts the findings it records, so only new ones fail, and lists the fixed ones', () => {
    const before = report(consul);
    expect(lintExitCode(before)).toBe(1);
    const { baseline } = parseBaseline(baselineJson(before), 'b.json');
    expect(baseline!.entries.map((e) => `${e.rule}:${e.subject.join(',')}`)).toEqual(['single-point-of-failure:consul']);

    const same = applyBaseline(report(consul), baseline!, 'b.json');
    expect(lintSummary(same)).toEqual({ error: 0, warn: 0, suppressed: 0, baselined: 1 });
    expect(lintExitCode(same)).toBe(0);

    const grown = applyBaseline(report(`${consul}  cache: { kind: cache }\n  api: { kind: service, critical: true, dependsOn: [cache] }\n`), baseline!, 'b.json');
    expect(lintSummary(grown)).toMatchObject({ error: 1, baselined: 1 });
    expect(grown.findings.filter((f) => !f.suppressed).map((f) => f.target)).toEqual(['cache']);

    const fixed = applyBaseline(
      report(`\n  consul: { kind: discovery }\n  svc: { kind: service, critical: true, dependsOn: [{ target: consul, mode: soft }] }\n`),
      baseline!,
      'b.json',
    );
    expect(fixed.baseline!.fixed.map((e) => e.target)).toEqual(['consul']);
    expect(lintExitCode(fixed)).toBe(0);
  });

  it('keys findings on identity, never on lines: moving a component keeps its baseline entry and fingerprint', () => {
    const moved = `\n  svc: { kind: service, critical: true, dependsOn: [consul] }\n  # a comment that shifts every line\n\n  consul: { kind: discovery }\n`;
    const a = report(consul).findings[0]!;
    const b = report(moved).findings[0]!;
    expect(a.at.line).not.toBe(b.at.line);
    expect(fingerprint(a)).toBe(fingerprint(b));
    const { baseline } = parseBaseline(baselineJson(report(consul)), 'b.json');
    expect(lintSummary(applyBaseline(report(moved), baseline!, 'b.json')).baselined).toBe(1);
  });

  it('rejects a file that is not a baseline', () => {
    expect(parseBaseline('{', 'b.json').diagnostics[0]!.message).toMatch(/^the baseline is not JSON/);
    expect(parseBaseline('{"version": 2, "findings": []}', 'b.json').diagnostics[0]!.message).toMatch(/^not a faultline baseline/);
    expect(parseBaseline('{"version": 1, "findings": [{"rule": "x"}]}', 'b.json').diagnostics[0]!.message).toBe(
      'baseline entry 1 needs "rule", "model" and "subject" (a list of ids)',
    );
  });

  it('says where a problem is, not 1:1', () => {
    const at = (text: string) => {
      const { line, col } = parseBaseline(text, 'b.json').diagnostics[0]!.at;
      return `${line}:${col}`;
    };
    expect(at('{\n  "version": 1,\n  "findings": [\n    { "rule": "x", }\n  ]\n}\n')).toBe('4:20');
    expect(at('{\n  "version": 1,\n  "findings": [\n    { "rule": "x", "model": "m", "subject": [] },\n    { "rule": 3 }\n  ]\n}\n')).toBe('5:5');
    expect(at('{\n  "version": 2,\n  "findings": []\n}')).toBe('2:14');
    expect(at('{ "version": 1, "findings": {} }')).toBe('1:29');
    expect(at('\uFEFF[1]')).toBe('1:1');
    expect(parseBaseline('\uFEFF{"version": 1, "findings": []}', 'b.json').diagnostics).toEqual([]);
  });
});
