/**
 * Backstage catalogs as faultline input
 * =====================================
 *
 * The loader hands every `backstage.io/…` document and every manifest
 * component without `kind` (a possible overlay entry) to a `Catalog`; once
 * all files are read, `resolve` turns the catalog into the loader's raw
 * components, merged with the manifests' own:
 *
 * 1. index the entities by ref; Components and Resources become components
 *    (`spec.type` → kind, see kinds.ts), unless their type is build-time
 *    (`library`, `documentation`) and no `faultline.dev/kind` says otherwise;
 * 2. turn `spec.dependsOn`, `consumesApis` (→ every provider of the API)
 *    and other entities' `dependencyOf` into hard edges, the System and its
 *    Domain into tags, `owner` and `description` into fields;
 * 3. add the `faultline.dev/…` annotations and the overlay entry with the
 *    same id, merged (merge.ts), and hand the result to the resolver with a
 *    position for every value in the file that wrote it.
 *
 * [Reference]: https://backstage.io/docs/features/software-catalog/descriptor-format
 */
import type { LineCounter, YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { readSuppressions } from '../lint/suppression-comments.js';
import type { ComponentId, SourceRange, Suppression } from '../model.js';
import type { RawComponent } from '../load/resolve.js';
import { didYouMean } from '../suggest.js';
import type { SourceFile } from '../load/yaml-source.js';
import { annotationLayer } from './annotations.js';
import { readEntity, type CatalogEntity, type RefField } from './entity.js';
import { CatalogIndex, MODELLED_KINDS } from './index-entities.js';
import { kindForType, NOT_RUNTIME_TYPES } from './kinds.js';
import { layer, pathKey, type Layer } from './layer.js';
import { mergeLayers } from './merge.js';
import { overlayLayer, unmatchedOverlay, type OverlayEntry } from './overlay.js';
import { entityId, parseRef, refKey } from './refs.js';
import { toRawComponent } from './synthetic.js';
import { locationTargets, type LocationTarget } from './locations.js';
import { append } from '../arrays.js';

/** `backstage.io/v1alpha1`, and the other `*.backstage.io/*` groups (`scaffolder.backstage.io/v1beta3` templates). */
export function isBackstageApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && /^([a-z0-9-]+\.)*backstage\.io\/[A-Za-z0-9]+$/.test(apiVersion);
}

/** Is this manifest component a possible overlay entry (no `kind`)? */
export function isOverlayEntry(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !Object.hasOwn(value, 'kind');
}

/** What `resolve` adds to the loader's work. */
export interface CatalogResolution {
  /** Every raw component, manifests' and catalog's, in file order. */
  readonly raw: RawComponent[];
  /** Every id that is defined (for "unknown id" checks). */
  readonly defined: Set<ComponentId>;
}

/** Collects catalog documents and overlay entries while the loader reads files. */
export class Catalog {
  private readonly entities: CatalogEntity[] = [];
  /** The file targets of every Location read, in order (for the CLI to follow). */
  readonly locations: LocationTarget[] = [];
  /** Entities skipped with a warning, by `refKey`: refs to them are silent. */
  private readonly skipped = new Map<string, SourceRange>();
  private readonly overlays: OverlayEntry[] = [];
  private readonly suppressions = new Map<ComponentId, Suppression[]>();
  private commented = 0;

  /** @param types the user's `spec.type` → kind rows (faultline.config.yaml `backstage.types`) */
  constructor(private readonly types?: ReadonlyMap<string, string>) {}

  /** Reads one `backstage.io/…` document. */
  addDocument(root: YAMLMap, js: Record<string, unknown>, file: SourceFile, out: Diagnostic[], warnings: Diagnostic[]): void {
    const entity = readEntity(root, js, file, out, warnings, this.skipped);
    if (entity) this.entities.push(entity);
    if (entity?.kind === 'location') append(this.locations, locationTargets(root, js, file, warnings));
  }

  /**
   * Reads the `# faultline-ignore` comments of the entities read since the
   * last call (one file's), written on or directly above `metadata.name`.
   */
  readSuppressions(text: string, lines: LineCounter, path: string): void {
    const anchors = this.entities
      .slice(this.commented)
      .filter((e) => MODELLED_KINDS.has(e.kind))
      .map((e) => ({ id: e.id, line: e.at.line, col: e.at.col }));
    this.commented = this.entities.length;
    const nameLine = new Map(anchors.map((a) => [a.id, a.line]));
    for (const [id, found] of readSuppressions(text, lines, path, anchors)) {
      // Only on the name's line or above it: a comment deeper in the document may belong to the next one.
      const kept = found.filter((s) => s.at.line <= nameLine.get(id)!);
      if (kept.length > 0) this.suppressions.set(id, kept);
    }
  }

  /** Keeps a manifest component without `kind` until every entity is known. */
  addOverlay(entry: OverlayEntry): void {
    this.overlays.push(entry);
  }

