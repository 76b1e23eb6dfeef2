/**
 * The hover card: id, kind, status and the chain in one line.
 */
import { chainLine } from '@faultline/core';
import { DEGRADED, DOWN, type Engine, type Run } from '../engine.js';
import type { Hit } from '../render/stage.js';
import type { Sel } from './dom.js';

export interface Tooltip {
  show(hit: Hit | null, run: Run, x: number, y: number): void;
}

export function renderTooltip(stage: Sel, engine: Engine): Tooltip {
  const tip = stage.append('div').attr('class', 'tooltip').attr('hidden', true).attr('role', 'tooltip');
  return {
    show(hit, run, x, y) {
      if (!hit || (hit.type !== 'node' && hit.type !== 'pip')) {
        tip.attr('hidden', true);
        return;
      }
      const id = engine.ids[hit.node]!;
      const c = engine.model.components.get(id)!;
      const s = run.status[hit.node]!;
      tip.selectAll('*').remove();
      const head = tip.append('div');
      head.append('strong').text(hit.type === 'pip' ? `${id}@${hit.domain}` : id);
      head.append('span').attr('class', 'label').text(`  ${c.kind}`);
      const status = s === DOWN ? 'down' : s === DEGRADED ? 'degraded' : 'up';
      const o = run.outcome.get(id);
      if (hit.type === 'pip') tip.append('div').attr('class', 'why').text(`Click to fail only the placement of ${id} in ${hit.domain}`);
      else if (o && o.chain.length > 1)
        tip
          .append('div')
          .attr('class', 'why')
          .text(`${status}: ${chainLine(o.chain)}`);
      else if (run.faulted[hit.node]) tip.append('div').attr('class', 'why').text('failed by a fault — shift-click to remove');
      else
        tip
          .append('div')
          .attr('class', 'why')
          .text(status === 'up' ? 'up — click to fail, shift-click to add' : status);
      const parent = (tip.node()!.parentElement as HTMLElement).getBoundingClientRect();
      const left = Math.min(x + 14, parent.width - 330);
      tip
        .style('left', `${Math.max(4, left)}px`)
        .style('top', `${Math.min(y + 16, parent.height - 70)}px`)
        .attr('hidden', null);
    },
  };
}
