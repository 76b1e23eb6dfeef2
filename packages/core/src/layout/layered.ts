/**
 * Layered layout, left to right
 * =============================
 *
 * A small Sugiyama-style layout for dependency graphs: dependents on the
 * left, what they depend on to the right, nodes stacked in horizontal lanes
 * (regions, in the viewer). Off-the-shelf layered layouts took 21 s to over
 * 120 s at 2,000 nodes on this kind of machine, while these steps took 37 ms
 * (docs/algorithms.md#layered-layout):
 *
 * 1. condense cycles (Tarjan), so a cycle shares one layer;
 * 2. longest-path layering from the sources: a node sits one layer right of
 *    its right-most dependent; nodes marked `last` share the final layer;
 * 3. barycenter sweeps: within each lane and layer, order nodes by the mean
 *    y of their neighbours, alternately left to right and right to left;
 * 4. y packing: each node as close to its barycenter as its lane allows,
 *    `rowHeight` apart; a layer with more rows than the aspect ratio allows
 *    wraps into sub-columns (rows filled left to right), so 2,000 nodes make
 *    a drawing shaped like a screen rather than a thin strip.
 *
 * Pure and deterministic: the same input gives the same positions.
 *
 * [Reference]: K. Sugiyama, S. Tagawa, M. Toda, "Methods for visual
 * understanding of hierarchical system structures", IEEE SMC 11(2), 1981.
 */
import { stronglyConnected } from '../analyses/tarjan.js';
import { maxOf } from '../arrays.js';

export interface LayoutNode {
  readonly id: string;
  /** The lane (horizontal band) the node is drawn in. */
  readonly lane: string;
  /** Draw in the last layer, right of everything else (foundations: regions, zones). */
  readonly last?: boolean;
}

/** `from` depends on `to`: `from` is drawn to the left of `to`. */
export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

export interface LayeredOptions {
  /** Lanes top to bottom; lanes not listed follow in order of first appearance. */
  readonly laneOrder?: readonly string[];
  /** @default 240 */
  readonly columnWidth?: number;
  /** @default 40 */
  readonly rowHeight?: number;
  /** Space above the first row of a lane (its header). @default 36 */
  readonly laneHeader?: number;
  /** Space below the last row of a lane. @default 12 */
  readonly lanePadding?: number;
  /** @default 4 */
  readonly sweeps?: number;
  /**
   * Rows a cell (lane × layer) may hold before its layer wraps into
   * sub-columns. @default chosen so the drawing's width / height is closest to `aspect`
   */
  readonly maxRows?: number;
  /** @default 1.6 */
  readonly aspect?: number;
}

/** Where a node goes: `x`, `y` are its centre. */
export interface NodePosition {
  readonly x: number;
  readonly y: number;
  readonly layer: number;
  readonly lane: string;
}

export interface LaneBand {
  readonly id: string;
  readonly y: number;
  readonly height: number;
}

export interface LayeredLayout {
  readonly nodes: ReadonlyMap<string, NodePosition>;
  /** Top to bottom, each `y` … `y + height`. */
  readonly lanes: readonly LaneBand[];
  readonly layers: number;
  readonly width: number;
  readonly height: number;
}

