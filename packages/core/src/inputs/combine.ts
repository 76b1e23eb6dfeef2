/**
 * Every input's components, with the overlay, as one set of components
 * ====================================================================
 *
 * Each input (a Backstage catalog, Kubernetes objects, compose files)
 * describes components as layers (layer.ts). Once every file is read,
 * `combineInputs` turns them, with the faultline manifests' own components
 * and the overlay entries (manifest entries without `kind`), into the
 * resolver's raw components:
 *
 * 1. a component of a faultline manifest keeps its id to itself: another
 *    input describing the same id is a `duplicate-id` error naming both
 *    places, unless that input only made the id up (a zone named on a
 *    Namespace, a synthetic zone or host), which the manifest then defines;
 * 2. the descriptions of one id by different inputs merge into one
 *    component (merge.ts): a catalog entity and the Deployment or compose
 *    service with its id are one component, each input authoritative for
 *    its own fields; two runtime inputs (Kubernetes and compose) describing
 *    one id are a `duplicate-id` error;
 * 3. the overlay entry with the id refines the result; one that names
 *    nothing is an error with a "did you mean" over every input's ids;
 * 4. a synthetic component nothing is placed in any more (every workload
 *    in the synthetic zone placed elsewhere by an overlay) is dropped with
 *    its warning; the components the inputs made up come last.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, ComponentRef, SourceRange, Suppression } from '../model.js';
import type { RawComponent } from '../load/resolve.js';
import { didYouMean } from '../suggest.js';
import { append } from '../arrays.js';
import type { Layer } from './layer.js';
import { mergeLayers } from './merge.js';
import { overlayLayer, unmatchedOverlay, type OverlayEntry } from './overlay.js';
import { toRawComponent } from './synthetic.js';

/** One input's description of one component. */
export interface Description {
  readonly id: ComponentId;
  /** Where the input defines it (an entity's `metadata.name`, a service's key). */
  readonly at: SourceRange;
  /** How messages name it with its input: `Backstage entity component:default/cart`, `Kubernetes StatefulSet redis-cart`. */
  readonly what: string;
  /** What the input says, its own layers merged; `layer.input` says which input. */
  readonly layer: Layer;
  /** `# faultline-ignore` comments written on it. */
  readonly suppressions?: readonly Suppression[];
  /** How the input names it (`statefulset/redis-cart`, `component:default/cart`), for faults and searches by ref. */
  readonly refs?: readonly ComponentRef[];
  /**
   * Set for a component the input made up for an id it only names (a zone
   * of `faultline.dev/zones`, the synthetic zone or host): a manifest may
   * define the id instead. A synthetic one is kept only while something is
   * placed in it, with the warning `warning` gives for what is placed there.
   */
  readonly madeUp?: {
    readonly synthetic: boolean;
    readonly warning?: (placed: readonly { id: ComponentId; at: SourceRange }[]) => Diagnostic | undefined;
  };
}

/** How an unmatched overlay entry's message names each input's components. */
const COMPONENT_WORDS: ReadonlyMap<string, string> = new Map([
  ['Backstage', 'Backstage entity'],
  ['Kubernetes', 'Kubernetes workload'],
  ['docker compose', 'compose service'],
]);

export interface Combined {
  /** Every raw component, the manifests' and the other inputs', in file order. */
  readonly raw: RawComponent[];
  /** Every id that is defined (for "unknown id" checks). */
  readonly defined: Set<ComponentId>;
}

/**
 * @param manifests the faultline manifests' own components (with `kind`)
 * @param manifestIds where each manifest id is defined
 * @param descriptions every other input's descriptions, catalog first
 * @param files every file, in the order given (for ordering)
 */
