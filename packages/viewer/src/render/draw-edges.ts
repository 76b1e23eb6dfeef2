/**
 * Edges: batched into one path per style and colour (docs/architecture.md#the-viewer-page:
 * canvas with one Path2D per colour class stays fluid at 2,000 nodes).
 * Hard edges are solid, soft dashed, async (a consumer's) long-dashed,
 * placements dotted, monitors dash-dot;
 * edges that carry the failure take its colour, the selected chain is bold.
 * A fallback edge (`fallback: true`) starts with a dot and never carries a
 * failure; while the caller falls back on it (its target not up, the caller
 * not down) it is drawn in the colour of "up", the colour of what held.
 */
import { DOWN, UP } from '../engine.js';
import { viewRect, type Frame } from './frame.js';
import { dimmedBySelection, SOLID_BELOW } from './lod.js';

const DASH: Record<string, number[]> = { hard: [], soft: [6, 4], async: [12, 4], placement: [1.5, 3.5], monitors: [8, 3, 1.5, 3] };

interface Batch {
  readonly path: Path2D;
  readonly heads: Path2D;
  readonly dash: number[];
  readonly colour: string;
  readonly width: number;
  readonly alpha: number;
  /** Carries a degraded status: drawn hollow (a double line), so it differs from "down" without colour. */
  readonly hollow: boolean;
}

/**
 * Level of detail: from SOLID_BELOW down, every edge is a straight solid
 * line (dashes would be finer than a pixel, and rasterising them was most of
 * a frame), and the batches are built once per state, for every edge, and
 * reused while the camera pans and zooms.
 */