  /**
   * Merges the catalog into the manifests' raw components.
   * @param firstSeen ids defined by manifests, with where
   * @param files every file, in the order given (for ordering)
   */
  resolve(raw: readonly RawComponent[], firstSeen: ReadonlyMap<ComponentId, SourceRange>, files: readonly string[], out: Diagnostic[], warnings: Diagnostic[]): CatalogResolution {
    const defined = new Set(firstSeen.keys());
    if (this.entities.length === 0 && this.overlays.length === 0) return { raw: [...raw], defined };
    const index = this.index(firstSeen, out, warnings);
    const overlays = this.overlaysById(index, out);
    const incoming = this.incomingEdges(index, out, warnings);
    const result = [...raw];
    for (const [id, entity] of index.modelled) {
      defined.add(id);
      const layers = [this.catalogLayer(entity, index, incoming.get(id) ?? [], out, warnings), annotationLayer(entity.annotations, entity.file, out)];
      const overlay = overlays.byId.get(id);
      if (overlay) {
        const l = overlayLayer(overlay, out);
        if (l) layers.push(l);
      }
      const component = toRawComponent(id, entity.at, mergeLayers(id, layers, out), out);
      const suppressions = this.suppressions.get(id);
      const refs = [{ input: 'backstage' as const, kind: entity.kind, namespace: entity.namespace, name: entity.name }];
      if (component) result.push({ ...component, refs, ...(suppressions ? { suppressions } : {}) });
    }
    const ids = [...index.modelled.keys()];
    for (const entry of overlays.unmatched) {
      defined.add(entry.id);
      const salvaged = unmatchedOverlay(entry, ids, out, (id) => didYouMean(id, ids));
      if (salvaged) result.push(salvaged);
    }
    const order = new Map(files.map((f, i) => [f, i]));
    result.sort((a, b) => (order.get(a.at.file) ?? 1e9) - (order.get(b.at.file) ?? 1e9) || a.at.line - b.at.line || a.at.col - b.at.col);
    return { raw: result, defined };
  }

  /** Indexes entities; duplicates and misplaced annotations are reported. */
  private index(firstSeen: ReadonlyMap<ComponentId, SourceRange>, out: Diagnostic[], warnings: Diagnostic[]): CatalogIndex {
    const index = new CatalogIndex(new Set(firstSeen.keys()), this.skipped);
    for (const e of this.entities) {
      const key = index.key(e);
      const previous = index.byKey.get(key);
      if (previous && !MODELLED_KINDS.has(e.kind)) {
        // A Location pasted twice, a Group synced by two providers: the first is kept, nothing is lost.
        warnings.push({
          code: 'duplicate-id',
          severity: 'warning',
          message: `skipped a second ${e.ref}: the entity is defined twice; the first is read`,
          hint: 'Backstage compares kinds, namespaces and names case-insensitively; remove one',
          at: e.at,
          related: [previous.at],
        });
        continue;
      }
      if (previous) {
        out.push({
          code: 'duplicate-id',
          message: `entity ${e.ref} is defined twice`,
          hint: 'Backstage compares kinds, namespaces and names case-insensitively; remove one',
          at: e.at,
          related: [previous.at],
        });
        continue;
      }
      index.byKey.set(key, e);
      const annotated = e.annotations.some((a) => a.name === 'kind');
      if (!MODELLED_KINDS.has(e.kind) || (NOT_RUNTIME_TYPES.has((e.type ?? '').toLowerCase()) && !annotated)) {
        for (const a of e.annotations) {
          out.push({
            code: 'schema',
            message: `faultline.dev/${a.name} on ${e.ref}, which is not modelled`,
            hint: MODELLED_KINDS.has(e.kind) ? `a ${e.type} is build-time; add "faultline.dev/kind" to model it` : 'faultline reads these annotations on Components and Resources',
            at: a.keyAt,
          });
        }
        continue;
      }
      const clash = index.modelled.get(e.id);
      const manifest = firstSeen.get(e.id);
      if (clash || manifest) {
        out.push({
          code: 'duplicate-id',
          message: `"${e.id}" is defined twice (${e.ref}${clash ? ` and ${clash.ref}` : ' and a faultline manifest'})`,
          hint: manifest ? 'remove "kind" from the manifest entry to add fields to the entity instead' : 'rename one of the entities',
          at: e.at,
          related: [clash?.at ?? manifest!],
        });
        continue;
      }
      index.modelled.set(e.id, e);
    }
    for (const e of index.modelled.values()) {
      for (const ref of e.providesApis) {
        const api = index.api(ref, e, 'spec.providesApis', out, warnings);
        if (!api) continue;
        const list = index.providers.get(index.key(api)) ?? [];
        if (!list.includes(e)) list.push(e);
        index.providers.set(index.key(api), list);
      }
    }
    return index;
  }

