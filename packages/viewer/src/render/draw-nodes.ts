/**
 * Nodes: a box per component with a status glyph, its id and kind.
 *
 * Status is never colour alone (colour-blind safe): down carries a cross and
 * hatching, degraded a triangle and a dashed border, an injected fault a
 * solid fill with a bolt; places (regions, zones) are pills, control-plane
 * components carry a bar on their left edge, user journeys are flow arrows
 * (a notch on the left, a point on the right) with an accent outline. Level of detail: close up, id
 * and kind; at middle zoom, the id alone at a constant 11 px on screen
 * (semantic zoom, so an overview of a whole architecture stays readable);
 * far out, plain blocks.
 */
import { DEGRADED, DOWN, FAULT_DOWN, NOT_FAULTED, UP } from '../engine.js';
import { NODE_H, NODE_W, type SceneNode } from '../scene.js';
import { middleTruncate } from '../text.js';
import { viewRect, type Frame } from './frame.js';
import { dimmedBySelection, SOLID_BELOW } from './lod.js';
import type { Palette } from './palette.js';

const labelCache = new WeakMap<SceneNode, { id: string; kind: string }>();
/** Zoom at and above which nodes show id and kind. */
export const FULL = 0.8;
/** Zoom below which nodes are plain blocks. */
export const BLOCKS = 0.3;
/** Each id cut to fit its box at the 11 px overview font, by the room it had (in whole pixels). */
const overviewText = new WeakMap<SceneNode, { room: number; text: string }>();

export function drawNodes(ctx: CanvasRenderingContext2D, f: Frame, hatch: CanvasPattern | null): void {
  const v = viewRect(f);
  const k = f.camera.k;
  const detail = k >= FULL ? 'full' : k >= BLOCKS ? 'id' : 'block';
  if (detail === 'block') {
    drawBlocks(ctx, f);
    return;
  }
  const focusing = dimmedBySelection(f);
  for (const node of f.scene.nodes) {
    if (f.hidden[node.i] || f.proj.cellOf[node.i]! >= 0) continue;
    const x = f.proj.x[node.i]!;
    const y = f.proj.y[node.i]!;
    if (x + NODE_W / 2 < v.x0 || x - NODE_W / 2 > v.x1 || y + NODE_H / 2 < v.y0 || y - NODE_H / 2 > v.y1) continue;
    ctx.globalAlpha = f.dimmed[node.i] ? 0.18 : focusing && node.i !== f.selected && !f.chainNodes.has(node.i) ? 0.45 : 1;
    // Drawn at its scene position, moved where folded lanes put it.
    const dx = x - node.x;
    const dy = y - node.y;
    const moved = dx !== 0 || dy !== 0;
    if (moved) ctx.translate(dx, dy);
    drawNode(ctx, f, node, hatch, detail === 'full');
    if (moved) ctx.translate(-dx, -dy);
  }
  ctx.globalAlpha = 1;
}

/**
 * Far out, every node is a block in its status colour: one path per colour
 * and opacity, built once per state and reused while the camera moves. Down
 * blocks are crossed out, so down and degraded differ without colour.
 */
