/**
 * View state
 * ==========
 *
 * Everything the user changed, in one immutable object; panels and the
 * canvas subscribe and redraw from it. The simulation is derived from
 * `faults` by the engine, never stored here.
 */
import type { FaultEffect, FaultSpec } from '@faultline/core';
import type { GroupBy } from './overview/aggregate.js';

export interface ViewState {
  readonly faults: readonly FaultSpec[];
  /** What a click on an up component does. */
  readonly effect: FaultEffect;
  readonly selected: string | null;
  readonly hovered: string | null;
  /** Show only the worsened components (and the faults). */
  readonly blastOnly: boolean;
  /** Show only the n-hop neighbourhood of a component. */
  readonly focus: { readonly id: string; readonly hops: number } | null;
  readonly kind: string | null;
  readonly lane: string | null;
  /** Draw placement edges for every component (else only for the selected one). */
  readonly placements: boolean;
  /** Lanes drawn folded, one box per layer (large models start with their big lanes folded). */
  readonly collapsed: ReadonlySet<string>;
  /** The aggregated overview is shown instead of the graph (overview/overview.ts). */
  readonly overview: boolean;
  /** How the overview groups components. */
  readonly groupBy: GroupBy;
  /** The graph shows only the members of this group (a click on it in the overview). */
  readonly drill: { readonly by: GroupBy; readonly key: string } | null;
}

export const initialState: ViewState = {
  faults: [],
  effect: 'down',
  selected: null,
  hovered: null,
  blastOnly: false,
  focus: null,
  kind: null,
  lane: null,
  placements: false,
  collapsed: new Set(),
  overview: false,
  groupBy: 'region',
  drill: null,
};

type Listener = (state: ViewState, previous: ViewState) => void;

/** A minimal observable store. */
export class Store {
  private state: ViewState;
  private readonly listeners: Listener[] = [];

  constructor(state: ViewState) {
    this.state = state;
  }

  get(): ViewState {
    return this.state;
  }

  set(patch: Partial<ViewState>): void {
    const previous = this.state;
    this.state = { ...previous, ...patch };
    for (const l of this.listeners) l(this.state, previous);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }
}

/** Same faults, same order? */
export function sameFaults(a: readonly FaultSpec[], b: readonly FaultSpec[]): boolean {
  return a.length === b.length && a.every((f, i) => f.target === b[i]!.target && (f.effect ?? 'down') === (b[i]!.effect ?? 'down'));
}
