/**
 * faultline outside its own repository: the package as npm users get it, and
 * the GitHub Action (action.yml) as a workflow runs it.
 *
 * `npm pack` of packages/cli, installed with `npm install --offline` into an
 * empty project in the system's temporary directory (the package has no
 * runtime dependency, so no registry is needed), then `npx faultline …` there.
 * npm gets a cache of its own and none of the variables pnpm sets for the
 * test command, and the repository's node_modules/.bin is taken off PATH, so
 * only the installed package can answer.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sarifValidator } from '../packages/core/src/format/sarif-schema.test-support.js';
import { ROOT } from './support.js';

const PACKAGE = join(ROOT, 'packages/cli');
const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string };

let tmp: string;
let project: string;

/** This process's environment without npm's and pnpm's variables and the repository's bins, plus `extra`. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm|pnpm)_/i.test(k)) env[k] = v;
  const path = (env['PATH'] ?? '').split(delimiter).filter((p) => !p.startsWith(ROOT));
  return {
    ...env,
    PATH: path.join(delimiter),
    NO_COLOR: '1',
    GITHUB_ACTIONS: '',
    npm_config_cache: join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    ...extra,
  };
}

function sh(command: string, args: readonly string[], cwd: string, env = cleanEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

/** `npx faultline <args>` in the project (or `cwd`), as a user runs it. */
function npx(args: readonly string[], cwd = project): SpawnSyncReturns<string> {
  return sh('npx', ['--offline', 'faultline', ...args], cwd);
}