function drawBlocks(ctx: CanvasRenderingContext2D, f: Frame): void {
  const p = f.palette;
  type Blocks = { fills: Map<string, Path2D>; crosses: Map<number, Path2D> };
  let blocks = f.cache.get('blocks') as Blocks | undefined;
  if (!blocks) {
    blocks = { fills: new Map(), crosses: new Map() };
    const focusing = dimmedBySelection(f);
    for (const node of f.scene.nodes) {
      if (f.hidden[node.i] || f.proj.cellOf[node.i]! >= 0) continue;
      const status = f.run.status[node.i]!;
      const fault = f.run.faulted[node.i]!;
      const colour =
        fault !== NOT_FAULTED
          ? fault === FAULT_DOWN
            ? p.down
            : p.degraded
          : status === DOWN
            ? p.down
            : status === DEGRADED
              ? p.degraded
              : node.place
                ? p.placeBorder
                : p.nodeBorder;
      const alpha = f.dimmed[node.i] ? 0.18 : focusing && node.i !== f.selected && !f.chainNodes.has(node.i) ? 0.45 : 1;
      const key = `${colour}|${alpha}`;
      let path = blocks.fills.get(key);
      if (!path) blocks.fills.set(key, (path = new Path2D()));
      const x = f.proj.x[node.i]! - NODE_W / 2;
      const y = f.proj.y[node.i]! - NODE_H / 2;
      path.rect(x, y, NODE_W, NODE_H);
      if (status === DOWN || fault === FAULT_DOWN) {
        let cross = blocks.crosses.get(alpha);
        if (!cross) blocks.crosses.set(alpha, (cross = new Path2D()));
        cross.moveTo(x + NODE_W / 2 - 14, y + 5);
        cross.lineTo(x + NODE_W / 2 + 14, y + NODE_H - 5);
        cross.moveTo(x + NODE_W / 2 + 14, y + 5);
        cross.lineTo(x + NODE_W / 2 - 14, y + NODE_H - 5);
      }
    }
    f.cache.set('blocks', blocks);
  }
  for (const [key, path] of blocks.fills) {
    const [colour, alpha] = key.split('|');
    ctx.globalAlpha = Number(alpha);
    ctx.fillStyle = colour!;
    ctx.fill(path);
  }
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 6;
  for (const [alpha, cross] of blocks.crosses) {
    ctx.globalAlpha = alpha;
    ctx.stroke(cross);
  }
  ctx.globalAlpha = 1;
  if (f.selected >= 0 && !f.hidden[f.selected] && f.proj.cellOf[f.selected]! < 0) {
    const node = f.scene.nodes[f.selected]!;
    const dx = f.proj.x[node.i]! - node.x;
    const dy = f.proj.y[node.i]! - node.y;
    ctx.translate(dx, dy);
    ring(ctx, node, p.focus, 6, 6);
    ctx.translate(-dx, -dy);
  }
}

function drawNode(ctx: CanvasRenderingContext2D, f: Frame, node: SceneNode, hatch: CanvasPattern | null, full: boolean): void {
  const p = f.palette;
  const status = f.run.status[node.i]!;
  const fault = f.run.faulted[node.i]!;
  const x = node.x - NODE_W / 2;
  const y = node.y - NODE_H / 2;
  const radius = node.place ? NODE_H / 2 : 7;
  const solid = fault !== NOT_FAULTED;
  const hot = fault === FAULT_DOWN || (fault === NOT_FAULTED && status === DOWN);

  if (node.i === f.selected) ring(ctx, node, p.focus, 4, 3);
  else if (node.i === f.hovered) ring(ctx, node, p.focus, 3, 1.5);

  outline(ctx, node, x, y, radius);
  ctx.fillStyle = solid ? (fault === FAULT_DOWN ? p.down : p.degraded) : status === DOWN ? p.downBg : status === DEGRADED ? p.degradedBg : node.place ? p.place : p.node;
  ctx.fill();
  if (!solid && status === DOWN && hatch) {
    ctx.fillStyle = hatch;
    ctx.fill();
  }
  if (node.control) {
    ctx.save();
    ctx.clip();
    ctx.fillStyle = p.control;
    ctx.fillRect(x, y, 4, NODE_H);
    ctx.restore();
    outline(ctx, node, x, y, radius);
  }
  const inChain = f.chainNodes.has(node.i);
  ctx.lineWidth = inChain ? 2.5 : solid ? 1.5 : status !== UP || node.journey ? 1.5 : 1;
  ctx.strokeStyle = solid
    ? hot
      ? p.downText
      : p.degradedText
    : status === DOWN
      ? p.down
      : status === DEGRADED
        ? p.degraded
        : node.journey
          ? p.accent
          : node.place
            ? p.placeBorder
            : p.nodeBorder;
  ctx.setLineDash(!solid && status === DEGRADED && f.camera.k >= SOLID_BELOW ? [5, 3] : []);
  ctx.stroke();
  ctx.setLineDash([]);

  glyph(ctx, p, node, status, fault);
  const ink = solid ? '#ffffff' : status === DOWN ? p.downText : status === DEGRADED ? p.degradedText : p.text;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = ink;
  if (!full) {
    // The id at 11 px on screen, cut in the middle to what fits (ids that share a start stay distinct); measured once per room.
    const k = f.camera.k;
    const weight = node.critical ? 700 : 500;
    const room = Math.floor(((NODE_W - 36) * k) / 4) * 4;
    let cut = overviewText.get(node);
    if (!cut || cut.room !== room) {
      ctx.font = `${weight} 11px ${p.font}`;
      overviewText.set(node, (cut = { room, text: middleTruncate(node.id, (s) => ctx.measureText(s).width <= room) }));
    }
    const text = cut.text;
    ctx.font = `${weight} ${11 / k}px ${p.font}`;
    ctx.fillText(text, x + 28, node.y + 0.5);
    return;
  }
  const labels = label(ctx, p, node);
  ctx.font = `${node.critical ? 700 : 500} 12px ${p.mono}`;
  ctx.fillText(labels.id, x + 30, node.y - 7);
  ctx.fillStyle = solid ? 'rgba(255,255,255,0.85)' : p.muted;
  ctx.font = `400 10.5px ${p.font}`;
  ctx.fillText(labels.kind, x + 30, node.y + 9);
  pips(ctx, f, node);
}

