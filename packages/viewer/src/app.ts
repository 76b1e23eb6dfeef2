/**
 * The viewer: wires the engine, the canvas and the panels to one store
 * ====================================================================
 *
 * Clicking an up component fails it (shift-click adds or removes a fault);
 * clicking a worsened one selects it and shows why. Every change of faults
 * runs core's `simulate` once; everything else is a redraw.
 */
import { neighbourhood, plural, type FaultSpec } from '@faultline/core';
import { select } from 'd3-selection';
import { COLUMN_WIDTH, Engine, UP, type Run } from './engine.js';
import type { LoadedPayload } from './payload.js';
import { lintFindings, viewFindings, type ViewFinding } from './providers/findings.js';
import { rankSingleFailures, type RankedFailure } from './providers/ranking.js';
import { readPalette, type Palette } from './render/palette.js';
import { Stage, type Hit } from './render/stage.js';
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
}

export function startApp(root: HTMLElement, payload: LoadedPayload): ViewerHandle {
  const engine = new Engine(payload.model);
  const scene = buildScene(engine.model, engine.layout, COLUMN_WIDTH);
  const startCollapsed = initialCollapse(scene);
  const store = new Store({ ...initialState, faults: payload.faults, collapsed: startCollapsed });
  let proj: Projection = project(scene, startCollapsed);
  const kinds = engine.ids.map((id) => engine.model.components.get(id)!.kind);
  const lanes = engine.ids.map((id) => engine.layout.laneOf.get(id)!);
  root.replaceChildren();
  root.removeAttribute('aria-busy');
  const app = select(root);

  // ---- actions ----
  const fail = (target: string, add: boolean): void => {
    const s = store.get();
    const spec: FaultSpec = s.effect === 'down' ? { target } : { target, effect: s.effect };
    let faults: FaultSpec[];
    if (!add) faults = [spec];
    else {
      const i = s.faults.findIndex((f) => f.target === target);
      faults = i >= 0 ? s.faults.filter((_, k) => k !== i) : [...s.faults, spec];
    }
    store.set({ faults });
  };
  const laneIdOf = (id: string): string => engine.layout.laneOf.get(id)!;
  const selectId = (id: string | null, centre = false): void => {
    const collapsed = store.get().collapsed;
    if (id && collapsed.has(laneIdOf(id))) {
      // A component in a folded lane: unfold it, so the selection is visible.
      const next = new Set(collapsed);
      next.delete(laneIdOf(id));
      store.set({ selected: id, collapsed: next });
    } else store.set({ selected: id });
    if (id && centre) stage.centre(engine.index.get(id)!);
  };
  const toggleLane = (lane: string): void => {
    const next = new Set(store.get().collapsed);
    if (next.has(lane)) next.delete(lane);
    else next.add(lane);
    store.set({ collapsed: next });
  };
  const reset = (): void => {
    store.set({ ...initialState, effect: store.get().effect, placements: store.get().placements, collapsed: startCollapsed });
    stage.fit();
  };
  const search = (query: string): boolean => {
    if (!query) return false;
    const q = query.toLowerCase();
    const id = engine.index.has(query) ? query : engine.ids.find((x) => x.toLowerCase() === q) ?? engine.ids.find((x) => x.toLowerCase().includes(q));
    if (!id) return false;
    selectId(id, true);
    return true;
  };
  const applyRanked = (r: RankedFailure): void => {
    const focus = r.victims[0] ?? r.target.split('@')[0]!;
    store.set({ faults: [{ target: r.target }], focus: null });
    selectId(focus, true);
  };
  const applyFinding = (f: ViewFinding): void => {
    store.set({ faults: f.faults.length > 0 ? f.faults : store.get().faults, focus: null });
    if (engine.index.has(f.focus)) selectId(f.focus, true);
  };
  let themeIndex = 0;
  const toggleTheme = (): string => {
    themeIndex = (themeIndex + 1) % 3;
    const theme = (['auto', 'dark', 'light'] as const)[themeIndex]!;
    if (theme === 'auto') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
    palette = readPalette(document.documentElement);
    redraw();
    return theme;
  };

  // ---- layout of the page ----
  renderToolbar(app, store, {
    name: engine.model.name,
    ids: engine.ids,
    kinds: [...new Set(kinds)].sort(),
    lanes: engine.layout.laneInfo.map((l) => ({ id: l.id, label: l.label })),
    search,
    reset,
    toggleTheme,
    foldAll: () => {
      store.set({ collapsed: store.get().collapsed.size > 0 ? new Set() : new Set(scene.lanes.filter((l) => l.members.length > 1).map((l) => l.id)) });
      stage.fit();
    },
  });
  const summary = renderSummary(app, (f) => store.set({ faults: store.get().faults.filter((x) => x !== f) }));
  const left = app.append('aside').attr('class', 'side left').attr('aria-label', 'Places, weak spots and findings');
  const places = renderPlaces(left, engine, fail);
  const ranking = renderRanking(left, applyRanked);
  const findings = renderFindings(left, applyFinding);
  const stageEl = app.append('main').attr('class', 'stage').attr('aria-label', 'Dependency graph');
  const details = renderDetails(app, engine, { select: (id) => selectId(id, id !== null), fail, focus: (id, hops) => store.set({ focus: { id, hops } }) });

  let run: Run = engine.run(store.get().faults);
  let hovered = -1;
  let palette: Palette = readPalette(document.documentElement);
  const tooltip = { current: null as ReturnType<typeof renderTooltip> | null };
  const stage = new Stage(stageEl.node()!, scene, {
    click(hit: Hit | null, e: MouseEvent) {
      if (!hit) {
        if (!e.shiftKey) store.set({ selected: null });
        return;
      }
      if (hit.type === 'toggle') return toggleLane(scene.lanes[hit.lane]!.id);
      if (hit.type === 'cell') return toggleLane(scene.lanes[proj.cells[hit.cell]!.lane]!.id);
      if (hit.type === 'lane') {
        const anchors = scene.lanes[hit.lane]!.anchors;
        if (anchors.length === 1) fail(anchors[0]!, e.shiftKey);
        return;
      }
      const id = engine.ids[hit.node]!;
      if (hit.type === 'pip') return fail(`${id}@${hit.domain}`, e.shiftKey);
      if (e.altKey || e.metaKey || e.ctrlKey) return selectId(id);
      if (e.shiftKey) return fail(id, true);
      if (run.status[hit.node] !== UP || run.faulted[hit.node]) return selectId(id);
      fail(id, false);
    },
    hover(hit: Hit | null, e: MouseEvent) {
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
  const banner = stageEl.append('div').attr('class', 'banner').attr('hidden', true).attr('role', 'status');
  const zoomBox = stageEl.append('div').attr('class', 'zoom').attr('role', 'group').attr('aria-label', 'Zoom');
  button(zoomBox, '+', () => stage.zoomBy(1.4), '').attr('aria-label', 'Zoom in');
  button(zoomBox, '−', () => stage.zoomBy(1 / 1.4), '').attr('aria-label', 'Zoom out');
  button(zoomBox, 'Fit', () => stage.fit(), '').attr('aria-label', 'Fit the graph');

  // ---- derived views ----
  function redraw(): void {
    const s = store.get();
    const keep = s.focus ? neighbourhood(engine.graphology, s.focus.id, s.focus.hops) : null;
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
    updateBanner(s);
  }
  function updateBanner(s: ViewState): void {
    banner.selectAll('*').remove();
    const on = s.focus !== null || (s.blastOnly && run.sim !== null);
    banner.attr('hidden', on ? null : true);
    if (!on) return;
    if (s.focus) {
      const focus = s.focus;
      banner.append('span').text(`Within ${plural(focus.hops, 'hop')} of ${focus.id}`);
      for (const h of [1, 2, 3]) button(banner, String(h), () => store.set({ focus: { id: focus.id, hops: h } }), 'btn btn-small').attr('aria-pressed', String(h === focus.hops)).attr('aria-label', `${h} hops`);
      button(banner, 'Show all', () => store.set({ focus: null }), 'btn btn-small');
    } else {
      banner.append('span').text('Showing only the blast radius');
      button(banner, 'Show all', () => store.set({ blastOnly: false }), 'btn btn-small');
    }
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

  // ---- keyboard ----
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === 'Escape') {
      if (typing) (e.target as HTMLElement).blur();
      store.set({ selected: null, focus: null });
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      (document.getElementById('fl-search') as HTMLInputElement).focus();
    } else if (e.key === 'r' || e.key === 'R') reset();
    else if (e.key === '+' || e.key === '=') stage.zoomBy(1.25);
    else if (e.key === '-') stage.zoomBy(0.8);
    else if (e.key === '0') stage.fit();
    else if (e.target === stage.canvas && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const d = 60;
      stage.panBy(e.key === 'ArrowLeft' ? d : e.key === 'ArrowRight' ? -d : 0, e.key === 'ArrowUp' ? d : e.key === 'ArrowDown' ? -d : 0);
    } else if (e.target === stage.canvas && e.key === 'Enter' && store.get().selected) fail(store.get().selected!, e.shiftKey);
  });
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
    ranking.update(rankSingleFailures(engine));
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
    toggleLane,
  };
  (window as unknown as { faultline: ViewerHandle }).faultline = handle;
  return handle;
}
