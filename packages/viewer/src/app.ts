/**
 * The viewer: wires the engine, the canvas and the panels to one store
 * ====================================================================
 *
 * The page's parts each live in their own module (the actions every control
 * calls in actions.ts, the shortcuts in keyboard.ts, the banner in
 * banner.ts, the panels in ui/); this one builds them and connects them.
 * Every change of faults runs core's `simulate` once; everything else is a
 * redraw.
 */
import { neighbourhood } from '@faultline/core';
import { select } from 'd3-selection';
import { createActions, cycleTheme } from './actions.js';
import { renderBanner } from './banner.js';
import { COLUMN_WIDTH, Engine, type Run } from './engine.js';
import { bindKeyboard } from './keyboard.js';
import type { LoadedPayload } from './payload.js';
import { lintFindings, viewFindings } from './providers/findings.js';
import { rankForView } from './providers/ranking.js';
import { GROUPINGS, type GroupBy } from './overview/aggregate.js';
import { createOverview, opensOnOverview, type OverviewHandle } from './overview/overview.js';
import { readPalette, type Palette } from './render/palette.js';
import { Stage } from './render/stage.js';
import { initialCollapse, project, type Projection } from './projection.js';
import { buildScene } from './scene.js';
import { initialState, sameFaults, Store, type ViewState } from './store.js';
import { renderDetails } from './ui/details.js';
import { button } from './ui/dom.js';
import { renderFindings } from './ui/findings.js';
import { renderLegend } from './ui/legend.js';
import { renderPlaces } from './ui/places.js';
import { renderRanking } from './ui/ranking.js';
import { renderSummary } from './ui/summary.js';
import { renderToolbar } from './ui/toolbar.js';
import { renderTooltip } from './ui/tooltip.js';
import { chainOf, visibility } from './visibility.js';

/** What tests (and curious users, in the console) can reach as `window.faultline`. */
export interface ViewerHandle {
  readonly state: () => ViewState;
  /** A component's centre in page pixels. */
  readonly screenOf: (id: string) => { x: number; y: number };
  readonly fit: () => void;
  readonly centre: (id: string) => void;
  /** The zoom: CSS pixels per world unit (a node box is 172 × 38 world units). */
  readonly scale: () => number;
  /** Wall time of the last canvas frame, ms. */
  readonly frameMs: () => number;
  /** The SPOF ranking and the findings are in their panels. */
  readonly analysed: () => boolean;
  /** Folds or unfolds a lane (by id), as a click on its chevron does. */
  readonly toggleLane: (lane: string) => void;
  /** The aggregated overview (overview/overview.ts). */
  readonly overview: OverviewHandle;
}