/** Lays out nodes in layers (x) and lanes (y). Edges to unknown ids throw. */
export function layered(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: LayeredOptions = {}): LayeredLayout {
  const columnWidth = options.columnWidth ?? 240;
  const rowHeight = options.rowHeight ?? 40;
  const laneHeader = options.laneHeader ?? 36;
  const lanePadding = options.lanePadding ?? 12;
  const sweeps = options.sweeps ?? 4;
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((v, i) => index.set(v.id, i));
  const out: number[][] = nodes.map(() => []);
  const inc: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) throw new Error(`faultline/layout: edge ${e.from} -> ${e.to} names an unknown node`);
    if (a === b) continue;
    out[a]!.push(b);
    inc[b]!.push(a);
  }

  const layer = longestPathLayers(out);
  let rightmost = -1;
  for (let v = 0; v < n; v++) if (!nodes[v]!.last) rightmost = Math.max(rightmost, layer[v]!);
  for (let v = 0; v < n; v++) if (nodes[v]!.last) layer[v] = rightmost + 1;
  let layers = 0;
  for (let v = 0; v < n; v++) layers = Math.max(layers, layer[v]! + 1);

  // Lanes, top to bottom, and the cells (lane × layer) that hold the nodes.
  const laneIds = [...new Set([...(options.laneOrder ?? []), ...nodes.map((v) => v.lane)])].filter((l) => nodes.some((v) => v.lane === l));
  const laneIndex = new Map(laneIds.map((l, i) => [l, i]));
  const cells: number[][] = new Array(laneIds.length * Math.max(layers, 1)).fill(null).map(() => []);
  const cellOf = (v: number): number => laneIndex.get(nodes[v]!.lane)! * layers + layer[v]!;
  for (let v = 0; v < n; v++) cells[cellOf(v)]!.push(v);

  // A layer whose cells are too tall for the aspect ratio wraps into sub-columns.
  const geometry = { lanes: laneIds.length, layers, columnWidth, rowHeight, laneHeader, lanePadding };
  const wrap = wrapping(cells, geometry, options.maxRows ?? bestMaxRows(cells, geometry, options.aspect ?? 1.6));
  const layerX: number[] = [];
  let x = 0;
  for (let k = 0; k < layers; k++) {
    layerX.push(x);
    x += wrap[k]! * columnWidth;
  }

  const bands: LaneBand[] = [];
  let top = 0;
  for (let l = 0; l < laneIds.length; l++) {
    let rows = 0;
    for (let k = 0; k < layers; k++) rows = Math.max(rows, Math.ceil(cells[l * layers + k]!.length / wrap[k]!));
    const height = laneHeader + rows * rowHeight + lanePadding;
    bands.push({ id: laneIds[l]!, y: top, height });
    top += height;
  }

  // Initial y: manifest order within each cell.
  const y = new Float64Array(n);
  const column = new Int32Array(n);
  cells.forEach((cell, c) => {
    const band = bands[Math.floor(c / Math.max(layers, 1))]!;
    const w = wrap[c % Math.max(layers, 1)]!;
    cell.forEach((v, i) => (y[v] = band.y + laneHeader + (Math.floor(i / w) + 0.5) * rowHeight));
  });

  const bary = new Float64Array(n);
  for (let s = 0; s < sweeps; s++) {
    const forward = s % 2 === 0;
    for (let k0 = 0; k0 < layers; k0++) {
      const k = forward ? k0 : layers - 1 - k0;
      for (let l = 0; l < laneIds.length; l++) {
        const cell = cells[l * layers + k]!;
        if (cell.length === 0) continue;
        for (const v of cell) bary[v] = barycenter(v, out, inc, y);
        cell.sort((a, b) => bary[a]! - bary[b]! || a - b);
        if (wrap[k]! === 1) pack(cell, bary, y, bands[l]!, laneHeader, lanePadding, rowHeight);
        else rowMajor(cell, wrap[k]!, y, column, bands[l]!.y + laneHeader, rowHeight);
      }
    }
  }

  const positions = new Map<string, NodePosition>();
  for (let v = 0; v < n; v++) positions.set(nodes[v]!.id, { x: layerX[layer[v]!]! + column[v]! * columnWidth, y: y[v]!, layer: layer[v]!, lane: nodes[v]!.lane });
  return { nodes: positions, lanes: bands, layers, width: Math.max(0, x - columnWidth), height: top };
}

interface Geometry {
  readonly lanes: number;
  readonly layers: number;
  readonly columnWidth: number;
  readonly rowHeight: number;
  readonly laneHeader: number;
  readonly lanePadding: number;
}

/** Sub-columns per layer so no cell holds more than `maxRows` rows. */
function wrapping(cells: readonly (readonly number[])[], g: Geometry, maxRows: number): number[] {
  const wrap: number[] = new Array(g.layers).fill(1);
  for (let l = 0; l < g.lanes; l++) {
    for (let k = 0; k < g.layers; k++) wrap[k] = Math.max(wrap[k]!, Math.ceil(cells[l * g.layers + k]!.length / maxRows));
  }
  return wrap;
}