/** The node's outline as the current path: a flow arrow for a journey, else a rounded box (a pill for places). */
function outline(ctx: CanvasRenderingContext2D, node: SceneNode, x: number, y: number, radius: number): void {
  ctx.beginPath();
  if (!node.journey) {
    ctx.roundRect(x, y, NODE_W, NODE_H, radius);
    return;
  }
  ctx.moveTo(x, y);
  ctx.lineTo(x + NODE_W - JOURNEY_POINT, y);
  ctx.lineTo(x + NODE_W, y + NODE_H / 2);
  ctx.lineTo(x + NODE_W - JOURNEY_POINT, y + NODE_H);
  ctx.lineTo(x, y + NODE_H);
  ctx.lineTo(x + JOURNEY_NOTCH, y + NODE_H / 2);
  ctx.closePath();
}

/** How far a journey's right point and left notch reach into its box. */
const JOURNEY_POINT = 12;
const JOURNEY_NOTCH = 6;

function ring(ctx: CanvasRenderingContext2D, node: SceneNode, colour: string, gap: number, width: number): void {
  ctx.beginPath();
  ctx.roundRect(node.x - NODE_W / 2 - gap, node.y - NODE_H / 2 - gap, NODE_W + 2 * gap, NODE_H + 2 * gap, node.place ? NODE_H / 2 + gap : 9 + gap);
  ctx.lineWidth = width;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** Left glyph: cross (down), triangle (degraded), bolt (fault), diamond (place), dot (up). */
function glyph(ctx: CanvasRenderingContext2D, p: Palette, node: SceneNode, status: number, fault: number): void {
  const cx = node.x - NODE_W / 2 + 16;
  const cy = node.y;
  ctx.lineWidth = 2;
  ctx.lineCap = 'round';
  if (fault !== NOT_FAULTED) {
    ctx.beginPath();
    ctx.arc(cx, cy, 8, 0, Math.PI * 2);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(cx + 1.5, cy - 6);
    ctx.lineTo(cx - 3, cy + 1);
    ctx.lineTo(cx + 0.5, cy + 1);
    ctx.lineTo(cx - 1.5, cy + 6);
    ctx.lineTo(cx + 3.5, cy - 1.5);
    ctx.lineTo(cx, cy - 1.5);
    ctx.closePath();
    ctx.fillStyle = fault === FAULT_DOWN ? p.down : p.degraded;
    ctx.fill();
    return;
  }
  if (status === DOWN) {
    ctx.beginPath();
    ctx.arc(cx, cy, 8, 0, Math.PI * 2);
    ctx.fillStyle = p.down;
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(cx - 3.5, cy - 3.5);
    ctx.lineTo(cx + 3.5, cy + 3.5);
    ctx.moveTo(cx + 3.5, cy - 3.5);
    ctx.lineTo(cx - 3.5, cy + 3.5);
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    return;
  }
  if (status === DEGRADED) {
    ctx.beginPath();
    ctx.moveTo(cx, cy - 8);
    ctx.lineTo(cx + 8.5, cy + 6.5);
    ctx.lineTo(cx - 8.5, cy + 6.5);
    ctx.closePath();
    ctx.fillStyle = p.degraded;
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(cx - 1, cy - 3, 2, 5);
    ctx.fillRect(cx - 1, cy + 3.2, 2, 1.8);
    return;
  }
  ctx.beginPath();
  if (node.place) {
    ctx.moveTo(cx, cy - 6);
    ctx.lineTo(cx + 6, cy);
    ctx.lineTo(cx, cy + 6);
    ctx.lineTo(cx - 6, cy);
    ctx.closePath();
  } else ctx.arc(cx, cy, 5, 0, Math.PI * 2);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = p.faint;
  ctx.stroke();
}

/** Placement pips, bottom right: one square per placement; lost ones filled. */
function pips(ctx: CanvasRenderingContext2D, f: Frame, node: SceneNode): void {
  const p = f.palette;
  for (const pip of node.pips) {
    const domain = indexOf(f, pip.domain);
    const lost = f.run.faultedPlacements.has(`${node.id}@${pip.domain}`) || (domain >= 0 && f.run.status[domain] === DOWN);
    const weak = domain >= 0 && f.run.status[domain] === DEGRADED;
    ctx.beginPath();
    ctx.roundRect(pip.x - 3.5, pip.y - 3.5, 7, 7, 1.5);
    ctx.fillStyle = lost ? p.down : weak ? p.degraded : f.run.faulted[node.i] ? 'rgba(255,255,255,0.7)' : p.place;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = lost ? p.down : p.placeBorder;
    ctx.stroke();
  }
  if (node.morePips > 0) {
    ctx.fillStyle = p.muted;
    ctx.font = `400 9px ${p.font}`;
    ctx.fillText(`+${node.morePips}`, node.x + NODE_W / 2 - 22 - node.pips.length * 10, node.y + 9);
  }
}

const indexCache = new WeakMap<Frame['scene'], Map<string, number>>();
function indexOf(f: Frame, id: string): number {
  let m = indexCache.get(f.scene);
  if (!m) indexCache.set(f.scene, (m = new Map(f.scene.nodes.map((n) => [n.id, n.i]))));
  return m.get(id) ?? -1;
}

function label(ctx: CanvasRenderingContext2D, p: Palette, node: SceneNode): { id: string; kind: string } {
  let l = labelCache.get(node);
  if (!l) {
    ctx.font = `700 12px ${p.mono}`;
    const id = middleTruncate(node.id, (t) => ctx.measureText(t).width <= NODE_W - 40);
    const extra = [node.critical ? 'critical' : '', node.control ? 'control plane' : ''].filter(Boolean).join(' · ');
    ctx.font = `400 10.5px ${p.font}`;
    const kind = fit(ctx, extra ? `${node.kind} · ${extra}` : node.kind, NODE_W - 40 - node.pips.length * 10 - (node.morePips ? 16 : 0));
    labelCache.set(node, (l = { id, kind }));
  }
  return l;
}

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0,
    hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
