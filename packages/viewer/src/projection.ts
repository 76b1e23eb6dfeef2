/**
 * Collapsed lanes: a large architecture, one row per region
 * =========================================================
 *
 * A collapsed lane keeps its band but draws one box per layer (its "cell":
 * every component of that region in that column) with a count and how many
 * are down or degraded, and the edges into and out of it bundled, one line
 * per pair of ends with its count. Lanes below move up. Nothing is dropped:
 * every component is counted in its cell, every edge in its bundle, and a
 * click expands the lane. Pure: tested in node.
 */
import { NODE_H, NODE_W, type Scene } from './scene.js';

/** Models larger than this open with every lane of more than `COLLAPSE_MEMBERS` components collapsed. */
export const COLLAPSE_AT = 3000;
export const COLLAPSE_MEMBERS = 60;

export interface Cell {
  readonly lane: number;
  readonly layer: number;
  readonly members: readonly number[];
  /** The box, in projected world coordinates. */
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
}

export interface Projection {
  /** Per node: its drawn centre x (layers narrowed where only folded lanes needed their width). */
  readonly x: Float64Array;
  /** Per node: its drawn centre y (its lane moved up by the collapsed lanes above). */
  readonly y: Float64Array;
  /** Per node: the cell it is drawn in, or −1 when its lane is expanded. */
  readonly cellOf: Int32Array;
  readonly cells: readonly Cell[];
  /** Per lane: the drawn band. */
  readonly lanes: readonly { readonly y: number; readonly height: number; readonly collapsed: boolean }[];
  readonly bounds: Scene['bounds'];
}

/** Height of a folded lane's cell box. */
export const CELL_H = 2 * NODE_H;
const COLLAPSED_HEIGHT = 44 + CELL_H + 14;

/** Lanes that start collapsed: none, unless the model is large. */
export function initialCollapse(scene: Scene): Set<string> {
  if (scene.nodes.length <= COLLAPSE_AT) return new Set();
  return new Set(scene.lanes.filter((l) => l.members.length > COLLAPSE_MEMBERS).map((l) => l.id));
}

export function project(scene: Scene, collapsed: ReadonlySet<string>): Projection {
  const n = scene.nodes.length;
  const x = columns(scene, collapsed);
  const y = new Float64Array(n);
  const cellOf = new Int32Array(n).fill(-1);
  const cells: Cell[] = [];
  const lanes: { y: number; height: number; collapsed: boolean }[] = [];
  let shift = 0;
  scene.lanes.forEach((lane, k) => {
    const isCollapsed = collapsed.has(lane.id);
    const top = lane.y - shift;
    const height = isCollapsed ? Math.min(lane.height, COLLAPSED_HEIGHT) : lane.height;
    lanes.push({ y: top, height, collapsed: isCollapsed });
    if (isCollapsed) {
      const rowY = top + 44 + CELL_H / 2;
      const byLayer = new Map<number, number[]>();
      for (const i of lane.members) {
        const layer = scene.nodes[i]!.layer;
        let list = byLayer.get(layer);
        if (!list) byLayer.set(layer, (list = []));
        list.push(i);
      }
      for (const [layer, members] of [...byLayer].sort((a, b) => a[0] - b[0])) {
        let x0 = Infinity,
          x1 = -Infinity;
        for (const i of members) {
          x0 = Math.min(x0, x[i]! - NODE_W / 2);
          x1 = Math.max(x1, x[i]! + NODE_W / 2);
          cellOf[i] = cells.length;
          y[i] = rowY;
        }
        cells.push({ lane: k, layer, members, x0, x1, y: rowY });
      }
    } else for (const i of lane.members) y[i] = scene.nodes[i]!.y - shift;
    shift += lane.height - height;
  });
  const b = scene.bounds;
  let right = -Infinity;
  for (let i = 0; i < n; i++) right = Math.max(right, x[i]!);
  const x1 = n === 0 ? b.x1 : b.x1 - (maxX(scene) - right);
  return { x, y, cellOf, cells, lanes, bounds: { x0: b.x0, y0: b.y0, x1, y1: b.y1 - shift } };
}

function maxX(scene: Scene): number {
  let m = -Infinity;
  for (const node of scene.nodes) m = Math.max(m, node.x);
  return m;
}

/**
 * Node x once folded lanes give back their width: a layer keeps as many
 * sub-columns as its unfolded lanes use (one when all are folded); folded
 * nodes sit in the layer's first column, where their cell is drawn.
 */
function columns(scene: Scene, collapsed: ReadonlySet<string>): Float64Array {
  const byLayer = new Map<number, number[]>();
  for (const node of scene.nodes) {
    let xs = byLayer.get(node.layer);
    if (!xs) byLayer.set(node.layer, (xs = []));
    xs.push(node.x);
  }
  const distinct = new Map<number, number[]>();
  for (const [layer, xs] of byLayer)
    distinct.set(
      layer,
      [...new Set(xs)].sort((a, b) => a - b),
    );
  const folded = (i: number): boolean => collapsed.has(scene.lanes[scene.nodes[i]!.lane]!.id);
  const used = new Map<number, number>();
  for (const node of scene.nodes) {
    const column = folded(node.i) ? 0 : distinct.get(node.layer)!.indexOf(node.x);
    used.set(node.layer, Math.max(used.get(node.layer) ?? 1, column + 1));
  }
  const layers = [...distinct.keys()].sort((a, b) => a - b);
  const start = new Map<number, number>();
  let at = layers.length > 0 ? distinct.get(layers[0]!)![0]! : 0;
  for (const layer of layers) {
    start.set(layer, at);
    at += used.get(layer)! * scene.columnWidth;
  }
  const x = new Float64Array(scene.nodes.length);
  for (const node of scene.nodes) {
    const column = folded(node.i) ? 0 : distinct.get(node.layer)!.indexOf(node.x);
    x[node.i] = start.get(node.layer)! + column * scene.columnWidth;
  }
  return x;
}
