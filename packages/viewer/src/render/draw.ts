/**
 * Draws one frame on the canvas: lane bands, edges, junctions, nodes and the
 * cells of collapsed lanes (in world coordinates under the camera), then the
 * sticky lane labels. The world part can be drawn alone, into the stage's
 * cached layer (stage.ts), and the labels over it.
 */
import { drawEdges, drawJunctionLabels, drawJunctions } from './draw-edges.js';
import { drawLaneBands, drawLaneLabels, type LaneHit } from './draw-lanes.js';
import { drawNodes } from './draw-nodes.js';
import { drawCells } from './draw-cells.js';
import type { Frame } from './frame.js';

const hatches = new WeakMap<object, CanvasPattern | null>();

export function drawFrame(ctx: CanvasRenderingContext2D, f: Frame): LaneHit[] {
  drawWorld(ctx, f);
  return drawLabels(ctx, f);
}

/** Everything in world coordinates, over the canvas colour (the frame's width × height from its camera). */
export function drawWorld(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { dpr, camera: c } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = f.palette.canvas;
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.setTransform(dpr * c.k, 0, 0, dpr * c.k, dpr * c.x, dpr * c.y);
  drawLaneBands(ctx, f);
  drawEdges(ctx, f);
  const labels = drawJunctions(ctx, f);
  drawNodes(ctx, f, hatch(ctx, f));
  drawJunctionLabels(ctx, f, labels);
  drawCells(ctx, f);
}

/** The sticky lane labels, in screen coordinates. */
export function drawLabels(ctx: CanvasRenderingContext2D, f: Frame): LaneHit[] {
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
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