let packed: { filename: string; files: { path: string }[] };

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'faultline-package-'));
  const pack = sh('npm', ['pack', '--json', '--pack-destination', tmp], PACKAGE);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;
  project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'user-project', private: true }, null, 2)}\n`);
  const install = sh('npm', ['install', '--offline', '--save-dev', join(tmp, packed.filename)], project);
  expect(install.status, install.stderr).toBe(0);
  cpSync(join(ROOT, 'fixtures/example'), join(project, 'architecture'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/scenarios/example.scenarios.yaml'), join(project, 'resilience.yaml'));
  // The scenario file names its manifests relative to itself.
  writeFileSync(join(project, 'resilience.yaml'), readFileSync(join(project, 'resilience.yaml'), 'utf8').replace('manifests: [../example]', 'manifests: [architecture]'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the package (npm pack of packages/cli)', () => {
  it('holds the bundle (its entry and the chunks commands load on demand), the viewer page, README, LICENSE and nothing test-only', () => {
    expect(packed.filename).toBe(`faultline-${manifest.version}.tgz`);
    const chunks = readdirSync(join(PACKAGE, 'dist')).filter((f) => f.endsWith('.cjs') && f !== 'faultline.cjs');
    expect(chunks.length).toBeGreaterThan(1);
    expect(packed.files.map((f) => f.path).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'bin/faultline.js',
        'bin/package.json',
        'dist/THIRD-PARTY-LICENSES.md',
        'dist/faultline.cjs',
        ...chunks.map((f) => `dist/${f}`),
        'dist/faultline.schema.json',
        'dist/viewer.html',
        'package.json',
      ].sort(),
    );
    expect(readFileSync(join(PACKAGE, 'LICENSE'), 'utf8')).toBe(readFileSync(join(ROOT, 'LICENSE'), 'utf8'));
  });

  it('says what npm needs to publish it, and depends on nothing', () => {
    expect(manifest).toMatchObject({ name: 'faultline', license: 'MIT', bin: { faultline: './bin/faultline.js' }, engines: { node: '>=20.19' } });
    expect(manifest['repository']).toMatchObject({ type: 'git', directory: 'packages/cli' });
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['private']).toBeUndefined();
  });

  it('installs offline into an empty project and links the faultline command at once', () => {
    expect(existsSync(join(project, 'node_modules/.bin/faultline'))).toBe(true);
    const r = npx(['--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${manifest.version}\n`);
  });

  it('lints, with SARIF (valid against the OASIS schema) written to a file and nothing but notes on stderr', () => {
    const r = npx(['lint', 'architecture/', '--format', 'sarif', '-o', 'x.sarif']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(project, 'x.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string; semanticVersion: string } }; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver).toMatchObject({ name: 'faultline', semanticVersion: manifest.version });
    const uris = sarif.runs[0]!.results.map((res) => res.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toMatch(/^architecture\/\w+\.yaml$/);
  });

  it('names a manifest outside the working directory with an absolute file:// URI in SARIF', () => {
    mkdirSync(join(project, 'elsewhere'), { recursive: true });
    const r = npx(['lint', '../architecture', '--format', 'sarif'], join(project, 'elsewhere'));
    expect(r.status, r.stderr).toBe(1);
    const validate = sarifValidator();
    expect(validate(JSON.parse(r.stdout)), JSON.stringify(validate.errors)).toBe(true);
    const uri = (JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results[0]!.locations[0]!
      .physicalLocation.artifactLocation.uri;
    expect(uri).toMatch(/^file:\/\/\/.*\/architecture\/\w+\.yaml$/);
  });

  it('simulates, printing only JSON on stdout', () => {
    const r = npx(['simulate', 'architecture', '--fail', 'kind=dns in=us-east-1', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { summary: { down: number }; nodes: { id: string }[] };
    expect(out.summary.down).toBe(6);
    expect(out.nodes.map((n) => n.id)).toContain('checkout');
  });

  it('runs from a subdirectory, with paths relative to it', () => {
    const r = npx(['lint', '.', '--format', 'json'], join(project, 'architecture'));
    expect(r.status, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: { location?: { file: string } }[] };
    expect(out.findings.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain(project);
  });

  it('writes the viewer page from the bundled template, with no absolute local path in it', () => {
    const r = npx(['view', 'architecture', '-o', 'shop.html']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Wrote shop\.html \(/);
    const html = readFileSync(join(project, 'shop.html'), 'utf8');
    expect(html).toContain('id="faultline-model"');
    expect(html).toContain('architecture/services.yaml');
    expect(html).not.toContain(tmp);
  });

  it('checks scenario files', () => {
    const r = npx(['test', 'resilience.yaml', '--format', 'junit']);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.stdout).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*<\/testsuites>\s*$/);
  });
});

// ---------------------------------------------------------------------------
// action.yml: its steps, run as a runner runs a composite action. `uses:`
// steps are not run: setup-node (this machine has Node) and upload-sarif
// (its input file is checked instead).

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
  readonly 'working-directory'?: string;
}

interface Action {
  readonly inputs: Record<string, { default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Map<string, string>;
  readonly checked: Map<string, string>;
}

/** The `${{ … }}` expressions action.yml uses: inputs, step outputs and outcomes, `==`, `&&`. */
function evaluate(expression: string, inputs: Map<string, string>, steps: Map<string, { outcome: string; outputs: Map<string, string> }>): string {
  const value = (term: string): string => {
    const t = term.trim();
    const literal = /^'(.*)'$/.exec(t);
    if (literal) return literal[1]!;
    const input = /^inputs\.([\w-]+)$/.exec(t);
    if (input) {
      if (!inputs.has(input[1]!)) throw new Error(`action.yml uses an undeclared input: ${t}`);
      return inputs.get(input[1]!)!;
    }
    const step = /^steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))$/.exec(t);
    if (step) {
      const s = steps.get(step[1]!);
      return step[3] ? (s?.outputs.get(step[3]) ?? '') : (s?.outcome ?? '');
    }
    throw new Error(`the action test cannot evaluate "${t}"`);
  };
  const all = expression.split('&&').map((conjunct) => {
    const eq = conjunct.split('==');
    return eq.length === 2 ? String(value(eq[0]!) === value(eq[1]!)) : value(conjunct);
  });
  return all.length === 1 ? all[0]! : String(all.every((v) => v === 'true'));
}

function substitute(text: string, inputs: Map<string, string>, steps: Map<string, { outcome: string; outputs: Map<string, string> }>): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_m, e: string) => evaluate(e, inputs, steps));
}

