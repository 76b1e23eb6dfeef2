/**
 * Lanes: one band per region (or place), labelled in screen space so the
 * label stays readable at any zoom and sticks to the left edge.
 */
import { DEGRADED, DOWN } from '../engine.js';
import type { Frame } from './frame.js';

/** A lane label's clickable rectangle, in CSS pixels; `toggle` is its collapse chevron. */
export interface LaneHit {
  readonly lane: number;
  readonly toggle: boolean;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Bands, in world coordinates (call with the camera transform set). */
export function drawLaneBands(ctx: CanvasRenderingContext2D, f: Frame): void {
  const { bounds } = f.scene;
  const wide = Math.max(bounds.x1 - bounds.x0, 1) * 4;
  f.proj.lanes.forEach((lane, k) => {
    ctx.fillStyle = k % 2 === 0 ? f.palette.laneA : f.palette.laneB;
    ctx.fillRect(bounds.x0 - wide, lane.y, wide * 3, lane.height);
    ctx.fillStyle = f.palette.line;
    ctx.fillRect(bounds.x0 - wide, lane.y, wide * 3, 1 / f.camera.k);
  });
}

/** A lane label's width in CSS pixels (its name, its count and its chevron), and where its count starts. */
export function laneLabelWidth(ctx: CanvasRenderingContext2D, font: string, name: string, count: string): { nameWidth: number; w: number } {
  ctx.font = `600 12px ${font}`;
  const nameWidth = ctx.measureText(name).width;
  ctx.font = `500 11px ${font}`;
  const countWidth = ctx.measureText(count).width;
  return { nameWidth, w: 12 + 14 + nameWidth + 8 + countWidth + 10 + 18 };
}

/** The gutter a fitted graph leaves on its left: the widest lane label, and a margin. */
export function laneGutter(ctx: CanvasRenderingContext2D, font: string, lanes: readonly { readonly label: string; readonly members: readonly unknown[] }[]): number {
  let widest = 0;
  for (const l of lanes) widest = Math.max(widest, laneLabelWidth(ctx, font, l.label, `${l.members.length}`).w);
  return lanes.length === 0 ? 12 : 10 + widest + 10;
}

/** Labels, in screen coordinates (call with the identity transform × dpr). */
export function drawLaneLabels(ctx: CanvasRenderingContext2D, f: Frame): LaneHit[] {
  const p = f.palette;
  const { y: ty, k } = f.camera;
  const hits: LaneHit[] = [];
  ctx.textBaseline = 'middle';
  f.scene.lanes.forEach((lane, i) => {
    const band = f.proj.lanes[i]!;
    const top = band.y * k + ty;
    const bottom = (band.y + band.height) * k + ty;
    if (bottom < 0 || top > f.height || bottom - top < 16) return;
    const y = Math.min(Math.max(top + 14, 14), bottom - 12);
    const anchors = lane.anchors.map((a) => f.scene.nodes.find((n) => n.id === a));
    let state = 0;
    for (const a of anchors) if (a) state = Math.max(state, f.run.status[a.i]!);
    const name = lane.label;
    const count = `${lane.members.length}`;
    const { nameWidth, w } = laneLabelWidth(ctx, p.font, name, count);
    const x = 10;
    ctx.beginPath();
    ctx.roundRect(x, y - 11, w, 22, 11);
    ctx.fillStyle = state === DOWN ? p.downBg : state === DEGRADED ? p.degradedBg : p.panel;
    ctx.globalAlpha = 0.94;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
    ctx.strokeStyle = state === DOWN ? p.down : state === DEGRADED ? p.degraded : p.line;
    ctx.stroke();
    // a small place diamond (or a cloud-ish dot for "not placed")
    ctx.beginPath();
    const cx = x + 15;
    if (lane.anchors.length > 0) {
      ctx.moveTo(cx, y - 5);
      ctx.lineTo(cx + 5, y);
      ctx.lineTo(cx, y + 5);
      ctx.lineTo(cx - 5, y);
      ctx.closePath();
    } else ctx.arc(cx, y, 4, 0, Math.PI * 2);
    ctx.fillStyle = state === DOWN ? p.down : state === DEGRADED ? p.degraded : p.faint;
    ctx.fill();
    ctx.fillStyle = state === DOWN ? p.downText : state === DEGRADED ? p.degradedText : p.text;
    ctx.font = `600 12px ${p.font}`;
    ctx.fillText(name, x + 26, y);
    ctx.fillStyle = p.muted;
    ctx.font = `500 11px ${p.font}`;
    ctx.fillText(count, x + 26 + nameWidth + 8, y + 0.5);
    // The collapse chevron: ▸ collapsed, ▾ expanded.
    const cx2 = x + w - 15;
    ctx.beginPath();
    if (band.collapsed) {
      ctx.moveTo(cx2 - 2.5, y - 4.5);
      ctx.lineTo(cx2 + 3, y);
      ctx.lineTo(cx2 - 2.5, y + 4.5);
    } else {
      ctx.moveTo(cx2 - 4.5, y - 2.5);
      ctx.lineTo(cx2, y + 3);
      ctx.lineTo(cx2 + 4.5, y - 2.5);
    }
    ctx.closePath();
    ctx.fillStyle = p.muted;
    ctx.fill();
    hits.push({ lane: i, toggle: true, x: x + w - 26, y: y - 11, w: 26, h: 22 });
    hits.push({ lane: i, toggle: false, x, y: y - 11, w: w - 26, h: 22 });
  });
  return hits;
}
