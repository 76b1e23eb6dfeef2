/**
 * Positions a user can trust, on both YAML paths (js-yaml's fast path and
 * the `yaml` package, which gives every diagnostic): a quote left open is
 * reported where it opens, not where the text ends; a byte-order mark moves
 * no column; columns count code points, as editors and SARIF's
 * `unicodeCodePoints` do, not UTF-16 units; an unknown YAML tag is a
 * warning at the tag, not dropped without a word.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import type { Dependency, Edge } from '../model.js';
import { loadManifests, type LoadOptions } from './loader.js';
import { parseLintConfig } from '../lint/config.js';
import { loadScenarios } from '../scenarios/load.js';

const PATHS: readonly { readonly name: string; readonly options: LoadOptions }[] = [
  { name: 'fast path', options: {} },
  { name: 'yaml package', options: { fastPath: false } },
];

const load = (text: string, options: LoadOptions = {}) => loadManifests([{ path: 'm.yaml', text }], options);
const errors = (text: string, options: LoadOptions = {}) => load(text, options).diagnostics.map(formatDiagnostic);
const edge = (d: Dependency | undefined): Edge => d as Edge;

describe.each(PATHS)('positions on the $name', ({ options }) => {
  it('an unterminated quote on line 3 of a 500-line file: at the quote, on line 3, once', () => {
    const lines = ['apiVersion: faultline/v1', 'components:', '  a: { kind: service, description: "unterminated }'];
    for (let i = 0; i < 497; i++) lines.push(`  c${i}: { kind: service }`);
    expect(errors(`${lines.join('\n')}\n`, options)).toEqual([
      'm.yaml:3:36: error: missing closing ": the quoted string that starts here never ends (end the string with " on the line it belongs to, and write a " inside it as \\")',
    ]);
    const single = "apiVersion: faultline/v1\ncomponents:\n  a:\n    kind: service\n    description: 'it''s open\n  b: { kind: service }\n";
    expect(errors(single, options)).toEqual([
      "m.yaml:5:18: error: missing closing ': the quoted string that starts here never ends (end the string with ' on the line it belongs to, and write a ' inside it as '')",
    ]);
  });

  it('a byte-order mark moves no column, on line 1 or after', () => {
    const text = 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database }\n  api: { kind: service, dependsOn: [db] }\n';
    const plain = load(text, options).model!;
    const marked = load(`\uFEFF${text}`, options).model!;
    expect(edge(marked.components.get('api')!.dependsOn[0]).at).toEqual(edge(plain.components.get('api')!.dependsOn[0]).at);
    expect(marked.components.get('db')!.at).toEqual({ file: 'm.yaml', line: 3, col: 3, endLine: 3, endCol: 5 });
    expect(errors('\uFEFFapiVersion: faultline/v2\ncomponents:\n  a: { kind: service }\n', options)[0]).toMatch(/^m\.yaml:1:13: error: unsupported apiVersion/);
  });

  it('columns count code points: an emoji before a position counts once', () => {
    const text = 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database }\n  api: { description: "😀😀 ok", kind: service, dependsOn: [db] }\n';
    const at = edge(load(text, options).model!.components.get('api')!.dependsOn[0]).at;
    // "  api: { description: \"😀😀 ok\", kind: service, dependsOn: [" is 58 code points (60 UTF-16 units).
    expect(at).toEqual({ file: 'm.yaml', line: 4, col: 59, endLine: 4, endCol: 61 });
    expect(errors(text.replace('kind: service', 'kind: service, bogus: 1'), options)[0]).toMatch(/^m\.yaml:4:47: error: unknown field "bogus"/);
  });

  it('an unknown tag is a warning at the tag; the value is read as written', () => {
    const r = load('apiVersion: faultline/v1\ncomponents:\n  a: { kind: !foo service }\n  b: !!str { kind: service }\n', options);
    expect(r.model!.components.get('a')!.kind).toBe('service');
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'm.yaml:3:14: warning: unknown tag !foo ignored: the value is read as if it had none (remove the tag; faultline reads plain YAML values)',
      'm.yaml:4:6: warning: unknown tag !!str ignored: the value is read as if it had none (remove the tag; faultline reads plain YAML values)',
    ]);
  });
});

describe('positions in scenario and config files, which the yaml package reads', () => {
  const opens = 'missing closing ": the quoted string that starts here never ends (end the string with " on the line it belongs to, and write a " inside it as \\")';

  it('a quote left open is reported where it opens, once', () => {
    const scenarios = ['apiVersion: faultline/v1', 'manifests: [m.yaml]', 'scenarios:', '  - name: "db down', '    faults: [db]'];
    for (let i = 0; i < 200; i++) scenarios.push(`  - { name: s${i}, faults: [db] }`);
    expect(loadScenarios([{ path: 't.scenarios.yaml', text: `${scenarios.join('\n')}\n` }]).diagnostics.map(formatDiagnostic)).toEqual([`t.scenarios.yaml:4:11: error: ${opens}`]);
    const config = 'rules:\n  single-point-of-failure: "warn\nbaseline: b.json\n';
    expect(parseLintConfig(config, 'faultline.config.yaml').diagnostics.map(formatDiagnostic)).toEqual([`faultline.config.yaml:2:28: error: ${opens}`]);
  });

  it("an unknown tag is an error at the tag: these files are faultline's alone", () => {
    const scenario = loadScenarios([{ path: 't.scenarios.yaml', text: 'apiVersion: faultline/v1\nmanifests: [m.yaml]\nscenarios:\n  - { name: !foo x, faults: [db] }\n' }]);
    expect(scenario.diagnostics.map(formatDiagnostic)).toEqual(['t.scenarios.yaml:4:13: error: unknown tag !foo (remove the tag; faultline reads plain YAML values)']);
    const config = parseLintConfig('rules:\n  single-point-of-failure: !sev warn\n', 'faultline.config.yaml');
    expect(config.diagnostics.map(formatDiagnostic)).toEqual(['faultline.config.yaml:2:28: error: unknown tag !sev (remove the tag; faultline reads plain YAML values)']);
  });
});
