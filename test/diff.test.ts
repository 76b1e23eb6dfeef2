/**
 * `faultline diff` through the built CLI: the fixture pairs under
 * fixtures/diff/ (where the expected changes are known), every command-line
 * shape, exit codes, and `--git` in a temporary repository created here.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';

const SHARED = 'fixtures/diff/shared-fate';
const CHECKOUT = 'fixtures/diff/checkout';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=faultline test', '-c', 'user.email=test@faultline.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('faultline diff on pairs with known changes', () => {
  it('finds the hidden SPOF when only a shared-fate edge moves, and exits 1', () => {
    const r = faultline(['diff', `${SHARED}/base`, `${SHARED}/head`, '--format', 'markdown']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('### faultline diff: ⚠️ This change adds 1 SPOF for a critical component and 1 error finding');
    expect(lines[2]).toBe(
      `**payments-platform**: ${SHARED}/base → ${SHARED}/head · components: 0 added, 0 removed, 0 changed · dependencies: 1 added, 1 removed, 0 changed · findings: 2 new, 0 fixed`,
    );
    expect(lines[4]).toBe("- 🔴 **checkout** gains a new SPOF: `ix-ashburn` (via payments → fraud-db-b; hidden: it defeats payments' anyOf [fraud-db-a, fraud-db-b])");
    expect(r.stdout).toContain('- ➕ fraud-db-b → ix-ashburn (hard)\n- ➖ fraud-db-b → ix-chicago (hard)');
  });

  it('the same pair the other way round removes the SPOF and exits 0', () => {
    const r = faultline(['diff', `${SHARED}/head`, `${SHARED}/base`, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('### faultline diff: ✅ No new single points of failure and no new error findings; this change removes 1 SPOF and fixes 2 findings');
  });

  it('explains a new hard dependency: "checkout gains a new SPOF: ix-ashburn (via payments → fraud-db)"', () => {
    const r = faultline(['diff', `${CHECKOUT}/base/shop.yaml`, `${CHECKOUT}/head/shop.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`faultline diff shop: ${CHECKOUT}/base/shop.yaml → ${CHECKOUT}/head/shop.yaml
✖ This change adds 2 SPOFs for a critical component and 2 error findings`);
    expect(r.stdout).toContain(`Single points of failure
  ✖ checkout gains a new SPOF: ix-ashburn (via payments → fraud-db)
      checkout needs payments → payments needs fraud-db → fraud-db needs ix-ashburn → ix-ashburn failed (fault)
  ✖ checkout gains a new SPOF: fraud-db (via payments)`);
    expect(r.stdout).toContain('  - fixed  hard dependency cycle ledger → payments → ledger');
  });

  it('json lists every change of the checkout pair', () => {
    const r = faultline(['diff', '--base', `${CHECKOUT}/base`, '--head', `${CHECKOUT}/head`, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.verdict).toEqual({ worse: true, text: 'This change adds 2 SPOFs for a critical component and 2 error findings', exitCode: 1 });
    expect(json.components.map((c: { change: string; id: string }) => `${c.change} ${c.id}`)).toEqual([
      'added cache-c',
      'added fraud-db',
      'changed payments',
      'removed legacy-cache',
    ]);
    expect(json.dependencies.map((d: { change: string; kind: string; from: string; to: string[] }) => `${d.change} ${d.from} ${d.kind} ${d.to.join(',')}`)).toEqual([
      'added cache-c in use1-az2',
      'added fraud-db in us-east-1',
      'added fraud-db dependsOn ix-ashburn',
      'changed ledger dependsOn payments',
      'added payments dependsOn fraud-db',
      'changed checkout dependsOn payments',
      'changed checkout anyOf cache-a,cache-b,cache-c',
      'removed checkout dependsOn legacy-cache',
      'added telemetry monitors payments',
      'removed legacy-cache in use1-az1',
    ]);
    expect(json.findings.new.map((f: { rule: string; target: string }) => `${f.rule} ${f.target}`)).toEqual([
      'single-point-of-failure ix-ashburn',
      'single-point-of-failure fraud-db',
    ]);
    expect(json.findings.fixed.map((f: { rule: string }) => f.rule)).toEqual(['hard-cycle']);
    expect(json.critical[0]).toMatchObject({
      id: 'checkout',
      before: { spofs: [] },
      after: { spofs: ['ix-ashburn', 'fraud-db'], worst: { fault: 'ix-ashburn', impact: 10, down: 3 } },
    });
  });

  it('--base/--head and the two-path form agree', () => {
    const a = faultline(['diff', `${SHARED}/base`, `${SHARED}/head`, '--format', 'json']);
    const b = faultline(['diff', '--base', `${SHARED}/base/payments.yaml`, '--head', `${SHARED}/head/payments.yaml`, '--format', 'json']);
    const essence = (s: string) => ({ ...JSON.parse(s), base: null, head: null });
    expect(essence(b.stdout)).toEqual(essence(a.stdout));
  });

  it('-o writes the report and says so on stderr', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'faultline-diff-')), 'diff.md');
    const r = faultline(['diff', `${SHARED}/base`, `${SHARED}/head`, '--format', 'markdown', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^faultline: the change makes things worse; report written to /);
    expect(readFileSync(out, 'utf8')).toMatch(/^### faultline diff: ⚠️/);
  });
});

describe('faultline diff: usage and invalid input (exit 2, one line, no stack trace)', () => {
  it.each([
    [
      ['diff', SHARED],
      'faultline: error: diff needs a base and a head, got 1 path (faultline diff base.yaml head.yaml, faultline diff --base <paths…> --head <paths…>, or faultline diff --git origin/main <paths…>)',
    ],
    [['diff', '--base', `${SHARED}/base`], 'faultline: error: --head is missing ('],
    [['diff', '--git', 'HEAD', '--base', 'a', '--head', 'b'], 'faultline: error: --git reads the base version from git: give paths, not --base or --head'],
    [['diff', '--git', 'HEAD'], 'faultline: error: --git needs the paths to compare'],
    [['diff', '--git', '--upload-pack=x', SHARED], 'faultline: error: "--upload-pack=x" is not a git ref'],
    [['diff', `${SHARED}/base`, 'nope.yaml'], 'faultline: error: cannot read "nope.yaml": no such file or directory (check the path)'],
  ])('%j', (args, message) => {
    const r = faultline(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a base that does not load is reported at file:line:col and named as the base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-diff-'));
    writeFileSync(join(dir, 'base.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, dependsOn: [b] }\n');
    copyFileSync(join(ROOT, SHARED, 'head/payments.yaml'), join(dir, 'head.yaml'));
    const r = faultline(['diff', 'base.yaml', 'head.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'faultline: the base version (base.yaml) does not load:',
      'base.yaml:3:35: error: unknown component "b" in a.dependsOn (did you mean "a"?)',
    ]);
  });
});

describe('faultline diff --git', () => {
  /** A repository whose main branch holds the checkout base, with the head version in the working tree. */
  function repository(): string {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-git-'));
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'arch', 'more'), { recursive: true });
    copyFileSync(join(ROOT, CHECKOUT, 'base/shop.yaml'), join(dir, 'arch/shop.yaml'));
    writeFileSync(join(dir, 'arch/more/extra.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  extra: { kind: service }\n');
    writeFileSync(join(dir, 'arch/resilience.scenarios.yaml'), 'not a manifest: [');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    copyFileSync(join(ROOT, CHECKOUT, 'head/shop.yaml'), join(dir, 'arch/shop.yaml'));
    return dir;
  }

  it('reads the base from git at the ref without touching the working tree, the index or HEAD', () => {
    const dir = repository();
    const before = [git(dir, 'status', '--porcelain'), git(dir, 'rev-parse', 'HEAD'), readFileSync(join(dir, 'arch/shop.yaml'), 'utf8')];
    const r = faultline(['diff', '--git', 'main', 'arch', '--format', 'json'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([1, '']);
    const json = JSON.parse(r.stdout);
    expect([json.base.label, json.head.label]).toEqual(['main', 'working tree']);
    expect(json.base.files).toEqual(['arch/shop.yaml', 'arch/more/extra.yaml']);
    expect(json.head.files).toEqual(json.base.files);
    expect(json.verdict.text).toBe('This change adds 2 SPOFs for a critical component and 2 error findings');
    expect([git(dir, 'status', '--porcelain'), git(dir, 'rev-parse', 'HEAD'), readFileSync(join(dir, 'arch/shop.yaml'), 'utf8')]).toEqual(before);
  });

  it('takes paths relative to the working directory, from a subdirectory too', () => {
    const dir = repository();
    const r = faultline(['diff', '--git', 'HEAD', '.', '--format', 'markdown'], { cwd: join(dir, 'arch') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('**shop**: HEAD → working tree');
    expect(r.stdout).toContain('- 🔴 **checkout** gains a new SPOF: `ix-ashburn` (via payments → fraud-db)');
    expect(r.stdout).toContain('| ✅ fixed | `hard-cycle` | shop.yaml:19:17 (base) |');
  });

  it('a path the base does not have yet is all added', () => {
    const dir = repository();
    mkdirSync(join(dir, 'new'));
    copyFileSync(join(ROOT, SHARED, 'head/payments.yaml'), join(dir, 'new/payments.yaml'));
    const r = faultline(['diff', '--git', 'HEAD', 'new', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(r.stdout);
    expect(json.base.files).toEqual([]);
    expect(json.summary).toMatchObject({ componentsAdded: 8, componentsRemoved: 0, newSpofs: 1 });
    expect(r.code).toBe(1); // checkout arrives with ix-ashburn as its SPOF
  });

  it('an unknown ref, or no repository at all, is a one-line error with exit 2', () => {
    const dir = repository();
    const unknown = faultline(['diff', '--git', 'origin/nope', 'arch'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'faultline: error: unknown git ref "origin/nope" (fetch it first, e.g. "git fetch origin nope" (in GitHub Actions: actions/checkout with fetch-depth: 0))\n',
    );
    const outside = mkdtempSync(join(tmpdir(), 'faultline-nogit-'));
    copyFileSync(join(ROOT, SHARED, 'base/payments.yaml'), join(outside, 'payments.yaml'));
    const none = faultline(['diff', '--git', 'main', 'payments.yaml'], { cwd: outside });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /^faultline: error: --git needs a git repository, and .* is not inside one \(run faultline in your checkout, or compare two paths: faultline diff base\.yaml head\.yaml\)\n$/,
    );
  });
});
