import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import { applyBaseline, baselineJson, parseBaseline } from '../lint/baseline.js';
import type { Finding } from '../lint/finding.js';
import { lint } from '../lint/lint.js';
import { lintReport, type LintReport } from '../lint/report.js';
import { formatLintGithub } from './lint-github.js';
import { formatLintGitlab } from './lint-gitlab.js';
import { formatLintJson } from './lint-json.js';
import { formatLintMarkdown } from './lint-markdown.js';
import { formatLintSarif, SARIF_MAX_RESULTS, sarifUri } from './lint-sarif.js';
import { formatLintText } from './lint-text.js';
import { sarifValidator } from './sarif-schema.test-support.js';

const FILE = 'arch/shop,eu:1.yaml';
const TEXT = `apiVersion: faultline/v1
name: shop
components:
  consul: { kind: discovery }
  svc: { kind: service, critical: true, dependsOn: [consul] }
  telemetry:   # faultline-ignore monitor-independence <script>alert(1)</script> | until Q3
    kind: monitoring
    monitors: [consul]
    dependsOn: [consul]
  web: { kind: service, dependsOn: [{ target: api, timeoutMs: 100 }] }
  api: { kind: service, dependsOn: [{ target: svc, timeoutMs: 100, retries: 1 }] }
`;

function shopReport(): { report: LintReport; sources: Map<string, string> } {
  const loaded = loadManifests([{ path: FILE, text: TEXT }]);
  if (!loaded.model) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  return { report: lintReport([lint(loaded.model, { config: { rules: new Map(), spofWithoutPlacements: 'rule' } })]), sources: new Map([[FILE, TEXT]]) };
}

