/**
 * Following Backstage Locations
 * =============================
 *
 * Core reads no files, so the loader hands back the file targets of every
 * Location it read (`LoadResult.locations`). Here they are followed: each
 * target not read yet (a file, a glob such as `./components/*.yaml`, or a
 * directory) is read through io.ts and the whole set is loaded again, until
 * nothing new is named. Files reached this way are treated like files found
 * in a directory (a stranger among them is skipped with a warning).
 * Missing targets, cycles and targets outside the working directory and
 * the directories given (never read: a catalog must not make faultline read
 * ~/.ssh) are warnings; the walk is bounded
 * (`MAX_LOCATION_FILES` files, `MAX_LOCATION_ROUNDS` rounds), so a hostile
 * catalog cannot make it run away.
 */
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { loadManifests, sortDiagnostics, type Diagnostic, type LoadOptions, type LoadResult, type LocationTarget, type ManifestSource } from '@faultline/core';

/** The file primitives the walk needs (io.ts passes its own: only io.ts touches files). */
export interface LocationFiles {
  pathKind(path: string): 'directory' | 'file' | undefined;
  readText(path: string): string;
  expandGlob(pattern: string, limit: number): string[];
  hasGlob(text: string): boolean;
  yamlFilesUnder(dir: string): string[];
  display(abs: string, cwd: string): string;
}

/** At most this many files are read, given and followed together. */
export const MAX_LOCATION_FILES = 10_000;
/** At most this many rounds of "load, follow the new targets" (a chain of Locations this deep). */
export const MAX_LOCATION_ROUNDS = 64;

/** A load, with every file it read (the ones given, then the ones Locations named). */
export interface FollowedLoad extends LoadResult {
  readonly sources: readonly ManifestSource[];
}

/** Loads the sources, following Location targets until no new file is named. */
export function loadFollowingLocations(sources: readonly ManifestSource[], cwd: string, fs: LocationFiles, options: LoadOptions = {}): FollowedLoad {
  const { display, expandGlob, hasGlob, pathKind, readText, yamlFilesUnder } = fs;
  const all = [...sources];
  const absolute = (path: string): string => (isAbsolute(path) ? resolve(path) : resolve(cwd, path));
  const have = new Set(all.map((s) => absolute(s.path)));
  // Targets are followed inside the working directory and the directories of the files given, never above:
  // a catalog from a pull request must not make faultline read ~/.ssh.
  const roots = [resolve(cwd), ...new Set(all.map((s) => dirname(absolute(s.path))))];
  const inside = (abs: string): boolean => roots.some((r) => abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep));
  const extra: Diagnostic[] = [];
  const judged = new Set<string>();
  const edges: { from: string; to: string; target: LocationTarget }[] = [];
  let capped = false;

  const follow = (targets: readonly LocationTarget[]): boolean => {
    let added = false;
    for (const t of targets) {
      const key = `${t.at.file}:${t.at.line}:${t.at.col}`;
      if (judged.has(key)) continue;
      judged.add(key);
      const abs = absolute(t.path);
      if (!inside(abs)) {
        extra.push({
          code: 'location',
          severity: 'warning',
          message: `Location target "${t.written}" not followed: ${display(abs, cwd)} is outside the working directory and the directories given`,
          hint: 'run faultline from a directory that holds the whole catalog, or pass that file too',
          at: t.at,
        });
        continue;
      }
      const kind = hasGlob(t.path) ? 'glob' : pathKind(abs);
      const files = kind === 'glob' ? expandGlob(abs, MAX_LOCATION_FILES) : kind === 'directory' ? yamlFilesUnder(abs) : kind === 'file' ? [abs] : [];
      if (files.length === 0) {
        extra.push({
          code: 'location',
          severity: 'warning',
          message: `Location target "${t.written}" not followed: ${kind === 'glob' ? 'it matches no file' : kind === 'directory' ? 'the directory holds no .yaml or .yml file' : `no such file (${display(abs, cwd)})`}`,
          hint: 'fix the path, or remove the target',
          at: t.at,
        });
        continue;
      }
      for (const f of files) {
        edges.push({ from: absolute(t.from), to: f, target: t });
        if (have.has(f)) continue;
        if (all.length >= MAX_LOCATION_FILES) {
          if (!capped)
            extra.push({
              code: 'location',
              severity: 'warning',
              message: `stopped following Locations at ${MAX_LOCATION_FILES} files; the rest of "${t.written}" and later targets are not read`,
              hint: 'pass the catalog directory instead, or a smaller part of it',
              at: t.at,
            });
          capped = true;
          break;
        }
        let text: string;
        try {
          text = readText(f);
        } catch (error) {
          extra.push({
            code: 'location',
            severity: 'warning',
            message: `Location target "${t.written}" not followed: cannot read ${display(f, cwd)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
            at: t.at,
          });
          continue;
        }
        have.add(f);
        all.push({ path: display(f, cwd), text, found: true });
        added = true;
      }
    }
    return added;
  };

  let loaded = loadManifests(all, options);
  for (let round = 1; follow(loaded.locations); round++) {
    loaded = loadManifests(all, options);
    if (round === MAX_LOCATION_ROUNDS) {
      const last = loaded.locations.at(-1);
      if (last)
        extra.push({
          code: 'location',
          severity: 'warning',
          message: `stopped following Locations after ${MAX_LOCATION_ROUNDS} levels of Locations naming Locations`,
          hint: 'pass the catalog directory instead',
          at: last.at,
        });
      break;
    }
  }
  for (const cycle of cycles(edges)) {
    const self = cycle.to === absolute(cycle.target.from);
    extra.push({
      code: 'location',
      severity: 'warning',
      message: `Location target "${cycle.target.written}" ${self ? 'names its own file' : `leads back to ${display(cycle.to, cwd)}, which leads here`}: a cycle; each file is read once`,
      hint: 'remove the target that points back',
      at: cycle.target.at,
    });
  }
  if (extra.length === 0) return { ...loaded, sources: all };
  return {
    ...loaded,
    warnings: sortDiagnostics(
      [...loaded.warnings, ...extra],
      all.map((s) => s.path),
    ),
    sources: all,
  };
}

/** The edges that close a cycle (back edges of a depth-first walk in file order), once each. */
function cycles(edges: readonly { from: string; to: string; target: LocationTarget }[]): { to: string; target: LocationTarget }[] {
  const out = new Map<LocationTarget, { to: string; target: LocationTarget }>();
  const next = new Map<string, { to: string; target: LocationTarget }[]>();
  for (const e of edges) {
    const list = next.get(e.from) ?? [];
    list.push(e);
    next.set(e.from, list);
  }
  const state = new Map<string, 'open' | 'done'>();
  for (const start of next.keys()) {
    if (state.has(start)) continue;
    const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = next.get(top.node) ?? [];
      if (top.i >= list.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const e = list[top.i++]!;
      const s = state.get(e.to);
      if (s === 'open') out.set(e.target, { to: e.to, target: e.target });
      else if (s === undefined) {
        state.set(e.to, 'open');
        stack.push({ node: e.to, i: 0 });
      }
    }
  }
  return [...out.values()];
}
