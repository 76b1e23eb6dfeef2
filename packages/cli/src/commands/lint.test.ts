import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { fakeIo } from '../test-support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A temporary directory with the given files. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-lint-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const header = 'apiVersion: faultline/v1\nname: t\ncomponents:\n';
// svc runs in two zones (so SPOF findings keep their severity: lint lowers them while nothing is placed); consul in none.
const SPOF = `${header}  consul: { kind: discovery }\n  svc: { kind: service, critical: true, dependsOn: [consul], in: [z1, z2] }\n  z1: { kind: zone }\n  z2: { kind: zone }\n`;
const WARN_ONLY = `${header}  a: { kind: service, dependsOn: [{ target: b, timeoutMs: 100, mode: soft }] }\n  b: { kind: service, dependsOn: [{ target: c, timeoutMs: 100, retries: 1, mode: soft }] }\n  c: { kind: service }\n`;
const CLEAN = `${header}  a: { kind: service }\n`;

async function lint(dir: string, ...args: string[]) {
  const io = fakeIo(dir);
  const code = await run(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('faultline lint: exit codes', () => {
  it('0 when clean', async () => {
    const r = await lint(workspace({ 'm.yaml': CLEAN }), 'm.yaml');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('✔ no problems (12 rules, 1 file)\n');
  });

  it('0 with warnings only, 1 once they exceed --max-warnings', async () => {
    const dir = workspace({ 'm.yaml': WARN_ONLY });
    expect((await lint(dir, 'm.yaml')).code).toBe(0);
    expect((await lint(dir, 'm.yaml', '--max-warnings', '1')).code).toBe(0);
    expect((await lint(dir, 'm.yaml', '--max-warnings', '0')).code).toBe(1);
  });

  it('1 with an error-severity finding, in every format', async () => {
    const dir = workspace({ 'm.yaml': SPOF });
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github']) {
      const r = await lint(dir, 'm.yaml', '--format', format);
      expect(r.code, format).toBe(1);
      expect(r.err, format).toBe('');
    }
  });

  it('0 when the config switches the failing rule off, or makes it a warning', async () => {
    const dir = workspace({ 'm.yaml': SPOF, 'faultline.config.yaml': 'rules:\n  single-point-of-failure: warn\n' });
    expect((await lint(dir, 'm.yaml')).code).toBe(0);
    expect((await lint(dir, 'm.yaml', '--no-config')).code).toBe(1);
    writeFileSync(join(dir, 'strict.yaml'), 'rules:\n  single-point-of-failure: error\n');
    expect((await lint(dir, 'm.yaml', '--config', 'strict.yaml')).code).toBe(1);
  });

  it('2 on an invalid manifest, config, baseline or usage, with one line per problem and no stack trace', async () => {
    const dir = workspace({
      'bad.yaml': `${header}  a: { kind: service, dependsOn: [nope] }\n`,
      'm.yaml': SPOF,
      'bad-config.yaml': 'rules:\n  hard-cycel: off\n',
      'bad-baseline.json': '[]',
    });
    const manifest = await lint(dir, 'bad.yaml');
    expect(manifest.code).toBe(2);
    expect(manifest.err).toBe(
      'bad.yaml:4:35: error: unknown component "nope" in a.dependsOn (define "nope" under components)\nfaultline: 1 problem in the manifests; nothing was analysed\n',
    );
    const config = await lint(dir, 'm.yaml', '--config', 'bad-config.yaml');
    expect(config.code).toBe(2);
    expect(config.err.split('\n')[0]).toBe('bad-config.yaml:2:3: error: unknown rule "hard-cycel" (did you mean "hard-cycle"?)');
    const baseline = await lint(dir, 'm.yaml', '--baseline', 'bad-baseline.json');
    expect(baseline.code).toBe(2);
    expect(baseline.err.split('\n')[0]).toMatch(/^bad-baseline\.json:1:1: error: not a faultline baseline/);
    expect(await lint(dir, 'missing.yaml')).toMatchObject({ code: 2, err: 'faultline: error: cannot read "missing.yaml": no such file or directory (check the path)\n' });
    expect((await lint(dir, 'm.yaml', '--format', 'xml')).code).toBe(2);
    expect((await lint(dir, 'm.yaml', '--max-warnings', 'lots')).err).toBe('faultline: error: --max-warnings must be a whole number ≥ 0, got "lots"\n');
    for (const r of [manifest, config, baseline]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('2 on a suppression comment with an unknown rule', async () => {
    const dir = workspace({ 'm.yaml': `${header}  a: { kind: service }  # faultline-ignore hard-cycles no reason to worry\n` });
    const r = await lint(dir, 'm.yaml');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('m.yaml:4:25: error: unknown rule "hard-cycles" in a faultline-ignore comment (did you mean "hard-cycle"?)');
  });
});

describe('faultline lint: config discovery', () => {
  it('finds faultline.config.yaml beside the manifests or in a parent directory up to the working directory', async () => {
    const dir = workspace({ 'faultline.config.yaml': 'rules:\n  single-point-of-failure: off\n' });
    const sub = join(dir, 'arch');
    await import('node:fs').then((fs) => fs.mkdirSync(sub));
    writeFileSync(join(sub, 'm.yaml'), SPOF);
    expect((await lint(dir, 'arch')).code).toBe(0);
    expect((await lint(dir, 'arch/m.yaml')).code).toBe(0);
    expect((await lint(sub, 'm.yaml')).code).toBe(1); // the working directory bounds the search
  });
});

describe('faultline lint: baselines', () => {
  it('--write-baseline records today, --baseline then fails only on new findings and reports fixed ones', async () => {
    const dir = workspace({ 'm.yaml': SPOF });
    const written = await lint(dir, 'm.yaml', '--write-baseline', 'known.json');
    expect(written).toMatchObject({ code: 0, out: '', err: 'faultline: wrote 1 finding to the baseline known.json\n' });
    const baseline = JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8'));
    expect(baseline).toEqual({ version: 1, tool: 'faultline', findings: [expect.objectContaining({ rule: 'single-point-of-failure', model: 't', subject: ['consul'] })] });

    const same = await lint(dir, 'm.yaml', '--baseline', 'known.json');
    expect(same.code).toBe(0);
    expect(same.out).toBe('✔ no problems (12 rules, 1 file) · 1 accepted by the baseline\n');

    writeFileSync(join(dir, 'm.yaml'), `${SPOF}  cache: { kind: cache }\n  api: { kind: service, critical: true, dependsOn: [cache] }\n`);
    const grown = await lint(dir, 'm.yaml', '--baseline', 'known.json', '--format', 'json');
    expect(grown.code).toBe(1);
    const json = JSON.parse(grown.out);
    expect(json.summary).toEqual({ error: 1, warn: 0 });
    expect(json.findings.map((f: { target: string; suppressed: boolean }) => `${f.target}:${f.suppressed}`)).toEqual(['consul:true', 'cache:false']);

    writeFileSync(join(dir, 'm.yaml'), CLEAN);
    const fixed = await lint(dir, 'm.yaml', '--baseline', 'known.json');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('✔ 1 finding in the baseline known.json no longer occurs (fixed):\n    single-point-of-failure on consul\n');
  });

  it('uses the baseline named in the config, relative to the config file', async () => {
    const dir = workspace({ 'm.yaml': SPOF });
    await lint(dir, 'm.yaml', '--write-baseline', 'known.json');
    writeFileSync(join(dir, 'faultline.config.yaml'), 'baseline: known.json\n');
    expect((await lint(dir, 'm.yaml')).code).toBe(0);
  });
});

describe('faultline lint: several models and output files', () => {
  it('--each lints unrelated manifests that reuse ids, one model per path', async () => {
    const dir = workspace({ 'one.yaml': SPOF, 'two.yaml': SPOF.replace('name: t', 'name: u') });
    const merged = await lint(dir, 'one.yaml', 'two.yaml');
    expect(merged.code).toBe(2);
    expect(merged.err).toContain('faultline: hint: unrelated manifests that reuse ids can be linted one by one with --each');
    const each = await lint(dir, '--each', 'one.yaml', 'two.yaml', '--format', 'json');
    expect(each.code).toBe(1);
    expect(JSON.parse(each.out).findings.map((f: { file: string; target: string }) => `${f.file}:${f.target}`)).toEqual(['one.yaml:consul', 'two.yaml:consul']);
  });

  it('--output writes the report to a file and keeps stdout empty', async () => {
    const dir = workspace({ 'm.yaml': SPOF });
    const r = await lint(dir, 'm.yaml', '--format', 'sarif', '--output', 'out.sarif');
    expect(r).toMatchObject({ code: 1, out: '', err: 'faultline: 1 error, 0 warnings; report written to out.sarif\n' });
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
  });
});

describe('faultline lint on the example', () => {
  it("reports the example shop's deliberate findings and exits 1", async () => {
    const r = await lint(ROOT, 'fixtures/example', '--no-config', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as { findings: { rule: string; target: string }[] };
    expect(json.findings.map((f) => `${f.rule}:${f.target}`).sort()).toEqual([
      'global-pinned:iam',
      'logical-single-point-of-failure:auth',
      'logical-single-point-of-failure:cart',
      'logical-single-point-of-failure:catalog',
      'logical-single-point-of-failure:order-queue',
      'logical-single-point-of-failure:user-db',
      'retry-amplification:storefront',
      'single-point-of-failure:payment-gateway',
      'single-region-critical:checkout',
      'timeout-inversion:checkout',
      'timeout-inversion:storefront',
      'unguarded-cross-region:checkout',
    ]);
  });
});

describe('faultline lint: text streamed per file', () => {
  it('writes each file’s findings as they are formatted, then the summary; -o writes the same pieces to the file', async () => {
    const second = `apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, dependsOn: [{ target: b, timeoutMs: 100, mode: soft }] }\n  b: { kind: service, dependsOn: [{ target: c, timeoutMs: 100, retries: 1, mode: soft }] }\n  c: { kind: service }\n`;
    const dir = workspace({ 'a.yaml': SPOF, 'b.yaml': second });
    const io = fakeIo(dir);
    const writes: string[] = [];
    const code = await run(['lint', '.'], { ...io, stdout: (t) => writes.push(t) });
    expect(code).toBe(1);
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^a\.yaml\n {2}4:3 +error +consul is a single point of failure/);
    expect(writes[1]).toMatch(/^b\.yaml\n {2}3:45 +warn +a waits 100 ms for b/);
    expect(writes[2]).toMatch(/^✖ 2 problems/);
    expect(await run(['lint', '.', '-o', 'report.txt'], fakeIo(dir))).toBe(1);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe(writes.join(''));
  });
});
