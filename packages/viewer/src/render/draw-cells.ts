/**
 * Cells of collapsed lanes: one box per layer with its count and a bar of
 * how many of its components are down (red) or degraded (amber).
 */
import { DEGRADED, DOWN } from '../engine.js';
import { CELL_H } from '../projection.js';
import { viewRect, type Frame } from './frame.js';
import { SOLID_BELOW } from './lod.js';

export function drawCells(ctx: CanvasRenderingContext2D, f: Frame): void {
  const p = f.palette;
  const v = viewRect(f);
  const k = f.camera.k;
  for (const cell of f.proj.cells) {
    if (cell.x1 < v.x0 || cell.x0 > v.x1 || cell.y + CELL_H < v.y0 || cell.y - CELL_H > v.y1) continue;
    let down = 0,
      degraded = 0,
      shown = 0,
      chain = false,
      selected = false;
    for (const i of cell.members) {
      if (f.hidden[i]) continue;
      shown++;
      const s = f.run.status[i]!;
      if (s === DOWN) down++;
      else if (s === DEGRADED) degraded++;
      if (f.chainNodes.has(i)) chain = true;
      if (i === f.selected) selected = true;
    }
    if (shown === 0) continue;
    const w = cell.x1 - cell.x0;
    const top = cell.y - CELL_H / 2;
    ctx.beginPath();
    ctx.roundRect(cell.x0, top, w, CELL_H, 7);
    ctx.fillStyle = p.node;
    ctx.fill();
    ctx.lineWidth = chain || selected ? 2.5 : 1;
    ctx.strokeStyle = selected ? p.focus : chain ? p.down : p.nodeBorder;
    ctx.setLineDash(k >= SOLID_BELOW ? [4, 3] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    // status bar along the bottom
    const bar = w - 16;
    ctx.fillStyle = p.line;
    ctx.fillRect(cell.x0 + 8, top + CELL_H - 9, bar, 4);
    ctx.fillStyle = p.down;
    ctx.fillRect(cell.x0 + 8, top + CELL_H - 9, (bar * down) / shown, 4);
    ctx.fillStyle = p.degraded;
    ctx.fillRect(cell.x0 + 8 + (bar * down) / shown, top + CELL_H - 9, (bar * degraded) / shown, 4);
    const size = Math.min(11 / k, CELL_H * 0.3);
    if (size * k >= 6.5) {
      ctx.textBaseline = 'middle';
      ctx.fillStyle = p.text;
      ctx.font = `600 ${size}px ${p.font}`;
      const parts = [`${shown}`];
      if (down > 0) parts.push(`${down} down`);
      if (degraded > 0) parts.push(`${degraded} degraded`);
      ctx.fillText(`${shown}`, cell.x0 + 10, top + CELL_H * 0.3, w - 20);
      ctx.fillStyle = p.muted;
      ctx.font = `500 ${size * 0.8}px ${p.font}`;
      ctx.fillText(parts.slice(1).join(' · ') || 'components', cell.x0 + 10, top + CELL_H * 0.58, w - 20);
    }
  }
}
