/**
 * The summary bar: the CLI's headline ("If us-east-1 fails: 14 down
 * (3 critical), 5 degraded — impact 42"), the active faults as removable
 * chips, and a bar of the impact against the worst single failure.
 */
import { headline, type FaultSpec } from '@faultline/core';
import type { Run } from '../engine.js';
import type { Sel } from './dom.js';

export interface SummaryBar {
  update(run: Run): void;
}

export function renderSummary(root: Sel, remove: (fault: FaultSpec) => void): SummaryBar {
  const bar = root.append('div').attr('class', 'summary').attr('role', 'status').attr('aria-live', 'polite');
  const text = bar.append('div').attr('class', 'headline').attr('data-testid', 'headline');
  const chips = bar.append('div').attr('class', 'chips').attr('aria-label', 'Active faults');
  const fellBack = bar.append('div').attr('class', 'fell-back').attr('data-testid', 'fell-back-count').attr('hidden', true);
  const notice = bar.append('div').attr('class', 'notice').attr('hidden', true);
  return {
    update(run) {
      const s = run.sim?.summary;
      bar
        .attr('data-down', s ? s.down : 0)
        .attr('data-degraded', s ? s.degraded : 0)
        .attr('data-critical-down', s ? s.criticalDown : 0)
        .attr('data-critical-degraded', s ? s.criticalDegraded : 0)
        .attr('data-impact', s ? s.impact : 0)
        .attr('data-fell-back', run.sim ? run.sim.fellBack.length : 0);
      const used = run.sim?.fellBack.length ?? 0;
      fellBack
        .attr('hidden', used > 0 ? null : true)
        .attr('title', used > 0 ? 'Callers that use their fallback and stay up; the details list them' : null)
        .text(used > 0 ? `↺ ${used} fell back` : '');
      text.selectAll('*').remove();
      if (run.sim) {
        text.classed('idle', false).text(headline(run.sim));
      } else {
        text.classed('idle', true).text('Click a component, zone or region to fail it — shift-click to add more. Click anything red or amber to see why.');
      }
      const chip = chips
        .selectAll<HTMLSpanElement, FaultSpec>('span.chip')
        .data(run.faults, (d) => `${d.effect ?? 'down'}:${d.target}`)
        .join((enter) => {
          const c = enter.append('span');
          c.append('span').attr('class', 'chip-label');
          c.append('button').attr('type', 'button').text('×');
          return c;
        });
      chip.attr('class', (d) => `chip ${d.effect ?? 'down'}`);
      chip.select('.chip-label').text((d) => (d.effect && d.effect !== 'down' ? `${d.effect}: ${d.target}` : d.target));
      chip
        .select('button')
        .attr('aria-label', (d) => `Remove the fault ${d.target}`)
        .on('click', (_e: MouseEvent, d: FaultSpec) => remove(d));
      notice.attr('hidden', run.error ? null : true).text(run.error ?? '');
    },
  };
}
