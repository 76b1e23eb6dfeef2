/**
 * Edges: batched into one path per style and colour (ECOSYSTEM.md §A5.3:
 * canvas with one Path2D per colour class stays fluid at 2,000 nodes).
 * Hard edges are solid, soft dashed, placements dotted, monitors dash-dot;
 * edges that carry the failure take its colour, the selected chain is bold.
 */
import { DOWN, UP } from '../engine.js';
import { viewRect, type Frame } from './frame.js';

const DASH: Record<string, number[]> = { hard: [], soft: [6, 4], placement: [1.5, 3.5], monitors: [8, 3, 1.5, 3] };

interface Batch {
  readonly path: Path2D;
  readonly heads: Path2D;
  readonly dash: number[];
  readonly colour: string;
  readonly width: number;
  readonly alpha: number;
}

export function drawEdges(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { scene, run, palette: p } = f;
  const n = scene.nodes.length;
  const v = viewRect(f);
  const batches = new Map<string, Batch>();
  const arrows = f.camera.k >= 0.6;
  const batch = (style: string, colour: string, width: number, alpha: number): Batch => {
    const key = `${style}|${colour}|${width}|${alpha}`;
    let b = batches.get(key);
    if (!b) batches.set(key, (b = { path: new Path2D(), heads: new Path2D(), dash: DASH[style]!, colour, width, alpha }));
    return b;
  };
  const sel = f.selected;
  const hov = f.hovered;
  for (const e of scene.edges) {
    const s = e.source;
    const t = e.target;
    if (f.hidden[s] || (t >= 0 && f.hidden[t])) continue;
    const touchesFocus = s === sel || t === sel || s === hov || t === hov;
    if (e.style === 'placement' && !f.showPlacements && !touchesFocus && !f.chainLinks.has(s * n + t)) continue;
    if (e.style === 'monitors' && !touchesFocus) continue;
    if (Math.max(e.x1, e.x2) < v.x0 || Math.min(e.x1, e.x2) > v.x1 || Math.max(e.y1, e.y2) < v.y0 || Math.min(e.y1, e.y2) > v.y1) continue;

    const sourceStatus = run.status[s]!;
    let targetStatus = t >= 0 ? run.status[t]! : UP;
    let inChain = t >= 0 && f.chainLinks.has(s * n + t);
    if (t < 0) {
      for (const m of scene.junctions[e.junction]!.members) {
        targetStatus = Math.max(targetStatus, run.status[m]!);
        if (f.chainLinks.has(s * n + m)) inChain = true;
      }
    }
    const carries = e.style !== 'monitors' && sourceStatus !== UP && targetStatus !== UP;
    const colour = carries ? (Math.min(sourceStatus, targetStatus) === DOWN ? p.down : p.degraded) : touchesFocus && e.style === 'monitors' ? p.control : p.edge;
    const width = inChain ? 3 : carries ? 1.8 : touchesFocus ? 1.6 : e.junction >= 0 && t >= 0 ? 1 : 1.25;
    const alpha = f.dimmed[s] || (t >= 0 && f.dimmed[t]) ? 0.15 : 1;
    const b = batch(e.style, colour, width, alpha);
    const d = Math.max(30, Math.abs(e.x2 - e.x1) * 0.5);
    b.path.moveTo(e.x1, e.y1);
    b.path.bezierCurveTo(e.x1 + d, e.y1, e.x2 - d, e.y2, e.x2, e.y2);
    if (arrows && t >= 0) {
      b.heads.moveTo(e.x2, e.y2);
      b.heads.lineTo(e.x2 - 7, e.y2 - 3.5);
      b.heads.lineTo(e.x2 - 7, e.y2 + 3.5);
      b.heads.closePath();
    }
  }
  ctx.lineCap = 'round';
  for (const b of batches.values()) {
    ctx.globalAlpha = b.alpha;
    ctx.strokeStyle = b.colour;
    ctx.fillStyle = b.colour;
    ctx.lineWidth = b.width;
    ctx.setLineDash(b.dash);
    ctx.stroke(b.path);
    ctx.fill(b.heads);
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/** `anyOf` junctions: a diamond labelled "need k of n". */
export function drawJunctions(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { scene, run, palette: p } = f;
  const v = viewRect(f);
  const labels = f.camera.k >= 0.55;
  ctx.font = `600 10px ${p.font}`;
  ctx.textBaseline = 'middle';
  for (const j of scene.junctions) {
    if (f.hidden[j.owner] || j.x < v.x0 - 20 || j.x > v.x1 + 20 || j.y < v.y0 - 20 || j.y > v.y1 + 20) continue;
    let lost = 0;
    for (const m of j.members) if (run.status[m] === DOWN) lost++;
    const broken = j.members.length - lost < j.need;
    ctx.globalAlpha = f.dimmed[j.owner] ? 0.15 : 1;
    ctx.beginPath();
    ctx.moveTo(j.x, j.y - 6);
    ctx.lineTo(j.x + 6, j.y);
    ctx.lineTo(j.x, j.y + 6);
    ctx.lineTo(j.x - 6, j.y);
    ctx.closePath();
    ctx.fillStyle = broken ? p.down : lost > 0 ? p.degraded : p.panel;
    ctx.fill();
    ctx.lineWidth = 1.25;
    ctx.strokeStyle = broken ? p.down : lost > 0 ? p.degraded : p.muted;
    ctx.stroke();
    if (labels) {
      ctx.fillStyle = broken ? p.downText : p.muted;
      ctx.fillText(`${j.need} of ${j.members.length}`, j.x + 8, j.y - 9);
    }
  }
  ctx.globalAlpha = 1;
}
