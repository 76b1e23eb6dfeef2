/**
 * Draws one frame on the canvas: lane bands, edges, junctions, nodes and the
 * cells of collapsed lanes (in world coordinates under the camera), then the
 * sticky lane labels.
 */
import { drawEdges, drawJunctions } from './draw-edges.js';
import { drawLaneBands, drawLaneLabels, type LaneHit } from './draw-lanes.js';
import { drawNodes } from './draw-nodes.js';
import { drawCells } from './draw-cells.js';
import type { Frame } from './frame.js';

const hatches = new WeakMap<object, CanvasPattern | null>();

export function drawFrame(ctx: CanvasRenderingContext2D, f: Frame): LaneHit[] {
  const { dpr, camera: c } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = f.palette.canvas;
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.setTransform(dpr * c.k, 0, 0, dpr * c.k, dpr * c.x, dpr * c.y);
  drawLaneBands(ctx, f);
  drawEdges(ctx, f);
  drawJunctions(ctx, f);
  drawNodes(ctx, f, hatch(ctx, f));
  drawCells(ctx, f);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return drawLaneLabels(ctx, f);
}

/** Diagonal hatching for "down", in the palette's red (one pattern per palette). */
function hatch(ctx: CanvasRenderingContext2D, f: Frame): CanvasPattern | null {
  if (hatches.has(f.palette)) return hatches.get(f.palette)!;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d');
  let pattern: CanvasPattern | null = null;
  if (t) {
    t.strokeStyle = f.palette.down;
    t.globalAlpha = 0.22;
    t.lineWidth = 1.5;
    t.beginPath();
    t.moveTo(-2, 10);
    t.lineTo(10, -2);
    t.moveTo(-2, 2);
    t.lineTo(2, -2);
    t.moveTo(6, 10);
    t.lineTo(10, 6);
    t.stroke();
    pattern = ctx.createPattern(tile, 'repeat');
  }
  hatches.set(f.palette, pattern);
  return pattern;
}
