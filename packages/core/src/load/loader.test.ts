import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../diagnostics.js';
import { loadManifests, type ManifestSource } from './loader.js';
import { LineCounter, type YAMLError } from 'yaml';
import { yamlErrors } from './yaml-problems.js';
import { SourceFile } from './yaml-source.js';
import { problemsOf } from '../test-support.js';
import type { Dependency, Edge, Group, Model, SourceRange } from '../model.js';

/** Loads sources that must be valid. */
function load(...sources: ManifestSource[]): Model {
  const result = loadManifests(sources);
  expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
  return result.model!;
}

/** Formatted diagnostics of sources that must be invalid. */
function problems(...sources: ManifestSource[]): string[] {
  const result = loadManifests(sources);
  expect(result.model).toBeUndefined();
  return result.diagnostics.map(formatDiagnostic);
}

/**
 * The 1-based position of the `n`-th occurrence of `marker` in `text`, moved
 * `offset` characters right (to point inside the marker).
 */
function where(file: string, text: string, marker: string, offset = 0, n = 1): { file: string; line: number; col: number } {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(marker, at + 1);
    if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not found ${n} times`);
  }
  at += offset;
  const before = text.slice(0, at).split('\n');
  return { file, line: before.length, col: before.at(-1)!.length + 1 };
}

function pos(at: SourceRange): { file: string; line: number; col: number } {
  return { file: at.file, line: at.line, col: at.col };
}

const edge = (d: Dependency | undefined): Edge => {
  if (d?.type !== 'edge') throw new Error('not an edge');
  return d;
};
const group = (d: Dependency | undefined): Group => {
  if (d?.type !== 'group') throw new Error('not a group');
  return d;
};

describe('positions', () => {
  const text = [
    'apiVersion: faultline/v1', //                                        1
    'name: shop', //                                                      2
    'components:', //                                                     3
    '  az1: { kind: zone }', //                                           4
    '  az2: { kind: zone }', //                                           5
    '  cache-a: { kind: cache, in: az1 }', //                             6
    '  cache-b: { kind: cache, in: [az1, az2] }', //                      7
    '  recs:', //                                                         8
    '    kind: service', //                                               9
    '    in:', //                                                         10
    '      az1: 2', //                                                    11
    '      az2: 1', //                                                    12
    '  checkout:', //                                                     13
    '    kind: service', //                                               14
    '    dependsOn:', //                                                  15
    '      - recs', //                                                    16
    '      - { target: cache-a, mode: soft }', //                         17
    '      - anyOf: [cache-a, cache-b]', //                               18
    '        need: 2', //                                                 19
    '      - anyOf:', //                                                  20
    '          - recs', //                                                21
    '          - cache-b', //                                             22
    '    monitors: [recs]', //                                            23
    '',
  ].join('\n');
  const f = 'shop.yaml';
  const m = load({ path: f, text });
  const c = (id: string) => m.components.get(id)!;

  it('of a component: its id key, with an exclusive end', () => {
    expect(c('az1').at).toEqual({ file: f, line: 4, col: 3, endLine: 4, endCol: 6 });
    expect(pos(c('checkout').at)).toEqual(where(f, text, 'checkout:'));
  });

  it('of a bare dependency: the id itself', () => {
    expect(pos(edge(c('checkout').dependsOn[0]).at)).toEqual(where(f, text, '- recs', 2));
  });

  it('of a { target } dependency: the target value', () => {
    expect(pos(edge(c('checkout').dependsOn[1]).at)).toEqual(where(f, text, 'target: cache-a', 8));
  });

  it('of a group: the entry, and each member where it is written (flow and block)', () => {
    const flow = group(c('checkout').dependsOn[2]);
    expect(pos(flow.at)).toEqual(where(f, text, 'anyOf: [cache-a'));
    expect(flow.memberAt.map(pos)).toEqual([where(f, text, '[cache-a', 1), where(f, text, 'cache-b]')]);
    const block = group(c('checkout').dependsOn[3]);
    expect(block.memberAt.map(pos)).toEqual([where(f, text, '- recs', 2, 2), where(f, text, '- cache-b', 2)]);
  });

  it('of placements: the scalar, each list item, or each map key', () => {
    expect(c('cache-a').placements.map((p) => pos(p.at))).toEqual([where(f, text, 'in: az1', 4)]);
    expect(c('cache-b').placements.map((p) => pos(p.at))).toEqual([where(f, text, '[az1, az2]', 1), where(f, text, 'az2]')]);
    expect(c('recs').placements.map((p) => pos(p.at))).toEqual([where(f, text, 'az1: 2'), where(f, text, 'az2: 1')]);
  });

  it('of monitors: each item', () => {
    expect(c('checkout').monitorsAt.map(pos)).toEqual([where(f, text, '[recs]', 1)]);
  });
});

describe('in, in all three forms', () => {
  const m = load({
    path: 'in.yaml',
    text: `apiVersion: faultline/v1
components:
  r: { kind: region }
  a: { kind: zone, in: r }
  b: { kind: zone, in: r }
  one: { kind: service, in: a }
  list: { kind: service, in: [a, b], minHealthy: 2 }
  counts: { kind: service, in: { a: 5, b: 1 }, minHealthy: 3 }
`,
  });
  const placed = (id: string) => m.components.get(id)!.placements.map((p) => `${p.domain}×${p.replicas}`);

  it('one id is one replica there', () => expect(placed('one')).toEqual(['a×1']));
  it('a list is one replica in each', () => expect(placed('list')).toEqual(['a×1', 'b×1']));
  it('a map gives replica counts, in the order written', () => expect(placed('counts')).toEqual(['a×5', 'b×1']));
  it('keeps minHealthy', () => {
    expect(m.components.get('list')!.minHealthy).toBe(2);
    expect(m.components.get('counts')!.minHealthy).toBe(3);
  });
  it('a component without in has no placements', () => expect(placed('r')).toEqual([]));
});

describe('defaults', () => {
  const m = load({
    path: 'defaults.yaml',
    text: `apiVersion: faultline/v1
components:
  zone: { kind: zone }
  db: { kind: database, in: zone }
  api:
    kind: service
    dependsOn:
      - db
      - { target: db, via: data, mode: soft, timeoutMs: 200, retries: 2, circuitBreaker: true, bulkhead: false, fallback: true, rollout: staged }
      - { anyOf: [db, zone] }
`,
  });
  const api = m.components.get('api')!;

  it('a bare id is a hard call', () => {
    expect(api.dependsOn[0]).toMatchObject({ type: 'edge', target: 'db', mode: 'hard', via: 'call' });
    expect(Object.keys(api.dependsOn[0]!).sort()).toEqual(['at', 'mode', 'target', 'type', 'via']);
  });
  it('keeps every attribute written', () => {
    expect(api.dependsOn[1]).toMatchObject({ mode: 'soft', via: 'data', timeoutMs: 200, retries: 2, circuitBreaker: true, bulkhead: false, fallback: true, rollout: 'staged' });
  });
  it('a group needs 1 and is hard by default', () => {
    expect(api.dependsOn[2]).toMatchObject({ type: 'group', anyOf: ['db', 'zone'], need: 1, mode: 'hard', via: 'call' });
  });
  it('minHealthy 1, weight 1, no placements, empty tags and monitors', () => {
    expect(api).toMatchObject({ minHealthy: 1, weight: 1, placements: [], monitors: [], monitorsAt: [] });
    expect(api.tags.size).toBe(0);
    expect(m.components.get('db')!.minHealthy).toBe(1);
  });
  it('domains are the domain kinds', () => {
    expect([...m.components.values()].map((c) => `${c.id}:${c.isDomain}`)).toEqual(['zone:true', 'db:false', 'api:false']);
  });
  it('with no component marked critical, every non-domain component is', () => {
    expect([...m.components.values()].map((c) => `${c.id}:${c.critical}`)).toEqual(['zone:false', 'db:true', 'api:true']);
  });
  it('once one is marked, only the marked ones are', () => {
    const marked = load({
      path: 'critical.yaml',
      text: `apiVersion: faultline/v1
components:
  zone: { kind: zone, critical: true }
  db: { kind: database }
  api: { kind: service, critical: true, weight: 10 }
  web: { kind: service, critical: false }
`,
    });
    expect([...marked.components.values()].map((c) => `${c.id}:${c.critical}:${c.weight}`)).toEqual(['zone:true:1', 'db:false:1', 'api:true:10', 'web:false:1']);
  });
  it('keeps optional fields only when written', () => {
    const full = load({
      path: 'full.yaml',
      text: `apiVersion: faultline/v1
components:
  api:
    kind: service
    scope: regional
    plane: data
    availability: 0.999
    owner: team-a
    description: The API
    tags: { tier: 1, public: true, team: checkout }
`,
    }).components.get('api')!;
    expect(full).toMatchObject({ scope: 'regional', plane: 'data', availability: 0.999, owner: 'team-a', description: 'The API' });
    expect([...full.tags]).toEqual([
      ['tier', '1'],
      ['public', 'true'],
      ['team', 'checkout'],
    ]);
    expect('scope' in api || 'plane' in api || 'availability' in api || 'owner' in api).toBe(false);
  });
});

describe('several files and documents', () => {
  const infra = { path: 'infra.yaml', text: 'apiVersion: faultline/v1\nname: acme\ncomponents:\n  zone: { kind: zone }\n  db: { kind: database, in: zone }\n' };
  const apps = {
    path: 'apps/apps.yaml',
    text: 'apiVersion: faultline/v1\nname: ignored\ncomponents:\n  api: { kind: service, dependsOn: [db] }\n---\napiVersion: faultline/v1\ncomponents:\n  web: { kind: service, dependsOn: [api] }\n',
  };

  it('merge into one model, in the order given, references across files resolved', () => {
    const m = load(infra, apps);
    expect([...m.components.keys()]).toEqual(['zone', 'db', 'api', 'web']);
    expect(m.files).toEqual(['infra.yaml', 'apps/apps.yaml']);
    expect(edge(m.components.get('api')!.dependsOn[0]).target).toBe('db');
  });

  it("take the name of the first manifest that has one, else the first file's name", () => {
    expect(load(infra, apps).name).toBe('acme');
    expect(load(apps, infra).name).toBe('ignored');
    expect(load({ path: 'dir/plain.yml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n' }).name).toBe('plain');
  });

  it('place each component in its own file and document', () => {
    const m = load(infra, apps);
    expect(pos(m.components.get('db')!.at)).toEqual({ file: 'infra.yaml', line: 5, col: 3 });
    expect(pos(m.components.get('web')!.at)).toEqual({ file: 'apps/apps.yaml', line: 8, col: 3 });
    expect(pos(edge(m.components.get('web')!.dependsOn[0]).at)).toEqual({ file: 'apps/apps.yaml', line: 8, col: 37 });
  });

  it('skip empty documents (a bare "---") between manifests', () => {
    const m = load({
      path: 'gaps.yaml',
      text: '---\napiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n---\n---\napiVersion: faultline/v1\ncomponents:\n  b: { kind: service, dependsOn: [a] }\n',
    });
    expect([...m.components.keys()]).toEqual(['a', 'b']);
    expect(problems({ path: 'dashes.yaml', text: '---\n' })).toEqual(['dashes.yaml:1:1: error: the file is empty (a manifest starts with "apiVersion: faultline/v1")']);
  });

  it('report an id defined in two files at the second, naming the first', () => {
    expect(problems(infra, { path: 'more.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: cache }\n' })).toEqual([
      'more.yaml:3:3: error: "db" is defined twice (also at infra.yaml:5:3) (give one of them another id, or merge them)',
    ]);
  });
});

describe('ids', () => {
  it('accept digits-only, dotted, underscored and mixed-case ids', () => {
    const m = load({
      path: 'ids.yaml',
      text: 'apiVersion: faultline/v1\ncomponents:\n  123: { kind: zone }\n  db.primary: { kind: database, in: "123" }\n  api_v2: { kind: service, dependsOn: [db.primary] }\n  Checkout: { kind: service, dependsOn: [api_v2] }\n',
    });
    expect([...m.components.keys()]).toEqual(['123', 'db.primary', 'api_v2', 'Checkout']);
    expect(m.components.get('db.primary')!.placements[0]!.domain).toBe('123');
  });
  it('reject ids outside the grammar, before the schema sees them', () => {
    expect(
      problems({ path: 'bad.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  -dash: { kind: service }\n  "has space": { kind: service }\n  "": { kind: service }\n' }),
    ).toEqual([
      'bad.yaml:3:3: error: "-dash" is not a valid id (ids are letters, digits, ".", "_" and "-", starting with a letter or digit)',
      'bad.yaml:4:3: error: "has space" is not a valid id (ids are letters, digits, ".", "_" and "-", starting with a letter or digit)',
      'bad.yaml:5:3: error: an id cannot be empty (ids are letters, digits, ".", "_" and "-", starting with a letter or digit)',
    ]);
  });
});

describe('diagnostics, all in one pass', () => {
  it('collects every problem of every file and document, sorted by file (in the order given), line and column', () => {
    const a = {
      path: 'a.yaml',
      text: `apiVersion: faultline/v1
components:
  api:
    kind: service
    scope: globl
    dependsOn: [dbb, { target: cache, mode: soft }]
  web: { kind: service, weight: heavy, dependsOn: [nope] }
---
apiVersion: faultline/v1
components:
  worker: { kind: service, in: [zone-x], minHealthy: 2 }
`,
    };
    const b = { path: 'b.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database, owners: team-a }\n  cache: { kind: cache, dependsOn: [cache] }\n' };
    expect(problems(b, a)).toEqual([
      'b.yaml:3:25: error: unknown field "owners" in db (did you mean "owner"?)',
      'b.yaml:4:37: error: cache depends on itself (remove the entry)',
      'a.yaml:5:12: error: api.scope: expected one of "global", "regional", "zonal", found "globl" (did you mean "global"?)',
      'a.yaml:6:17: error: unknown component "dbb" in api.dependsOn (did you mean "db"?)',
      'a.yaml:7:33: error: web.weight: expected a number, found "heavy"',
      'a.yaml:7:52: error: unknown component "nope" in web.dependsOn (define "nope" under components)',
      'a.yaml:11:33: error: unknown component "zone-x" in worker.in (define "zone-x" under components)',
      'a.yaml:11:54: error: worker needs minHealthy 2 but has 1 replica (lower minHealthy to at most 1, or add replicas)',
    ]);
  });

  it('checks the references of a component that failed the schema in its other fields', () => {
    // A field that fails the schema is left out of the reference check; the others are checked.
    const text = 'apiVersion: faultline/v1\ncomponents:\n  api: { kind: service, in: [zone], minHealthy: 0, monitors: [ghost], dependsOn: [{ target: db, mode: hrad }] }\n';
    const at = (marker: string, offset: number) => {
      const p = where('d.yaml', text, marker, offset);
      return `${p.file}:${p.line}:${p.col}`;
    };
    expect(problems({ path: 'd.yaml', text })).toEqual([
      `${at('[zone]', 1)}: error: unknown component "zone" in api.in (define "zone" under components)`,
      `${at('minHealthy: 0', 12)}: error: api.minHealthy: must be at least 1, found 0`,
      `${at('[ghost]', 1)}: error: unknown component "ghost" in api.monitors (define "ghost" under components)`,
      `${at('mode: hrad', 6)}: error: api.dependsOn[0].mode: expected one of "hard", "soft", "async", found "hrad" (did you mean "hard"?)`,
    ]);
  });

  it('does not report references to a component whose own definition failed the schema', () => {
    expect(problems({ path: 'c.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: 5 }\n  api: { kind: service, dependsOn: [db] }\n' })).toEqual([
      'c.yaml:3:15: error: db.kind: expected a string, found number 5 (quote the value)',
    ]);
  });

  it('a YAML syntax error in one file does not hide the problems of the others', () => {
    expect(
      problems(
        { path: 'broken.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service\n' },
        { path: 'ok.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  b: { kind: service, dependsOn: [c] }\n' },
      ).map((l) => l.replace(/: error: .*/, '')),
    ).toEqual(['broken.yaml:4:1', 'ok.yaml:3:35']);
  });

  it('reports unknown top-level fields with a hint', () => {
    expect(problems({ path: 't.yaml', text: 'apiVersion: faultline/v1\nnaem: x\ncomponents:\n  a: { kind: service }\n' })).toEqual([
      't.yaml:2:1: error: unknown field "naem" (did you mean "name"?)',
    ]);
  });
});

describe('the semantics of real architectures: bad input', () => {
  const header = 'apiVersion: faultline/v1\ncomponents:\n';
  const problems = (body: string) => problemsOf(['r.yaml', `${header}${body}`]);
  it('an unknown phase, a fallback that is not a boolean', () => {
    expect(problems('  a: { kind: service }\n  b: { kind: service, dependsOn: [{ target: a, phase: sometimes }] }\n')).toEqual([
      'r.yaml:4:55: error: b.dependsOn[0].phase: expected one of "startup", "runtime", found "sometimes"',
    ]);
    expect(problems('  a: { kind: service }\n  b: { kind: service, dependsOn: [{ target: a, fallback: "yes" }] }\n')).toEqual([
      'r.yaml:4:58: error: b.dependsOn[0].fallback: expected true or false, found "yes"',
    ]);
  });
  it('an async group that needs more members than it has', () => {
    expect(problems('  a: { kind: queue }\n  b: { kind: service, dependsOn: [{ anyOf: [a], need: 2, mode: async }] }\n')).toEqual([
      'r.yaml:4:55: error: b needs 2 of a group of 1 (lower need to at most 1, or add members)',
    ]);
  });
  it('a journey placed in a zone', () => {
    expect(problems('  z: { kind: zone }\n  buy: { kind: journey, in: z }\n')).toEqual([
      'r.yaml:4:29: error: buy is a journey, and journeys run nowhere (remove "in" and place the components the journey depends on instead)',
    ]);
  });
});

describe('files found in a directory that are no input faultline reads', () => {
  const manifest = { path: 'arch/shop.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service }\n', found: true };
  const openapi = { path: 'arch/openapi.yaml', text: 'openapi: 3.0.0\ninfo: { title: Shop, version: "1" }\npaths: {}\n', found: true };
  const values = { path: 'arch/values.yaml', text: 'apiVersion: v2\nname: chart\n', found: true };
  it('are skipped with one warning each at their line, and the rest is analysed', () => {
    const r = loadManifests([manifest, openapi, values, { path: 'arch/CREATE.yaml', text: '', found: true }, { path: 'arch/list.yaml', text: '- a\n- b\n', found: true }]);
    expect([...r.model!.components.keys()]).toEqual(['a']);
    expect(r.diagnostics).toEqual([]);
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      'arch/openapi.yaml:1:1: warning: skipped: no apiVersion, not a faultline manifest or any input faultline reads (faultline reads "faultline/v1" manifests, Backstage catalogs, Kubernetes, docker compose, Terraform; name the file itself to see why it is refused)',
      'arch/values.yaml:1:13: warning: skipped: apiVersion "v2", not a faultline manifest or any input faultline reads (faultline reads "faultline/v1" manifests, Backstage catalogs, Kubernetes, docker compose, Terraform; name the file itself to see why it is refused)',
      'arch/CREATE.yaml:1:1: warning: skipped: the file is empty',
      'arch/list.yaml:1:1: warning: skipped: not a map, so not a manifest or any input faultline reads',
    ]);
  });
  it('stop the run when named, and so does a manifest that forgot its apiVersion, wherever it is', () => {
    const named = loadManifests([manifest, { ...openapi, found: false }]);
    expect(named.model).toBeUndefined();
    expect(named.diagnostics.map(formatDiagnostic)).toEqual(['arch/openapi.yaml:1:1: error: missing apiVersion (add "apiVersion: faultline/v1" at the top)']);
    const forgot = loadManifests([manifest, { path: 'arch/more.yaml', text: 'components:\n  b: { kind: service }\n', found: true }]);
    expect(forgot.model).toBeUndefined();
    expect(forgot.warnings).toEqual([]);
  });
});

describe('a load with nothing to analyse', () => {
  it('is an error rather than a clean answer, saying why', () => {
    const empty = loadManifests([{ path: 'e.yaml', text: 'apiVersion: faultline/v1\ncomponents: {}\n' }]);
    expect(empty.model).toBeUndefined();
    expect(empty.diagnostics.map(formatDiagnostic)).toEqual([
      'e.yaml:1:1: error: no components in the file given: nothing to analyse (add components to the manifest, or pass the files that describe your system)',
    ]);
    const skipped = loadManifests([
      { path: 'k8s/secret.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n', found: true },
      { path: 'k8s/openapi.yaml', text: 'openapi: 3.0.0\n', found: true },
    ]);
    expect(skipped.diagnostics.map(formatDiagnostic)).toEqual([
      'k8s/secret.yaml:1:1: error: no components in the 2 files given: nothing to analyse (everything in them was skipped: see the warnings above)',
    ]);
  });
});

describe('a value nested deeper than the parser can follow', () => {
  it('is one error in words with a hint, not the engine\'s "maximum call stack size exceeded" twice', () => {
    const text = `apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, description: ${'['.repeat(20000)}${']'.repeat(20000)} }\n`;
    const result = loadManifests([{ path: 'deep.yaml', text }]);
    expect(result.model).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d!.message).toBe('nested too deeply to read: the parser ran out of stack');
    expect(d!.hint).toContain('unclosed or stray');
    // At the first "[" of the run, not where the stack ran out (which moves with the stack).
    expect([d!.at.line, d!.at.col]).toEqual([3, text.split('\n')[2]!.indexOf('[') + 1]);
  });

  it('is placed where the deep value starts, wherever the parser ran out of stack', () => {
    const at = (line: string, overflow: number): string => {
      const text = `apiVersion: faultline/v1\ncomponents:\n${line}\n`;
      const lines = new LineCounter();
      lines.addNewLine(0);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
      const pos = text.indexOf(line) + overflow;
      const error = { code: 'BAD_INDENT', message: 'Maximum call stack size exceeded', pos: [pos, pos + 1] } as unknown as YAMLError;
      return yamlErrors([error], new SourceFile('deep.yaml', lines, text))
        .map(formatDiagnostic)
        .join('\n');
    };
    // A run of brackets: its first bracket, with quotes, commas and comments inside not counted as brackets.
    const run = `  a: { kind: service, description: "[{", tags: { x: ${'[ '.repeat(3000)}`;
    for (const overflow of [4000, 4100, 5000])
      expect(at(run, overflow)).toBe(
        `deep.yaml:3:${run.indexOf('[ ') + 1}: error: nested too deeply to read: the parser ran out of stack (no manifest nests this deep; look for a run of unclosed or stray "[" or "{")`,
      );
    // No run (a value between each bracket): the outermost bracket still open.
    const mixed = `  a: { kind: service, tags: { x: ${'[a, '.repeat(3000)}`;
    for (const overflow of [4000, 9000, 11000]) expect(at(mixed, overflow)).toMatch(/^deep\.yaml:3:6: error: nested too deeply/);
  });
});
