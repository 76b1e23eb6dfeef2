import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillTemplate, fromJson, MODEL_PLACEHOLDER, scriptSafeJson } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.js';
import { run } from '../program.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function fakeIo(cwd = ROOT): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: { FAULTLINE_NO_CACHE: '1' }, paint: (_s, t) => t };
}

/** The JSON inside the page's model element, parsed. */
function payloadOf(html: string): { format: string; model: unknown; faults: { target: string; effect?: string }[] } {
  const m = /<script type="application\/json" id="faultline-model">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no model element');
  return JSON.parse(m[1]!);
}

describe('faultline view', () => {
  it('writes one self-contained HTML file with the model and the faults inside', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-view-'));
    const io = fakeIo();
    const code = await run(['view', 'fixtures/example', '-o', join(dir, 'shop.html'), '--fail', 'kind=dns in=us-east-1', '--slow', 'catalog'], io);
    expect(io.out.join('')).toBe('');
    expect(code).toBe(0);
    expect(io.err.join('')).toMatch(/^Wrote .*shop\.html \(acme-shop.*components, \d+ kB\)\. Open it in a browser: file:\/\//);
    const html = readFileSync(join(dir, 'shop.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    const payload = payloadOf(html);
    expect(payload.format).toBe('faultline.view/1');
    expect(payload.faults).toEqual([{ target: 'kind=dns in=us-east-1' }, { target: 'catalog', effect: 'slow' }]);
    const model = fromJson(payload.model);
    expect(model.components.has('dns-use1')).toBe(true);
    expect(model.components.get('storefront')!.at.file).toBe('fixtures/example/services.yaml');
  });

  it("embeds the findings of the project's lint config, so the panel shows what faultline lint shows", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-view-config-'));
    writeFileSync(join(dir, 'shop.yaml'), readFileSync(join(ROOT, 'fixtures/aws-2021.yaml'), 'utf8'));
    writeFileSync(join(dir, 'faultline.config.yaml'), 'rules:\n  global-pinned: warn\n  single-point-of-failure: off\n');
    const io = fakeIo(dir);
    expect(await run(['view', 'shop.yaml', '-o', 'v.html'], io)).toBe(0);
    const findings = (payloadOf(readFileSync(join(dir, 'v.html'), 'utf8')) as { findings?: { rule: string; severity: string; target: string }[] }).findings!;
    expect(findings.map((f) => `${f.rule}:${f.severity}:${f.target}`)).toEqual(['global-pinned:warn:iam', 'global-pinned:warn:cognito', 'global-pinned:warn:aws-console']);
    expect(await run(['view', 'shop.yaml', '-o', 'plain.html', '--no-config'], io)).toBe(0);
    expect('findings' in payloadOf(readFileSync(join(dir, 'plain.html'), 'utf8'))).toBe(false);
  });

  it('keeps manifest text out of the markup: "<" and U+2028 are escaped and round-trip as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-view-'));
    const evil = '</script><script>alert(1)</script> "><img src=x onerror=alert(2)> \u2028';
    writeFileSync(join(dir, 'evil.yaml'), `apiVersion: faultline/v1\nname: "</script><b>x</b>"\ncomponents:\n  a: { kind: "<i>svc</i>", description: ${JSON.stringify(evil)} }\n`);
    const io = fakeIo(dir);
    expect(await run(['view', 'evil.yaml', '-o', '-'], io)).toBe(0);
    const html = io.out.join('');
    const element = /<script type="application\/json" id="faultline-model">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(element).not.toMatch(/[<\u2028\u2029]/);
    const model = fromJson(payloadOf(html).model);
    expect(model.components.get('a')!.description).toBe(evil);
    expect(model.name).toBe('</script><b>x</b>');
  });

  it('rejects a fault that names nothing, in one line, with exit code 2', async () => {
    const io = fakeIo();
    expect(await run(['view', 'fixtures/example', '-o', '-', '--fail', 'us-east-9'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^faultline: error: unknown component "us-east-9" \(did you mean "us-east-1"\?\)\n$/);
    expect(io.out).toEqual([]);
  });

  it('reports manifest problems with file:line:col and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-view-'));
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  a: { kind: service, dependsOn: [nope] }\n');
    const io = fakeIo(dir);
    expect(await run(['view', 'bad.yaml'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^bad\.yaml:3:\d+: error: .*nope/);
  });

  it('opens on the overview or the graph as --overview [grouping] and --no-overview say; an unknown grouping is a usage error', async () => {
    const overviewOf = async (...args: string[]): Promise<unknown> => {
      const io = fakeIo();
      expect(await run(['view', 'fixtures/example', '-o', '-', ...args], io)).toBe(0);
      return (payloadOf(io.out.join('')) as { overview?: unknown }).overview;
    };
    expect(await overviewOf()).toBeUndefined();
    expect(await overviewOf('--overview')).toBe('region');
    expect(await overviewOf('--overview', 'owner')).toBe('owner');
    expect(await overviewOf('--no-overview')).toBe(false);
    const io = fakeIo();
    expect(await run(['view', 'fixtures/example', '-o', '-', '--overview', 'team'], io)).toBe(2);
    expect(io.err.join('')).toBe('faultline: error: unknown grouping "team" for --overview (use one of region, zone, system, owner, kind)\n');
    expect(io.out).toEqual([]);
  });

  it('says where it cannot write', async () => {
    const io = fakeIo();
    expect(await run(['view', 'fixtures/example', '-o', '/nonexistent-dir/x.html'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^faultline: error: cannot write "\/nonexistent-dir\/x.html": ENOENT \(check that the directory exists and is writable\)\n$/);
  });
});

describe('fillTemplate', () => {
  it('replaces only the placeholder, taking "$" in the data literally', () => {
    const html = fillTemplate(`<p>a</p>${MODEL_PLACEHOLDER}<p>b</p>`, { s: "$& $' $`" });
    expect(html).toBe(`<p>a</p><script type="application/json" id="faultline-model">{"s":"$& $' $\`"}</script><p>b</p>`);
  });

  it('fails loudly on a template without the placeholder', () => {
    expect(() => fillTemplate('<html></html>', {})).toThrow(/no model placeholder/);
  });

  it('escapes what could end the script element', () => {
    expect(scriptSafeJson('</script>\u2028\u2029')).toBe('"\\u003c/script>\\u2028\\u2029"');
  });
});

describe('faultline view: no absolute local path in the page', () => {
  function model(html: string): string {
    return /<script type="application\/json" id="faultline-model">([\s\S]*?)<\/script>/.exec(html)![1]!;
  }

  it('names files outside the working directory without their common prefix, or relative to --relative-to', async () => {
    const root = mkdtempSync(join(tmpdir(), 'faultline-view-rel-'));
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'arch'), { recursive: true });
    writeFileSync(join(repo, 'arch/m.yaml'), 'apiVersion: faultline/v1\ncomponents:\n  db: { kind: datastore }\n  app: { kind: service, dependsOn: [db] }\n');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    const r = await run(['view', '../repo/arch', '-o', 'page.html'], fakeIo(elsewhere));
    expect(r).toBe(0);
    const json = model(readFileSync(join(elsewhere, 'page.html'), 'utf8'));
    expect(json).toContain('"file":"arch/m.yaml"');
    expect(json).not.toContain(root);
    const rel = await run(['view', '../repo/arch', '-o', 'rel.html', '--relative-to', '../repo'], fakeIo(elsewhere));
    expect(rel).toBe(0);
    expect(model(readFileSync(join(elsewhere, 'rel.html'), 'utf8'))).toContain('"file":"arch/m.yaml"');
  });
});
