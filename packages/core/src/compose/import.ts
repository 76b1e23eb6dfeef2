/**
 * `faultline import compose`: compose files → one native manifest
 * ===============================================================
 *
 * For teams that want to leave the compose format (or keep a manifest next
 * to it): the files are loaded exactly as every command loads them, then
 * written as one `faultline/v1` manifest whose comments cite the service
 * each component came from. The synthetic host stays, with a TODO: compose
 * names no zones, the manifest is where to say them.
 */
import { loadForImport, type ImportResult } from '../inputs/import.js';
import type { ManifestSource } from '../load/loader.js';
import { manifestText } from '../backstage/manifest-text.js';
import { HOST_KIND } from './reader.js';

export interface ComposeImport extends ImportResult {
  /** Components that came from compose services. */
  readonly fromCompose: number;
}

/** Loads compose files (with any manifest given alongside) and writes them as one manifest. */
export function importCompose(sources: readonly ManifestSource[]): ComposeImport {
  const loaded = loadForImport(sources, (c) => c.tags.get('compose')?.includes('/') === true, {
    message: 'no docker compose service in the files given',
    hint: 'pass compose files (compose.yaml, docker-compose.yml) with a "services:" map',
    file: 'compose.yaml',
  });
  if (!loaded.model) return { diagnostics: loaded.diagnostics, warnings: loaded.warnings, components: 0, fromCompose: 0 };
  const { model, components, fromInput: services } = loaded;
  // The manifest is named after the compose project, as `docker compose ls` names it.
  const project = services[0]!.tags.get('compose')!.split('/')[0]!;
  const text = manifestText(
    { ...model, name: project },
    {
      header: [
        `Written by "faultline import compose" from ${sources.map((s) => s.path).join(', ')}.`,
        'Each component cites the compose service it came from (also kept in tags.compose).',
        'Compose names no zones: every service runs on one synthetic host; replace it with your zones (see the TODO).',
      ],
      commentFor: (c) => {
        const origin = c.tags.get('compose');
        if (!origin) return [];
        if (c.isDomain && c.kind === HOST_KIND)
          return [`synthetic host of compose project ${origin} (${c.at.file}:${c.at.line})`, 'TODO: replace with the zones or hosts the services run in'];
        return [`service ${origin} (${c.at.file}:${c.at.line})`];
      },
    },
  );
  return { text, diagnostics: [], warnings: loaded.warnings, components: components.length, fromCompose: services.length };
}
