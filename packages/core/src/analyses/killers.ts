/**
 * Killers: the single failures that take given nodes down
 * =======================================================
 *
 * The low-level query the lint rules build on: for each target node v, its
 * cut1 — every single failure (component or placement) that takes v down,
 * or leaves it not up. `single-point-of-failure` asks it for critical
 * components, `shared-fate-redundancy` for redundancy gates (a failure that
 * defeats an `anyOf` or spare placements), `monitor-independence` for a
 * monitor and what it monitors (a common killer means the monitor is blind
 * exactly when needed).
 *
 * One bitset sweep restricted to the targets' cone (their transitive
 * dependencies): ask for every target at once, it costs about as much as one.
 */
import type { CompiledGraph } from '../engine/compile.js';
import { sweepCut1 } from './cut1.js';
import type { FailureSpace } from './failure-space.js';

/** Which status a killer forces: `down`, or `notUp` (down or degraded). */
export type KillLayer = 'down' | 'notUp';

/**
 * For each target engine node, the indices (into `space`) of the failures
 * that take it down (or make it not up), ascending. A component's own
 * failure is among its killers, except a journey's (never a failure).
 */
export function killersOf(graph: CompiledGraph, space: FailureSpace, targets: readonly number[], layer: KillLayer = 'down', wordsPerRow = 64): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const t of targets) {
    if (!Number.isInteger(t) || t < 0 || t >= graph.size) throw new Error(`faultline/killers: no engine node ${t}`);
    out.set(t, []);
  }
  const active = cone(graph, [...out.keys()]);
  const killerNodes = space.nodes.filter((v) => active[v] === 1);
  if (killerNodes.length === 0) return out;
  sweepCut1(graph, { killers: killerNodes, wordsPerRow, notUp: layer === 'notUp', active }, (chunk) => {
    const rows = layer === 'down' ? chunk.down : chunk.notUp;
    for (const [t, list] of out) {
      const p = rows[t]!;
      if (p < 0) continue;
      for (let j = 0; j < chunk.wb; j++) {
        let x = chunk.pool[p + j]!;
        while (x !== 0) {
          const low = x & -x;
          const bit = j * 32 + 31 - Math.clz32(low);
          list.push(space.indexOf[killerNodes[chunk.bitKiller[chunk.first + bit]!]!]!);
          x ^= low;
        }
      }
    }
  });
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** The targets and everything they depend on, through any input (or only through hard ones). */
export function cone(graph: CompiledGraph, targets: readonly number[], hardOnly = false): Uint8Array {
  const seen = new Uint8Array(graph.size);
  const stack: number[] = [];
  for (const t of targets) {
    if (seen[t]) continue;
    seen[t] = 1;
    stack.push(t);
  }
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let e = graph.inputOffset[v]!; e < graph.inputOffset[v + 1]!; e++) {
      const u = graph.inputs[e]!;
      if (seen[u] || (hardOnly && !graph.inputHard[e])) continue;
      seen[u] = 1;
      stack.push(u);
    }
  }
  return seen;
}
