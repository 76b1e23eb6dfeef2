/**
 * Overlay entries → layers
 * ========================
 *
 * An overlay is an ordinary faultline manifest listed beside other inputs
 * (a Backstage catalog, Kubernetes objects, a compose file). A component in
 * it that has no `kind` and whose id is a component of those inputs adds
 * fields to that component (placements, `critical`, soft edges, groups…)
 * instead of defining one. The loader hands such entries over unvalidated;
 * they are checked here with the component schema minus `kind`, and an
 * entry that matches nothing gets the diagnostics a manifest component
 * without `kind` always got, with a "did you mean" over the other inputs'
 * ids.
 */
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, SourceRange, Suppression } from '../model.js';
import type { RawComponent } from '../load/resolve.js';
import { ComponentSchema } from '../schema.js';
import type { SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { layer, pathKey, recordPositions, type Layer } from './layer.js';
import { append } from '../arrays.js';

/** A manifest component without `kind`, as the loader found it. */
export interface OverlayEntry {
  readonly id: ComponentId;
  /** The id's key. */
  readonly at: SourceRange;
  readonly node: Node;
  /** The entry as plain data. */
  readonly value: unknown;
  readonly file: SourceFile;
  /** `# faultline-ignore` comments written on the entry. */
  readonly suppressions?: readonly Suppression[];
}

const OverlaySchema = ComponentSchema.omit({ kind: true });

/** Is this manifest component a possible overlay entry (no `kind`)? */
export function isOverlayEntry(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Object.hasOwn(value, 'kind');
}

/** The overlay entry as a layer, or undefined (with diagnostics) when it is invalid. */
export function overlayLayer(entry: OverlayEntry, out: Diagnostic[]): Layer | undefined {
  const parsed = OverlaySchema.safeParse(entry.value, { reportInput: true });
  if (!parsed.success) {
    append(out, issueDiagnostics(parsed.error.issues, entry.node, entry.file, ['components', entry.id]));
    return undefined;
  }
  const result = layer(`the overlay (${entry.file.file})`);
  for (const [field, value] of Object.entries(parsed.data)) if (value !== undefined) result.fields.set(field, value);
  recordPositions(entry.node, [], entry.file, result);
  result.keyAt.set(pathKey([]), entry.at);
  return result;
}

/**
 * What a manifest component without `kind` gets when no other input has
 * its id: the diagnostics it always got (worded for overlays when other
 * inputs were given, with a "did you mean" over their ids), and, as the
 * loader does for any invalid component, its other fields kept, so their
 * references are still checked in this pass.
 * @param inputs how messages name the other inputs given (`Backstage entity`, `Kubernetes workload`); none: a plain manifest
 */
export function unmatchedOverlay(entry: OverlayEntry, inputs: readonly string[], out: Diagnostic[], suggest: (id: string) => string | undefined): RawComponent | undefined {
  const parsed = ComponentSchema.safeParse(entry.value, { reportInput: true });
  if (parsed.success) return undefined;
  const found = issueDiagnostics(parsed.error.issues, entry.node, entry.file, ['components', entry.id]);
  const near = inputs.length > 0 ? suggest(entry.id) : undefined;
  for (const d of found) {
    if (inputs.length === 0 || !d.message.startsWith('missing required field "kind"')) {
      out.push(d);
      continue;
    }
    out.push({
      ...d,
      message: `${entry.id} has no "kind", and no ${orList(inputs)} has this id`,
      hint: near ?? `add "kind" to define a component, or use the id of a ${orList(inputs)} to add fields to it`,
    });
  }
  const rest = ComponentSchema.safeParse({ ...(entry.value as object), kind: 'unknown' });
  return rest.success ? { id: entry.id, at: entry.at, value: rest.data, node: entry.node, file: entry.file } : undefined;
}

function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
