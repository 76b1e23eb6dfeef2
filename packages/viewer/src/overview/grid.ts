/**
 * Where the overview draws its groups: a grid of boxes that fills the canvas
 * (pure, tested in node). The number of columns is the one whose boxes come
 * closest to a readable shape (about twice as wide as tall), so a handful of
 * regions and forty owners both fill the space they are given.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface GridOptions {
  /** Space around the grid, in CSS pixels: top, right, bottom, left. */
  readonly margin?: readonly [number, number, number, number];
  /** Space between boxes. */
  readonly gap?: number;
  /** The width / height a box should come close to. */
  readonly aspect?: number;
  /**
   * The height the boxes need: when it is less than a row's, boxes are that
   * high and the rows spread over the height (the first at the top, the last
   * at the bottom), which leaves the space between them to the bundles.
   */
  readonly boxHeight?: number;
}

/** `count` boxes in rows, filling `width` × `height`. */
export function gridBoxes(count: number, width: number, height: number, o: GridOptions = {}): Box[] {
  if (count <= 0) return [];
  const [top, right, bottom, left] = o.margin ?? [12, 12, 12, 12];
  const gap = o.gap ?? 28;
  const aspect = o.aspect ?? 2;
  const W = Math.max(1, width - left - right);
  const H = Math.max(1, height - top - bottom);
  let best = { cols: 1, score: Infinity };
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    // Skip a shape that leaves a whole row empty.
    if ((rows - 1) * cols >= count) continue;
    const w = (W - gap * (cols - 1)) / cols;
    const h = (H - gap * (rows - 1)) / rows;
    if (w <= 0 || h <= 0) continue;
    const score = Math.abs(Math.log(w / h / aspect)) + (rows * cols - count) * 0.04;
    if (score < best.score) best = { cols, score };
  }
  const cols = best.cols;
  const rows = Math.ceil(count / cols);
  const w = Math.max(1, (W - gap * (cols - 1)) / cols);
  const h = Math.max(1, (H - gap * (rows - 1)) / rows);
  const boxH = o.boxHeight !== undefined && o.boxHeight < h ? Math.max(1, o.boxHeight) : h;
  const step = rows > 1 ? (H - boxH) / (rows - 1) : 0;
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    boxes.push({ x: left + c * (w + gap), y: top + r * step, w, h: boxH });
  }
  return boxes;
}
