/**
 * Merging layers into one component
 * =================================
 *
 * Layers come in order: within one input, what the input itself says, then
 * its annotations (or `x-faultline`); across inputs, the catalog's merged
 * layer, then the runtime input's (Kubernetes or compose); the overlay
 * entry last. Rules, chosen so that nothing anyone wrote is silently lost:
 *
 * - A value faultline derived (`Layer.derived`: a kind guessed from an
 *   image, replicas placed in a synthetic zone, the attributes of an edge
 *   found in an environment value) is replaced by a later layer that says
 *   otherwise; a derived value never replaces a written one. Replacing a
 *   derived `in` drops the `minHealthy` derived with it (a disruption budget
 *   counted against the replicas replaced).
 * - Between two inputs, the input authoritative for a field
 *   (`InputKind.authority`: Kubernetes and compose for `in` and
 *   `minHealthy`, the catalog for `kind`, `owner`, `description` and its
 *   tags) wins; the other's value, when written rather than derived, is a
 *   warning naming both places.
 * - Any other field set by two layers to different values is a `conflict`
 *   naming both places (the first value is kept, so later checks still
 *   run); `tags` conflict key by key.
 * - `monitors` and `aliases` are unions.
 * - `dependsOn`: an edge entry whose target is already an edge refines it
 *   (mode, timeouts… are added, a derived attribute replaced; two layers
 *   writing one attribute differently conflict), so an overlay saying
 *   `{ target: recs, mode: soft }` turns the catalog's hard edge soft
 *   instead of adding a second edge. A group (`anyOf`) absorbs another
 *   layer's plain edges to its members: the catalog can only say "depends
 *   on a and on b", the group says "on one of them". Anything else is
 *   appended.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { isDerived, layer, pathKey, sourceOf, type Layer } from './layer.js';

interface Entry {
  value: Record<string, unknown>;
  /** The layer and index the entry (or the edge it refines) came from. */
  origin: Layer;
  index: number;
  /** Which layer set each attribute, for conflicts. */
  attributeOrigin: Map<string, { layer: Layer; index: number }>;
  refined: boolean;
}

/** Where a value is: its layer and its path there. */
interface Place {
  readonly layer: Layer;
  readonly path: readonly PropertyKey[];
}

/** Where problems go: conflicts are errors, values ignored for another input's authority are warnings. */
interface Sinks {
  readonly out: Diagnostic[];
  readonly warnings: Diagnostic[] | undefined;
}

const UNIONS = new Set(['monitors', 'aliases']);

/**
 * Merges the layers of one component (in the order above) into one layer
 * whose positions, sources and derived marks follow the merged paths;
 * conflicts go to `out`, values overruled by another input's authority to
 * `warnings`.
 */
export function mergeLayers(id: string, layers: readonly Layer[], out: Diagnostic[], warnings?: Diagnostic[]): Layer {
  const sinks: Sinks = { out, warnings };
  const input = layers.every((l) => l.input === layers[0]?.input) ? layers[0]?.input : undefined;
  const merged = layer(layers[0]?.source ?? 'the catalog', input);
  const home = layers[0]?.keyAt.get(pathKey([]));
  if (home) merged.keyAt.set(pathKey([]), home);
  /** The layer each field (or `tags` key, by `pathKey`) was taken from. */
  const setBy = new Map<string, Layer>();
  const entries: Entry[] = [];
  for (const l of layers) {
    for (const [field, value] of l.fields) {
      if (field === 'dependsOn') continue;
      if (UNIONS.has(field)) union(merged, l, field, value as readonly string[]);
      else if (field === 'tags') mergeTags(id, merged, setBy, l, value as Record<string, unknown>, sinks);
      else mergeField(id, merged, setBy, l, field, value, sinks);
    }
    (l.fields.get('dependsOn') as readonly unknown[] | undefined)?.forEach((d, i) => addDependency(id, entries, l, i, d, sinks));
  }
  for (const [key, from] of setBy) {
    const path = key.split('\u0000');
    if (isDerived(from, path)) merged.derived.add(key);
  }
  if (entries.length > 0) {
    merged.fields.set(
      'dependsOn',
      entries.map((e) => (Object.keys(e.value).length === 1 && 'target' in e.value ? e.value['target'] : e.value)),
    );
    entries.forEach((e, j) => {
      copyPositions(e.origin, ['dependsOn', e.index], merged, ['dependsOn', j]);
      for (const [attribute, from] of e.attributeOrigin) {
        if (from.layer !== e.origin) copyPositions(from.layer, ['dependsOn', from.index, attribute], merged, ['dependsOn', j, attribute]);
        if (isDerived(from.layer, ['dependsOn', from.index, attribute])) merged.derived.add(pathKey(['dependsOn', j, attribute]));
      }
    });
  }
  return merged;
}

