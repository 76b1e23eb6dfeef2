/**
 * Overlay entries → layers
 * ========================
 *
 * An overlay is an ordinary faultline manifest listed beside a catalog. A
 * component in it that has no `kind` and whose id is a catalog entity's id
 * adds fields to that entity (placements, `critical`, soft edges, groups…)
 * instead of defining a component. The loader hands such entries over
 * unvalidated; they are checked here with the component schema minus
 * `kind`, and an entry that matches no entity gets the diagnostics a
 * manifest component without `kind` always got.
 */
import type { Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, SourceRange } from '../model.js';
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
}

const OverlaySchema = ComponentSchema.omit({ kind: true });

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
 * What a manifest component without `kind` gets when no catalog entity has
 * its id: the diagnostics it always got, and (as the loader does for any
 * invalid component) its other fields kept, so their references are still
 * checked in this pass.
 */
export function unmatchedOverlay(entry: OverlayEntry, entityIds: readonly ComponentId[], out: Diagnostic[], suggest: (id: string) => string | undefined): RawComponent | undefined {
  const parsed = ComponentSchema.safeParse(entry.value, { reportInput: true });
  if (parsed.success) return undefined;
  const found = issueDiagnostics(parsed.error.issues, entry.node, entry.file, ['components', entry.id]);
  const near = entityIds.length > 0 ? suggest(entry.id) : undefined;
  out.push(
    ...found.map((d) =>
      entityIds.length > 0 && d.message.startsWith('missing required field "kind"')
        ? {
            ...d,
            message: `${entry.id} has no "kind" and no catalog entity has this id`,
            hint: near ?? 'add "kind", or use the id of a Backstage Component or Resource to add fields to it',
          }
        : d,
    ),
  );
  const rest = ComponentSchema.safeParse({ ...(entry.value as object), kind: 'unknown' });
  return rest.success ? { id: entry.id, at: entry.at, value: rest.data, node: entry.node, file: entry.file } : undefined;
}
