import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { lint } from './lint.js';
import { model } from '../test-support.js';
import { parseLintConfig } from './config.js';

const problems = (text: string) => parseLintConfig(text, 'faultline.config.yaml').diagnostics.map(formatDiagnostic);

describe('faultline.config.yaml', () => {
  it('reads severities and options, filling in option defaults', () => {
    const { config, diagnostics } = parseLintConfig(
      'rules:\n  retry-amplification: { severity: error, threshold: 20 }\n  single-region-critical: warn\n  unguarded-cross-region: off\nbaseline: known.json\n',
      'faultline.config.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(config!.baseline).toBe('known.json');
    expect([...config!.rules]).toEqual([
      ['retry-amplification', { severity: 'error', options: { threshold: 20 } }],
      ['single-region-critical', { severity: 'warn' }],
      ['unguarded-cross-region', { severity: 'off' }],
    ]);
  });

  it('accepts an empty file', () => {
    expect(parseLintConfig('', 'c.yaml')).toMatchObject({ config: { rules: new Map() }, diagnostics: [] });
    expect(parseLintConfig('# nothing yet\n', 'c.yaml').diagnostics).toEqual([]);
  });

  it('reports misspelt rules, options and severities at their position, with a hint', () => {
    expect(problems('rules:\n  retry-amplificaton: warn\n')).toEqual(['faultline.config.yaml:2:3: error: unknown rule "retry-amplificaton" (did you mean "retry-amplification"?)']);
    expect(problems('rules:\n  retry-amplification: { threshhold: 5 }\n')).toEqual([
      'faultline.config.yaml:2:26: error: unknown option "threshhold" for rule retry-amplification (did you mean "threshold"?)',
    ]);
    expect(problems('rules:\n  hard-cycle: eror\n')).toEqual(['faultline.config.yaml:2:15: error: unknown severity "eror" (did you mean "error"?)']);
    expect(problems('rulez: {}\n')).toEqual(['faultline.config.yaml:1:1: error: unknown field "rulez" in the config (did you mean "rules"?)']);
  });

  it("validates option values with the rule's own schema", () => {
    expect(problems('rules:\n  retry-amplification: { threshold: 0 }\n')).toEqual([
      'faultline.config.yaml:2:37: error: rules.retry-amplification.threshold: must be at least 1, found 0',
    ]);
    expect(problems('rules:\n  single-point-of-failure: { ignoreKinds: provider }\n')).toEqual([
      'faultline.config.yaml:2:43: error: rules.single-point-of-failure.ignoreKinds: expected a list, found "provider"',
    ]);
  });

  it('treats a rule named __proto__ as an unknown rule, nothing more', () => {
    expect(problems('rules:\n  __proto__: off\n')).toEqual(['faultline.config.yaml:2:3: error: unknown rule "__proto__" (run "faultline rules" for the list)']);
  });

  it('reports YAML syntax errors with a position', () => {
    expect(problems('rules: [\n')[0]).toMatch(/^faultline\.config\.yaml:\d+:\d+: error: /);
  });

  it('changes what lint reports', () => {
    const m = model(`
  a: { kind: service, dependsOn: [{ target: b, retries: 4, mode: soft }] }
  b: { kind: service, dependsOn: [{ target: c, retries: 4, mode: soft }] }
  c: { kind: service }
`);
    expect(lint(m).findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['retry-amplification:warn']);
    const strict = parseLintConfig('rules:\n  retry-amplification: { severity: error }\n', 'c.yaml').config!;
    expect(lint(m, { config: strict }).findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['retry-amplification:error']);
    const lenient = parseLintConfig('rules:\n  retry-amplification: { threshold: 30 }\n', 'c.yaml').config!;
    expect(lint(m, { config: lenient }).findings).toEqual([]);
    const off = parseLintConfig('rules:\n  retry-amplification: off\n', 'c.yaml').config!;
    const result = lint(m, { config: off });
    expect(result.findings).toEqual([]);
    expect(result.rules.has('retry-amplification')).toBe(false);
  });
});
