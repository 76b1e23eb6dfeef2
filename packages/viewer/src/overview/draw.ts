/**
 * Draws the overview: one box per group (its name, member count, a bar of
 * down / degraded / up with the numbers in words, its places as chips a click
 * fails), the bundles of dependencies between groups (width by count, the
 * failure's colour where they carry it, counts in pills), and the selected
 * component's chain as a path through the groups it crosses. Screen
 * coordinates: the grid always fills the canvas, so there is no camera.
 */
import { plural } from '@faultline/core';
import { DEGRADED, DOWN } from '../engine.js';
import type { Palette } from '../render/palette.js';
import type { Aggregate, Tally } from './aggregate.js';
import type { Box } from './grid.js';

export interface OverviewFrame {
  readonly agg: Aggregate;
  readonly tally: Tally;
  readonly boxes: readonly Box[];
  /** The grid's cell (the size the type is chosen for; boxes may be shorter). */
  readonly cell: { readonly w: number; readonly h: number };
  readonly palette: Palette;
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** Per component: 0 up, 1 degraded, 2 down. */
  readonly status: Uint8Array;
  readonly index: ReadonlyMap<string, number>;
  readonly hovered: number;
  /** The selected component's group, and the groups its chain crosses (in chain order, from the victim to the fault). */
  readonly selectedGroup: number;
  readonly chainGroups: readonly number[];
  /** Per group: how many of the top failures by impact are in it. */
  readonly top: Int32Array;
  readonly topOf: number;
}

/** A place chip's rectangle (CSS pixels), as drawn. */
export interface ChipHit {
  readonly place: string;
  readonly group: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Type sizes and paddings for boxes in cells of this size. */
function metrics(cell: { w: number; h: number }) {
  const title = Math.max(10, Math.min(15, cell.h * 0.16, cell.w * 0.075));
  const small = Math.max(9.5, Math.min(12, title * 0.82));
  return { pad: Math.min(12, Math.max(6, cell.w * 0.05)), title, small, bar: Math.max(5, Math.min(9, cell.h * 0.09)), chip: Math.max(16, Math.min(22, small + 10)) };
}

/** The height every group's box needs in cells of this size: the tallest content (name, bar, numbers, notes, chips). */
export function contentHeight(ctx: CanvasRenderingContext2D, agg: Aggregate, palette: Palette, cell: { w: number; h: number }): number {
  const m = metrics(cell);
  const inner = cell.w - 2 * m.pad;
  ctx.font = `600 ${m.small}px ${palette.mono}`;
  let rows = 0;
  for (const group of agg.groups) {
    let r = group.places.length > 0 ? 1 : 0;
    let x = 0;
    for (const place of group.places) {
      const w = Math.min(inner, ctx.measureText(place).width + 26);
      if (x + w > inner && x > 0) {
        r++;
        x = 0;
      }
      x += w + 5;
    }
    rows = Math.max(rows, r);
  }
  return Math.ceil(m.pad + m.title + 6 + m.bar + 4 + m.small + 5 + m.small + 6 + rows * (m.chip + 4) + m.pad);
}

/** Bundles drawn at all: the largest, and every one that carries a failure or touches the hovered group. */
const MAX_BUNDLES = 160;
/** Count pills shown when no group is hovered. */
const LABELLED = 14;

export function drawOverview(ctx: CanvasRenderingContext2D, f: OverviewFrame): ChipHit[] {
  const p = f.palette;
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  ctx.fillStyle = p.canvas;
  ctx.fillRect(0, 0, f.width, f.height);
  // How to use it, above the grid (the switch sits at the right).
  ctx.font = `500 12px ${p.font}`;
  ctx.fillStyle = p.muted;
  ctx.textBaseline = 'middle';
  const hints = ['Click a place to fail it', 'a box to open it', 'arrows point to what a group depends on'];
  while (hints.length > 0 && ctx.measureText(hints.join(' · ')).width > f.width - 480) hints.pop();
  if (hints.length > 0) ctx.fillText(hints.join(' · '), 14, 27);
  const focus = f.hovered >= 0 ? f.hovered : f.selectedGroup;
  const curves = bundleCurves(f, focus);
  drawBundles(ctx, f, curves, focus);
  const chips: ChipHit[] = [];
  f.boxes.forEach((box, g) => drawGroup(ctx, f, g, box, chips));
  drawChain(ctx, f);
  drawCounts(ctx, f, curves, focus, chips);
  return chips;
}

interface Curve {
  readonly bundle: number;
  readonly x1: number;
  readonly y1: number;
  readonly cx: number;
  readonly cy: number;
  readonly x2: number;
  readonly y2: number;
}

function bundleCurves(f: OverviewFrame, focus: number): Curve[] {
  const curves: Curve[] = [];
  f.agg.bundles.forEach((b, k) => {
    const touches = b.from === focus || b.to === focus;
    if (k >= MAX_BUNDLES && !touches && f.tally.carries[k] === 0) return;
    const a = f.boxes[b.from]!;
    const t = f.boxes[b.to]!;
    const ax = a.x + a.w / 2;
    const ay = a.y + a.h / 2;
    const tx = t.x + t.w / 2;
    const ty = t.y + t.h / 2;
    const [x1, y1] = border(a, tx, ty);
    const [x2, y2] = border(t, ax, ay);
    // Bend to the right of the direction, so A→B and B→A are two curves.
    const dx = x2 - x1;
    const dy = y2 - y1;
    const bend = 0.18;
    curves.push({ bundle: k, x1, y1, cx: (x1 + x2) / 2 - dy * bend, cy: (y1 + y2) / 2 + dx * bend, x2, y2 });
  });
  return curves;
}

/** Where the line from a box's centre towards (x, y) leaves the box. */
function border(b: Box, x: number, y: number): [number, number] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  const dx = x - cx;
  const dy = y - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const s = Math.min(dx === 0 ? Infinity : b.w / 2 / Math.abs(dx), dy === 0 ? Infinity : b.h / 2 / Math.abs(dy));
  return [cx + dx * s, cy + dy * s];
}

