import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests } from '../load/loader.js';
import { lint } from './lint.js';

function load(components: string) {
  const text = `apiVersion: faultline/v1\nname: t\ncomponents:\n${components.replace(/^\n/, '')}`;
  const r = loadManifests([{ path: 't.yaml', text }]);
  if (!r.model) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r.model;
}
const comments = (components: string) =>
  [...load(components).components.values()].flatMap((c) => (c.suppressions ?? []).map((s) => `${c.id}: ${s.rule} | ${s.reason} @${s.at.line}:${s.at.col}`));

describe('# faultline-ignore comments', () => {
  it('belong to the component they are on, inside or directly above', () => {
    expect(
      comments(`
  # faultline-ignore rule-a above the first component
  a: { kind: service }  # faultline-ignore rule-b on the key line
  # faultline-ignore rule-c above b

  b:   # faultline-ignore rule-d -- eslint-style reason
    # faultline-ignore rule-e inside
    kind: service
    description: "not a comment: # faultline-ignore rule-x"
    # faultline-ignore rule-f inside, after the last field
  c:
    kind: service
`),
    ).toEqual([
      'a: rule-a | above the first component @4:3',
      'a: rule-b | on the key line @5:25',
      'b: rule-c | above b @6:3',
      'b: rule-d | eslint-style reason @8:8',
      'b: rule-e | inside @9:5',
      'b: rule-f | inside, after the last field @12:5',
    ]);
  });

  it('silence one finding, which is still reported as suppressed with its reason', () => {
    const m = load(`
  consul: { kind: discovery }
  telemetry:   # faultline-ignore monitor-independence accepted until the Q3 migration (INC-123)
    kind: monitoring
    monitors: [consul]
    dependsOn: [consul]
`);
    const result = lint(m);
    expect(result.diagnostics).toEqual([]);
    expect(result.unusedSuppressions).toEqual([]);
    const f = result.findings.find((x) => x.rule === 'monitor-independence')!;
    expect(f.suppressed).toEqual({ kind: 'comment', reason: 'accepted until the Q3 migration (INC-123)' });
  });

  it('report an unknown rule or a missing reason as input errors, and an unused comment', () => {
    const m = load(`
  a: { kind: service }  # faultline-ignore single-point-of-failur because
  b: { kind: service }  # faultline-ignore hard-cycle
  c: { kind: service }  # faultline-ignore hard-cycle there is no cycle here
`);
    const result = lint(m);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      't.yaml:4:25: error: unknown rule "single-point-of-failur" in a faultline-ignore comment (did you mean "single-point-of-failure"?)',
      't.yaml:5:25: error: the faultline-ignore comment for hard-cycle on b gives no reason (say why: "# faultline-ignore hard-cycle accepted until the Q3 migration")',
    ]);
    expect(result.unusedSuppressions.map((u) => `${u.component}:${u.rule}`)).toEqual(['c:hard-cycle']);
  });
});
