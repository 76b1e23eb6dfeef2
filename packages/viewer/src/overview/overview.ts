/**
 * The overview: a large model read as groups first
 * ================================================
 *
 * Above `OVERVIEW_AT` components the page opens on an aggregated graph
 * instead of the component graph (`faultline view --overview` and
 * `--no-overview` decide either way; the **Overview / Graph** switch on the
 * stage flips it at any time). One box per group of the chosen grouping
 * (aggregate.ts: region, zone, system, owner, kind) with its count and a bar
 * of down / degraded / up, dependencies bundled between groups with their
 * counts, the group's places as chips:
 *
 * - a click on a place chip fails it (shift-click adds it to the faults);
 * - a click on a group opens the graph with only its members (drill down),
 *   with **← Overview** and **Show all** to come back;
 * - the selected component's group is outlined and its chain drawn as a
 *   path through the groups it crosses;
 * - **Worst single failures** lists the top failures by impact (core's
 *   `rankFailures`, through the ranking provider) and the boxes say how
 *   many of them each group holds.
 *
 * It has its own canvas over the stage and reads the store; the app only
 * tells it to update and asks which components a drill keeps.
 */
import './overview.css';
import { oneDecimal, maxOf } from '@faultline/core';
import { select } from 'd3-selection';
import type { Engine, Run } from '../engine.js';
import type { RankedFailure } from '../providers/ranking.js';
import type { Palette } from '../render/palette.js';
import type { Stage } from '../render/stage.js';
import type { Store, ViewState } from '../store.js';
import { button, type Sel } from '../ui/dom.js';
import { aggregate, chainGroups, failuresPerGroup, groupingsOf, tally, type Aggregate, type GroupBy } from './aggregate.js';
import { contentHeight, drawOverview, type ChipHit } from './draw.js';
import { gridBoxes, type Box } from './grid.js';

/** Models with more components than this open on the overview. */
export const OVERVIEW_AT = 3000;
/** How many of the worst single failures the overview lists. */
export const TOP_N = 10;

/** Whether the page opens on the overview: as `faultline view` asked (a grouping, or false), else by size. */
export function opensOnOverview(components: number, asked: string | false | undefined): boolean {
  return asked === undefined ? components > OVERVIEW_AT : asked !== false;
}

export interface OverviewContext {
  readonly engine: Engine;
  readonly store: Store;
  readonly stage: () => Stage;
  readonly palette: () => Palette;
  readonly fail: (target: string, add: boolean) => void;
}

/** What the browser tests reach as `window.faultline.overview`. */
export interface OverviewHandle {
  /** The groups drawn, in order. */
  readonly groups: () => { key: string; label: string; members: number }[];
  /** The centre of a group's box, or of a place chip, in page pixels (null when not drawn). */
  readonly groupAt: (key: string) => { x: number; y: number } | null;
  readonly placeAt: (place: string) => { x: number; y: number } | null;
}

export interface Overview {
  /** Shows the overview or the graph (with the drill banner) for the state and run. */
  update(s: ViewState, run: Run): void;
  /** The components a drill keeps in the graph, or null. */
  keep(s: ViewState): ReadonlySet<string> | null;
  /** The ranking arrived: list the worst single failures. */
  ranked(list: readonly RankedFailure[] | null): void;
  readonly handle: OverviewHandle;
}

