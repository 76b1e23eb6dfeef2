/**
 * The "single points of failure" panel: single failures that take a critical
 * component down, ranked by impact (core's `rankFailures`). A click applies
 * the failure and focuses its worst victim.
 */
import { oneDecimal, maxOf } from '@faultline/core';
import type { RankedFailure } from '../providers/ranking.js';
import { button, section, type Sel } from './dom.js';

const SHOWN = 15;

export interface RankingPanel {
  update(ranked: readonly RankedFailure[] | null): void;
}

export function renderRanking(parent: Sel, apply: (r: RankedFailure) => void): RankingPanel {
  const { count, body } = section(parent, 'Single points of failure');
  const note = body.append('p').attr('class', 'progress').text('Ranking every single failure…');
  const list = body.append('ul').attr('class', 'list').attr('data-testid', 'spof');
  return {
    update(ranked) {
      count.text(ranked ? String(ranked.length) : '');
      note.text(
        !ranked
          ? 'Ranking every single failure…'
          : ranked.length === 0
            ? 'No single failure takes down a critical component.'
            : 'Each takes a critical component down; ranked by impact. Click to apply.',
      );
      list.selectAll('li').remove();
      if (!ranked) return;
      const top = ranked.slice(0, SHOWN);
      const worst = maxOf(
        top.map((r) => r.impact),
        1,
      );
      for (const r of top) {
        const li = list.append('li');
        const row = button(li, '', () => apply(r), 'row')
          .attr('data-target', r.target)
          .attr(
            'title',
            `Fail ${r.target}: ${r.down} down (${r.critical} critical), ${r.degraded} degraded — impact ${oneDecimal(r.impact)}${r.hidden ? '. Hidden: it defeats redundancy on the way' : ''}`,
          );
        row.append('span').attr('class', 'id').text(r.target);
        if (r.hidden) row.append('span').attr('class', 'tag').text('hidden');
        row.append('span').attr('class', 'meta').text(oneDecimal(r.impact));
        row
          .append('span')
          .attr('class', 'bar')
          .append('span')
          .style('width', `${Math.round((100 * r.impact) / worst)}%`);
      }
      if (ranked.length > SHOWN)
        list
          .append('li')
          .append('p')
          .attr('class', 'hint')
          .style('padding', '4px 8px')
          .text(`and ${ranked.length - SHOWN} more`);
    },
  };
}
