/**
 * What every `faultline import <input>` does first
 * ================================================
 *
 * Load the files given (with any manifest beside them) and check that they
 * hold something of the input being imported: a Backstage catalog, a
 * Kubernetes cluster or a compose project. Each importer then writes its own
 * manifest text with `manifestText`, commenting where each component came
 * from.
 */
import { type Diagnostic, fileStart } from '../diagnostics.js';
import { loadManifests, type LoadOptions, type ManifestSource } from '../load/loader.js';
import type { Component, Model } from '../model.js';

/** The loaded model and the components that came from the input, or why there is nothing to import. */
export type ImportLoad =
  | { readonly model: Model; readonly components: readonly Component[]; readonly fromInput: readonly Component[]; readonly warnings: readonly Diagnostic[] }
  | { readonly model?: undefined; readonly diagnostics: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

/** What every importer returns; each adds its own counts. */
export interface ImportResult {
  /** The manifest, when the sources loaded. */
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
  /** What was skipped while loading. */
  readonly warnings: readonly Diagnostic[];
  /** Components written. */
  readonly components: number;
}

/** What to say when the files hold nothing of the input: `no Kubernetes workload in the files given`. */
export interface NothingToImport {
  readonly message: string;
  readonly hint: string;
  /** The file named when no source is given. */
  readonly file: string;
}

/** Loads the sources; `fromInput` tells the components that came from the input being imported. */
export function loadForImport(sources: readonly ManifestSource[], fromInput: (c: Component) => boolean, nothing: NothingToImport, options: LoadOptions = {}): ImportLoad {
  const loaded = loadManifests(sources, options);
  const none = {
    diagnostics: [{ code: 'not-a-manifest', message: nothing.message, hint: nothing.hint, at: fileStart(sources[0]?.path ?? nothing.file) }] as const,
    warnings: loaded.warnings,
  };
  // No component at all: the importer's own words say better what was expected.
  if (!loaded.model) return loaded.diagnostics.every((d) => d.code === 'no-components') ? none : { diagnostics: loaded.diagnostics, warnings: loaded.warnings };
  const components = [...loaded.model.components.values()];
  const from = components.filter(fromInput);
  if (from.length === 0) return none;
  return { model: loaded.model, components, fromInput: from, warnings: loaded.warnings };
}