export function createOverview(stageEl: Sel, left: Sel, c: OverviewContext): Overview {
  const { engine, store } = c;
  const groupings = groupingsOf(engine.model, engine.layout.laneOf);
  const big = engine.ids.length > OVERVIEW_AT;
  const cache = new Map<GroupBy, Aggregate>();
  const agg = (by: GroupBy): Aggregate => {
    let a = cache.get(by);
    if (!a) cache.set(by, (a = aggregate(engine.model, by, undefined, engine.layout.laneOf)));
    return a;
  };
  const canvas = stageEl.append('canvas').attr('class', 'overview-canvas').attr('role', 'img').attr('hidden', true).node()! as HTMLCanvasElement;
  const ctx = canvas.getContext('2d')!;
  const bar = stageEl.append('div').attr('class', 'overview-bar').attr('role', 'group').attr('aria-label', 'Overview');
  let state: ViewState = store.get();
  let run: Run | null = null;
  let boxes: Box[] = [];
  let cell = { w: 1, h: 1 };
  let chips: ChipHit[] = [];
  let hovered = -1;
  let pending = 0;
  let worst: readonly RankedFailure[] = [];
  let size = { width: 0, height: 0 };
  let keepCache: { key: string; ids: ReadonlySet<string> } | null = null;
  let first = true;

  const current = (): Aggregate => agg(state.groupBy);

  const layout = (): void => {
    const grid = { margin: [54, 14, 14, 14], gap: 34, aspect: 1.9 } as const;
    const cells = gridBoxes(current().groups.length, size.width, size.height, grid);
    cell = cells.length > 0 ? { w: cells[0]!.w, h: cells[0]!.h } : { w: 1, h: 1 };
    // Boxes as high as their content needs; the rows spread, the bundles run between them.
    boxes = gridBoxes(current().groups.length, size.width, size.height, { ...grid, boxHeight: contentHeight(ctx, current(), c.palette(), cell) });
  };
  const resize = (): void => {
    const rect = (stageEl.node() as HTMLElement).getBoundingClientRect();
    const dpr = devicePixelRatio || 1;
    size = { width: rect.width, height: rect.height };
    canvas.width = Math.max(1, Math.round(rect.width * dpr));
    canvas.height = Math.max(1, Math.round(rect.height * dpr));
    layout();
    draw();
  };
  new ResizeObserver(resize).observe(stageEl.node() as HTMLElement);

  function draw(): void {
    pending = 0;
    if (!state.overview || !run || size.width === 0) return;
    const a = current();
    const selected = state.selected;
    const chain = selected ? run.outcome.get(selected)?.chain : undefined;
    const chainPath = chainGroups(a, engine.index, chain ?? []);
    const top = failuresPerGroup(
      a,
      engine.index,
      worst.map((r) => r.target),
    );
    chips = drawOverview(ctx, {
      agg: a,
      tally: tally(a, run.status, run.faulted),
      boxes,
      cell,
      palette: c.palette(),
      width: size.width,
      height: size.height,
      dpr: devicePixelRatio || 1,
      status: run.status,
      index: engine.index,
      hovered,
      selectedGroup: selected && engine.index.has(selected) ? a.groupOf[engine.index.get(selected)!]! : -1,
      chainGroups: chainPath,
      top,
      topOf: worst.length,
    });
  }
  const request = (): void => {
    if (pending === 0) pending = requestAnimationFrame(draw);
  };

  const hitAt = (e: MouseEvent): { chip?: ChipHit; group: number } | null => {
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const chip = chips.find((h) => x >= h.x && x <= h.x + h.w && y >= h.y && y <= h.y + h.h);
    if (chip) return { chip, group: chip.group };
    const group = boxes.findIndex((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
    return group >= 0 ? { group } : null;
  };
  canvas.addEventListener('mousemove', (e) => {
    const hit = hitAt(e);
    canvas.classList.toggle('pointer', hit !== null);
    const g = hit ? hit.group : -1;
    if (hit) {
      const group = current().groups[g]!;
      canvas.title = hit.chip
        ? `Fail ${hit.chip.place} (shift-click adds it to the faults)`
        : `${group.label}: ${group.members.length} components. Click to show them in the graph`;
    } else canvas.removeAttribute('title');
    if (g !== hovered) {
      hovered = g;
      request();
    }
  });
  canvas.addEventListener('mouseleave', () => {
    if (hovered !== -1) {
      hovered = -1;
      request();
    }
  });
  canvas.addEventListener('click', (e) => {
    const hit = hitAt(e);
    if (!hit) return;
    if (hit.chip) c.fail(hit.chip.place, e.shiftKey);
    else drill(hit.group);
  });

  /** Opens the graph with only the group's members, their regions unfolded, fitted. */
  function drill(g: number): void {
    const a = current();
    const members = a.groups[g]!.members;
    const lanes = new Set(members.map((i) => engine.layout.laneOf.get(engine.ids[i]!)!));
    const collapsed = new Set([...state.collapsed].filter((l) => !lanes.has(l)));
    hovered = -1;
    store.set({ overview: false, drill: { by: a.by, key: a.groups[g]!.key }, collapsed, focus: null });
    c.stage().fit(members);
  }
  const showGraph = (): void => {
    store.set({ overview: false });
    c.stage().fit();
  };

  // ---- the bar over the stage ----
  function renderBar(): void {
    bar.selectAll('*').remove();
    const s = state;
    if (s.drill && !s.overview) {
      const a = agg(s.drill.by);
      const group = a.groups.find((x) => x.key === s.drill!.key);
      bar
        .append('span')
        .attr('class', 'overview-note')
        .attr('data-testid', 'drill')
        .text(`${group?.label ?? s.drill.key}: ${group?.members.length ?? 0} of ${engine.ids.length} components`);
      button(bar, '← Overview', () => store.set({ overview: true, drill: null }), 'btn btn-small').attr('data-action', 'overview');
      button(
        bar,
        'Show all',
        () => {
          store.set({ drill: null });
          c.stage().fit();
        },
        'btn btn-small',
      );
      return;
    }
    const seg = bar.append('div').attr('class', 'segmented').attr('role', 'group').attr('aria-label', 'Overview or graph');
    button(seg, 'Overview', () => store.set({ overview: true, drill: null }), '')
      .attr('aria-pressed', String(s.overview))
      .attr('data-action', 'overview')
      .attr('title', `One box per ${s.groupBy}, dependencies bundled between them`);
    button(seg, 'Graph', showGraph, '').attr('aria-pressed', String(!s.overview)).attr('data-action', 'graph').attr('title', 'Every component');
    if (!s.overview) return;
    const label = bar.append('label').attr('class', 'overview-note');
    label.append('span').text('by ');
    const pick = label.append('select').attr('class', 'control').attr('aria-label', 'Group by').attr('data-testid', 'group-by');
    pick
      .selectAll('option')
      .data(groupings.includes(s.groupBy) ? groupings : [...groupings, s.groupBy])
      .join('option')
      .attr('value', (d) => d)
      .property('selected', (d) => d === s.groupBy)
      .text((d) => d);
    pick.on('change', () => store.set({ groupBy: pick.node()!.value as GroupBy }));
    const a = current();
    bar.append('span').attr('class', 'overview-note muted').text(`${a.groups.length} groups · ${engine.ids.length} components`);
    // The boxes as buttons for the keyboard and screen readers (the canvas is a picture to them).
    const t = run ? tally(a, run.status, run.faulted) : null;
    const keys = bar.append('ul').attr('class', 'sr-only overview-groups').attr('aria-label', 'Groups');
    a.groups.forEach((g, k) => {
      const status = t ? `, ${t.down[k]} down, ${t.degraded[k]} degraded` : '';
      button(keys.append('li'), `Show ${g.label} in the graph (${g.members.length} components${status})`, () => drill(k), '');
    });
  }

  // ---- the worst single failures ----
  const section = left.insert('section', ':first-child').attr('class', 'section').attr('aria-label', 'Worst single failures').attr('hidden', true);
  const head = section.append('h2');
  head.append('span').text('Worst single failures');
  const headCount = head.append('span').attr('class', 'count');
  const note = section.append('p').attr('class', 'progress').text('Ranking every single failure…');
  const list = section.append('ul').attr('class', 'list').attr('data-testid', 'worst');
  function renderWorst(): void {
    section.attr('hidden', state.overview || big ? null : true);
    list.selectAll('li').remove();
    headCount.text(worst.length > 0 ? String(worst.length) : '');
    if (worst.length === 0) return;
    note.text('By impact, the worst first. Click to apply.');
    const a = current();
    const most = maxOf(
      worst.map((r) => r.impact),
      1,
    );
    for (const r of worst) {
      const i = engine.index.get(r.target.split('@')[0]!);
      const row = button(list.append('li'), '', () => c.fail(r.target, false), 'row')
        .attr('data-target', r.target)
        .attr(
          'title',
          `Fail ${r.target}${i !== undefined ? ` (in ${a.groups[a.groupOf[i]!]!.label})` : ''}: ${r.down} down, ${r.degraded} degraded — impact ${oneDecimal(r.impact)}`,
        );
      row.append('span').attr('class', 'id').text(r.target);
      row.append('span').attr('class', 'meta').text(`${r.down} down`);
      row
        .append('span')
        .attr('class', 'bar')
        .append('span')
        .style('width', `${Math.round((100 * r.impact) / most)}%`);
    }
  }

  const centreOf = (x: number, y: number): { x: number; y: number } => {
    const r = canvas.getBoundingClientRect();
    return { x: r.left + x, y: r.top + y };
  };

  return {
    update(s, r) {
      const regroup = s.groupBy !== state.groupBy;
      const toggled = s.overview !== state.overview;
      // The bar and the list change with the mode, the grouping, the drill and (for the groups' words) the run;
      // a redraw for a hover in the graph leaves them alone.
      const changed = first || regroup || toggled || s.drill !== state.drill || (s.overview && r !== run);
      first = false;
      state = s;
      run = r;
      if (regroup) {
        hovered = -1;
        layout();
      }
      const root = select(stageEl.node() as HTMLElement);
      root.classed('overview-on', s.overview);
      canvas.hidden = !s.overview;
      canvas.setAttribute(
        'aria-label',
        `Overview by ${s.groupBy}: ${current().groups.length} groups, the dependencies between them bundled. Click a group to show its components, a place to fail it.`,
      );
      if (changed) {
        renderBar();
        renderWorst();
      }
      if (toggled && s.overview) resize();
      else if (s.overview) request();
    },
    keep(s) {
      if (!s.drill) return null;
      const key = `${s.drill.by}\u0000${s.drill.key}`;
      if (keepCache?.key !== key) {
        const a = agg(s.drill.by);
        const group = a.groups.find((g) => g.key === s.drill!.key);
        keepCache = { key, ids: new Set((group?.members ?? []).map((i) => engine.ids[i]!)) };
      }
      return keepCache.ids;
    },
    ranked(ranked) {
      worst = ranked ? ranked.slice(0, TOP_N) : [];
      note.text(ranked ? (ranked.length === 0 ? 'No single failure takes anything down.' : '') : 'Ranking every single failure…');
      renderWorst();
      request();
    },
    handle: {
      groups: () => current().groups.map((g) => ({ key: g.key, label: g.label, members: g.members.length })),
      groupAt(key) {
        const g = current().groups.findIndex((x) => x.key === key);
        const b = boxes[g];
        // On its title line, where no chip is.
        return b ? centreOf(b.x + b.w / 2, b.y + 12) : null;
      },
      placeAt(place) {
        const h = chips.find((x) => x.place === place);
        return h ? centreOf(h.x + h.w / 2, h.y + h.h / 2) : null;
      },
    },
  };
}