describe('lint text format', () => {
  it('groups by file, shows the manifest line under each finding, and ends with a summary', () => {
    const { report, sources } = shopReport();
    expect(formatLintText(report, { sources })).toBe(`arch/shop,eu:1.yaml
  4:3    error       consul is a single point of failure: its failure takes down 1 critical component (svc)  single-point-of-failure
      4 │   consul: { kind: discovery }
        │   ^^^^^^
      ↳ svc needs consul → consul failed
  6:3    suppressed  telemetry monitors consul but is down when consul fails, blind exactly when needed (telemetry needs consul → consul failed)  monitor-independence
      suppressed: <script>alert(1)</script> | until Q3
  10:47  warn        web waits 100 ms for api, but api can wait 200 ms for svc (100 ms × 2 attempts)  timeout-inversion
      10 │   web: { kind: service, dependsOn: [{ target: api, timeoutMs: 100 }] }
         │                                               ^^^

✖ 2 problems (1 error, 1 warning) · 1 suppressed
`);
  });

  it('says so when there is nothing to report', () => {
    const loaded = loadManifests([{ path: 'ok.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' }]);
    expect(formatLintText(lintReport([lint(loaded.model!)]))).toBe('✔ no problems (12 rules, 1 file)\n');
  });

  it('never prints control characters from a manifest (no terminal escape injection)', () => {
    const text =
      'apiVersion: faultline/v1\ncomponents:\n  consul: { kind: discovery, description: "\\u001b[31mred" }\n  svc: { kind: service, critical: true, dependsOn: [consul] }\n';
    const loaded = loadManifests([{ path: 'x.yaml', text: text.replace('\\u001b', '\u001b') }]);
    const out = formatLintText(lintReport([lint(loaded.model!)]), { sources: new Map([['x.yaml', text.replace('\\u001b', '\u001b')]]) });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\x1b[31mred');
  });
});

describe('lint json format', () => {
  it('keeps the contract: findings with rule, severity, target, related, message, file, line, column, suppressed; summary', () => {
    const { report } = shopReport();
    const json = JSON.parse(formatLintJson(report)) as { findings: Record<string, unknown>[]; summary: unknown; baseline: unknown; unusedSuppressions: unknown[] };
    expect(Object.keys(json)).toEqual(['findings', 'summary', 'baseline', 'unusedSuppressions']);
    expect(json.summary).toEqual({ error: 1, warn: 1 });
    expect(json.findings.map((f) => Object.keys(f).slice(0, 9))).toEqual(
      Array(3).fill(['rule', 'severity', 'target', 'related', 'message', 'file', 'line', 'column', 'suppressed']),
    );
    expect(json.findings[0]).toMatchObject({
      rule: 'single-point-of-failure',
      severity: 'error',
      target: 'consul',
      related: ['svc'],
      file: FILE,
      line: 4,
      column: 3,
      suppressed: false,
      fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(json.findings[1]).toMatchObject({ rule: 'monitor-independence', suppressed: true, suppression: { kind: 'comment', reason: '<script>alert(1)</script> | until Q3' } });
  });
});

describe('lint gitlab format (Code Quality report)', () => {
  it('lists each counted finding once: rule, description, identity fingerprint, severity, path and line', () => {
    const { report } = shopReport();
    const issues = JSON.parse(formatLintGitlab(report)) as Record<string, unknown>[];
    // The suppressed monitor-independence finding is left out.
    expect(issues).toEqual([
      {
        description: 'consul is a single point of failure: its failure takes down 1 critical component (svc) · svc needs consul → consul failed',
        check_name: 'single-point-of-failure',
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        severity: 'major',
        location: { path: FILE, lines: { begin: 4, end: 4 } },
      },
      expect.objectContaining({ check_name: 'timeout-inversion', severity: 'minor', location: { path: FILE, lines: { begin: 10, end: 10 } } }),
    ]);
    expect(issues[0]!['fingerprint']).not.toBe(issues[1]!['fingerprint']);
  });

  it('is an empty array when nothing counts, and leaves out what the baseline accepts', () => {
    const { report } = shopReport();
    const accepted = applyBaseline(report, parseBaseline(baselineJson(report), 'b.json').baseline!, 'b.json');
    expect(formatLintGitlab(accepted)).toBe('[]\n');
  });
});

describe('lint github format', () => {
  it('writes one workflow annotation per finding that counts, escaped, then a summary line', () => {
    const { report } = shopReport();
    expect(formatLintGithub(report).split('\n')).toEqual([
      '::error file=arch/shop%2Ceu%3A1.yaml,line=4,col=3,endLine=4,endColumn=9,title=single-point-of-failure::consul is a single point of failure: its failure takes down 1 critical component (svc)%0Asvc needs consul → consul failed',
      '::warning file=arch/shop%2Ceu%3A1.yaml,line=10,col=47,endLine=10,endColumn=50,title=timeout-inversion::web waits 100 ms for api, but api can wait 200 ms for svc (100 ms × 2 attempts)',
      'faultline: 1 error, 1 warning (1 suppressed)',
      '',
    ]);
  });

  it('prints at most 10 annotations per severity, then a notice with the rest', () => {
    const { report } = shopReport();
    const error = report.findings[0]!;
    const many: LintReport = { ...report, findings: Array.from({ length: 13 }, (_, i): Finding => ({ ...error, target: `c${i}`, message: `m${i} 100%` })) };
    const lines = formatLintGithub(many).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines[9]).toMatch(/::m9 100%25%0A/);
    expect(lines[10]).toBe(
      '::notice title=faultline::3 more findings are not annotated (GitHub shows 10 per severity per step); upload the SARIF output (--format sarif) to see them all',
    );
    expect(lines[11]).toBe('faultline: 13 errors, 0 warnings');
  });
});

describe('lint markdown format', () => {
  it('renders a table for a PR comment and escapes manifest text', () => {
    const { report } = shopReport();
    const md = formatLintMarkdown(report);
    expect(md).toContain('### faultline lint: ❌ 1 error, 1 warning');
    expect(md).toContain('| 🔴 error | `single-point-of-failure` | arch/shop,eu:1.yaml:4:3 | consul is a single point of failure');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| until Q3');
    expect(md).not.toContain('<script>');
  });

  it('links each rule to its page once the repository has an address, and never to a page that is not published', () => {
    const { report } = shopReport();
    expect(formatLintMarkdown(report)).not.toContain('](http');
    const md = formatLintMarkdown(report, { docsBase: 'https://example.org/faultline/' });
    expect(md).toContain('| [single-point-of-failure](https://example.org/faultline/docs/rules/single-point-of-failure.md) |');
  });
});

describe('SARIF artifact URIs', () => {
  it('keeps a path inside the working directory relative, and makes an absolute one a file:// URI', () => {
    expect(sarifUri('architecture/shop,eu:1.yaml')).toBe('architecture/shop%2Ceu%3A1.yaml');
    expect(sarifUri('/home/ci/other repo/a.yaml')).toBe('file:///home/ci/other%20repo/a.yaml');
    expect(sarifUri('C:\\work\\arch\\a.yaml')).toBe('file:///C:/work/arch/a.yaml');
  });
});

describe('lint sarif format', () => {
  const validate = sarifValidator();

  it('validates against the official SARIF 2.1.0 schema', () => {
    const { report } = shopReport();
    const log = JSON.parse(formatLintSarif(report, { version: '0.1.0' }));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('gives rules an absolute helpUri once the repository has an address, and stays valid', () => {
    const { report } = shopReport();
    const log = JSON.parse(formatLintSarif(report, { version: '0.1.0', docsBase: 'https://example.org/faultline/' }));
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].tool.driver.informationUri).toBe('https://example.org/faultline/');
    for (const rule of log.runs[0].tool.driver.rules) expect(rule.helpUri).toBe(`https://example.org/faultline/docs/rules/${rule.id}.md`);
  });

  it('has every field GitHub code scanning requires', () => {
    const { report } = shopReport();
    const log = JSON.parse(formatLintSarif(report, { version: '0.1.0' }));
    expect(log).toMatchObject({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0' });
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'faultline', semanticVersion: '0.1.0' });
    expect(run.tool.driver.rules).toHaveLength(12);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^[a-z-]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(10);
      expect(rule.help.text.length).toBeGreaterThan(10);
      expect(rule.helpUri).toBeUndefined();
      expect(rule.help.markdown).toContain(`\`docs/rules/${rule.id}.md\` in the faultline repository`);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
    expect(run.results).toHaveLength(3);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(result.message.text.length).toBeGreaterThan(0);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe('arch/shop%2Ceu%3A1.yaml');
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startColumn).toBeGreaterThan(0);
      expect(loc.region.endColumn).toBeGreaterThan(loc.region.startColumn);
      expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(run.results[1].suppressions).toEqual([{ kind: 'inSource', justification: '<script>alert(1)</script> | until Q3' }]);
  });

  it('marks baseline states and external suppressions when a baseline is applied', () => {
    const { report } = shopReport();
    const baselined = applyBaseline(report, parseBaseline(baselineJson(report), 'b.json').baseline!, 'b.json');
    const log = JSON.parse(formatLintSarif(baselined));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results.map((r: { baselineState: string }) => r.baselineState)).toEqual(['unchanged', 'new', 'unchanged']);
    expect(log.runs[0].results[0].suppressions).toEqual([{ kind: 'external', justification: 'in the baseline b.json' }]);
  });

  it(`keeps at most ${SARIF_MAX_RESULTS} results, errors first, and says how many were left out`, () => {
    const { report } = shopReport();
    const [error, , warn] = report.findings;
    const findings = [...Array.from({ length: SARIF_MAX_RESULTS }, () => warn!), error!];
    const log = JSON.parse(formatLintSarif({ ...report, findings }));
    expect(log.runs[0].results).toHaveLength(SARIF_MAX_RESULTS);
    expect(log.runs[0].results.filter((r: { level: string }) => r.level === 'error')).toHaveLength(1);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^1 results were left out/);
  });
});

