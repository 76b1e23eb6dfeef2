/**
 * Components added, removed and changed
 * =====================================
 *
 * Two versions of a model are matched by component id (terraform plan's
 * create / destroy / update in place). A changed component lists the fields
 * that differ, each before and after as text; its placements, dependencies
 * and monitors are compared in `dependencies.ts` instead, entry by entry.
 * Order: head's model order, then the removed components in base's.
 */
import type { Component, ComponentId, Model, SourceRange } from '../model.js';

/** What happened to a component, a dependency or a placement. */
export type Change = 'added' | 'removed' | 'changed';

/** One field that differs; null when unset on that side. */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface ComponentChange {
  readonly change: Change;
  readonly id: ComponentId;
  /** The kind on the side it exists (head's when changed). */
  readonly kind: string;
  /** For `changed`: the fields that differ, in manifest field order; empty otherwise. */
  readonly fields: readonly FieldChange[];
  /** Head's position, or base's for a removed component. */
  readonly at: SourceRange;
}

/** The component fields compared, each as text (null when unset). */
const FIELDS: readonly [string, (c: Component) => string | null][] = [
  ['kind', (c) => c.kind],
  ['minHealthy', (c) => String(c.minHealthy)],
  ['scope', (c) => c.scope ?? null],
  ['plane', (c) => c.plane ?? null],
  ['critical', (c) => String(c.critical)],
  ['weight', (c) => String(c.weight)],
  ['availability', (c) => (c.availability === undefined ? null : String(c.availability))],
  ['owner', (c) => c.owner ?? null],
  [
    'tags',
    (c) =>
      c.tags.size === 0
        ? null
        : [...c.tags]
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join(', '),
  ],
  ['aliases', (c) => (c.aliases?.length ? [...c.aliases].sort().join(', ') : null)],
  ['description', (c) => c.description ?? null],
];

/** The fields that differ between two versions of a component. */
export function fieldChanges(before: Component, after: Component): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, read] of FIELDS) {
    const b = read(before);
    const a = read(after);
    if (b !== a) out.push({ field, before: b, after: a });
  }
  return out;
}

/** Components added, removed or changed between two models. */
export function diffComponents(base: Model, head: Model): ComponentChange[] {
  const out: ComponentChange[] = [];
  for (const c of head.components.values()) {
    const old = base.components.get(c.id);
    if (!old) {
      out.push({ change: 'added', id: c.id, kind: c.kind, fields: [], at: c.at });
      continue;
    }
    const fields = fieldChanges(old, c);
    if (fields.length > 0) out.push({ change: 'changed', id: c.id, kind: c.kind, fields, at: c.at });
  }
  for (const c of base.components.values()) {
    if (!head.components.has(c.id)) out.push({ change: 'removed', id: c.id, kind: c.kind, fields: [], at: c.at });
  }
  return out;
}