  /** Overlay entries by id; a second entry for an entity is a duplicate, a second unmatched one stays unmatched. */
  private overlaysById(index: CatalogIndex, out: Diagnostic[]): { byId: Map<ComponentId, OverlayEntry>; unmatched: OverlayEntry[] } {
    const byId = new Map<ComponentId, OverlayEntry>();
    const unmatched: OverlayEntry[] = [];
    for (const entry of this.overlays) {
      const previous = byId.get(entry.id);
      if (!index.modelled.has(entry.id)) unmatched.push(entry);
      else if (previous) out.push({ code: 'duplicate-id', message: `"${entry.id}" has two overlay entries`, hint: 'merge them into one', at: entry.at, related: [previous.at] });
      else byId.set(entry.id, entry);
    }
    return { byId, unmatched };
  }

  /** `dependencyOf` turned around: target id → edges other entities declare for it. */
  /** `dependencyOf` turned around, and `subcomponentOf` (the parent needs its part): target id → edges other entities declare for it. */
  private incomingEdges(index: CatalogIndex, out: Diagnostic[], warnings: Diagnostic[]): Map<ComponentId, { target: ComponentId; at: SourceRange }[]> {
    const incoming = new Map<ComponentId, { target: ComponentId; at: SourceRange }[]>();
    const add = (dependent: ComponentId, target: ComponentId, at: SourceRange): void => {
      if (!index.modelled.has(dependent)) return;
      const list = incoming.get(dependent) ?? [];
      list.push({ target, at });
      incoming.set(dependent, list);
    };
    for (const e of index.modelled.values()) {
      for (const ref of e.dependencyOf) for (const dependent of index.dependencyTargets(ref, e, 'spec.dependencyOf', out, warnings)) add(dependent, e.id, ref.at);
      if (e.subcomponentOf)
        for (const parent of index.dependencyTargets(e.subcomponentOf, e, 'spec.subcomponentOf', out, warnings, 'component')) add(parent, e.id, e.subcomponentOf.at);
    }
    return incoming;
  }

  /** What the entity itself says, as a layer. */
  private catalogLayer(e: CatalogEntity, index: CatalogIndex, incoming: readonly { target: ComponentId; at: SourceRange }[], out: Diagnostic[], warnings: Diagnostic[]): Layer {
    const l = layer(`the catalog (${e.ref})`);
    l.keyAt.set(pathKey([]), e.at);
    l.fields.set('kind', kindForType(e.kind, e.type ?? '', this.types));
    if (e.description !== undefined) l.fields.set('description', e.description);
    if (e.owner !== undefined) l.fields.set('owner', e.owner);
    const tags = new Map<string, string>();
    const system = e.system ? this.system(e.system, e, index) : undefined;
    if (system) tags.set('system', system.system);
    if (system?.domain) tags.set('domain', system.domain);
    if (e.lifecycle !== undefined) tags.set('lifecycle', e.lifecycle);
    tags.set('backstage', e.ref);
    l.fields.set('tags', Object.fromEntries(tags));
    for (const [path, field] of [
      [['kind'], 'type'],
      [['description'], 'description'],
      [['owner'], 'owner'],
      [['tags', 'system'], 'system'],
      [['tags', 'domain'], 'system'],
      [['tags', 'lifecycle'], 'lifecycle'],
    ] as const) {
      const at = e.fieldAt.get(field);
      if (at) l.keyAt.set(pathKey(path), at);
    }

    const edges: { target: ComponentId; at: SourceRange }[] = [];
    const add = (target: ComponentId, at: SourceRange): void => {
      if (target !== e.id && !edges.some((x) => x.target === target)) edges.push({ target, at });
    };
    for (const ref of e.dependsOn) for (const t of index.dependencyTargets(ref, e, 'spec.dependsOn', out, warnings)) add(t, ref.at);
    for (const ref of e.consumesApis) {
      const api = index.api(ref, e, 'spec.consumesApis', out, warnings);
      if (api) for (const t of index.providersOf(api, e, ref, warnings)) add(t, ref.at);
    }
    for (const x of incoming) add(x.target, x.at);
    if (edges.length > 0)
      l.fields.set(
        'dependsOn',
        edges.map((x) => x.target),
      );
    edges.forEach((x, i) => l.at.set(pathKey(['dependsOn', i]), x.at));
    return l;
  }

  /** The System's id and its Domain's, as tags; a System missing from the catalog keeps its ref's name. */
  private system(ref: RefField, from: CatalogEntity, index: CatalogIndex): { system: string; domain?: string } | undefined {
    const parsed = parseRef(ref.text, from.namespace, 'system');
    if (typeof parsed === 'string') return undefined;
    const system = index.byKey.get(refKey(parsed.kind!, parsed.namespace, parsed.name));
    if (!system) return { system: entityId(parsed.namespace, parsed.name) };
    const domain = system.domain ? parseRef(system.domain.text, system.namespace, 'domain') : undefined;
    if (!domain || typeof domain === 'string') return { system: system.id };
    return { system: system.id, domain: index.byKey.get(refKey('domain', domain.namespace, domain.name))?.id ?? entityId(domain.namespace, domain.name) };
  }
}
