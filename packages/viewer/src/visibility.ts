/**
 * What the canvas shows: hidden nodes (blast-radius and neighbourhood focus),
 * faded nodes (kind and region filters), and the selected node's chain.
 * Pure, so it is tested in node.
 */
import type { ChainStep } from '@faultline/core';
import { UP, type Run } from './engine.js';

export interface Shown {
  readonly hidden: Uint8Array;
  readonly dimmed: Uint8Array;
}

export interface ShowOptions {
  readonly blastOnly: boolean;
  /** Ids to keep (neighbourhood focus), or null for all. */
  readonly keep: ReadonlySet<string> | null;
  readonly kind: string | null;
  readonly lane: string | null;
}

export function visibility(ids: readonly string[], kinds: readonly string[], lanes: readonly string[], run: Run, o: ShowOptions): Shown {
  const n = ids.length;
  const hidden = new Uint8Array(n);
  const dimmed = new Uint8Array(n);
  const blast = o.blastOnly && run.sim !== null;
  const partial = new Set(run.sim?.partial.map((p) => p.id) ?? []);
  for (let i = 0; i < n; i++) {
    if (blast && run.status[i] === UP && !run.faulted[i] && !partial.has(ids[i]!)) hidden[i] = 1;
    if (o.keep && !o.keep.has(ids[i]!)) hidden[i] = 1;
    if ((o.kind !== null && kinds[i] !== o.kind) || (o.lane !== null && lanes[i] !== o.lane)) dimmed[i] = 1;
  }
  return { hidden, dimmed };
}

/** The chain's nodes and links (`source * n + target`), by component index. */
export function chainOf(chain: readonly ChainStep[] | undefined, index: ReadonlyMap<string, number>): { nodes: Set<number>; links: Set<number> } {
  const nodes = new Set<number>();
  const links = new Set<number>();
  if (!chain) return { nodes, links };
  const n = index.size;
  for (let s = 0; s < chain.length; s++) {
    const a = index.get(chain[s]!.id);
    if (a === undefined) continue;
    nodes.add(a);
    const b = s + 1 < chain.length ? index.get(chain[s + 1]!.id) : undefined;
    if (b !== undefined) links.add(a * n + b);
  }
  return { nodes, links };
}
