/**
 * The engine, as the page uses it
 * ===============================
 *
 * The viewer runs core's `simulate` on a graph compiled once; it never
 * re-implements the semantics. A run turns the simulation into per-component
 * arrays the canvas can read in its draw loop (status, faulted) plus the
 * outcome (causes, chain) of each worsened component.
 */
import { compile, FaultError, layoutModel, simulate, type CompiledGraph, type FaultSpec, type Model, type ModelLayout, type NodeOutcome, type Simulation } from '@faultline/core';

/** Distance between layout columns: a node (172) and room for edges and junctions. */
export const COLUMN_WIDTH = 218;

export const UP = 0;
export const DEGRADED = 1;
export const DOWN = 2;

export const NOT_FAULTED = 0;
export const FAULT_DOWN = 1;
export const FAULT_DEGRADED = 2;
export const FAULT_SLOW = 3;
const FAULT_CODE = { down: FAULT_DOWN, degraded: FAULT_DEGRADED, slow: FAULT_SLOW } as const;

export interface Run {
  readonly faults: readonly FaultSpec[];
  readonly sim: Simulation | null;
  /** Per component index: UP, DEGRADED or DOWN. */
  readonly status: Uint8Array;
  /** Per component index: the fault that hits the component itself (NOT_FAULTED, FAULT_DOWN, FAULT_DEGRADED, FAULT_SLOW). */
  readonly faulted: Uint8Array;
  /** Placements hit directly, as `id@domain`. */
  readonly faultedPlacements: ReadonlySet<string>;
  readonly outcome: ReadonlyMap<string, NodeOutcome>;
  /** A fault that names nothing (a FaultError), shown to the user. */
  readonly error?: string;
}

export class Engine {
  readonly graph: CompiledGraph;
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  private laid: ModelLayout | undefined;

  constructor(readonly model: Model) {
    this.graph = compile(model);
    this.ids = [...model.components.keys()];
    this.index = this.graph.index;
  }

  get layout(): ModelLayout {
    return (this.laid ??= layoutModel(this.model, { columnWidth: COLUMN_WIDTH, rowHeight: 50, laneHeader: 44, lanePadding: 10 }));
  }

  run(faults: readonly FaultSpec[]): Run {
    const n = this.ids.length;
    const status = new Uint8Array(n);
    const faulted = new Uint8Array(n);
    const faultedPlacements = new Set<string>();
    const outcome = new Map<string, NodeOutcome>();
    if (faults.length === 0) return { faults, sim: null, status, faulted, faultedPlacements, outcome };
    let sim: Simulation;
    try {
      sim = simulate(this.graph, faults);
    } catch (error) {
      if (!(error instanceof FaultError)) throw error;
      const message = error.message.replace(/^faultline\/faults: /, '') + (error.hint ? ` (${error.hint})` : '');
      return { faults, sim: null, status, faulted, faultedPlacements, outcome, error: message };
    }
    for (const node of sim.nodes) {
      const v = this.index.get(node.id)!;
      status[v] = node.status === 'down' ? DOWN : DEGRADED;
      outcome.set(node.id, node);
    }
    for (const f of sim.faults) {
      for (const hit of f.hits) {
        const v = this.index.get(hit);
        if (v !== undefined) faulted[v] = Math.max(faulted[v]!, FAULT_CODE[f.effect]);
        else faultedPlacements.add(hit);
      }
    }
    return { faults, sim, status, faulted, faultedPlacements, outcome };
  }
}
