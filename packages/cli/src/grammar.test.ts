/**
 * One grammar for every command: -o/--output and -f/--format wherever a
 * report is printed, defaults and choices shown unquoted, required options
 * marked, usage errors prefixed "faultline:" with an example.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DIFF_BASE, DIFF_HEAD, pair, workspace } from './test-support.js';

const REPORTS = ['lint', 'simulate', 'spof', 'cutsets', 'recovery', 'availability', 'test', 'diff', 'drift', 'rules'];

describe('the command-line grammar', () => {
  it.each(REPORTS)('%s has -f/--format and -o/--output', async (command) => {
    const help = (await cli('.', command, '--help')).out;
    expect(help).toMatch(/-f, --format <format>/);
    expect(help).toMatch(/-o, --output <file>/);
  });

  it('shows defaults and choices unquoted, and required options as required', async () => {
    const lint = (await cli('.', 'lint', '--help')).out.replace(/\s+/g, ' ');
    expect(lint).toContain('(choices: text, json, sarif, markdown, github, gitlab, default: text)');
    expect(lint).not.toMatch(/default: "/);
    const cutsets = (await cli('.', 'cutsets', '--help')).out.replace(/\s+/g, ' ');
    expect(cutsets).toMatch(/-t, --target <id> the component to take down.*\(required\) --max-order/);
    expect((await cli('.', 'init', '--help')).out).toMatch(/dir\s+where to write them \(default: \.\)/);
    const simulate = (await cli('.', 'simulate', '--help')).out;
    expect(simulate).not.toContain('default: []');
  });

  it('prefixes usage errors with "faultline:" and names an example of the command', async () => {
    const r = await cli('.', 'lint');
    expect(r.code).toBe(2);
    expect(r.err.split('\n').slice(0, 2)).toEqual(["faultline: error: missing required argument 'paths'", '  e.g. faultline lint fixtures/example']);
    const bad = await cli('.', 'simulate', 'x', '--format', 'xml');
    expect(bad.err).toMatch(/^faultline: error: option '-f, --format <format>' argument 'xml' is invalid/);
    expect(bad.err).toContain('  e.g. faultline simulate fixtures/example --fail "kind=dns in=us-east-1"\n');
    expect((await cli('.', 'lnit')).err).toMatch(/^faultline: error: unknown command 'lnit'/);
  });

  it('writes a report to -o with a note on stderr and nothing on stdout', async () => {
    const dir = workspace('  db: { kind: database }\n  app: { kind: service, critical: true, dependsOn: [db] }\n');
    for (const [command, ...args] of [
      ['simulate', 'm.yaml', '--fail', 'db', '--format', 'markdown'],
      ['spof', 'm.yaml', '--format', 'json'],
      ['recovery', 'm.yaml'],
      ['cutsets', 'm.yaml', '--target', 'app'],
      ['availability', 'm.yaml', '--trials', '100', '--seed', '1'],
    ] as string[][]) {
      const r = await cli(dir, command!, ...args, '-o', 'report.out');
      expect([command, r.code, r.out]).toEqual([command, 0, '']);
      expect(r.err).toBe('faultline: report written to report.out\n');
      expect(readFileSync(join(dir, 'report.out'), 'utf8').length).toBeGreaterThan(10);
    }
    const md = readFileSync(join(dir, 'report.out'), 'utf8');
    expect(md).not.toContain('\u001b');
  });

  it('simulate --format markdown gives a heading and a table', async () => {
    const dir = workspace('  db: { kind: database }\n  app: { kind: service, critical: true, dependsOn: [db] }\n');
    const r = await cli(dir, 'simulate', 'm.yaml', '--fail', 'db', '--format', 'markdown');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^### If db fails: 2 down \(1 critical\)/);
    expect(r.out).toContain('| ✖ down | app | yes | m.yaml:5 | app needs db → db failed (fault) |');
  });
});

describe('faultline test and its manifests', () => {
  function scenarioDir(): string {
    const dir = pair(DIFF_BASE, DIFF_HEAD);
    writeFileSync(join(dir, 'resilience.yaml'), 'apiVersion: faultline/v1\nscenarios:\n  - name: lose z1\n    faults: [z1]\n    expect: { up: [app] }\n');
    return dir;
  }

  it('--manifest takes one path, so a scenario file after it stays a scenario file', async () => {
    const r = await cli(scenarioDir(), 'test', '--manifest', 'head.yaml', 'resilience.yaml');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('lose z1');
    const twice = await cli(scenarioDir(), 'test', 'resilience.yaml', '-m', 'base.yaml', '-m', 'head.yaml');
    expect(twice.code).toBe(2); // both versions at once define every component twice
  });

  it('says that a manifest given as a scenario file is a manifest', async () => {
    const r = await cli(scenarioDir(), 'test', 'head.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'head.yaml:1:1: error: this is a faultline manifest, not a scenario file (give the scenario file first and the manifests with --manifest, e.g. faultline test resilience.yaml --manifest architecture/)',
    );
  });
});
