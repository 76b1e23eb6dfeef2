/**
 * The catalog index: entities by ref, and ref resolution
 * ======================================================
 *
 * Resolves the refs an entity writes (`spec.dependsOn`, `consumesApis`…) to
 * the faultline ids they become, following Backstage's rules: the kind and
 * namespace compare case-insensitively, the namespace defaults to the
 * referring entity's, and a ref without a kind in `dependsOn` resolves when
 * exactly one Component or Resource has that name (Backstage itself wants
 * the kind there; faultline is lenient but never guesses between two). A
 * ref the catalog does not hold may name a component of a faultline
 * manifest loaded alongside (shared infrastructure described there).
 */
import type { Diagnostic } from '../diagnostics.js';
import type { ComponentId, SourceRange } from '../model.js';
import { closest } from '../suggest.js';
import { ANY_KIND, type CatalogEntity, type RefField } from './entity.js';
import { entityId, parseRef, refKey, shortRef } from './refs.js';
import { append } from '../arrays.js';

/** Entity kinds that become components. */
export const MODELLED_KINDS: ReadonlySet<string> = new Set(['component', 'resource']);

export class CatalogIndex {
  /** Every entity by `refKey`. */
  readonly byKey = new Map<string, CatalogEntity>();
  /** Entities that become components, by faultline id. */
  readonly modelled = new Map<ComponentId, CatalogEntity>();
  /** API `refKey` → the modelled entities that provide it. */
  readonly providers = new Map<string, CatalogEntity[]>();

  constructor(
    /** Ids defined by faultline manifests (with a kind). */
    readonly manifestIds: ReadonlySet<ComponentId>,
    /** Entities skipped with a warning (`refKey`, or `*:namespace/name` for a kind Backstage does not define): refs to them are silent. */
    readonly skipped: ReadonlyMap<string, SourceRange> = new Map(),
  ) {}

  /** Was the entity a ref names skipped (already reported once)? */
  wasSkipped(kind: string | undefined, namespace: string, name: string): boolean {
    const kinds = kind !== undefined ? [kind] : [...MODELLED_KINDS];
    return kinds.some((k) => this.skipped.has(refKey(k, namespace, name))) || this.skipped.has(refKey(ANY_KIND, namespace, name));
  }

  key(e: CatalogEntity): string {
    return refKey(e.kind, e.namespace, e.name);
  }

  /**
   * The ids a dependency ref stands for: one component, an API's providers,
   * or none (a library). Problems go to `out`; `role` names the field.
   */
  dependencyTargets(ref: RefField, from: CatalogEntity, role: string, out: Diagnostic[], warnings: Diagnostic[], defaultKind?: string): ComponentId[] {
    const parsed = parseRef(ref.text, from.namespace, defaultKind);
    if (typeof parsed === 'string') {
      warnings.push({
        code: 'skipped-input',
        severity: 'warning',
        message: `skipped ${parsed} in ${from.id}.${role}`,
        hint: 'refs are [kind:][namespace/]name, e.g. resource:orders-db',
        at: ref.at,
      });
      return [];
    }
    let entity: CatalogEntity | undefined;
    if (parsed.kind !== undefined) entity = this.byKey.get(refKey(parsed.kind, parsed.namespace, parsed.name));
    else {
      const found = [...MODELLED_KINDS].map((k) => this.byKey.get(refKey(k, parsed.namespace, parsed.name))).filter((e) => e !== undefined);
      if (found.length > 1) {
        out.push({
          code: 'unknown-id',
          message: `"${ref.text}" in ${from.id}.${role} is ambiguous: ${found.map((e) => e.ref).join(' and ')} both exist`,
          hint: `write the kind, e.g. ${shortRef(found[0]!.kind, parsed.namespace, parsed.name, from.namespace)}`,
          at: ref.at,
        });
        return [];
      }
      entity = found[0];
    }
    if (!entity) {
      const id = entityId(parsed.namespace, parsed.name);
      if ((parsed.kind === undefined || MODELLED_KINDS.has(parsed.kind)) && this.manifestIds.has(id)) return [id];
      // Skipped with its own warning: one root cause, said once.
      if (!this.wasSkipped(parsed.kind, parsed.namespace, parsed.name)) out.push(this.unknown(ref, from, role, parsed.kind));
      return [];
    }
    if (entity.kind === 'api') return this.providersOf(entity, from, ref, warnings);
    if (!MODELLED_KINDS.has(entity.kind)) {
      out.push({
        code: 'schema',
        message: `${from.id}.${role} names ${entity.ref}, a ${entity.kind}`,
        hint: 'only Components, Resources and APIs can be depended on; an API stands for its providers',
        at: ref.at,
      });
      return [];
    }
    return this.modelled.get(entity.id) === entity ? [entity.id] : [];
  }

  /** The API a `consumesApis`/`providesApis` ref names, or undefined (reported). */
  api(ref: RefField, from: CatalogEntity, role: string, out: Diagnostic[], warnings: Diagnostic[]): CatalogEntity | undefined {
    const parsed = parseRef(ref.text, from.namespace, 'api');
    if (typeof parsed === 'string') {
      warnings.push({ code: 'skipped-input', severity: 'warning', message: `skipped ${parsed} in ${from.id}.${role}`, hint: 'refs are [api:][namespace/]name', at: ref.at });
      return undefined;
    }
    const entity = this.byKey.get(refKey(parsed.kind!, parsed.namespace, parsed.name));
    if (!entity) {
      if (!this.wasSkipped(parsed.kind, parsed.namespace, parsed.name)) out.push(this.unknown(ref, from, role, parsed.kind));
      return undefined;
    }
    if (entity.kind !== 'api') {
      out.push({ code: 'schema', message: `${from.id}.${role} names ${entity.ref}, which is not an API`, hint: 'list API entities here', at: ref.at });
      return undefined;
    }
    return entity;
  }

  /**
   * The modelled entities providing an API, as ids, without `from` itself.
   * An API nobody provides is a warning naming the consumer and the API:
   * the dependency is real, but there is nothing in the catalog to fail.
   */
  providersOf(api: CatalogEntity, from: CatalogEntity, ref: RefField, warnings: Diagnostic[]): ComponentId[] {
    const providers = this.providers.get(this.key(api)) ?? [];
    if (providers.length === 0) {
      warnings.push({
        code: 'unprovided-api',
        severity: 'warning',
        message: `${from.id} consumes ${api.ref}, which no Component in the files given provides: no edge`,
        hint: `add the provider's "providesApis: [${shortRef('api', api.namespace, api.name, from.namespace)}]", or model the outside service in a faultline manifest`,
        at: ref.at,
      });
    }
    return providers.filter((p) => p !== from).map((p) => p.id);
  }

  private unknown(ref: RefField, from: CatalogEntity, role: string, kind: string | undefined): Diagnostic {
    const written = ref.text.trim();
    const candidates: string[] = [];
    for (const e of this.byKey.values()) {
      if (kind !== undefined ? e.kind !== kind : !MODELLED_KINDS.has(e.kind)) continue;
      const short = shortRef(e.kind, e.namespace, e.name, from.namespace);
      candidates.push(written.includes(':') ? short : short.slice(short.indexOf(':') + 1));
    }
    if (!written.includes(':')) append(candidates, this.manifestIds);
    const near = closest(written, candidates);
    return {
      code: 'unknown-id',
      message: `unknown entity "${written}" in ${from.id}.${role}`,
      hint: near !== undefined ? `did you mean "${near}"?` : 'add the entity to the catalog files given, or define its id in a faultline manifest',
      at: ref.at,
    };
  }
}