export function combineInputs(
  manifests: readonly RawComponent[],
  manifestIds: ReadonlyMap<ComponentId, SourceRange>,
  descriptions: readonly Description[],
  overlays: readonly OverlayEntry[],
  files: readonly string[],
  errors: Diagnostic[],
  warnings: Diagnostic[],
): Combined {
  const defined = new Set(manifestIds.keys());
  const result = [...manifests];
  if (descriptions.length === 0 && overlays.length === 0) return { raw: result, defined };

  const byId = new Map<ComponentId, Description[]>();
  for (const d of descriptions) {
    const manifest = manifestIds.get(d.id);
    if (manifest) {
      if (!d.madeUp)
        errors.push({
          code: 'duplicate-id',
          message: `"${d.id}" is defined twice (${d.what} and a faultline manifest)`,
          hint: 'remove "kind" from the manifest entry to add fields to it instead',
          at: d.at,
          related: [manifest],
        });
      continue;
    }
    const list = byId.get(d.id) ?? [];
    list.push(d);
    byId.set(d.id, list);
  }

  const overlayById = new Map<ComponentId, OverlayEntry>();
  const unmatched: OverlayEntry[] = [];
  for (const entry of overlays) {
    const previous = overlayById.get(entry.id);
    if (!byId.has(entry.id)) unmatched.push(entry);
    else if (previous) errors.push({ code: 'duplicate-id', message: `"${entry.id}" has two overlay entries`, hint: 'merge them into one', at: entry.at, related: [previous.at] });
    else overlayById.set(entry.id, entry);
  }

  const madeUp: { raw: RawComponent; description: Description }[] = [];
  for (const [id, all] of byId) {
    const group = oneRuntime(all, errors);
    defined.add(id);
    // The catalog's layer first, the runtime input's second; the component is where it runs.
    const ordered = [...group.filter((d) => !d.layer.input?.runtime), ...group.filter((d) => d.layer.input?.runtime)];
    let merged =
      ordered.length === 1
        ? ordered[0]!.layer
        : mergeLayers(
            id,
            ordered.map((d) => d.layer),
            errors,
            warnings,
          );
    const overlay = overlayById.get(id);
    const overlaid = overlay ? overlayLayer(overlay, errors) : undefined;
    if (overlaid) merged = mergeLayers(id, [merged, overlaid], errors, warnings);
    const home = ordered.at(-1)!;
    const component = toRawComponent(id, home.at, merged, errors);
    if (!component) continue;
    const suppressions: Suppression[] = [];
    for (const d of group) if (d.suppressions) append(suppressions, d.suppressions);
    if (overlay?.suppressions) append(suppressions, overlay.suppressions);
    // A component several inputs describe answers to the names each gives it.
    const refs: ComponentRef[] = [];
    for (const d of group) if (d.refs) append(refs, d.refs);
    const raw = { ...component, ...(refs.length > 0 ? { refs } : {}), ...(suppressions.length > 0 ? { suppressions } : {}) };
    if (group.every((d) => d.madeUp)) madeUp.push({ raw, description: home });
    else result.push(raw);
  }
  const ids = [...byId.keys()];
  const inputs = [...new Set(descriptions.map((d) => d.layer.input?.name ?? ''))].map((name) => COMPONENT_WORDS.get(name) ?? `${name} component`);
  for (const entry of unmatched) {
    defined.add(entry.id);
    const salvaged = unmatchedOverlay(entry, inputs, errors, (id) => didYouMean(id, ids));
    if (salvaged) result.push(salvaged);
  }
  const order = new Map(files.map((f, i) => [f, i]));
  result.sort((a, b) => (order.get(a.at.file) ?? 1e9) - (order.get(b.at.file) ?? 1e9) || a.at.line - b.at.line || a.at.col - b.at.col);
  // Made-up components last, in the order their inputs made them.
  keepUsed(madeUp, result, defined, warnings);
  return { raw: result, defined };
}

/** The descriptions of one id, with at most one from a runtime input (the others are duplicate-id errors); made-up ones yield to real ones. */
function oneRuntime(all: readonly Description[], errors: Diagnostic[]): Description[] {
  const real = all.some((d) => !d.madeUp) ? all.filter((d) => !d.madeUp) : all.slice(0, 1);
  const out: Description[] = [];
  let runtime: Description | undefined;
  for (const d of real) {
    if (d.layer.input?.runtime) {
      if (runtime) {
        errors.push({
          code: 'duplicate-id',
          message: `"${d.id}" is defined twice (${d.what} and ${runtime.what})`,
          hint:
            runtime.layer.input === d.layer.input
              ? 'rename one of them'
              : `one component runs from one place: pass the ${runtime.layer.input!.name} files or the ${d.layer.input!.name} files, or rename one`,
          at: d.at,
          related: [runtime.at],
        });
        continue;
      }
      runtime = d;
    }
    out.push(d);
  }
  return out;
}

/** Keeps the made-up components something is still placed in, each with its warning; the others are left out. */
function keepUsed(madeUp: readonly { raw: RawComponent; description: Description }[], result: RawComponent[], defined: Set<ComponentId>, warnings: Diagnostic[]): void {
  if (madeUp.length === 0) return;
  const placed = new Map<ComponentId, { id: ComponentId; at: SourceRange }[]>();
  for (const r of result) {
    const where = r.value.in;
    const domains = where === undefined ? [] : typeof where === 'string' ? [where] : Array.isArray(where) ? where : Object.keys(where);
    for (const d of domains) {
      const list = placed.get(d) ?? [];
      list.push({ id: r.id, at: r.at });
      placed.set(d, list);
    }
  }
  for (const { raw, description } of madeUp) {
    const users = placed.get(raw.id) ?? [];
    if (users.length === 0 && description.madeUp?.synthetic) {
      defined.delete(raw.id);
      continue;
    }
    const warning = users.length > 0 ? description.madeUp?.warning?.(users) : undefined;
    if (warning) warnings.push(warning);
    result.push(raw);
  }
}
