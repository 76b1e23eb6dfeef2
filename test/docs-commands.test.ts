/**
 * Every `faultline …` command shown in the README and docs/ runs as shown.
 *
 * The shell examples (fenced blocks that are not YAML, JSON, text or code;
 * `$ `-prompted lines included) are run with the built CLI in a scratch
 * copy of the repository's inputs, so commands that write files write
 * there. The placeholders a user would replace stand in as fixtures:
 * `architecture/` and `manifests/` are the example shop, `resilience.yaml` its
 * scenarios. A command passes when it exits 0 or 1 (findings are fine; 2,
 * invalid input or usage, is not) without an internal error; `> file`
 * redirections are honoured and a redirected or `-o` JSON or SARIF file must
 * parse. Commands about files only a user has (their catalog, their cluster)
 * are listed in SKIPPED with the reason, or run on a fixture with the same
 * names (STAND_INS), so a new example that does not run fails here until it
 * does or says why.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './support.js';

const PAGES = [
  'README.md',
  'packages/cli/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Examples about a user's own files, not runnable here. */
const SKIPPED = new Map<string, string>([
  ['faultline lint catalog-info.yaml faultline-overlay.yaml', 'a Backstage catalog of your own'],
  ['faultline import backstage catalog/ faultline-overlay.yaml -o faultline.yaml', 'a Backstage catalog of your own'],
  ['faultline simulate compose.yaml --fail db', 'a compose file of your own (fixtures/compose/compose.yaml runs below)'],
  ['faultline recovery compose.yaml', 'a compose file of your own (fixtures/compose/compose.yaml runs below)'],
  ['faultline lint compose.yaml compose.prod.yaml --format sarif -o faultline.sarif', 'compose files of your own'],
  ['faultline import compose compose.yaml -o faultline.yaml', 'a compose file of your own'],
  ['faultline lint k8s/', 'Kubernetes objects of your own (fixtures/kubernetes runs below)'],
  ['faultline spof cluster.yaml', 'Kubernetes objects of your own'],
  ['faultline import kubernetes k8s/ -o faultline.yaml', 'Kubernetes objects of your own'],
  ['faultline import observed service-graph.prom -o faultline.yaml', 'a metrics export of your own'],
  ['faultline drift catalog/ --observed deps.json --format sarif -o drift.sarif', 'a catalog and traces of your own'],
  [
    'npx faultline diff --git "$BASE" architecture/ --format markdown --output faultline-diff.md',
    "needs a git history and the workflow's BASE (test/diff.test.ts runs diff --git)",
  ],
  ['npx faultline init architecture', 'writes architecture/, which stands in for your manifests here (init is tested in packages/cli)'],
]);

/** Examples about a user's catalog, run on the fixture that has the names they use. */
const STAND_INS = new Map<string, string>([
  ['faultline simulate catalog/ --fail resource:payments/ledger-db-primary', 'faultline simulate fixtures/backstage --fail resource:payments/ledger-db-primary'],
  ['faultline simulate catalog/ --fail resource:orders-db', 'faultline simulate fixtures/backstage --fail resource:orders-db'],
  ['faultline simulate catalog/ --fail Dynatrace', 'faultline simulate fixtures/backstage-wild --fail Dynatrace'],
  ['faultline cutsets catalog/ --target payments/ledger', 'faultline cutsets fixtures/backstage --target payments/ledger'],
  // Terraform: your plan and state, as the fixtures' plan.json and state.json.
  ['faultline simulate plan.json --fail us-east-1a', 'faultline simulate fixtures/terraform/web-app/plan.json --fail us-east-1a'],
  ['faultline lint plan.json journeys.yaml', 'faultline lint fixtures/terraform/web-app/plan.json fixtures/terraform/web-app/journeys.yaml'],
  ['faultline diff plan.json journeys.yaml --format markdown', 'faultline diff fixtures/terraform/web-app/plan.json fixtures/terraform/web-app/journeys.yaml --format markdown'],
  [
    'npx faultline diff plan.json architecture/journeys.yaml --format markdown --output faultline-diff.md',
    'npx faultline diff fixtures/terraform/web-app/plan.json fixtures/terraform/web-app/journeys.yaml --format markdown --output faultline-diff.md',
  ],
  ['faultline spof state.json', 'faultline spof fixtures/terraform/asg/state.json'],
]);

interface Example {
  readonly page: string;
  readonly line: string;
}

