/**
 * Dependencies, groups, placements and monitors added, removed and changed
 * ========================================================================
 *
 * Every edge of the model, entry by entry: a `dependsOn` edge is matched by
 * its owner and target, a placement by its owner and domain, a monitor by
 * its owner and the monitored id. An `anyOf` group has no name, so groups
 * are matched by member set, then the remaining ones by largest overlap
 * (a member added to a group is a change of that group, not a new group);
 * groups that overlap nothing are added or removed. A changed entry lists
 * the attributes that differ (mode, via, timeouts, `need`, members,
 * replicas). This is where a shared-fate move shows: one replica's
 * dependency switching to the element its twin already depends on is a
 * removed edge and an added one on the same component.
 */
import { EDGE_ATTRIBUTE_KEYS, type ComponentId, type Dependency, type Group, type Model, type SourceRange } from '../model.js';
import type { Change, FieldChange } from './components.js';
import { append } from '../arrays.js';

/** Which kind of entry: `dependsOn` edge, `anyOf` group, placement (`in`) or `monitors`. */
export type DependencyKind = 'dependsOn' | 'anyOf' | 'in' | 'monitors';

export interface DependencyChange {
  readonly change: Change;
  readonly kind: DependencyKind;
  /** The component whose entry it is. */
  readonly from: ComponentId;
  /** The target; the group's members; the domain; the monitored component (head's side, base's when removed). */
  readonly to: readonly ComponentId[];
  /** The entry's attributes on that side, in words: `soft, timeoutMs 300`, `need 2`, `×5`. */
  readonly attributes: string;
  /** For `changed`: the attributes (and members, replicas) that differ. */
  readonly fields: readonly FieldChange[];
  /** Head's position, or base's for a removed entry. */
  readonly at: SourceRange;
}

/** One entry of one side, ready to compare. */
interface Entry {
  readonly kind: DependencyKind;
  readonly key: string;
  readonly to: readonly ComponentId[];
  readonly values: ReadonlyMap<string, string>;
  readonly at: SourceRange;
}

const ATTRIBUTES = EDGE_ATTRIBUTE_KEYS;

/** Dependency entries added, removed or changed between two models, by owner in head's order (removed owners last). */
export function diffDependencies(base: Model, head: Model): DependencyChange[] {
  const out: DependencyChange[] = [];
  const owners = [...head.components.keys(), ...[...base.components.keys()].filter((id) => !head.components.has(id))];
  for (const id of owners) {
    const before = entries(base, id);
    const after = entries(head, id);
    const changes = [
      ...compareKeyed(
        id,
        before.filter((e) => e.kind !== 'anyOf'),
        after.filter((e) => e.kind !== 'anyOf'),
      ),
      ...compareGroups(
        id,
        before.filter((e) => e.kind === 'anyOf'),
        after.filter((e) => e.kind === 'anyOf'),
      ),
    ];
    append(out, changes.sort(entryOrder));
  }
  return out;
}

const RANK = new Map<DependencyKind, number>([
  ['in', 0],
  ['dependsOn', 1],
  ['anyOf', 1],
  ['monitors', 2],
]);

/** A component's changes as its manifest lists them (placements, dependsOn, monitors); removed entries last, in base's order. */
function entryOrder(a: DependencyChange, b: DependencyChange): number {
  const removed = Number(a.change === 'removed') - Number(b.change === 'removed');
  return removed || RANK.get(a.kind)! - RANK.get(b.kind)! || a.at.line - b.at.line || a.at.col - b.at.col;
}

function entries(model: Model, id: ComponentId): Entry[] {
  const c = model.components.get(id);
  if (!c) return [];
  const out: Entry[] = [];
  for (const p of c.placements) out.push({ kind: 'in', key: `in:${p.domain}`, to: [p.domain], values: new Map([['replicas', String(p.replicas)]]), at: p.at });
  const seen = new Map<string, number>();
  for (const d of c.dependsOn) {
    if (d.type === 'group') {
      out.push({ kind: 'anyOf', key: '', to: d.anyOf, values: groupValues(d), at: d.at });
      continue;
    }
    const n = seen.get(d.target) ?? 0;
    seen.set(d.target, n + 1);
    out.push({ kind: 'dependsOn', key: `dependsOn:${d.target}#${n}`, to: [d.target], values: attributeValues(d), at: d.at });
  }
  c.monitors.forEach((m, i) => out.push({ kind: 'monitors', key: `monitors:${m}`, to: [m], values: new Map(), at: c.monitorsAt[i] ?? c.at }));
  return out;
}

