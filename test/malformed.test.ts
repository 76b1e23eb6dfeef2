/**
 * Malformed manifests: golden diagnostics
 * =======================================
 *
 * Every file under test/malformed/ is a manifest a user could write by
 * mistake. Its expected diagnostics are the file's leading `# expect: <line>`
 * comments, in order (a directory holds several files and an `expect.txt`).
 * Each is loaded with `loadManifests` under its path relative to the repo
 * root, and `formatDiagnostic` must print exactly those lines: one line per
 * problem, with file:line:col and a hint, never a stack trace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadManifests, simulate, type ManifestSource } from '../packages/core/src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIR = 'test/malformed';

interface Case {
  readonly name: string;
  readonly sources: readonly ManifestSource[];
  readonly expected: readonly string[];
}

function read(path: string): ManifestSource {
  return { path, text: readFileSync(`${ROOT}/${path}`, 'utf8') };
}

function cases(): Case[] {
  return readdirSync(`${ROOT}/${DIR}`)
    .sort()
    .map((name): Case => {
      const path = `${DIR}/${name}`;
      if (statSync(`${ROOT}/${path}`).isDirectory()) {
        const files = readdirSync(`${ROOT}/${path}`)
          .filter((f) => /\.ya?ml$/.test(f))
          .sort();
        const expected = readFileSync(`${ROOT}/${path}/expect.txt`, 'utf8')
          .split('\n')
          .filter((l) => l !== '');
        return { name, sources: files.map((f) => read(`${path}/${f}`)), expected };
      }
      const source = read(path);
      const expected: string[] = [];
      for (const line of source.text.split('\n')) {
        const m = /^# expect: (.*)$/.exec(line);
        if (!m) break;
        expected.push(m[1]!);
      }
      return { name, sources: [source], expected };
    });
}

const all = cases();

describe('malformed manifests', () => {
  it('cover at least 20 mistakes, each with its expected diagnostics', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const c of all) expect([c.name, c.expected.length > 0]).toEqual([c.name, true]);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = loadManifests(c.sources);
    expect(result.model).toBeUndefined();
    const lines = result.diagnostics.map(formatDiagnostic);
    expect(lines).toEqual(c.expected);
    for (const line of lines) {
      expect(line).toMatch(/^test\/malformed\/[^:]+:\d+:\d+: error: /);
      expect(line).not.toMatch(/\n|\bat .+\.(ts|js):\d+/);
    }
  });
});

describe('ids that are properties of Object.prototype', () => {
  const ids = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
  const text = [
    'apiVersion: faultline/v1',
    'components:',
    '  constructor: { kind: zone }',
    '  toString: { kind: service, in: [constructor] }',
    '  hasOwnProperty: { kind: service, dependsOn: [toString] }',
    '  valueOf: { kind: service, dependsOn: [{ anyOf: [hasOwnProperty, prototype] }] }',
    '  prototype: { kind: service, dependsOn: [{ target: toString, mode: soft }] }',
    '',
  ].join('\n');

  it('load as ordinary ids', () => {
    const result = loadManifests([{ path: 'proto-ids.yaml', text }]);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect([...result.model!.components.keys()]).toEqual(ids);
  });

  it('simulate like any other id', () => {
    const m = loadManifests([{ path: 'proto-ids.yaml', text }]).model!;
    const sim = simulate(m, [{ target: 'constructor' }]);
    expect(Object.fromEntries(ids.map((id) => [id, sim.status(id)]))).toEqual({
      constructor: 'down',
      toString: 'down',
      hasOwnProperty: 'down',
      prototype: 'degraded',
      valueOf: 'degraded',
    });
    expect(sim.nodes.find((n) => n.id === 'valueOf')!.chain.map((s) => `${s.id}:${s.link}`)).toEqual([
      'valueOf:anyOf',
      'prototype:soft',
      'toString:placement',
      'constructor:fault',
    ]);
    expect(simulate(m, [{ target: 'toString@constructor' }]).status('toString')).toBe('down');
  });
});
