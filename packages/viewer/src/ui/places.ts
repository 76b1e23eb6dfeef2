/**
 * The places panel: providers, regions, zones and datacenters as a tree of
 * buttons, so a region or zone can be failed with a click (or the keyboard)
 * without finding it on the canvas.
 */
import { PLACE_KINDS, type ComponentId, type Model } from '@faultline/core';
import { select } from 'd3-selection';
import { DEGRADED, DOWN, type Engine, type Run } from '../engine.js';
import { button, section, type Sel } from './dom.js';

interface PlaceRow {
  readonly id: ComponentId;
  readonly kind: string;
  readonly depth: number;
}

/** Places in tree order: each place followed by the places inside it. */
export function placeTree(model: Model): PlaceRow[] {
  const places = [...model.components.values()].filter((c) => PLACE_KINDS.has(c.kind));
  const isPlace = new Set(places.map((c) => c.id));
  const children = new Map<ComponentId, ComponentId[]>();
  const roots: ComponentId[] = [];
  for (const c of places) {
    const parent = c.placements.find((p) => isPlace.has(p.domain))?.domain;
    if (parent === undefined) roots.push(c.id);
    else {
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(c.id);
    }
  }
  const rows: PlaceRow[] = [];
  const seen = new Set<ComponentId>();
  const stack: [ComponentId, number][] = roots.reverse().map((id) => [id, 0]);
  while (stack.length > 0) {
    const [id, depth] = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    rows.push({ id, kind: model.components.get(id)!.kind, depth });
    for (const child of [...(children.get(id) ?? [])].reverse()) stack.push([child, depth + 1]);
  }
  for (const c of places) if (!seen.has(c.id)) rows.push({ id: c.id, kind: c.kind, depth: 0 });
  return rows;
}

export interface PlacesPanel {
  update(run: Run): void;
}

export function renderPlaces(parent: Sel, engine: Engine, fail: (target: string, add: boolean) => void): PlacesPanel {
  const rows = placeTree(engine.model);
  const { count, body } = section(parent, 'Places', 'tree');
  count.text(String(rows.length));
  if (rows.length === 0) {
    body.append('p').attr('class', 'hint').text('No regions or zones in this model.');
    return { update: () => undefined };
  }
  body.append('p').attr('class', 'hint').style('margin-bottom', '6px').text('Click to fail a place; shift-click to add it.');
  const list = body.append('ul').attr('class', 'list');
  const items = list.selectAll('li').data(rows).join('li');
  items.each(function (r) {
    const row = button(select(this as HTMLLIElement), '', (e) => fail(r.id, e.shiftKey), `row depth-${Math.min(r.depth, 3)}`)
      .attr('data-place', r.id)
      .attr('title', `Fail ${r.id} and everything that runs only there`);
    row.append('span').attr('class', 'glyph place').attr('aria-hidden', 'true').text('◆');
    row.append('span').attr('class', 'id').text(r.id);
    row.append('span').attr('class', 'meta').text(r.kind);
  });
  return {
    update(run) {
      items.each(function (r) {
        const s = run.status[engine.index.get(r.id)!]!;
        const g = select(this).select('.glyph');
        g.attr('class', `glyph ${s === DOWN ? 'down' : s === DEGRADED ? 'degraded' : 'place'}`).text(s === DOWN ? '✕' : s === DEGRADED ? '▲' : '◆');
      });
    },
  };
}