function attributeValues(d: Dependency): Map<string, string> {
  const values = new Map<string, string>();
  for (const a of ATTRIBUTES) if (d[a] !== undefined) values.set(a, String(d[a]));
  return values;
}

function groupValues(g: Group): Map<string, string> {
  const values = attributeValues(g);
  values.set('need', String(g.need));
  values.set('anyOf', [...g.anyOf].sort().join(', '));
  return values;
}

/** Placements, edges and monitors: matched by key. */
function compareKeyed(from: ComponentId, before: readonly Entry[], after: readonly Entry[]): DependencyChange[] {
  const out: DependencyChange[] = [];
  const old = new Map(before.map((e) => [e.key, e]));
  const keys = new Set(after.map((e) => e.key));
  for (const e of after) {
    const b = old.get(e.key);
    if (!b) out.push(change('added', from, e, []));
    else {
      const fields = compareValues(b.values, e.values);
      if (fields.length > 0) out.push(change('changed', from, e, fields));
    }
  }
  for (const e of before) if (!keys.has(e.key)) out.push(change('removed', from, e, []));
  return out;
}

/** Groups: same member set first, then the largest overlap; unmatched ones are added or removed. */
function compareGroups(from: ComponentId, before: readonly Entry[], after: readonly Entry[]): DependencyChange[] {
  const pairs = new Map<number, number>(); // after index → before index
  const used = new Set<number>();
  const setKey = (e: Entry): string => JSON.stringify([...e.to].sort());
  after.forEach((a, i) => {
    const j = before.findIndex((b, k) => !used.has(k) && setKey(b) === setKey(a));
    if (j >= 0) {
      pairs.set(i, j);
      used.add(j);
    }
  });
  after.forEach((a, i) => {
    if (pairs.has(i)) return;
    let best = -1;
    let bestOverlap = 0;
    before.forEach((b, k) => {
      if (used.has(k)) return;
      const overlap = b.to.filter((m) => a.to.includes(m)).length;
      if (overlap > bestOverlap) [best, bestOverlap] = [k, overlap];
    });
    if (best >= 0) {
      pairs.set(i, best);
      used.add(best);
    }
  });
  const out: DependencyChange[] = [];
  after.forEach((a, i) => {
    const j = pairs.get(i);
    if (j === undefined) out.push(change('added', from, a, []));
    else {
      const fields = compareValues(before[j]!.values, a.values);
      if (fields.length > 0) out.push(change('changed', from, a, fields));
    }
  });
  before.forEach((b, k) => {
    if (!used.has(k)) out.push(change('removed', from, b, []));
  });
  return out;
}

function compareValues(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const name of ['anyOf', 'need', 'replicas', ...ATTRIBUTES]) {
    const b = before.get(name) ?? null;
    const a = after.get(name) ?? null;
    if (b !== a) fields.push({ field: name, before: b, after: a });
  }
  return fields;
}

function change(kind: Change, from: ComponentId, e: Entry, fields: FieldChange[]): DependencyChange {
  return { change: kind, kind: e.kind, from, to: e.to, attributes: attributes(e), fields, at: e.at };
}

/** The attributes worth saying: the mode always for edges and groups, the rest when set. */
function attributes(e: Entry): string {
  if (e.kind === 'in') return e.values.get('replicas') === '1' ? '' : `×${e.values.get('replicas')}`;
  if (e.kind === 'monitors') return '';
  const words: string[] = [];
  for (const [name, value] of e.values) {
    if (name === 'anyOf') continue;
    if (name === 'mode') words.push(value);
    else if (name === 'via') {
      if (value !== 'call') words.push(`via ${value}`);
    } else if (value === 'true') words.push(name);
    else if (value !== 'false') words.push(`${name} ${value}`);
  }
  return words.join(', ');
}

/** `payments → fraud-db`, `checkout → anyOf [cache-a, cache-b]`, `web in az-a`, `telemetry monitors consul`. */
export function dependencyText(d: Pick<DependencyChange, 'kind' | 'from' | 'to'>): string {
  switch (d.kind) {
    case 'dependsOn':
      return `${d.from} → ${d.to[0]}`;
    case 'anyOf':
      return `${d.from} → anyOf [${d.to.join(', ')}]`;
    case 'in':
      return `${d.from} in ${d.to[0]}`;
    case 'monitors':
      return `${d.from} monitors ${d.to[0]}`;
  }
}
