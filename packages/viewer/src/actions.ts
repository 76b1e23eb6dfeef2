/**
 * What the viewer's controls do
 * =============================
 *
 * Every click, button and key ends in one of these actions. They only
 * change the store (faults, selection, folded lanes, focus) and move the
 * camera; the store's subscribers re-run the engine and redraw. Clicking an
 * up component fails it (shift-click adds or removes a fault); clicking a
 * worsened one selects it and shows why.
 */
import { neighbourhood, resolveRef, type FaultSpec } from '@faultline/core';
import { UP, type Engine, type Run } from './engine.js';
import type { Projection } from './projection.js';
import type { ViewFinding } from './providers/findings.js';
import type { RankedFailure } from './providers/ranking.js';
import type { Hit, Stage } from './render/stage.js';
import type { Scene } from './scene.js';
import { initialState, type Store } from './store.js';

/** What the actions read; `stage`, `run` and `proj` change (or are created) after the actions are. */
export interface ActionContext {
  readonly engine: Engine;
  readonly store: Store;
  readonly scene: Scene;
  /** The lanes folded when the page opened, restored by `reset`. */
  readonly startCollapsed: ReadonlySet<string>;
  /** The page opened on the overview, as `reset` does. */
  readonly startOverview: boolean;
  readonly stage: () => Stage;
  readonly run: () => Run;
  readonly proj: () => Projection;
}

export interface Actions {
  /** Fails `target` (an id, `id@domain` or a selector) alone, or adds or removes it with `add`. */
  fail(target: string, add: boolean): void;
  /** Selects a component (unfolding its lane), optionally centring it. */
  selectId(id: string | null, centre?: boolean): void;
  toggleLane(lane: string): void;
  /** Folds every lane with more than one member, or unfolds them all. */
  foldAll(): void;
  /** Back to the opening state (keeping the effect and placement toggles). */
  reset(): void;
  /** Selects the first component whose id matches; false when none does. */
  /** Selects the component a query names; returns why not (unknown, with a did-you-mean, or ambiguous) when none. */
  search(query: string): string | undefined;
  applyRanked(r: RankedFailure): void;
  applyFinding(f: ViewFinding): void;
  /** A click on the canvas. */
  click(hit: Hit | null, e: MouseEvent): void;
  /** A double-click on the canvas: a component's neighbourhood, as the two clicks before it had not happened. */
  dblclick(hit: Hit | null, e: MouseEvent): void;
}

export function createActions(c: ActionContext): Actions {
  const { engine, store, scene } = c;
  const laneIdOf = (id: string): string => engine.layout.laneOf.get(id)!;

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
  const selectId = (id: string | null, centre = false): void => {
    const collapsed = store.get().collapsed;
    if (id && collapsed.has(laneIdOf(id))) {
      // A component in a folded lane: unfold it, so the selection is visible.
      const next = new Set(collapsed);
      next.delete(laneIdOf(id));
      store.set({ selected: id, collapsed: next });
    } else store.set({ selected: id });
    if (id && centre) c.stage().centre(engine.index.get(id)!);
  };
  /** The state before the first click of a double-click, which the double-click restores. */
  let beforeClick: { node: number; at: number; faults: readonly FaultSpec[] } | null = null;
  const toggleLane = (lane: string): void => {
    const next = new Set(store.get().collapsed);
    if (next.has(lane)) next.delete(lane);
    else next.add(lane);
    store.set({ collapsed: next });
  };

  return {
    fail,
    selectId,
    toggleLane,
    foldAll() {
      store.set({ collapsed: store.get().collapsed.size > 0 ? new Set() : new Set(scene.lanes.filter((l) => l.members.length > 1).map((l) => l.id)) });
      c.stage().fit();
    },
    reset() {
      const s = store.get();
      store.set({ ...initialState, effect: s.effect, placements: s.placements, collapsed: c.startCollapsed, overview: c.startOverview, groupBy: s.groupBy });
      c.stage().fit();
    },
    search(query) {
      if (!query) return 'type an id or a ref (resource:orders-db, statefulset/redis-cart)';
      const q = query.toLowerCase();
      // An id, a ref as the component's input names it (resource:orders-db, statefulset/redis-cart), else a part of an id.
      const ref = engine.index.has(query) ? { id: query } : resolveRef(engine.model, query);
      const id = ref.id ?? (ref.candidates.length === 0 ? engine.ids.find((x) => x.toLowerCase().includes(q)) : undefined);
      if (!id) return `${ref.message} (${ref.hint})`;
      // Found by name: shown in the graph, also from the overview.
      if (store.get().overview) store.set({ overview: false });
      selectId(id, true);
      return undefined;
    },
    applyRanked(r) {
      const focus = r.victims[0] ?? r.target.split('@')[0]!;
      store.set({ faults: [{ target: r.target }], focus: null });
      selectId(focus, true);
    },
    applyFinding(f) {
      store.set({ faults: f.faults.length > 0 ? f.faults : store.get().faults, focus: null });
      if (engine.index.has(f.focus)) selectId(f.focus, true);
    },
    click(hit, e) {
      // The second click of a double-click does nothing; the double-click itself decides.
      if (e.detail >= 2) return;
      const s = store.get();
      beforeClick = hit && hit.type === 'node' ? { node: hit.node, at: e.timeStamp, faults: s.faults } : null;
      if (!hit) {
        if (!e.shiftKey) store.set({ selected: null });
        return;
      }
      if (hit.type === 'toggle') return toggleLane(scene.lanes[hit.lane]!.id);
      if (hit.type === 'cell') return toggleLane(scene.lanes[c.proj().cells[hit.cell]!.lane]!.id);
      if (hit.type === 'lane') {
        const anchors = scene.lanes[hit.lane]!.anchors;
        if (anchors.length === 1) fail(anchors[0]!, e.shiftKey);
        return;
      }
      const id = engine.ids[hit.node]!;
      if (hit.type === 'pip') return fail(`${id}@${hit.domain}`, e.shiftKey);
      if (e.altKey || e.metaKey || e.ctrlKey) return selectId(id);
      if (e.shiftKey) return fail(id, true);
      const run = c.run();
      if (run.status[hit.node] !== UP || run.faulted[hit.node]) return selectId(id);
      fail(id, false);
    },
    dblclick(hit, e) {
      // Only when both clicks were on this node of the graph (not the first on the overview, say).
      if (hit?.type !== 'node' || beforeClick?.node !== hit.node || e.timeStamp - beforeClick.at > 1000) return;
      const id = engine.ids[hit.node]!;
      const keep = neighbourhood(engine.graphology, id, 1);
      const lanes = new Set([...keep].map(laneIdOf));
      const collapsed = new Set([...store.get().collapsed].filter((l) => !lanes.has(l)));
      store.set({ faults: beforeClick.faults, selected: id, focus: { id, hops: 1 }, collapsed });
      beforeClick = null;
      c.stage().fit([...keep].map((k) => engine.index.get(k)!));
    },
  };
}

const THEMES = ['auto', 'dark', 'light'] as const;

/** Switches to the next colour theme (auto → dark → light) on the document; returns its name. */
export function cycleTheme(doc: Document): (typeof THEMES)[number] {
  const current = doc.documentElement.dataset['theme'];
  const theme = THEMES[(THEMES.indexOf((current ?? 'auto') as (typeof THEMES)[number]) + 1) % THEMES.length]!;
  if (theme === 'auto') delete doc.documentElement.dataset['theme'];
  else doc.documentElement.dataset['theme'] = theme;
  return theme;
}
