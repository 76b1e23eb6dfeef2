/**
 * The scene: what the canvas draws, in world coordinates
 * ======================================================
 *
 * Built once from the model and its layered layout (core `layoutModel`):
 * node boxes, placement pips, edges with their endpoints and style, `anyOf`
 * junctions (a group is drawn as one stem into a diamond labelled
 * "need k of n", then one thin edge per member), and lane bands. Pure: no
 * DOM, so it is tested in node.
 */
import { PLACE_KINDS, type Mode, type Model, type ModelLayout } from '@faultline/core';

export const NODE_W = 172;
export const NODE_H = 38;
const PIP_GAP = 10;
const MAX_PIPS = 8;

export type EdgeStyle = Mode | 'placement' | 'monitors';

export interface ScenePip {
  readonly domain: string;
  readonly replicas: number;
  /** Centre. */
  readonly x: number;
  readonly y: number;
}

export interface SceneNode {
  readonly i: number;
  readonly id: string;
  readonly kind: string;
  /** Centre. */
  readonly x: number;
  readonly y: number;
  readonly lane: number;
  readonly layer: number;
  /** A region, zone, datacenter or provider: drawn as a pill. */
  readonly place: boolean;
  readonly domain: boolean;
  readonly critical: boolean;
  readonly control: boolean;
  /** A user journey (`kind: journey`): a target that runs nowhere, drawn as a flow arrow. */
  readonly journey: boolean;
  readonly pips: readonly ScenePip[];
  /** Placements not drawn as pips (more than fit). */
  readonly morePips: number;
}

export interface SceneEdge {
  /** The dependent's node index. */
  readonly source: number;
  /** The dependency's node index; −1 for the stem into a junction. */
  readonly target: number;
  readonly style: EdgeStyle;
  /** The dependency has `fallback: true`: failures never cross it, and simulate lists it when it is used. */
  readonly fallback: boolean;
  /** The junction this edge enters (stem) or leaves (member edge); −1 when none. */
  readonly junction: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Junction {
  readonly owner: number;
  readonly x: number;
  readonly y: number;
  readonly need: number;
  readonly members: readonly number[];
  readonly mode: Mode;
}

export interface SceneLane {
  readonly id: string;
  readonly label: string;
  readonly y: number;
  readonly height: number;
  /** The places a click on the lane header fails (its anchors). */
  readonly anchors: readonly string[];
  readonly members: readonly number[];
}

export interface Scene {
  /** The layout's distance between columns. */
  readonly columnWidth: number;
  readonly nodes: readonly SceneNode[];
  readonly edges: readonly SceneEdge[];
  readonly junctions: readonly Junction[];
  readonly lanes: readonly SceneLane[];
  /** Edge indices touching each node (either end). */
  readonly edgesOf: readonly (readonly number[])[];
  readonly bounds: { readonly x0: number; readonly y0: number; readonly x1: number; readonly y1: number };
}

/** Builds the scene of a model from its layout. */
export function buildScene(model: Model, layout: ModelLayout, columnWidth: number): Scene {
  const ids = [...model.components.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const laneIndex = new Map(layout.laneInfo.map((l, i) => [l.id, i]));
  const nodes: SceneNode[] = ids.map((id, i) => {
    const c = model.components.get(id)!;
    const p = layout.nodes.get(id)!;
    const shown = c.placements.slice(0, MAX_PIPS);
    const pips = shown.map((pl, j) => ({ domain: pl.domain, replicas: pl.replicas, x: p.x + NODE_W / 2 - 11 - (shown.length - 1 - j) * PIP_GAP, y: p.y + 9 }));
    return {
      i,
      id,
      kind: c.kind,
      x: p.x,
      y: p.y,
      lane: laneIndex.get(p.lane)!,
      layer: p.layer,
      place: PLACE_KINDS.has(c.kind),
      domain: c.isDomain,
      critical: c.critical,
      control: c.plane === 'control',
      journey: c.isJourney,
      pips,
      morePips: c.placements.length - shown.length,
    };
  });

  const edges: SceneEdge[] = [];
  const junctions: Junction[] = [];
  const link = (source: number, target: number, style: EdgeStyle, fallback = false, junction = -1, from?: { x: number; y: number }): void => {
    const s = nodes[source]!;
    const t = nodes[target]!;
    const x1 = from ? from.x : s.x + NODE_W / 2;
    const y1 = from ? from.y : s.y;
    edges.push({ source, target, style, fallback, junction, x1, y1, x2: t.x - NODE_W / 2, y2: t.y });
  };
  for (const c of model.components.values()) {
    const s = index.get(c.id)!;
    const node = nodes[s]!;
    let groups = 0;
    for (const d of c.dependsOn) {
      if (d.type === 'edge') {
        link(s, index.get(d.target)!, d.mode, d.fallback === true);
        continue;
      }
      const j = junctions.length;
      const at = { x: node.x + NODE_W / 2 + 22 + groups * 16, y: node.y + (groups % 2 === 0 ? 0 : 8) };
      groups++;
      const members = d.anyOf.map((m) => index.get(m)!);
      junctions.push({ owner: s, x: at.x, y: at.y, need: d.need, members, mode: d.mode });
      edges.push({ source: s, target: -1, style: d.mode, fallback: d.fallback === true, junction: j, x1: node.x + NODE_W / 2, y1: node.y, x2: at.x - 5, y2: at.y });
      for (const m of members) link(s, m, d.mode, d.fallback === true, j, { x: at.x + 5, y: at.y });
    }
    for (const p of c.placements) link(s, index.get(p.domain)!, 'placement');
    for (const m of c.monitors) link(s, index.get(m)!, 'monitors');
  }

  const edgesOf: number[][] = nodes.map(() => []);
  edges.forEach((e, k) => {
    edgesOf[e.source]!.push(k);
    if (e.target >= 0) edgesOf[e.target]!.push(k);
  });

  const members: number[][] = layout.laneInfo.map(() => []);
  for (const n of nodes) members[n.lane]!.push(n.i);
  const lanes: SceneLane[] = layout.laneInfo.map((l, k) => ({
    id: l.id,
    label: l.label,
    y: layout.lanes[k]!.y,
    height: layout.lanes[k]!.height,
    anchors: l.anchors,
    members: members[k]!,
  }));

  let x0 = Infinity,
    x1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.x - NODE_W / 2);
    x1 = Math.max(x1, n.x + NODE_W / 2 + 60);
  }
  if (nodes.length === 0) x0 = x1 = 0;
  return { columnWidth, nodes, edges, junctions, lanes, edgesOf, bounds: { x0: x0 - 24, y0: 0, x1: x1 + 10, y1: layout.height } };
}
