/**
 * Backstage entity refs
 * =====================
 *
 * `[<kind>:][<namespace>/]<name>`, as Backstage's `parseEntityRef` reads
 * them: the kind and the namespace are optional (the namespace defaults to
 * the *referring* entity's, the kind to the field's default), and the whole
 * ref compares case-insensitively (Backstage stores refs lowercased). A
 * component's faultline id is the entity's name in the `default` namespace
 * and `<namespace>.<name>` elsewhere, so ids stay valid faultline ids.
 *
 * [Reference]: https://backstage.io/docs/features/software-catalog/references
 */

/** The namespace an entity without `metadata.namespace` lives in. */
export const DEFAULT_NAMESPACE = 'default';

/** A ref taken apart; `kind` is undefined when the text has none and no default applies. */
export interface EntityRef {
  /** Lowercase. */
  readonly kind?: string;
  /** Lowercase. */
  readonly namespace: string;
  /** As written. */
  readonly name: string;
}

/**
 * Parses a ref; returns a message when it is malformed.
 * @param defaultKind the kind a field implies (`api` for `consumesApis`), if any
 * @param defaultNamespace the referring entity's namespace
 */
export function parseRef(text: string, defaultNamespace: string, defaultKind?: string): EntityRef | string {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon >= 0 ? trimmed.slice(0, colon) : defaultKind;
  const rest = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  if (kind === '' || namespace === '' || name === '' || name.includes('/') || name.includes(':')) {
    return `"${text}" is not an entity ref`;
  }
  return { ...(kind !== undefined ? { kind: kind.toLowerCase() } : {}), namespace: namespace.toLowerCase(), name };
}

/** The lookup key of an entity: `kind:namespace/name`, lowercased like Backstage's stored refs. */
export function refKey(kind: string, namespace: string, name: string): string {
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/** Backstage's canonical string for a ref: `component:default/checkout`. */
export function stringifyRef(kind: string, namespace: string, name: string): string {
  return `${kind.toLowerCase()}:${namespace.toLowerCase()}/${name}`;
}

/** The faultline id of an entity: `name` in the default namespace, `namespace.name` elsewhere. */
export function entityId(namespace: string, name: string): string {
  const ns = namespace.toLowerCase();
  return ns === DEFAULT_NAMESPACE ? name : `${ns}.${name}`;
}

/** How a ref to `kind:namespace/name` is written from an entity in `from`: the shortest form Backstage reads back. */
export function shortRef(kind: string, namespace: string, name: string, from: string): string {
  const ns = namespace.toLowerCase();
  return `${kind.toLowerCase()}:${ns === from.toLowerCase() ? '' : `${ns}/`}${name}`;
}
