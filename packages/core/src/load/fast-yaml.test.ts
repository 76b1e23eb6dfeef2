/**
 * The fast YAML path must be invisible: the same model, the same positions
 * and the same plain data as the `yaml` package gives, or no answer at all.
 */
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../property-runs.test-support.js';
import fc from 'fast-check';
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, stringify, type Node } from 'yaml';
import { parseFast } from './fast-yaml.js';
import { loadManifests } from './loader.js';
import { toJson } from '../serialize.js';

const fixtures = import.meta.glob<string>('../../../../fixtures/**/*.{yaml,yml}', { query: '?raw', import: 'default', eager: true });
const malformed = import.meta.glob<string>('../../../../test/malformed/**/*.{yaml,yml}', { query: '?raw', import: 'default', eager: true });

/** Every node's start (and a scalar's end) as `path → [start, end?]`, in document order. */
function positions(node: unknown, path = '$', out: string[] = []): string[] {
  const n = node as Node;
  if (isMap(n)) {
    out.push(`${path} map@${n.range![0]}`);
    for (const p of n.items) {
      const key = p.key as Node;
      out.push(`${path} key ${String((key as { value?: unknown }).value)}@${key.range![0]}-${key.range![1]}`);
      positions(p.value, `${path}.${String((key as { value?: unknown }).value)}`, out);
    }
  } else if (isSeq(n)) {
    out.push(`${path} seq@${n.range![0]}`);
    n.items.forEach((item, i) => positions(item, `${path}[${i}]`, out));
  } else if (isScalar(n)) out.push(`${path} ${JSON.stringify(n.value)}@${n.range![0]}-${n.range![1]}`);
  return out;
}

function compare(text: string): 'fast' | 'fallback' {
  const fast = parseFast(text, new LineCounter());
  if (!fast) return 'fallback';
  const slow = parseAllDocuments(text, { uniqueKeys: false });
  const docs = Array.isArray(slow) ? slow.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.source === '')) : [];
  expect(fast.map((d) => positions(d.contents))).toEqual(docs.map((d) => positions(d.contents)));
  expect(fast.map((d) => d.toJS())).toEqual(docs.map((d) => d.toJS()));
  return 'fast';
}