function runAction(given: Record<string, string>, workspace: string, extraEnv: Record<string, string> = {}): ActionRun {
  const inputs = new Map(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));
  for (const [k, v] of Object.entries(given)) {
    if (!inputs.has(k)) throw new Error(`action.yml has no input "${k}"`);
    inputs.set(k, v);
  }
  const steps = new Map<string, { outcome: string; outputs: Map<string, string> }>();
  const runner = mkdtempSync(join(tmp, 'runner-'));
  const global = join(runner, 'global');
  let stdout = '';
  let stderr = '';
  let code = 0;
  const checked = new Map<string, string>();
  for (const [i, step] of action.runs.steps.entries()) {
    // A step without `if` runs only while every step before it succeeded (success()).
    if (step.if === undefined ? code !== 0 : evaluate(step.if, inputs, steps) !== 'true') continue;
    if (step.uses !== undefined) {
      const uses = step.uses.replace(/@.*/, '');
      if (uses === 'github/codeql-action/upload-sarif') checked.set('sarif', substitute(step.with?.['sarif_file'] ?? '', inputs, steps));
      else if (uses !== 'actions/setup-node') throw new Error(`the action test does not know ${step.uses}`);
      continue;
    }
    expect(step.shell, `step ${step.name}`).toBe('bash');
    const outputFile = join(runner, `output-${i}`);
    writeFileSync(outputFile, '');
    const env = cleanEnv({
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runner,
      npm_config_prefix: global,
      PATH: `${join(global, 'bin')}${delimiter}${cleanEnv()['PATH']}`,
      ...extraEnv,
    });
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, inputs, steps);
    const cwd = join(workspace, substitute(step['working-directory'] ?? '.', inputs, steps));
    // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
    const script = join(runner, `step-${i}.sh`);
    writeFileSync(script, substitute(step.run ?? '', inputs, steps));
    const r = sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], cwd, env);
    stdout += r.stdout;
    stderr += r.stderr;
    code = r.status ?? -1;
    const outputs = new Map(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]),
    );
    if (step.id) steps.set(step.id, { outcome: code === 0 ? 'success' : 'failure', outputs });
  }
  const outputs = new Map(Object.entries(action.outputs).map(([k, v]) => [k, substitute(v.value, inputs, steps)]));
  return { code, stdout, stderr, outputs, checked };
}

describe('action.yml (the GitHub Action), its steps run locally', () => {
  it('is a composite action whose inputs reach the scripts only through the environment', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  it('installs the packed CLI, uploads SARIF and fails the job on findings at error, with annotations', () => {
    const r = runAction({ paths: 'architecture', sarif: 'true' }, project);
    expect(r.stdout).toContain(`${manifest.version}\n`);
    expect(r.code, r.stderr).toBe(1);
    expect(r.outputs.get('exit-code')).toBe('1');
    expect(r.stdout).toMatch(/^::error file=architecture\/platform\.yaml,line=\d+/m);
    expect(r.checked.get('sarif')).toBe('./faultline.sarif');
    expect(r.outputs.get('plan-exit-code')).toBe('');
    const sarif = JSON.parse(readFileSync(join(project, 'faultline.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
  });

  it('passes with a baseline, a config and several paths, run from a working directory', () => {
    mkdirSync(join(project, 'repo/arch'), { recursive: true });
    cpSync(join(project, 'architecture'), join(project, 'repo/arch/shop'), { recursive: true });
    const files = ['arch/shop/services.yaml', 'arch/shop/platform.yaml', 'arch/shop/data.yaml', 'arch/shop/infra.yaml'];
    const baseline = npx(['lint', ...files, '--write-baseline', 'baseline.json'], join(project, 'repo'));
    expect(baseline.status, baseline.stderr).toBe(0);
    writeFileSync(join(project, 'repo/faultline.config.yaml'), 'rules:\n  retry-amplification: off\n');
    const r = runAction(
      { paths: `${files[0]}\n${files.slice(1).join(' ')}\n`, baseline: 'baseline.json', config: 'faultline.config.yaml', format: 'text', 'working-directory': 'repo' },
      project,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.outputs.get('exit-code')).toBe('0');
    expect(r.checked.has('sarif')).toBe(false);
  });

  it('with terraform-plan, puts the diff verdict in the job summary and fails the job on a plan that adds a SPOF', () => {
    cpSync(join(ROOT, 'fixtures/terraform/web-app'), join(project, 'infra'), { recursive: true });
    const summary = join(tmp, 'step-summary.md');
    writeFileSync(summary, '');
    const r = runAction({ paths: 'infra/journeys.yaml', 'terraform-plan': 'infra/plan.json', format: 'text' }, project, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stderr).toBe(1);
    expect(r.outputs.get('plan-exit-code')).toBe('1');
    const verdict = readFileSync(summary, 'utf8');
    expect(verdict).toContain('aws_db_instance.orders');
    expect(readFileSync(r.outputs.get('plan-report')!, 'utf8')).toBe(verdict);
    // lint read the plan beside the journeys: its findings are on the plan's lines.
    expect(r.stdout).toMatch(/infra\/plan\.json:\d+:\d+/);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it("runs the project's faultline on the paths given as args, when a YAML file changes", () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; pass_filenames: boolean }[];
    const hook = hooks.find((h) => h.id === 'faultline-lint')!;
    expect(hook.pass_filenames).toBe(false);
    expect(new RegExp(hook.files).test('architecture/services.yml')).toBe(true);
    const [command, ...args] = hook.entry.split(' ');
    const r = sh(command!, [...args, 'architecture/'], project);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('✖ 12 problems (2 errors, 10 warnings)');
  });
});
