/**
 * Helpers for the CLI's tests: run a command in process with captured output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from './io.js';
import { run } from './program.js';

/** An Io that records what a command writes; no colour, no cache (a test of the cache sets its own `env`). */
export function fakeIo(cwd: string): Io & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: () => out.join(''), err: () => err.join(''), stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: { FAULTLINE_NO_CACHE: '1' }, paint: (_s, t) => t };
}

/** Runs `faultline <args>` in `cwd`; returns the exit code and what it wrote. */
export async function cli(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A temporary directory holding `m.yaml`, a manifest with these components (a YAML body indented by two). */
export function workspace(components: string, prefix = 'faultline-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'm.yaml'), `apiVersion: faultline/v1\nname: t\ncomponents:\n${components}`);
  return dir;
}

/** A temporary directory holding base.yaml and head.yaml, two manifests with these component bodies. */
export function pair(base: string, head: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-'));
  const manifest = (components: string) => `apiVersion: faultline/v1\nname: t\ncomponents:\n${components}`;
  writeFileSync(join(dir, 'base.yaml'), manifest(base));
  writeFileSync(join(dir, 'head.yaml'), manifest(head));
  return dir;
}

/** A base and a head where the head adds a hard dependency on an unplaced queue: a new SPOF for app. */
export const DIFF_BASE =
  '  db: { kind: database, in: [z1, z2] }\n  z1: { kind: zone }\n  z2: { kind: zone }\n  app: { kind: service, critical: true, in: [z1, z2], dependsOn: [db] }\n';
export const DIFF_HEAD = `${DIFF_BASE}  queue: { kind: queue }\n`.replace('dependsOn: [db]', 'dependsOn: [db, queue]');
