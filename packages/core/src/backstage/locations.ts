/**
 * Location entities: the files a catalog is made of
 * =================================================
 *
 * A Backstage catalog is usually registered as one root `Location` whose
 * `spec.target`/`spec.targets` name more files (often more Locations). Core
 * reads no files: the loader returns every target it met (`LoadResult.
 * locations`), joined with the Location file's directory, and the CLI reads
 * the ones it has not read yet and loads again, until nothing new is named
 * (packages/cli/src/locations.ts). URL targets (`url:` Locations,
 * `https://…`) are reported here as not followed: faultline reads files.
 *
 * [Reference]: https://backstage.io/docs/features/software-catalog/descriptor-format#kind-location
 */
import type { Node, YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { nodeAt, type SourceFile } from '../load/yaml-source.js';
import { dirOf, isUrl, joinPath } from './placeholders.js';

/** A file a Location names, for the CLI to read. */
export interface LocationTarget {
  /** The Location's file, as the loader was given it. */
  readonly from: string;
  /** The target as written (`./components/*.yaml`). */
  readonly written: string;
  /** Joined with the Location file's directory, forward slashes; may hold glob characters. */
  readonly path: string;
  /** Where the target is written. */
  readonly at: SourceRange;
}

/**
 * The file targets of one Location document; URL targets become warnings.
 * @param js the document as plain data
 */
export function locationTargets(root: YAMLMap, js: Record<string, unknown>, file: SourceFile, warnings: Diagnostic[]): LocationTarget[] {
  const spec = js['spec'];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return [];
  const fields = spec as Record<string, unknown>;
  const written: { text: string; node: Node }[] = [];
  if (typeof fields['target'] === 'string') written.push({ text: fields['target'], node: nodeAt(root, ['spec', 'target']) });
  if (Array.isArray(fields['targets']))
    fields['targets'].forEach((t, i) => {
      if (typeof t === 'string') written.push({ text: t, node: nodeAt(root, ['spec', 'targets', i]) });
    });
  const type = typeof fields['type'] === 'string' ? fields['type'].trim().toLowerCase() : 'file';
  const out: LocationTarget[] = [];
  for (const { text, node } of written) {
    const at = file.range(node);
    const target = text.trim();
    if (type !== 'file' || isUrl(target)) {
      warnings.push({
        code: 'location',
        severity: 'warning',
        message: `Location target "${target}" not followed: ${type !== 'file' ? `a "${type}" Location` : 'a URL'}; faultline reads files only`,
        hint: 'clone or download the files it names, and pass them with the others',
        at,
      });
      continue;
    }
    if (target === '') continue;
    out.push({ from: file.file, written: target, path: joinPath(dirOf(file.file), target), at });
  }
  return out;
}
