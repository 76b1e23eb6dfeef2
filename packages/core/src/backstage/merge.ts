/**
 * Merging layers into one component
 * =================================
 *
 * The catalog's layer comes first, then the annotations', then the
 * overlay's. Rules, chosen so that nothing anyone wrote is silently lost:
 *
 * - `kind`: an annotation overrides the kind mapped from `spec.type` (that is
 *   what `faultline.dev/kind` is for).
 * - any other field set by two layers to different values is a `conflict`
 *   naming both places (the first value is kept, so later checks still run);
 *   `tags` conflict key by key.
 * - `monitors` and `aliases` are unions.
 * - `dependsOn`: an edge entry whose target is already an edge refines it
 *   (mode, timeouts… are added; two layers giving one attribute different
 *   values conflict), so an overlay saying `{ target: recs, mode: soft }`
 *   turns the catalog's hard edge soft instead of adding a second edge. A
 *   group (`anyOf`) absorbs the catalog's plain edges to its members: the
 *   catalog can only say "depends on a and on b", the group says "on one
 *   of them". Anything else is appended.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import { layer, pathKey, type Layer } from './layer.js';

interface Entry {
  value: Record<string, unknown>;
  /** The layer and index the entry (or the edge it refines) came from. */
  origin: Layer;
  index: number;
  /** Which layer set each attribute, for conflicts. */
  attributeOrigin: Map<string, { layer: Layer; index: number }>;
  refined: boolean;
}

const UNIONS = new Set(['monitors', 'aliases']);

/**
 * Merges the layers of one component (catalog first) into one layer whose
 * positions follow the merged paths; conflicts go to `out`.
 */
export function mergeLayers(id: string, layers: readonly Layer[], out: Diagnostic[]): Layer {
  const merged = layer(layers[0]?.source ?? 'the catalog');
  const setBy = new Map<string, Layer>();
  const entries: Entry[] = [];
  for (const l of layers) {
    for (const [field, value] of l.fields) {
      if (field === 'dependsOn') continue;
      if (UNIONS.has(field)) union(merged, l, field, value as readonly string[]);
      else if (field === 'tags') mergeTags(id, merged, setBy, l, value as Record<string, unknown>, out);
      else {
        const first = setBy.get(field);
        if (first && !(field === 'kind' && l !== layers[0] && first === layers[0])) {
          if (!sameValue(merged.fields.get(field), value)) out.push(conflict(id, field, first, l, merged.fields.get(field), value));
          continue;
        }
        merged.fields.set(field, value);
        setBy.set(field, l);
        copyPositions(l, [field], merged, [field]);
      }
    }
    (l.fields.get('dependsOn') as readonly unknown[] | undefined)?.forEach((d, i) => addDependency(id, entries, l, i, d, layers[0]!, out));
  }
  if (entries.length > 0) {
    merged.fields.set(
      'dependsOn',
      entries.map((e) => (Object.keys(e.value).length === 1 && 'target' in e.value ? e.value['target'] : e.value)),
    );
    entries.forEach((e, j) => copyPositions(e.origin, ['dependsOn', e.index], merged, ['dependsOn', j]));
  }
  return merged;
}

function addDependency(id: string, entries: Entry[], l: Layer, index: number, raw: unknown, catalog: Layer, out: Diagnostic[]): void {
  const value: Record<string, unknown> = typeof raw === 'string' ? { target: raw } : { ...(raw as Record<string, unknown>) };
  if (Array.isArray(value['anyOf'])) {
    const members = new Set(value['anyOf'] as string[]);
    for (let k = entries.length - 1; k >= 0; k--) {
      const e = entries[k]!;
      if (e.origin === catalog && !e.refined && members.has(e.value['target'] as string)) entries.splice(k, 1);
    }
    entries.push({ value, origin: l, index, attributeOrigin: new Map(), refined: false });
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
    if (before && before.layer !== l && !sameValue(existing.value[attribute], v)) {
      out.push(
        conflictAt(
          id,
          `dependsOn ${String(value['target'])}.${attribute}`,
          'dependsOn',
          where(before.layer, ['dependsOn', before.index, attribute]),
          before.layer,
          where(l, ['dependsOn', index, attribute]),
          l,
          existing.value[attribute],
          v,
        ),
      );
      continue;
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

function mergeTags(id: string, merged: Layer, setBy: Map<string, Layer>, l: Layer, tags: Record<string, unknown>, out: Diagnostic[]): void {
  const into = (merged.fields.get('tags') as Record<string, unknown> | undefined) ?? {};
  merged.fields.set('tags', into);
  for (const [key, value] of Object.entries(tags)) {
    const first = setBy.get(`tags\u0000${key}`);
    if (first) {
      if (String(into[key]) !== String(value)) out.push(conflict(id, `tags.${key}`, first, l, into[key], value, ['tags', key]));
      continue;
    }
    Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
    setBy.set(`tags\u0000${key}`, l);
    copyPositions(l, ['tags', key], merged, ['tags', key]);
  }
}

/** Copies the positions of `from[fromPath…]` (the value, everything under it and its key) to `to[toPath…]`. */
function copyPositions(from: Layer, fromPath: readonly PropertyKey[], to: Layer, toPath: readonly PropertyKey[], nested = true): void {
  const prefix = pathKey(fromPath);
  const target = pathKey(toPath);
  for (const [source, into] of [
    [from.at, to.at],
    [from.keyAt, to.keyAt],
  ] as const) {
    for (const [key, at] of source) {
      if (key === prefix) into.set(target, at);
      else if (nested && key.startsWith(`${prefix}\u0000`)) into.set(target + key.slice(prefix.length), at);
    }
  }
  const named = from.fieldSource.get(String(fromPath[0]));
  if (named && toPath.length === 1) to.fieldSource.set(String(toPath[0]), named);
}

function conflict(id: string, field: string, first: Layer, second: Layer, a: unknown, b: unknown, path: readonly PropertyKey[] = [field]): Diagnostic {
  return conflictAt(id, field, field.split('.')[0]!, where(first, path), first, where(second, path), second, a, b);
}

function conflictAt(id: string, field: string, root: string, firstAt: SourceRange, first: Layer, secondAt: SourceRange, second: Layer, a: unknown, b: unknown): Diagnostic {
  const name = (l: Layer): string => l.fieldSource.get(root) ?? l.source;
  return {
    code: 'conflict',
    message: `${id}: ${field} is ${show(b)} in ${name(second)} but ${show(a)} in ${name(first)}`,
    hint: 'say it in one place, or make both say the same',
    at: secondAt,
    related: [firstAt],
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
