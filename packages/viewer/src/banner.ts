/**
 * The banner over the graph
 * =========================
 *
 * Says when the drawing shows only part of the model, and offers the way
 * back: "Within 2 hops of checkout" (with 1, 2, 3 to change the radius) or
 * "Showing only the blast radius", each with "Show all".
 */
import { plural } from '@faultline/core';
import type { Run } from './engine.js';
import type { Store, ViewState } from './store.js';
import { button, type Sel } from './ui/dom.js';

export interface Banner {
  update(s: ViewState, run: Run): void;
}

export function renderBanner(stage: Sel, store: Store): Banner {
  const banner = stage.append('div').attr('class', 'banner').attr('hidden', true).attr('role', 'status');
  return {
    update(s, run) {
      banner.selectAll('*').remove();
      const on = s.focus !== null || (s.blastOnly && run.sim !== null);
      banner.attr('hidden', on ? null : true);
      if (!on) return;
      if (s.focus) {
        const focus = s.focus;
        banner.append('span').text(`Within ${plural(focus.hops, 'hop')} of ${focus.id}`);
        for (const h of [1, 2, 3])
          button(banner, String(h), () => store.set({ focus: { id: focus.id, hops: h } }), 'btn btn-small')
            .attr('aria-pressed', String(h === focus.hops))
            .attr('aria-label', `${h} hops`);
        button(banner, 'Show all', () => store.set({ focus: null }), 'btn btn-small');
      } else {
        banner.append('span').text('Showing only the blast radius');
        button(banner, 'Show all', () => store.set({ blastOnly: false }), 'btn btn-small');
      }
    },
  };
}