function mergeField(id: string, merged: Layer, setBy: Map<string, Layer>, l: Layer, field: string, value: unknown, sinks: Sinks): void {
  const first = setBy.get(field);
  if (first) {
    const before = merged.fields.get(field);
    if (settle(id, field, field, { layer: first, path: [field] }, before, { layer: l, path: [field] }, value, sinks) === 'keep') return;
    // A derived placement replaced by another: the budget counted against those replicas goes with it.
    const other = !sameValue(before, value);
    if (other && field === 'in' && setBy.get('minHealthy') === first && isDerived(first, ['minHealthy']) && !l.fields.has('minHealthy')) {
      merged.fields.delete('minHealthy');
      setBy.delete('minHealthy');
      dropPositions(merged, ['minHealthy']);
    }
    dropPositions(merged, [field]);
  }
  merged.fields.set(field, value);
  setBy.set(field, l);
  copyPositions(l, [field], merged, [field]);
}

/**
 * Decides between two values of one field: keep the first, or replace it
 * with the second. Reports what cannot be decided (a conflict) and what one
 * input's authority overrules (a warning).
 * @param field how messages name the field (`tags.system`, `dependsOn web.mode`)
 * @param key the field's `pathKey` in `InputKind.authority`
 */
function settle(id: string, field: string, key: string, first: Place, a: unknown, second: Place, b: unknown, sinks: Sinks): 'keep' | 'replace' {
  const derivedA = isDerived(first.layer, first.path);
  const derivedB = isDerived(second.layer, second.path);
  if (sameValue(a, b)) return derivedA && !derivedB ? 'replace' : 'keep';
  const inputA = first.layer.input;
  const inputB = second.layer.input;
  if (inputA && inputB && inputA !== inputB) {
    const rulesA = inputA.authority.has(key);
    const rulesB = inputB.authority.has(key);
    if (rulesA !== rulesB) {
      const [winner, loser, kept, lost] = rulesA ? [first, second, a, b] : [second, first, b, a];
      if (!isDerived(loser.layer, loser.path)) sinks.warnings?.push(overruled(id, field, winner, kept, loser, lost));
      return rulesA ? 'keep' : 'replace';
    }
  }
  if (derivedA && !derivedB) return 'replace';
  // A written value against a derived one, or two derived values (the first input's stays).
  if (derivedB) return 'keep';
  sinks.out.push(conflict(id, field, first, a, second, b));
  return 'keep';
}

function addDependency(id: string, entries: Entry[], l: Layer, index: number, raw: unknown, sinks: Sinks): void {
  const value: Record<string, unknown> = typeof raw === 'string' ? { target: raw } : { ...(raw as Record<string, unknown>) };
  if (Array.isArray(value['anyOf'])) {
    const members = new Set(value['anyOf'] as string[]);
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k]!;
      if (e.origin !== l && !e.refined && members.has(e.value['target'] as string)) entries.splice(k, 1);
    }
    entries.push({ value, origin: l, index, attributeOrigin: new Map(Object.keys(value).map((k) => [k, { layer: l, index }])), refined: false });
    return;
  }
  const existing = entries.find((e) => e.origin !== l && e.value['target'] === value['target']);
  if (!existing) {
    entries.push({ value, origin: l, index, attributeOrigin: new Map(Object.keys(value).map((k) => [k, { layer: l, index }])), refined: false });
    return;
  }
  existing.refined = true;
  for (const [attribute, v] of Object.entries(value)) {
    if (attribute === 'target') continue;
    const before = existing.attributeOrigin.get(attribute);
    if (before && before.layer !== l) {
      const first = { layer: before.layer, path: ['dependsOn', before.index, attribute] };
      const second = { layer: l, path: ['dependsOn', index, attribute] };
      if (settle(id, `dependsOn ${String(value['target'])}.${attribute}`, '', first, existing.value[attribute], second, v, sinks) === 'keep') continue;
    }
    existing.value[attribute] = v;
    existing.attributeOrigin.set(attribute, { layer: l, index });
  }
}

function union(merged: Layer, l: Layer, field: string, values: readonly string[]): void {
  const list = (merged.fields.get(field) as string[] | undefined) ?? [];
  if (!merged.fields.has(field)) {
    merged.fields.set(field, list);
    copyPositions(l, [field], merged, [field], false);
  }
  values.forEach((v, i) => {
    if (list.includes(v)) return;
    copyPositions(l, [field, i], merged, [field, list.length]);
    list.push(v);
  });
}

