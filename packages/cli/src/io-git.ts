/**
 * IO from git: the base version of manifests
 * ==========================================
 *
 * io.ts's companion for the one thing faultline reads outside the working
 * tree (and the only module that runs a process).
 *
 * `faultline diff --git <ref> <paths…>` compares the working tree with the
 * same paths at `ref` (`origin/main` in a pull request's CI job). The files
 * are read from git's object store (`git ls-tree` for the names, one
 * `git cat-file --batch` for the contents), so the working tree, the index
 * and HEAD are never touched. git runs with argument arrays, never through
 * a shell, and a ref that looks like an option is refused. Paths are taken
 * relative to the working directory, as for every other command, and
 * mapped to the repository root; a directory means the same manifests as
 * `readSources` finds on disk (*.yaml and *.yml, and *.json that is Terraform's, recursively, no dot
 * directories, no node_modules, no config or scenario files), in the same
 * order, under the same display paths, so base and head name files alike.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { looksLikeTerraformJson, type ManifestSource } from '@faultline/core';
import { display, NOT_MANIFESTS, UsageError } from './io.js';

/** Enough for any repository's listing and manifests. */
const MAX_BUFFER = 512 * 1024 * 1024;
/** Paths are paths, not patterns; messages in English, so they can be recognised. */
const ENV = { ...process.env, GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' };

/** The manifests under `paths` as they are at `ref`; empty when none of the paths existed there. */
export function readGitSources(ref: string, paths: readonly string[], cwd: string): ManifestSource[] {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`"${ref}" is not a git ref`, 'e.g. --git origin/main');
  const root = realpathSync(gitOut(['rev-parse', '--show-toplevel'], cwd).trim());
  const commit = gitOut(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, () => {
    throw new UsageError(
      `unknown git ref "${ref}"`,
      `fetch it first, e.g. "git fetch origin ${ref.replace(/^origin\//, '')}" (in GitHub Actions: actions/checkout with fetch-depth: 0)`,
    );
  }).trim();
  const here = realpathSync(cwd);
  const wanted: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const inRepo = repoPath(p, here, root);
    for (const file of listManifests(commit, inRepo, root)) {
      if (seen.has(file)) continue;
      seen.add(file);
      wanted.push(file);
    }
  }
  const texts = catFiles(commit, wanted, root);
  const named = new Set(paths.map((p) => repoPath(p, here, root)));
  // As on disk: JSON found in a directory is read only when it is Terraform's.
  return wanted
    .map((file, i) => ({ file, path: display(join(root, ...file.split('/')), here), text: texts[i]! }))
    .filter((s) => named.has(s.file) || !s.file.endsWith('.json') || looksLikeTerraformJson(s.text))
    .map(({ path, text }) => ({ path, text }));
}

/** A path given on the command line, relative to the repository root with `/`, or '' for the root. */
function repoPath(p: string, cwd: string, root: string): string {
  let abs = isAbsolute(p) ? p : resolve(cwd, p);
  try {
    abs = realpathSync(abs);
  } catch {
    // Not in the working tree (deleted by the change): the path as written.
  }
  const rel = relative(root, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`"${p}" is outside the git repository ${root}`, 'give paths inside the repository');
  return rel.split(sep).join('/');
}

/** The manifest blobs at or under `path`, in the order `readSources` reads a directory (files first, then subdirectories, by name). */
function listManifests(commit: string, path: string, root: string): string[] {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit, ...(path === '' ? [] : ['--', path])];
  const files: string[] = [];
  for (const entry of gitOut(args, root).split('\0')) {
    const m = /^(\d+) blob [0-9a-f]+\t(.*)$/s.exec(entry);
    if (!m || m[1] === '120000' || m[1] === '160000' || m[2]!.includes('\n')) continue;
    const file = m[2]!;
    if (file === path) {
      files.push(file); // a file named explicitly is read whatever its name
      continue;
    }
    const below = path === '' ? file : file.slice(path.length + 1);
    const parts = below.split('/');
    const name = parts[parts.length - 1]!;
    if (parts.some((s) => s.startsWith('.') || s === 'node_modules')) continue;
    if (/\.(ya?ml|json)$/.test(name) && !NOT_MANIFESTS.test(name)) files.push(file);
  }
  return files.sort(walkOrder);
}

/** Depth-first by name, a directory's files before its subdirectories (io.ts's walk). */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; ; i++) {
    if (x[i] === y[i]) continue;
    const xFile = i === x.length - 1;
    const yFile = i === y.length - 1;
    if (xFile !== yFile) return xFile ? -1 : 1;
    return x[i]! < y[i]! ? -1 : 1;
  }
}

/** The contents of blobs `commit:path`, in one `git cat-file --batch`. */
function catFiles(commit: string, files: readonly string[], root: string): string[] {
  if (files.length === 0) return [];
  const r = spawnSync('git', ['cat-file', '--batch'], { cwd: root, env: ENV, input: files.map((f) => `${commit}:${f}\n`).join(''), maxBuffer: MAX_BUFFER });
  if (r.error || r.status !== 0) throw new UsageError(`git cat-file failed: ${firstLine(r.stderr?.toString() ?? r.error?.message ?? '')}`);
  const out = r.stdout;
  const texts: string[] = [];
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString();
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) throw new UsageError(`git cat-file could not read "${file}" at ${commit.slice(0, 12)}: ${header}`);
    const size = Number(m[1]);
    texts.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return texts;
}

/** Runs git and returns its stdout; a failure is a usage error (or `onFail`'s). */
function gitOut(args: readonly string[], cwd: string, onFail?: () => never): string {
  const r = spawnSync('git', args, { cwd, env: ENV, encoding: 'utf8', maxBuffer: MAX_BUFFER });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? '--git needs git, which is not installed or not on the PATH' : `git failed: ${r.error.message}`,
      'install git, or compare two paths: faultline diff base.yaml head.yaml',
    );
  }
  if (r.status === 0) return r.stdout;
  if (onFail) onFail();
  if (/not a git repository/i.test(r.stderr)) {
    throw new UsageError(`--git needs a git repository, and ${cwd} is not inside one`, 'run faultline in your checkout, or compare two paths: faultline diff base.yaml head.yaml');
  }
  throw new UsageError(`git ${args[0]} failed: ${firstLine(r.stderr)}`);
}

function firstLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')[0]
      ?.replace(/^(fatal|error): /, '') ?? ''
  );
}
