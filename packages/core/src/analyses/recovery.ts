/**
 * recoveryOrder(model): the cold-start waves
 * ==========================================
 *
 * The *other* fixpoint (docs/algorithms.md#cold-start-fixpoint): start with nothing up and
 * let a node start once its requirements hold — every hard dependency up,
 * each hard group with at least `need` members up, at least `minHealthy`
 * replicas up — all from earlier waves. Soft dependencies never block a
 * start. This is the least fixpoint of "up", computed by a generalized Kahn
 * algorithm with counters over the compiled graph: a node waits for the
 * hard-input weight `total − downThreshold + 1`. Gates and replicas start the
 * moment their inputs do; a component starts one wave after the last thing
 * it waited for. O(V + E).
 *
 * What never starts is split into
 * - deadlocked groups: strongly connected sets of never-started components
 *   that wait on each other. `hard-cycle` groups contain a cycle of required
 *   dependencies (`cycles` reports it); `self-supported` groups are cycles
 *   through redundancy (an `anyOf`, a quorum, spare placements) that
 *   `cycles` does not report, because an outside member could break them,
 *   yet none does;
 * - blocked components, which wait (directly or not) on a deadlocked group.
 *
 * A cold start follows the startup view of the graph (`startupGraph`,
 * whatever graph it is given): a `phase: startup` dependency must be up
 * before its dependent starts, a `phase: runtime` one is not waited for, and
 * neither an `async` dependency (it counts as soft) nor one with
 * `fallback: true` (it is not in the graph) ever blocks a start.
 *
 * `simulate` computes the least fixpoint of "down" instead: a running system
 * holds its cycles up, so with no fault every component is up there,
 * including all of these. That is where the two fixpoints differ; for
 * self-supported groups they keep differing under faults (a member that
 * fails outside the cycle does not take the cycle down in `simulate`).
 */
import { startupGraph, type CompiledGraph } from '../engine/compile.js';
import type { ComponentId } from '../model.js';
import { markEdges, projectLinks, requiredEdge, type CycleLink } from './component-links.js';
import { witness } from './cycles.js';
import { graphOf, type AnalysisInput } from './graph-input.js';
import { isCyclic, stronglyConnected } from './tarjan.js';

/** Components that wait on each other and so never start. */
export interface Deadlock {
  /** `hard-cycle`: contains a cycle of required dependencies; `self-supported`: only cycles through redundancy. */
  readonly kind: 'hard-cycle' | 'self-supported';
  /** Model order. */
  readonly members: readonly ComponentId[];
  /** One concrete cycle from the first member on a cycle back to it (`[a, b, a]`); required links for a hard cycle. */
  readonly path: readonly ComponentId[];
  /** The dependency behind each step of `path`. */
  readonly links: readonly CycleLink[];
}

/** A component that never starts because what it needs never does. */
export interface Blocked {
  /** The component that never starts. */
  readonly id: ComponentId;
  /** Its direct dependencies (through groups and placements too) that never start, in model order. */
  readonly waitsOn: readonly ComponentId[];
}

/** The cold-start order of a model (`recoveryOrder`). */
export interface Recovery {
  /** Components in the wave they start in; model order inside a wave. Wave 0 needs nothing. */
  readonly waves: readonly (readonly ComponentId[])[];
  /** The wave a component starts in; undefined when it never starts or is unknown. */
  waveOf(id: ComponentId): number | undefined;
  /** Groups that wait on each other, in the model order of their first member. */
  readonly deadlocked: readonly Deadlock[];
  /** Components that never start only because of a deadlock, in model order. */
  readonly blocked: readonly Blocked[];
  /**
   * Every component that never cold-starts (deadlocked or blocked), in model
   * order: `simulate` counts each of them up when nothing has failed, because
   * the running system's fixpoint holds cycles up.
   */
  readonly heldUpBySimulate: readonly ComponentId[];
}