function mergeTags(id: string, merged: Layer, setBy: Map<string, Layer>, l: Layer, tags: Record<string, unknown>, sinks: Sinks): void {
  const into = (merged.fields.get('tags') as Record<string, unknown> | undefined) ?? {};
  if (!merged.fields.has('tags')) {
    merged.fields.set('tags', into);
    copyPositions(l, ['tags'], merged, ['tags'], false);
  }
  for (const [key, value] of Object.entries(tags)) {
    const path = ['tags', key];
    const first = setBy.get(pathKey(path));
    if (first) {
      // Tag values are compared as text (`tier: 1` and `tier: "1"` agree).
      const same = String(into[key]) === String(value);
      if (settle(id, `tags.${key}`, pathKey(path), { layer: first, path }, into[key], { layer: l, path }, same ? into[key] : value, sinks) === 'keep') continue;
      dropPositions(merged, path);
    }
    Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
    setBy.set(pathKey(path), l);
    copyPositions(l, path, merged, path);
  }
}

/**
 * Copies the positions of `from[fromPath…]` (the value, everything under it
 * when `nested`, and its key) to `to[toPath…]`, with the sources that name
 * them in messages.
 */
function copyPositions(from: Layer, fromPath: readonly PropertyKey[], to: Layer, toPath: readonly PropertyKey[], nested = true): void {
  const prefix = pathKey(fromPath);
  const target = pathKey(toPath);
  copyPrefixed(from.at, to.at, prefix, target, nested);
  copyPrefixed(from.keyAt, to.keyAt, prefix, target, nested);
  copyPrefixed(from.fieldSource, to.fieldSource, prefix, target, nested);
  to.fieldSource.set(target, sourceOf(from, fromPath));
  // A value without a place of its own (the catalog's tag backstage) is where its layer puts it.
  if (!to.at.has(target) && !to.keyAt.has(target)) to.keyAt.set(target, where(from, fromPath));
}

function copyPrefixed<T>(source: ReadonlyMap<string, T>, into: Map<string, T>, prefix: string, target: string, nested: boolean): void {
  for (const [key, value] of source) {
    if (key === prefix) into.set(target, value);
    else if (nested && key.startsWith(`${prefix}\u0000`)) into.set(target + key.slice(prefix.length), value);
  }
}

/** Forgets the positions and sources at `path` and under it (a value replaced). */
function dropPositions(l: Layer, path: readonly PropertyKey[]): void {
  const prefix = pathKey(path);
  for (const map of [l.at, l.keyAt, l.fieldSource]) {
    for (const key of [...map.keys()]) if (key === prefix || key.startsWith(`${prefix}\u0000`)) map.delete(key);
  }
}

/** How messages name where a value is; between inputs, an annotation says whose (`annotation faultline.dev/in on the catalog (component:default/api)`). */
function nameOf(place: Place): string {
  const named = sourceOf(place.layer, place.path);
  return place.layer.input && named !== place.layer.source ? `${named} on ${place.layer.source}` : named;
}

function conflict(id: string, field: string, first: Place, a: unknown, second: Place, b: unknown): Diagnostic {
  return {
    code: 'conflict',
    message: `${id}: ${field} is ${show(b)} in ${nameOf(second)} but ${show(a)} in ${nameOf(first)}`,
    hint: 'say it in one place, or make both say the same',
    at: where(second.layer, second.path),
    related: [where(first.layer, first.path)],
  };
}

/** A written value another input's authority overrules. */
function overruled(id: string, field: string, winner: Place, kept: unknown, loser: Place, lost: unknown): Diagnostic {
  const input = winner.layer.input!.name;
  const overridable = isDerived(winner.layer, winner.path) && field !== 'kind';
  return {
    code: 'conflict',
    severity: 'warning',
    message: `${id}: ${field} is ${show(lost)} in ${nameOf(loser)} but ${show(kept)} in ${nameOf(winner)}; ${input} decides ${field}, so ${show(lost)} is ignored`,
    hint: overridable
      ? `to override what ${input} says, write it in an overlay entry (a manifest entry without "kind") or in ${winner.layer.input!.refinedIn}`
      : `remove it from ${sourceOf(loser.layer, loser.path)}, or make both say the same`,
    at: where(loser.layer, loser.path),
    related: [where(winner.layer, winner.path)],
  };
}

/** Where a layer sets the value at `path`: its key, else the value, else the layer's own place. */
function where(l: Layer, path: readonly PropertyKey[]): SourceRange {
  for (let p = [...path]; ; p = p.slice(0, -1)) {
    const at = l.keyAt.get(pathKey(p)) ?? l.at.get(pathKey(p));
    if (at || p.length === 0) return at ?? { file: '', line: 1, col: 1, endLine: 1, endCol: 1 };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : canonical(v);
}
