/**
 * Start-up in proportion to the command: the built CLI's chunks
 * (packages/cli/dist, split by `import()` in main.ts and program.ts) are
 * followed the way node loads them, and `--version` and `--help` must not
 * reach zod, yaml, js-yaml or core's loader. Speed itself is measured by
 * the benchmark, not here; this pins what is loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';

const DIST = join(ROOT, 'packages/cli/dist');

const source = (chunk: string): string => readFileSync(join(DIST, chunk), 'utf8');

/** The chunks a static `import … from "./x.js"` reaches from `entries`, entries included. */
function staticClosure(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const chunk = stack.pop()!;
    if (seen.has(chunk)) continue;
    seen.add(chunk);
    for (const m of source(chunk).matchAll(/^import [^;]*? from "\.\/([^"]+)";/gm)) stack.push(m[1]!);
  }
  return seen;
}

/** The chunks a chunk imports with `import("./x.js")`. */
function dynamicImports(chunk: string): string[] {
  return [...source(chunk).matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]!);
}

/** The modules bundled into these chunks, by the region comments the unminified build keeps. */
function modulesIn(chunks: Iterable<string>): string[] {
  const out: string[] = [];
  for (const chunk of chunks) for (const m of source(chunk).matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)) out.push(m[1]!);
  return out;
}

const HEAVY = /node_modules\/\.pnpm\/(zod|yaml|js-yaml)@|core\/(dist|src)\/load\//;

describe('start-up in proportion to the command', () => {
  const version = staticClosure(['faultline.js']);
  // main.ts imports program.ts for anything but --version; program.ts imports a command only when it is named.
  const help = staticClosure(['faultline.js', ...dynamicImports('faultline.js')]);

  it('--version loads neither commander nor core', () => {
    expect(modulesIn(version).filter((m) => /commander@|core\//.test(m))).toEqual([]);
    const r = faultline(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--help loads commander and the command table, but not zod, yaml or the loader', () => {
    const modules = modulesIn(help);
    expect(modules.some((m) => m.includes('commander@'))).toBe(true);
    expect(modules.filter((m) => HEAVY.test(m))).toEqual([]);
    expect(faultline(['--help']).stdout).toContain('availability [options] <paths...>');
  });

  it('a command loads its own code, the loader and zod with it', () => {
    const program = dynamicImports('faultline.js');
    const commands = program.flatMap(dynamicImports);
    expect(commands.length).toBeGreaterThanOrEqual(14);
    const lint = commands.find((c) => /lint/.test(c) && source(c).includes('function registerLint'));
    expect(lint).toBeDefined();
    expect(modulesIn(staticClosure([lint!])).some((m) => HEAVY.test(m))).toBe(true);
  });
});