/** The row limit whose drawing comes closest to the aspect ratio (width / height); never below 8 rows. */
function bestMaxRows(cells: readonly (readonly number[])[], g: Geometry, aspect: number): number {
  const tallest = maxOf(
    cells.map((c) => c.length),
    1,
  );
  let best = tallest;
  let bestScore = Infinity;
  for (let rows = tallest; rows >= 8; rows = rows > 64 ? Math.floor(rows * 0.9) : rows - 1) {
    const wrap = wrapping(cells, g, rows);
    const width = wrap.reduce((a, b) => a + b, 0) * g.columnWidth;
    let height = 0;
    for (let l = 0; l < g.lanes; l++) {
      let r = 0;
      for (let k = 0; k < g.layers; k++) r = Math.max(r, Math.ceil(cells[l * g.layers + k]!.length / wrap[k]!));
      height += g.laneHeader + r * g.rowHeight + g.lanePadding;
    }
    const score = Math.abs(Math.log(width / Math.max(1, height) / aspect));
    if (score < bestScore - 1e-9) {
      best = rows;
      bestScore = score;
    }
  }
  return best;
}

/** A wrapped cell: sorted nodes fill rows left to right, so the vertical order is kept. */
function rowMajor(cell: readonly number[], w: number, y: Float64Array, column: Int32Array, top: number, row: number): void {
  cell.forEach((v, i) => {
    y[v] = top + (Math.floor(i / w) + 0.5) * row;
    column[v] = i % w;
  });
}

/** Layer of each node: 0 for nodes nothing depends on, else one more than its right-most dependent. */
function longestPathLayers(out: readonly (readonly number[])[]): Int32Array {
  const { component, count } = condense(out);
  const members: number[][] = new Array(count).fill(null).map(() => []);
  component.forEach((c, v) => members[c]!.push(v));
  const compLayer = new Int32Array(count);
  // Tarjan numbers a component after everything it reaches: descending numbers are a topological order.
  for (let c = count - 1; c >= 0; c--) {
    for (const v of members[c]!) {
      for (const w of out[v]!) {
        const cw = component[w]!;
        if (cw !== c && compLayer[cw]! < compLayer[c]! + 1) compLayer[cw] = compLayer[c]! + 1;
      }
    }
  }
  const layer = new Int32Array(out.length);
  component.forEach((c, v) => (layer[v] = compLayer[c]!));
  return layer;
}

function barycenter(v: number, out: readonly (readonly number[])[], inc: readonly (readonly number[])[], y: Float64Array): number {
  let sum = 0;
  for (const w of out[v]!) sum += y[w]!;
  for (const w of inc[v]!) sum += y[w]!;
  const count = out[v]!.length + inc[v]!.length;
  return count === 0 ? y[v]! : sum / count;
}

/** Places the (sorted) cell's nodes as near their barycenters as the lane and spacing allow. */
function pack(cell: readonly number[], want: Float64Array, y: Float64Array, band: LaneBand, header: number, padding: number, row: number): void {
  const lo = band.y + header + row / 2;
  const hi = band.y + band.height - padding - row / 2;
  const half = row / 2;
  let prev = -Infinity;
  for (const v of cell) {
    // Snap to half rows, so nearby nodes line up.
    const snapped = lo + Math.round((want[v]! - lo) / half) * half;
    const t = Math.max(lo, Math.min(hi, snapped), prev + row);
    y[v] = t;
    prev = t;
  }
  let next = Infinity;
  for (let i = cell.length - 1; i >= 0; i--) {
    const v = cell[i]!;
    const t = Math.min(y[v]!, hi, next - row);
    y[v] = t;
    next = t;
  }
}

/**
 * Strongly connected components of adjacency lists, numbered as Tarjan emits
 * them: a component after everything it reaches, so descending numbers are a
 * topological order (sources first). Iterative (analyses/tarjan.ts).
 */
export function condense(out: readonly (readonly number[])[]): { readonly component: Int32Array; readonly count: number } {
  const offset = new Int32Array(out.length + 1);
  for (let v = 0; v < out.length; v++) offset[v + 1] = offset[v]! + out[v]!.length;
  const targets = new Int32Array(offset[out.length]!);
  out.forEach((list, v) => targets.set(list, offset[v]!));
  const { componentOf, count } = stronglyConnected(out.length, offset, targets);
  return { component: componentOf, count };
}
