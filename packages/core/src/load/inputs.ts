/**
 * Other inputs: readers of formats that are not faultline manifests
 * =================================================================
 *
 * Users describe what runs in files they already have (Kubernetes objects,
 * docker compose files). A reader recognises its documents by their
 * content, reads each one as the loader meets it, and once every file is
 * read hands over components in the resolver's terms (`RawComponent`, with a
 * position for every value, so that findings point at the source file). The
 * loader checks their ids against every other input's; a `shared` component
 * (a region or zone that Terraform and a manifest may both define) gives way
 * to the manifest's. Backstage catalogs
 * predate this interface and are read by `backstage/catalog.ts`.
 */
import type { YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { RawComponent } from './resolve.js';
import type { SourceFile } from './yaml-source.js';
import { KubernetesReader } from '../kubernetes/reader.js';
import { ComposeReader } from '../compose/reader.js';
import { TerraformReader, type TerraformOptions } from '../terraform/reader.js';

export interface InputReader {
  /** How messages name the input: `Kubernetes`, `docker compose`. */
  readonly name: string;
  /** True when a document (already known not to be a faultline manifest or a Backstage entity) is this reader's. */
  recognises(document: Record<string, unknown>, path: string): boolean;
  /**
   * Reads one recognised document. Problems that make any answer wrong go to
   * `errors` (the run stops, exit 2); what is skipped while the rest is read
   * goes to `warnings` (`severity: 'warning'`), each at its file:line:col.
   */
  addDocument(root: YAMLMap, document: Record<string, unknown>, file: SourceFile, errors: Diagnostic[], warnings: Diagnostic[], found: boolean): void;
  /** Once every file is read: the components this input describes. */
  components(errors: Diagnostic[], warnings: Diagnostic[]): readonly RawComponent[];
}

/** What the readers are told: Terraform's plan side and mapping rows. */
export interface InputOptions {
  readonly terraform?: TerraformOptions;
}

/** A fresh reader of each input kind, for one load. */
export function inputReaders(options: InputOptions = {}): InputReader[] {
  return [new KubernetesReader(), new ComposeReader(), new TerraformReader(options.terraform)];
}