describe('the fast YAML path', () => {
  it('rebuilds every fixture with the positions and data the yaml package gives', () => {
    const used = Object.entries(fixtures).map(([file, text]) => [file, compare(text)]);
    // The rebuild must actually serve real manifests, not fall back on all of them.
    expect(used.filter(([, how]) => how === 'fast').length).toBeGreaterThan(used.length / 2);
  });

  it('loads every fixture into the same model as the yaml package', () => {
    for (const [file, text] of Object.entries(fixtures)) {
      if (!/^apiVersion: faultline\/v1$/m.test(text) || /scenarios:/.test(text)) continue;
      const sources = [{ path: file, text }];
      const fast = loadManifests(sources);
      const slow = loadManifests(sources, { fastPath: false });
      expect(fast.diagnostics).toEqual(slow.diagnostics);
      if (slow.model) expect(toJson(fast.model!)).toEqual(toJson(slow.model));
    }
  });

  it('reads several files one at a time into the model the yaml path builds from all of them at once', () => {
    // Each fixture directory as one load (the fast path resolves each file's components before parsing the next).
    const byDir = new Map<string, { path: string; text: string }[]>();
    for (const [file, text] of Object.entries(fixtures)) {
      if (!/^apiVersion: faultline\/v1$/m.test(text) || /scenarios:/.test(text)) continue;
      const dir = file.slice(0, file.lastIndexOf('/'));
      byDir.set(dir, [...(byDir.get(dir) ?? []), { path: file, text }]);
    }
    const several = [...byDir.values()].filter((sources) => sources.length > 1);
    expect(several.length).toBeGreaterThan(0);
    for (const sources of several) {
      const fast = loadManifests(sources);
      const slow = loadManifests(sources, { fastPath: false });
      expect(fast.diagnostics).toEqual(slow.diagnostics);
      expect(fast.warnings).toEqual(slow.warnings);
      if (slow.model) expect(toJson(fast.model!)).toEqual(toJson(slow.model));
    }
  });

  it('decides which components are critical from every file, whichever file marks one', () => {
    const first = {
      path: 'a.yaml',
      text: 'apiVersion: faultline/v1\ncomponents:\n  az: { kind: zone }\n  api: { kind: service, in: az }\n  flow: { kind: journey, dependsOn: [api] }\n',
    };
    const second = { path: 'b.yaml', text: 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: database, in: az, critical: true }\n  web: { kind: service, in: az }\n' };
    const critical = (sources: { path: string; text: string }[], fastPath: boolean): string[] =>
      [...loadManifests(sources, { fastPath }).model!.components.values()].filter((c) => c.critical).map((c) => c.id);
    // One component marked critical makes the others not critical unless they are journeys, whichever file it is in.
    expect(critical([first, second], true)).toEqual(['flow', 'db']);
    expect(critical([first, second], false)).toEqual(['flow', 'db']);
    expect(critical([first], true)).toEqual(['api', 'flow']);
    expect(critical([second, first], true)).toEqual(['db', 'flow']);
  });

  it('gives malformed manifests the very diagnostics of the yaml package', () => {
    for (const [file, text] of Object.entries(malformed)) {
      const sources = [{ path: file, text }];
      expect(loadManifests(sources).diagnostics).toEqual(loadManifests(sources, { fastPath: false }).diagnostics);
    }
  });

  it('leaves to the yaml package what it does not reproduce', () => {
    expect(parseFast('a: &x 1\nb: *x\n', new LineCounter())).toBeUndefined();
    expect(parseFast('%YAML 1.1\n---\non: 1\n', new LineCounter())).toBeUndefined();
    expect(parseFast('a: !!str 1\n', new LineCounter())).toBeUndefined();
    expect(parseFast('a: 1\na: 2\n', new LineCounter())).toBeUndefined();
    expect(parseFast('a: [1, 2\n', new LineCounter())).toBeUndefined();
    // A key that is not text: the yaml path reports it (the loader does not look for one in a rebuilt tree).
    expect(parseFast('a: { true: 1 }\n', new LineCounter())).toBeUndefined();
    expect(parseFast('? [a]\n: 1\n', new LineCounter())).toBeUndefined();
    expect(parseFast('a: { 1: x, 1password: y }\n', new LineCounter())).toBeDefined();
  });

  it('reports a key that is not text and a repeated key as the yaml path does', () => {
    const manifest = (body: string) => [{ path: 'm.yaml', text: `apiVersion: faultline/v1\ncomponents:\n${body}` }];
    for (const body of ['  api: { kind: service, tags: { true: x } }\n', '  api: { kind: service }\n  api: { kind: cache }\n', '  api:\n    kind: service\n    kind: cache\n']) {
      const fast = loadManifests(manifest(body));
      expect(fast.diagnostics.length).toBeGreaterThan(0);
      expect(fast.diagnostics).toEqual(loadManifests(manifest(body), { fastPath: false }).diagnostics);
    }
  });

  it('places a value written as nothing where the yaml package does, at the end of a file too', () => {
    const texts = [
      'a: 1\nb:', // the very end of a file without a final line break: js-yaml closes one past the text
      'a:',
      'a: 1\nb:\n',
      'a: 1\nb:\n\n  \n',
      'a: 1\nb:\r\n',
      'a:\nb: 1\n',
      'a:   \nb: 1\n',
      'a:\t\nb:',
      'a: # nothing\nb: 1\n',
      'x:\n  a:\nb: 1\n',
      '- a:\n  b:\n',
      '{a: , b: 1}',
      '"a" :\n',
      'a:\n---\nb:',
    ];
    for (const text of texts) expect([text, compare(text)]).toEqual([text, 'fast']);
  });

  it('gives warnings at an empty value at the end of a file the position the yaml package gives', () => {
    for (const text of ['services:\n  web:\n    image:', 'services:\n  web:\n    image:\n']) {
      const sources = [{ path: 'compose.yaml', text }];
      const fast = loadManifests(sources);
      const image = fast.warnings.find((w) => w.message.includes('skipped image'));
      expect(image && [image.at.line, image.at.col]).toEqual([3, 11]);
      expect(fast.warnings).toEqual(loadManifests(sources, { fastPath: false }).warnings);
    }
  });

  it('agrees with the yaml package on random documents in block and flow style', () => {
    const scalar = fc.oneof(fc.constantFrom('svc-a', 'us-east-1', 'x y', '', 'a:b', '#no', "it's", 'true', '0.5'), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), tie('node'), { maxKeys: 4 }),
    })).map;
    let fast = 0;
    const runs = propertyRuns(20251123, 300);
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2, 4), fc.boolean(), (doc, flowLevel, comment) => {
        let text = stringify(doc, { flowCollectionPadding: true, ...(flowLevel ? { collectionStyle: flowLevel === 2 ? 'flow' : 'block' } : {}) });
        if (comment) text = `# header\n${text.replace(/\n/, ' # trailing\n')}`;
        // A null written as nothing (`key:`), at the end of the file too, with or without its line break.
        if (flowLevel === 4) text = text.replace(/: null(?=\n|$)/g, ':');
        if (flowLevel === 4 && comment) text = text.replace(/\n$/, '');
        if (compare(text) === 'fast') fast++;
      }),
      runs,
    );
    expect(fast).toBeGreaterThan(runs.numRuns / 2);
  });
});
