/**
 * The "single points of failure" panel: single failures ranked by impact.
 * A click applies the failure and focuses its worst victim.
 */
import type { RankedFailure, RankingProgress } from '../providers/ranking.js';
import { number } from '../words.js';
import { button, section, type Sel } from './dom.js';

const SHOWN = 15;

export interface RankingPanel {
  update(p: RankingProgress): void;
}

export function renderRanking(parent: Sel, apply: (r: RankedFailure) => void): RankingPanel {
  const { count, body } = section(parent, 'Single points of failure');
  const note = body.append('p').attr('class', 'progress').text('Ranking every single failure…');
  const list = body.append('ul').attr('class', 'list').attr('data-testid', 'spof');
  return {
    update(progress) {
      // Failures that only pin a `scope: global` claim belong to the findings, not here.
      const p = { ...progress, ranked: progress.ranked.filter((r) => r.victims.length > 0) };
      const done = p.done === p.total;
      note.text(done ? (p.ranked.length === 0 ? 'No single failure takes down a critical component.' : 'Each takes a critical component down. Click to apply.') : `Ranking single failures… ${p.done} of ${p.total}`);
      count.text(done ? String(p.ranked.length) : '');
      const top = p.ranked.slice(0, SHOWN);
      const worst = Math.max(1, ...top.map((r) => r.impact));
      list.selectAll('li').remove();
      for (const r of top) {
        const li = list.append('li');
        const row = button(li, '', () => apply(r), 'row').attr('data-target', r.target).attr('title', `Fail ${r.target}: ${r.down} down (${r.criticalDown} critical), ${r.degraded} degraded — impact ${number(r.impact)}`);
        row.append('span').attr('class', 'id').text(r.target);
        row.append('span').attr('class', 'meta').text(`${r.victims.length} critical · ${number(r.impact)}`);
        row.append('span').attr('class', 'bar').append('span').style('width', `${Math.round((100 * r.impact) / worst)}%`);
      }
      if (p.ranked.length > SHOWN) list.append('li').append('p').attr('class', 'hint').style('padding', '4px 8px').text(`and ${p.ranked.length - SHOWN} more`);
    },
  };
}