function drawBundles(ctx: CanvasRenderingContext2D, f: OverviewFrame, curves: readonly Curve[], focus: number): void {
  const p = f.palette;
  ctx.lineCap = 'round';
  for (const c of curves) {
    const b = f.agg.bundles[c.bundle]!;
    const carries = f.tally.carries[c.bundle]!;
    const touches = focus >= 0 && (b.from === focus || b.to === focus);
    ctx.globalAlpha = focus >= 0 ? (touches ? 0.95 : 0.12) : carries > 0 ? 0.85 : 0.45;
    ctx.strokeStyle = carries === 0 ? p.edge : f.tally.carriesDown[c.bundle]! > 0 ? p.down : p.degraded;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = Math.min(7, 1 + Math.log2(b.count) * 0.7);
    // Down is solid, degraded dashed: never colour alone.
    ctx.setLineDash(carries > 0 && f.tally.carriesDown[c.bundle] === 0 ? [7, 4] : []);
    ctx.beginPath();
    ctx.moveTo(c.x1, c.y1);
    ctx.quadraticCurveTo(c.cx, c.cy, c.x2, c.y2);
    ctx.stroke();
    ctx.setLineDash([]);
    // Arrowhead at the dependency's end, along the curve's last tangent.
    const a = Math.atan2(c.y2 - c.cy, c.x2 - c.cx);
    const len = 6 + ctx.lineWidth;
    ctx.beginPath();
    ctx.moveTo(c.x2, c.y2);
    ctx.lineTo(c.x2 - len * Math.cos(a - 0.4), c.y2 - len * Math.sin(a - 0.4));
    ctx.lineTo(c.x2 - len * Math.cos(a + 0.4), c.y2 - len * Math.sin(a + 0.4));
    ctx.closePath();
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

function drawCounts(ctx: CanvasRenderingContext2D, f: OverviewFrame, curves: readonly Curve[], focus: number, chips: readonly ChipHit[]): void {
  const p = f.palette;
  // Pills never cover a box (its words) or another pill.
  const taken: { x: number; y: number; w: number; h: number }[] = [...chips, ...f.boxes];
  const free = (r: { x: number; y: number; w: number; h: number }): boolean => taken.every((t) => r.x + r.w < t.x || t.x + t.w < r.x || r.y + r.h < t.y || t.y + t.h < r.y);
  ctx.font = `600 11px ${p.font}`;
  ctx.textBaseline = 'middle';
  let shown = 0;
  for (const c of curves) {
    const b = f.agg.bundles[c.bundle]!;
    const touches = focus >= 0 && (b.from === focus || b.to === focus);
    if ((focus >= 0 && !touches) || shown >= LABELLED) continue;
    shown++;
    const carries = f.tally.carries[c.bundle]!;
    const text = carries > 0 ? `${b.count} · ${carries} failing` : String(b.count);
    // On the curve, at its middle or a little either side, where no other pill or chip is.
    const w = ctx.measureText(text).width + 12;
    let at: { x: number; y: number } | null = null;
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const x = (1 - t) ** 2 * c.x1 + 2 * (1 - t) * t * c.cx + t ** 2 * c.x2;
      const y = (1 - t) ** 2 * c.y1 + 2 * (1 - t) * t * c.cy + t ** 2 * c.y2;
      if (free({ x: x - w / 2, y: y - 9, w, h: 18 })) {
        at = { x, y };
        break;
      }
    }
    if (!at) continue;
    const { x, y } = at;
    taken.push({ x: x - w / 2, y: y - 9, w, h: 18 });
    ctx.beginPath();
    ctx.roundRect(x - w / 2, y - 9, w, 18, 9);
    ctx.fillStyle = carries > 0 ? (f.tally.carriesDown[c.bundle]! > 0 ? p.downBg : p.degradedBg) : p.panel;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = carries > 0 ? (f.tally.carriesDown[c.bundle]! > 0 ? p.down : p.degraded) : p.line;
    ctx.stroke();
    ctx.fillStyle = carries > 0 ? (f.tally.carriesDown[c.bundle]! > 0 ? p.downText : p.degradedText) : p.muted;
    ctx.fillText(text, x - w / 2 + 6, y + 0.5);
  }
}

function drawGroup(ctx: CanvasRenderingContext2D, f: OverviewFrame, g: number, box: Box, chips: ChipHit[]): void {
  const p = f.palette;
  const group = f.agg.groups[g]!;
  const n = group.members.length;
  const down = f.tally.down[g]!;
  const degraded = f.tally.degraded[g]!;
  const faulted = f.tally.faulted[g]! > 0;
  const onChain = f.chainGroups.includes(g);
  const m = metrics(f.cell);
  const pad = m.pad;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 10);
  ctx.fillStyle = p.node;
  ctx.fill();
  ctx.lineWidth = g === f.selectedGroup || onChain || faulted ? 2.5 : g === f.hovered ? 2 : 1;
  ctx.strokeStyle = g === f.selectedGroup || onChain ? p.focus : faulted ? p.down : g === f.hovered ? p.focus : p.nodeBorder;
  if (group.none) ctx.setLineDash([6, 4]);
  ctx.stroke();
  ctx.setLineDash([]);

  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  const inner = box.w - 2 * pad;
  const title = m.title;
  let y = box.y + pad + title / 2 + 1;
  ctx.textBaseline = 'middle';
  // Name (middle-truncated) and count.
  const count = n.toLocaleString('en-US');
  ctx.font = `600 ${title}px ${p.font}`;
  const countWidth = ctx.measureText(count).width;
  ctx.fillStyle = p.muted;
  ctx.fillText(count, box.x + box.w - pad - countWidth, y);
  ctx.fillStyle = p.text;
  ctx.fillText(middle(ctx, group.label, inner - countWidth - 8), box.x + pad, y);
  y += title / 2 + 6;

  // The status bar: down, degraded, up; hatched where down.
  const barH = m.bar;
  if (y + barH < box.y + box.h - 4) {
    ctx.fillStyle = p.line;
    ctx.fillRect(box.x + pad, y, inner, barH);
    const wd = (inner * down) / Math.max(1, n);
    const wg = (inner * degraded) / Math.max(1, n);
    ctx.fillStyle = p.up;
    ctx.globalAlpha = 0.55;
    ctx.fillRect(box.x + pad + wd + wg, y, inner - wd - wg, barH);
    ctx.globalAlpha = 1;
    ctx.fillStyle = p.down;
    ctx.fillRect(box.x + pad, y, wd, barH);
    ctx.fillStyle = p.degraded;
    ctx.fillRect(box.x + pad + wd, y, wg, barH);
    y += barH + 4;
  }
  // The numbers in words: status is never colour alone.
  const small = m.small;
  ctx.font = `500 ${small}px ${p.font}`;
  if (y + small < box.y + box.h - 4) {
    const words = down + degraded === 0 ? [`${count} up`] : [`✕ ${down} down`, `▲ ${degraded} degraded`, `${n - down - degraded} up`];
    // What does not fit is left out (the up count first), never squeezed.
    while (words.length > 1 && ctx.measureText(words.join('  ')).width > inner) words.pop();
    y += small / 2 + 1;
    let x = box.x + pad;
    words.forEach((w, k) => {
      ctx.fillStyle = k === 0 && down > 0 ? p.downText : k === 1 ? p.degradedText : p.muted;
      const text = k < words.length - 1 ? `${w}  ` : w;
      ctx.fillText(text, x, y, Math.max(1, box.x + box.w - pad - x));
      x += ctx.measureText(text).width;
    });
    y += small / 2 + 4;
  }
  // Notes, the top failures first; those that do not fit are left out, not squeezed.
  const notes = [
    f.top[g]! > 0 ? `★ ${f.top[g]} of the top ${f.topOf}` : '',
    group.critical > 0 ? `${group.critical} critical` : '',
    f.agg.internal[g]! > 0 ? `${plural(f.agg.internal[g]!, 'dep')} inside` : '',
  ].filter(Boolean);
  while (notes.length > 1 && ctx.measureText(notes.join(' · ')).width > inner) notes.pop();
  const extra = notes.join(' · ');
  if (extra && y + small < box.y + box.h - 4) {
    ctx.fillStyle = f.top[g]! > 0 ? p.text : p.muted;
    ctx.fillText(extra, box.x + pad, y + small / 2, inner);
    y += small + 6;
  }

  // Places as chips: a click fails one.
  const chipH = m.chip;
  ctx.font = `600 ${small}px ${p.mono}`;
  let cx = box.x + pad;
  let cy = y;
  for (const place of group.places) {
    const i = f.index.get(place);
    if (i === undefined) continue;
    const label = middle(ctx, place, inner - 26);
    const w = ctx.measureText(label).width + 26;
    if (cx + w > box.x + box.w - pad && cx > box.x + pad) {
      cx = box.x + pad;
      cy += chipH + 4;
    }
    if (cy + chipH > box.y + box.h - 4) break;
    const s = f.status[i]!;
    ctx.beginPath();
    ctx.roundRect(cx, cy, w, chipH, chipH / 2);
    ctx.fillStyle = s === DOWN ? p.downBg : s === DEGRADED ? p.degradedBg : p.place;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = s === DOWN ? p.down : s === DEGRADED ? p.degraded : p.placeBorder;
    ctx.stroke();
    ctx.fillStyle = s === DOWN ? p.down : s === DEGRADED ? p.degraded : p.muted;
    ctx.font = `700 ${small}px ${p.font}`;
    ctx.fillText(s === DOWN ? '✕' : s === DEGRADED ? '▲' : '◆', cx + 7, cy + chipH / 2 + 0.5);
    ctx.font = `600 ${small}px ${p.mono}`;
    ctx.fillStyle = s === DOWN ? p.downText : s === DEGRADED ? p.degradedText : p.text;
    ctx.fillText(label, cx + 19, cy + chipH / 2 + 0.5);
    chips.push({ place, group: g, x: cx, y: cy, w, h: chipH });
    cx += w + 5;
  }
  ctx.restore();
}

function drawChain(ctx: CanvasRenderingContext2D, f: OverviewFrame): void {
  const path = f.chainGroups;
  if (path.length < 2) return;
  const p = f.palette;
  ctx.strokeStyle = p.focus;
  ctx.fillStyle = p.focus;
  ctx.lineWidth = 3.5;
  ctx.globalAlpha = 0.9;
  ctx.beginPath();
  path.forEach((g, k) => {
    const b = f.boxes[g]!;
    const x = b.x + b.w / 2;
    const y = b.y + b.h - 10;
    if (k === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.stroke();
  for (const g of path) {
    const b = f.boxes[g]!;
    ctx.beginPath();
    ctx.arc(b.x + b.w / 2, b.y + b.h - 10, 5, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Text cut in the middle to fit (`checkout-…-east-1`), so similar names stay distinct. */
export function middle(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0,
    hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const head = Math.ceil(mid / 2);
    if (ctx.measureText(`${text.slice(0, head)}…${text.slice(text.length - (mid - head))}`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  const head = Math.ceil(lo / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (lo - head))}`;
}