export function startApp(root: HTMLElement, payload: LoadedPayload): ViewerHandle {
  const engine = new Engine(payload.model);
  const scene = buildScene(engine.model, engine.layout, COLUMN_WIDTH);
  const startCollapsed = initialCollapse(scene);
  const startOverview = opensOnOverview(engine.ids.length, payload.overview);
  const groupBy = (GROUPINGS as readonly string[]).includes(payload.overview || '') ? (payload.overview as GroupBy) : initialState.groupBy;
  const store = new Store({ ...initialState, faults: payload.faults, collapsed: startCollapsed, overview: startOverview, groupBy });
  let proj: Projection = project(scene, startCollapsed);
  let run: Run = engine.run(store.get().faults);
  let hovered = -1;
  let palette: Palette = readPalette(document.documentElement);
  const kinds = engine.ids.map((id) => engine.model.components.get(id)!.kind);
  const lanes = engine.ids.map((id) => engine.layout.laneOf.get(id)!);
  root.replaceChildren();
  root.removeAttribute('aria-busy');
  const app = select(root);
  // The stage is created below, with the actions as its click handler; they reach it only when called.
  const actions = createActions({ engine, store, scene, startCollapsed, startOverview, stage: () => stage, run: () => run, proj: () => proj });

  // ---- layout of the page ----
  renderToolbar(app, store, {
    name: engine.model.name,
    ids: engine.ids,
    kinds: [...new Set(kinds)].sort(),
    lanes: engine.layout.laneInfo.map((l) => ({ id: l.id, label: l.label })),
    search: actions.search,
    reset: actions.reset,
    toggleTheme: () => {
      const theme = cycleTheme(document);
      palette = readPalette(document.documentElement);
      redraw();
      return theme;
    },
    foldAll: actions.foldAll,
  });
  const summary = renderSummary(app, (f) => store.set({ faults: store.get().faults.filter((x) => x !== f) }));
  const left = app.append('aside').attr('class', 'side left').attr('aria-label', 'Places, weak spots and findings');
  const places = renderPlaces(left, engine, actions.fail);
  const ranking = renderRanking(left, actions.applyRanked);
  const findings = renderFindings(left, actions.applyFinding);
  const stageEl = app.append('main').attr('class', 'stage').attr('aria-label', 'Dependency graph');
  const details = renderDetails(app, engine, { select: (id) => actions.selectId(id, id !== null), fail: actions.fail, focus: (id, hops) => store.set({ focus: { id, hops } }) });

  const tooltip = { current: null as ReturnType<typeof renderTooltip> | null };
  const stage: Stage = new Stage(stageEl.node()!, scene, {
    click: actions.click,
    dblclick: actions.dblclick,
    hover(hit, e) {
      const next = hit && (hit.type === 'node' || hit.type === 'pip') ? hit.node : -1;
      const r = stage.canvas.getBoundingClientRect();
      tooltip.current?.show(hit, run, e.clientX - r.left, e.clientY - r.top);
      if (next !== hovered) {
        hovered = next;
        redraw();
      }
    },
  });
  tooltip.current = renderTooltip(stageEl, engine);
  renderLegend(stageEl);
  const banner = renderBanner(stageEl, store);
  const zoomBox = stageEl.append('div').attr('class', 'zoom').attr('role', 'group').attr('aria-label', 'Zoom');
  button(zoomBox, '+', () => stage.zoomBy(1.4), '').attr('aria-label', 'Zoom in');
  button(zoomBox, '−', () => stage.zoomBy(1 / 1.4), '').attr('aria-label', 'Zoom out');
  button(zoomBox, 'Fit', () => stage.fit(), '').attr('aria-label', 'Fit the graph');
  const overview = createOverview(stageEl, left, { engine, store, stage: () => stage, palette: () => palette, fail: actions.fail });

  // ---- derived views ----
  function redraw(): void {
    const s = store.get();
    banner.update(s, run);
    overview.update(s, run);
    // The overview draws on its own canvas; the graph waits until it is shown.
    if (s.overview) return;
    const keep = s.focus ? neighbourhood(engine.graphology, s.focus.id, s.focus.hops) : overview.keep(s);
    const shown = visibility(engine.ids, kinds, lanes, run, { blastOnly: s.blastOnly, keep, kind: s.kind, lane: s.lane });
    const chain = chainOf(s.selected ? run.outcome.get(s.selected)?.chain : undefined, engine.index);
    stage.show({
      scene,
      proj,
      run,
      palette,
      hidden: shown.hidden,
      dimmed: shown.dimmed,
      selected: s.selected ? engine.index.get(s.selected)! : -1,
      hovered,
      chainNodes: chain.nodes,
      chainLinks: chain.links,
      showPlacements: s.placements,
    });
  }
  const panels = (): void => {
    summary.update(run);
    places.update(run);
    details.update(run, store.get().selected);
  };

  store.subscribe((s, prev) => {
    if (s.collapsed !== prev.collapsed) proj = project(scene, s.collapsed);
    if (!sameFaults(s.faults, prev.faults)) {
      run = engine.run(s.faults);
      panels();
    } else if (s.selected !== prev.selected) details.update(run, s.selected);
    redraw();
  });
  bindKeyboard(document, store, stage, actions);
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    palette = readPalette(document.documentElement);
    redraw();
  });

  // ---- start ----
  panels();
  redraw();
  stage.fit();
  // The analyses run after the first frame, so the graph shows at once.
  let analysed = false;
  findings.update([], true);
  ranking.update(null);
  setTimeout(() => {
    const ranked = rankForView(engine);
    ranking.update(ranked.spofs);
    overview.ranked(ranked.worst);
    findings.update(payload.findings ? viewFindings(payload.findings) : lintFindings(engine.model, engine.graph), false);
    analysed = true;
  }, 30);

  const handle: ViewerHandle = {
    state: () => store.get(),
    screenOf: (id) => {
      const p = stage.screenOf(engine.index.get(id)!);
      const r = stage.canvas.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
    fit: () => stage.fit(),
    centre: (id) => stage.centre(engine.index.get(id)!),
    scale: () => stage.scale,
    frameMs: () => stage.lastFrameMs,
    analysed: () => analysed,
    toggleLane: actions.toggleLane,
    overview: overview.handle,
  };
  (window as unknown as { faultline: ViewerHandle }).faultline = handle;
  return handle;
}