describe('lint text format: positions and line ends', () => {
  it('interleaves unused suppressions with findings by position, and drops the \\r of CRLF manifest lines', () => {
    const file = 'arch/shop.yaml';
    const text = [
      'apiVersion: faultline/v1',
      'name: shop',
      'components:',
      '  consul: { kind: discovery }   # faultline-ignore hard-cycle no cycle here',
      '  svc: { kind: service, critical: true, dependsOn: [consul] }',
      '  telemetry:   # faultline-ignore timeout-inversion never fires',
      '    kind: monitoring',
      '    monitors: [consul]',
      '    dependsOn: [consul]',
      '  web: { kind: service, dependsOn: [{ target: api, timeoutMs: 100 }] }',
      '  api: { kind: service, dependsOn: [{ target: svc, timeoutMs: 100, retries: 1 }] }',
      '',
    ].join('\r\n');
    const loaded = loadManifests([{ path: file, text }]);
    if (!loaded.model) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
    const report = lintReport([lint(loaded.model, { config: { rules: new Map(), spofWithoutPlacements: 'rule' } })]);
    const paint = (style: string, t: string): string => `<${style}>${t}</${style}>`;
    expect(formatLintText(report, { sources: new Map([[file, text]]), paint })).toBe(`<bold>arch/shop.yaml</bold>
  4:3    <red>error </red>  consul is a single point of failure: its failure takes down 1 critical component (svc)  <gray>single-point-of-failure</gray>
<gray>      4 │ </gray>  consul: { kind: discovery }   # faultline-ignore hard-cycle no cycle here
<gray>        │ </gray>  <red>^^^^^^</red>
<gray>      ↳ svc needs consul → consul failed</gray>
  4:33   <yellow>unused</yellow>  faultline-ignore hard-cycle matches no finding on consul; remove the comment  <gray>unused-suppression</gray>
  6:3    <red>error </red>  telemetry monitors consul but is down when consul fails, blind exactly when needed (telemetry needs consul → consul failed)  <gray>monitor-independence</gray>
<gray>      6 │ </gray>  telemetry:   # faultline-ignore timeout-inversion never fires
<gray>        │ </gray>  <red>^^^^^^^^^</red>
  6:16   <yellow>unused</yellow>  faultline-ignore timeout-inversion matches no finding on telemetry; remove the comment  <gray>unused-suppression</gray>
  10:47  <yellow>warn  </yellow>  web waits 100 ms for api, but api can wait 200 ms for svc (100 ms × 2 attempts)  <gray>timeout-inversion</gray>
<gray>      10 │ </gray>  web: { kind: service, dependsOn: [{ target: api, timeoutMs: 100 }] }
<gray>         │ </gray>                                              <red>^^^</red>

<red>✖ 3 problems (2 errors, 1 warning)</red> · 2 unused suppressions
`);
  });
});