export function drawEdges(ctx: CanvasRenderingContext2D, f: Frame): void {
  const far = f.camera.k < SOLID_BELOW;
  let batches = far ? (f.cache.get('edges-far') as Map<string, Batch> | undefined) : undefined;
  if (!batches) {
    batches = edgeBatches(f, far);
    if (far) f.cache.set('edges-far', batches);
  }
  const p = f.palette;
  ctx.lineCap = 'round';
  for (const b of batches.values()) {
    ctx.globalAlpha = b.alpha;
    ctx.strokeStyle = b.colour;
    ctx.fillStyle = b.colour;
    ctx.lineWidth = b.width;
    ctx.setLineDash(far ? [] : b.dash);
    ctx.stroke(b.path);
    if (b.hollow) {
      // the inside of a degraded edge, in the canvas colour: two thin amber lines
      ctx.strokeStyle = p.canvas;
      ctx.lineWidth = b.width / 3;
      ctx.stroke(b.path);
    }
    if (!far) ctx.fill(b.heads);
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function edgeBatches(f: Frame, far: boolean): Map<string, Batch> {
  const { scene, run, palette: p } = f;
  const n = scene.nodes.length;
  const v = far ? { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity } : viewRect(f);
  const batches = new Map<string, Batch>();
  const arrows = f.camera.k >= 0.6;
  const focusing = dimmedBySelection(f);
  const batch = (style: string, colour: string, width: number, alpha: number, hollow = false): Batch => {
    const key = `${far ? '' : style}|${colour}|${width}|${alpha}|${hollow}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { path: new Path2D(), heads: new Path2D(), dash: DASH[style]!, colour, width, alpha, hollow }));
    return b;
  };
  const sel = f.selected;
  const hov = f.hovered;
  const { cellOf, cells, x: px, y: py } = f.proj;
  const bundles = new Map<string, { x1: number; y1: number; x2: number; y2: number; count: number; carries: number }>();
  for (const e of scene.edges) {
    const s = e.source;
    const t = e.target;
    if (f.hidden[s] || (t >= 0 && f.hidden[t])) continue;
    const cs = cellOf[s]!;
    const ct = t >= 0 ? cellOf[t]! : cs;
    if (cs >= 0 || ct >= 0) {
      // An end in a collapsed lane: one bundle per pair of ends (a cell or a node).
      if (t < 0 || e.style === 'monitors' || (e.style === 'placement' && !f.showPlacements) || (cs >= 0 && cs === ct)) continue;
      const key = `${cs >= 0 ? `c${cs}` : `n${s}`}>${ct >= 0 ? `c${ct}` : `n${t}`}`;
      let b = bundles.get(key);
      if (!b) {
        const from = cs >= 0 ? { x: cells[cs]!.x1, y: cells[cs]!.y } : { x: e.x1 + px[s]! - scene.nodes[s]!.x, y: e.y1 + py[s]! - scene.nodes[s]!.y };
        const to = ct >= 0 ? { x: cells[ct]!.x0, y: cells[ct]!.y } : { x: e.x2 + px[t]! - scene.nodes[t]!.x, y: py[t]! };
        bundles.set(key, (b = { x1: from.x, y1: from.y, x2: to.x, y2: to.y, count: 0, carries: 0 }));
      }
      b.count++;
      const ss = run.status[s]!;
      const ts = run.status[t]!;
      if (ss !== UP && ts !== UP) b.carries = Math.max(b.carries, Math.min(ss, ts));
      continue;
    }
    const dys = py[s]! - scene.nodes[s]!.y;
    const dyt = t >= 0 ? py[t]! - scene.nodes[t]!.y : dys;
    const dxs = px[s]! - scene.nodes[s]!.x;
    const x1 = e.x1 + dxs;
    const x2 = e.x2 + (t >= 0 ? px[t]! - scene.nodes[t]!.x : dxs);
    const y1 = e.y1 + dys;
    const y2 = e.y2 + dyt;
    const touchesFocus = s === sel || t === sel || s === hov || t === hov;
    if (e.style === 'placement' && !f.showPlacements && !touchesFocus && !f.chainLinks.has(s * n + t)) continue;
    if (e.style === 'monitors' && !touchesFocus) continue;
    if (Math.max(x1, x2) < v.x0 || Math.min(x1, x2) > v.x1 || Math.max(y1, y2) < v.y0 || Math.min(y1, y2) > v.y1) continue;

    const sourceStatus = run.status[s]!;
    let targetStatus = t >= 0 ? run.status[t]! : UP;
    let inChain = t >= 0 && f.chainLinks.has(s * n + t);
    if (t < 0) {
      for (const m of scene.junctions[e.junction]!.members) {
        targetStatus = Math.max(targetStatus, run.status[m]!);
        if (f.chainLinks.has(s * n + m)) inChain = true;
      }
    }
    const fellBack = e.fallback && run.sim !== null && sourceStatus !== DOWN && targetStatus !== UP;
    const carries = !e.fallback && e.style !== 'monitors' && sourceStatus !== UP && targetStatus !== UP;
    const carriesDown = carries && Math.min(sourceStatus, targetStatus) === DOWN;
    const colour = fellBack ? p.up : carries ? (carriesDown ? p.down : p.degraded) : touchesFocus && e.style === 'monitors' ? p.control : p.edge;
    // Down is a solid line, degraded a hollow (double) one twice as wide: they differ without colour.
    const width = inChain ? 3.5 : carries ? (carriesDown ? 2 : 3) : fellBack ? 1.8 : touchesFocus ? 1.6 : e.junction >= 0 && t >= 0 ? 1 : 1.25;
    // While a component is selected, its chain and its own edges stand out and the rest fades.
    const alpha = f.dimmed[s] || (t >= 0 && f.dimmed[t]) ? 0.15 : focusing && !inChain && !touchesFocus ? 0.2 : 1;
    const b = batch(e.style, colour, width, alpha, carries && !carriesDown);
    b.path.moveTo(x1, y1);
    if (far) b.path.lineTo(x2, y2);
    else {
      const d = Math.max(30, Math.abs(x2 - x1) * 0.5);
      b.path.bezierCurveTo(x1 + d, y1, x2 - d, y2, x2, y2);
    }
    if (arrows && e.fallback && (t < 0 || e.junction < 0)) {
      b.heads.moveTo(x1 + 7, y1);
      b.heads.arc(x1 + 4, y1, 3, 0, Math.PI * 2);
    }
    if (arrows && t >= 0) {
      b.heads.moveTo(x2, y2);
      b.heads.lineTo(x2 - 7, y2 - 3.5);
      b.heads.lineTo(x2 - 7, y2 + 3.5);
      b.heads.closePath();
    }
  }
  for (const bundle of bundles.values()) {
    if (Math.max(bundle.x1, bundle.x2) < v.x0 || Math.min(bundle.x1, bundle.x2) > v.x1 || Math.max(bundle.y1, bundle.y2) < v.y0 || Math.min(bundle.y1, bundle.y2) > v.y1) continue;
    const colour = bundle.carries === DOWN ? p.down : bundle.carries !== UP ? p.degraded : p.edge;
    const b = batch('hard', colour, Math.min(4, 1 + Math.log2(bundle.count) / 2), (bundle.carries !== UP ? 0.8 : 0.5) * (focusing ? 0.4 : 1));
    b.path.moveTo(bundle.x1, bundle.y1);
    if (far) b.path.lineTo(bundle.x2, bundle.y2);
    else {
      const d = Math.max(30, Math.abs(bundle.x2 - bundle.x1) * 0.5);
      b.path.bezierCurveTo(bundle.x1 + d, bundle.y1, bundle.x2 - d, bundle.y2, bundle.x2, bundle.y2);
    }
  }
  // Drawn last, so the chain lies on top of the faded edges.
  return new Map([...batches].sort((a, b) => a[1].alpha - b[1].alpha || a[1].width - b[1].width));
}

/**
 * `anyOf` junctions: a diamond labelled "k of n", the label on a backing so
 * edges never cross it. Far out (below SOLID_BELOW) the diamonds are one
 * path per colour, built once per state, and unlabelled.
 */
export interface JunctionLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly broken: boolean;
  readonly alpha: number;
}

export function drawJunctions(ctx: CanvasRenderingContext2D, f: Frame): JunctionLabel[] {
  const out: JunctionLabel[] = [];
  const { scene, run, palette: p } = f;
  const far = f.camera.k < SOLID_BELOW;
  const v = viewRect(f);
  const labels = f.camera.k >= 0.55;
  const focusing = dimmedBySelection(f);
  type Diamonds = Map<string, Path2D>;
  let diamonds = far ? (f.cache.get('junctions-far') as Diamonds | undefined) : undefined;
  const build = !diamonds;
  if (!diamonds) diamonds = new Map();
  if (build || !far) {
    for (const j of scene.junctions) {
      if (f.hidden[j.owner] || f.proj.cellOf[j.owner]! >= 0) continue;
      const y = j.y + f.proj.y[j.owner]! - scene.nodes[j.owner]!.y;
      const x = j.x + f.proj.x[j.owner]! - scene.nodes[j.owner]!.x;
      if (!far && (x < v.x0 - 60 || x > v.x1 + 20 || y < v.y0 - 20 || y > v.y1 + 20)) continue;
      let lost = 0;
      for (const m of j.members) if (run.status[m] === DOWN) lost++;
      const broken = j.members.length - lost < j.need;
      const alpha = f.dimmed[j.owner] ? 0.15 : focusing && j.owner !== f.selected && !f.chainNodes.has(j.owner) ? 0.3 : 1;
      const fill = broken ? p.down : lost > 0 ? p.degraded : p.panel;
      const stroke = broken ? p.down : lost > 0 ? p.degraded : p.muted;
      const key = `${fill}|${stroke}|${alpha}`;
      let path = diamonds.get(key);
      if (!path) diamonds.set(key, (path = new Path2D()));
      path.moveTo(x, y - 6);
      path.lineTo(x + 6, y);
      path.lineTo(x, y + 6);
      path.lineTo(x - 6, y);
      path.closePath();
      if (labels) out.push({ x, y, text: `${j.need} of ${j.members.length}`, broken, alpha });
    }
    if (far) f.cache.set('junctions-far', diamonds);
  }
  ctx.lineWidth = 1.25;
  for (const [key, path] of diamonds) {
    const [fill, stroke, alpha] = key.split('|');
    ctx.globalAlpha = Number(alpha);
    ctx.fillStyle = fill!;
    ctx.fill(path);
    ctx.strokeStyle = stroke!;
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
  return out;
}

/** "k of n", centred above its diamond on a backing, at least 10 px on screen, drawn after the nodes so a neighbour never covers it. */
export function drawJunctionLabels(ctx: CanvasRenderingContext2D, f: Frame, labels: readonly JunctionLabel[]): void {
  const p = f.palette;
  // At least 10 px on screen, however far out.
  const size = Math.max(10, 10 / f.camera.k);
  ctx.font = `600 ${size}px ${p.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  // Labels of neighbouring junctions (one component's several groups) stack upwards instead of overlapping.
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  for (const l of labels) {
    const w = ctx.measureText(l.text).width + size * 0.6;
    const h = size * 1.3;
    const box = { x0: l.x - w / 2, x1: l.x + w / 2, y0: l.y - 6 - h, y1: l.y - 6 };
    for (let tries = 0; tries < 4; tries++) {
      const hit = placed.find((b) => b.x0 < box.x1 && b.x1 > box.x0 && b.y0 < box.y1 && b.y1 > box.y0);
      if (!hit) break;
      const dy = box.y1 - hit.y0 + 1;
      box.y0 -= dy;
      box.y1 -= dy;
    }
    placed.push(box);
    ctx.globalAlpha = l.alpha;
    ctx.fillStyle = p.canvas;
    ctx.beginPath();
    ctx.roundRect(box.x0, box.y0, w, h, size * 0.3);
    ctx.fill();
    ctx.fillStyle = l.broken ? p.downText : p.muted;
    ctx.fillText(l.text, l.x, (box.y0 + box.y1) / 2);
  }
  ctx.textAlign = 'left';
  ctx.globalAlpha = 1;
}