/** The cold-start order of a model (startup view): waves, deadlocks and what they block. */
export function recoveryOrder(input: AnalysisInput): Recovery {
  const graph = startupGraph(graphOf(input));
  const time = coldStart(graph);
  const C = graph.components;
  const waves: ComponentId[][] = [];
  const waveOf = (id: ComponentId): number | undefined => {
    const c = graph.index.get(id);
    return c === undefined || time[c]! < 0 ? undefined : time[c];
  };
  const never = new Uint8Array(C);
  let neverCount = 0;
  for (let c = 0; c < C; c++) {
    if (time[c]! < 0) {
      never[c] = 1;
      neverCount++;
      continue;
    }
    const w = time[c]!;
    while (waves.length <= w) waves.push([]);
    waves[w]!.push(graph.names[c]!);
  }
  if (neverCount === 0) return { waves, waveOf, deadlocked: [], blocked: [], heldUpBySimulate: [] };

  const { inputHard, inputs } = graph;
  const waits = projectLinks(
    graph,
    markEdges(graph, never, (e) => inputHard[e] === 1 && time[inputs[e]!]! < 0),
    never,
  );
  const scc = stronglyConnected(C, waits.offset, waits.targets, { include: never });
  const required = projectLinks(graph, markEdges(graph, never, requiredEdge(graph)), never);
  const hard = stronglyConnected(C, required.offset, required.targets, { include: never });
  const onHardCycle = (c: number): boolean => isCyclic(hard, hard.componentOf[c]!, required.offset, required.targets);

  const deadlocked: (Deadlock & { first: number })[] = [];
  const inDeadlock = new Uint8Array(C);
  for (let s = 0; s < scc.count; s++) {
    if (!isCyclic(scc, s, waits.offset, waits.targets)) continue;
    const members = Array.from(scc.order.subarray(scc.start[s]!, scc.start[s + 1]!)).sort((a, b) => a - b);
    for (const m of members) inDeadlock[m] = 1;
    const onCycle = members.find(onHardCycle);
    const cycle =
      onCycle === undefined
        ? witness(graph, waits, members[0]!, (v) => scc.componentOf[v] === s)
        : witness(graph, required, onCycle, (v) => hard.componentOf[v] === hard.componentOf[onCycle]);
    deadlocked.push({ kind: onCycle === undefined ? 'self-supported' : 'hard-cycle', members: members.map((m) => graph.names[m]!), ...cycle, first: members[0]! });
  }

  const blocked: Blocked[] = [];
  const heldUpBySimulate: ComponentId[] = [];
  for (let c = 0; c < C; c++) {
    if (!never[c]) continue;
    heldUpBySimulate.push(graph.names[c]!);
    if (inDeadlock[c]) continue;
    const on = new Set<number>();
    for (let i = waits.offset[c]!; i < waits.offset[c + 1]!; i++) on.add(waits.targets[i]!);
    blocked.push({ id: graph.names[c]!, waitsOn: [...on].sort((a, b) => a - b).map((v) => graph.names[v]!) });
  }
  return {
    waves,
    waveOf,
    deadlocked: deadlocked.sort((a, b) => a.first - b.first).map(({ first: _, ...d }) => d),
    blocked,
    heldUpBySimulate,
  };
}

/**
 * The least fixpoint of "up" on the engine graph: the time each node starts
 * (a component's wave; a gate's or replica's is that of the input that
 * completed it), −1 for never.
 */
export function coldStart(graph: CompiledGraph): Int32Array {
  const { size, components, inputOffset, inputHard, inputWeight, downThreshold, dependentOffset, dependentEdges, edgeFrom } = graph;
  const waiting = new Int32Array(size);
  const time = new Int32Array(size).fill(-1);
  // One queue: the current wave grows at its tail (gates and replicas start at once);
  // components that become ready wait in `next` for the following wave.
  const queue = new Int32Array(size);
  const next = new Int32Array(size);
  let tail = 0;
  for (let v = 0; v < size; v++) {
    let hardTotal = 0;
    for (let e = inputOffset[v]!; e < inputOffset[v + 1]!; e++) if (inputHard[e]) hardTotal += inputWeight[e]!;
    const wait = hardTotal - downThreshold[v]! + 1;
    waiting[v] = wait;
    if (wait <= 0) {
      time[v] = 0;
      queue[tail++] = v;
    }
  }
  for (let wave = 0, head = 0; head < tail; wave++) {
    let ready = 0;
    for (; head < tail; head++) {
      const u = queue[head]!;
      for (let i = dependentOffset[u]!; i < dependentOffset[u + 1]!; i++) {
        const e = dependentEdges[i]!;
        if (!inputHard[e]) continue;
        const v = edgeFrom[e]!;
        if (time[v]! >= 0 || (waiting[v]! -= inputWeight[e]!) > 0) continue;
        if (v < components) {
          time[v] = wave + 1;
          next[ready++] = v;
        } else {
          time[v] = wave;
          queue[tail++] = v;
        }
      }
    }
    for (let i = 0; i < ready; i++) queue[tail++] = next[i]!;
  }
  return time;
}