/** The faultline command lines of a page's shell examples, comments dropped. */
function examples(page: string): Example[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  const out: Example[] = [];
  for (const m of text.matchAll(/```([^\n]*)\n([\s\S]*?)```/g)) {
    const info = m[1]!.trim().split(/\s+/)[0] ?? '';
    const yaml = info === 'yaml' || info === 'yml';
    if (!yaml && !['', 'sh', 'bash', 'console', 'shell'].includes(info)) continue;
    // A block with `$ ` prompts shows output too: only its prompted lines are commands.
    const prompted = !yaml && /^\$ /m.test(m[2]!);
    for (const raw of m[2]!.split('\n')) {
      if (prompted && !raw.startsWith('$ ')) continue;
      // In CI YAML, the commands of `run:` steps and `script:` lists; the repository's own recipes through pnpm --silent.
      const command = yaml ? /^\s*(?:-\s+)?(?:run:\s+)?((?:npx --yes pnpm@10 --silent )?(?:npx )?faultline .*)$/.exec(raw)?.[1] : raw;
      if (command === undefined) continue;
      const line = command
        .replace(/^\$ /, '')
        .replace(/^npx --yes pnpm@10 --silent /, '')
        .replace(/\s+#\s.*$/, '')
        .trim();
      if (/^(npx )?faultline /.test(line)) out.push({ page, line });
    }
  }
  return out;
}

/** Splits a command line into words (double and single quotes), and a `> file` redirection. */
function words(line: string): { argv: string[]; redirect?: string } {
  const argv: string[] = [];
  let redirect: string | undefined;
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let expectRedirect = false;
  for (const m of line.matchAll(re)) {
    const w = m[1] ?? m[2] ?? m[3]!;
    if (m[3] === '>') expectRedirect = true;
    else if (expectRedirect) {
      redirect = w;
      expectRedirect = false;
    } else argv.push(w);
  }
  return redirect === undefined ? { argv } : { argv, redirect };
}

/** `dir/*.ext` globs, expanded as a shell would (sorted). */
function expand(word: string, cwd: string): string[] {
  const m = /^(.*)\/\*(\.[\w.]+)$/.exec(word);
  if (!m) return [word];
  return readdirSync(join(cwd, m[1]!))
    .filter((f) => f.endsWith(m[2]!))
    .sort()
    .map((f) => `${m[1]}/${f}`);
}

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'faultline-docs-'));
  cpSync(join(ROOT, 'fixtures'), join(scratch, 'fixtures'), { recursive: true });
  for (const f of ['faultline.config.yaml', 'faultline-baseline.json']) cpSync(join(ROOT, f), join(scratch, f));
  cpSync(join(ROOT, 'fixtures/example'), join(scratch, 'architecture'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/example'), join(scratch, 'manifests'), { recursive: true });
  const scenarios = readFileSync(join(ROOT, 'fixtures/scenarios/example.scenarios.yaml'), 'utf8').replace('manifests: [../example]', 'manifests: [architecture]');
  writeFileSync(join(scratch, 'resilience.yaml'), scenarios);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const all = PAGES.flatMap(examples);

describe('the commands shown in the README and docs/', () => {
  it('finds them, and every skipped one is still shown', () => {
    expect(all.length).toBeGreaterThan(40);
    const shown = new Set(all.map((e) => e.line));
    for (const line of [...SKIPPED.keys(), ...STAND_INS.keys()]) expect(shown, `SKIPPED or STAND_INS lists a command no page shows: ${line}`).toContain(line);
  });

  it.each(all.filter((e) => !SKIPPED.has(e.line)).map((e) => [e.page, e.line]))('%s: %s', (_page, line) => {
    const { argv, redirect } = words(STAND_INS.get(line) ?? line);
    const args = argv.slice(argv[0] === 'npx' ? 2 : 1).flatMap((w) => expand(w, scratch));
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: scratch,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect([0, 1], `exit ${r.status}: ${r.stderr}`).toContain(r.status);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    if (redirect !== undefined) writeFileSync(join(scratch, redirect), r.stdout);
    const flag = argv.findIndex((w) => w === '-o' || w === '--output');
    const output = redirect ?? (flag >= 0 ? argv[flag + 1] : undefined);
    if (output !== undefined && /\.(json|sarif)$/.test(output)) {
      expect(existsSync(join(scratch, output))).toBe(true);
      expect(() => JSON.parse(readFileSync(join(scratch, output), 'utf8'))).not.toThrow();
    }
  });
});
