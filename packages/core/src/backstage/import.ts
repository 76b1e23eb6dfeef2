/**
 * `faultline import backstage`: a catalog → one native manifest
 * ============================================================
 *
 * For teams that want to leave Backstage's format: the catalog (with its
 * annotations and any overlay or manifest given alongside) is loaded exactly
 * as every command loads it, then written as one `faultline/v1` manifest
 * whose comments cite the entity each component came from and mark, with
 * `# TODO: in:`, every component whose placement nobody has written yet.
 */
import { loadForImport, type ImportResult } from '../inputs/import.js';
import type { LoadOptions, ManifestSource } from '../load/loader.js';
import type { ComponentId } from '../model.js';
import { manifestText } from './manifest-text.js';
import { plural } from '../words.js';

export interface BackstageImport extends ImportResult {
  /** Components that came from catalog entities. */
  readonly fromCatalog: number;
  /** Components (not domains) with no placement: a `# TODO: in:` each. */
  readonly unplaced: readonly ComponentId[];
}

/**
 * Loads catalogs (and overlays) and writes them as one manifest.
 * @param options the load options every command uses (the config's `backstage.types` rows)
 */
export function importBackstage(sources: readonly ManifestSource[], options: LoadOptions = {}): BackstageImport {
  const loaded = loadForImport(
    sources,
    (c) => c.tags.has('backstage'),
    {
      message: 'no Backstage Component or Resource in the files given',
      hint: 'pass catalog files (apiVersion: backstage.io/v1alpha1), e.g. catalog-info.yaml',
      file: 'catalog-info.yaml',
    },
    options,
  );
  if (!loaded.model) return { diagnostics: loaded.diagnostics, warnings: loaded.warnings, components: 0, fromCatalog: 0, unplaced: [] };
  const { model, components } = loaded;
  const fromCatalog = loaded.fromInput.length;
  const unplaced = components.filter((c) => !c.isDomain && c.placements.length === 0).map((c) => c.id);
  const text = manifestText(model, {
    header: [
      `Written by "faultline import backstage" from ${sources.map((s) => s.path).join(', ')}.`,
      'Each component cites the catalog entity it came from (also kept in tags.backstage).',
      unplaced.length > 0
        ? `Backstage does not say where things run: ${plural(unplaced.length, 'component')} still need${unplaced.length === 1 ? 's' : ''} "in:" (see the TODOs).`
        : 'Every component has a placement.',
    ],
    commentFor: (c) => {
      const lines: string[] = [];
      const ref = c.tags.get('backstage');
      if (ref) lines.push(`${ref} (${c.at.file}:${c.at.line})`);
      if (!c.isDomain && c.placements.length === 0) lines.push(`TODO: in: [<zone or region ids>] (where ${c.id} runs; placements let faultline see shared fate)`);
      return lines;
    },
  });
  return { text, diagnostics: [], warnings: loaded.warnings, components: components.length, fromCatalog, unplaced };
}
