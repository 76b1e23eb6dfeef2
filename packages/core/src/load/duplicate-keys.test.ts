/**
 * A key written twice in one map is an error at the second key, naming the
 * first: last-one-wins would drop a dependency without a word. Both YAML
 * paths agree (js-yaml refuses the text, so the `yaml` path reports it).
 */
import { describe, expect, it } from 'vitest';
import { LineCounter } from 'yaml';
import { formatDiagnostic } from '../diagnostics.js';
import { loadScenarios } from '../scenarios/load.js';
import { parseFast } from './fast-yaml.js';
import { loadManifests } from './loader.js';

function problems(text: string, fastPath: boolean): string[] {
  const result = loadManifests([{ path: 'm.yaml', text }], { fastPath });
  expect(result.model).toBeUndefined();
  return result.diagnostics.map(formatDiagnostic);
}

const inComponent = `apiVersion: faultline/v1
components:
  a:
    kind: service
    dependsOn: [d]
    dependsOn: []
  d: { kind: database }
`;

const atTopLevel = `apiVersion: faultline/v1
components:
  a: { kind: service, dependsOn: [d] }
apiVersion: faultline/v1
components:
  d: { kind: database }
`;

describe('duplicate keys', () => {
  for (const fastPath of [true, false]) {
    const path = fastPath ? 'fast path' : 'yaml path';
    it(`inside a component: an error at the second key, naming the first (${path})`, () => {
      expect(problems(inComponent, fastPath)).toEqual([
        'm.yaml:6:5: error: duplicate key "dependsOn" (also at m.yaml:5:5) (a repeated key silently replaces the first one; keep one and merge their values)',
      ]);
    });

    it(`at top level: each repeated key at its second place (${path})`, () => {
      expect(problems(atTopLevel, fastPath)).toEqual([
        'm.yaml:4:1: error: duplicate key "apiVersion" (also at m.yaml:1:1) (a repeated key silently replaces the first one; keep one and merge their values)',
        'm.yaml:5:1: error: duplicate key "components" (also at m.yaml:2:1) (a repeated key silently replaces the first one; keep one and merge their values)',
      ]);
    });
  }

  it('in flow maps and deep inside, in a map too big for the pairwise search', () => {
    const fields = Array.from({ length: 12 }, (_, i) => `t${i}: x`).join(', ');
    const text = `apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, tags: { ${fields}, t3: y } }\n  b: { kind: service, dependsOn: [{ target: a, mode: soft, mode: hard }] }\n`;
    expect(problems(text, true).map((p) => p.replace(/ \(a repeated.*$/, ''))).toEqual([
      'm.yaml:3:117: error: duplicate key "t3" (also at m.yaml:3:52)',
      'm.yaml:4:60: error: duplicate key "mode" (also at m.yaml:4:48)',
    ]);
  });

  it('a component id written twice in one map stays a duplicate id', () => {
    const text = 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n  a: { kind: database }\n';
    expect(problems(text, true)).toEqual(['m.yaml:4:3: error: "a" is defined twice (also at m.yaml:3:3) (give one of them another id, or merge them)']);
  });

  it('the fast path hands such a text to the yaml package', () => {
    expect(parseFast(inComponent, new LineCounter())).toBeUndefined();
  });

  it('in a scenario file', () => {
    const text = 'apiVersion: faultline/v1\nscenarios:\n  - name: one\n    faults: [a]\n    faults: [b]\n    expect: { down: [a] }\n';
    const result = loadScenarios([{ path: 's.yaml', text }]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      's.yaml:5:5: error: duplicate key "faults" (also at s.yaml:4:5) (a repeated key silently replaces the first one; keep one and merge their values)',
    ]);
  });
});
