/**
 * The findings panel: lint results (core's `lint`); "Apply" injects the
 * fault that reproduces a finding and focuses the component it is about.
 */
import type { ViewFinding } from '../providers/findings.js';
import { button, section, type Sel } from './dom.js';

const SHOWN = 30;

export interface FindingsPanel {
  update(findings: readonly ViewFinding[], pending: boolean): void;
}

export function renderFindings(parent: Sel, apply: (f: ViewFinding) => void): FindingsPanel {
  const { count, body } = section(parent, 'Findings');
  const hint = body.append('p').attr('class', 'progress').text('Checking…');
  const list = body.append('div').attr('data-testid', 'findings');
  return {
    update(findings, pending) {
      count.text(pending ? '' : String(findings.length));
      hint.attr('hidden', pending || findings.length === 0 ? null : true).text(pending ? 'Checking…' : 'No findings.');
      list.selectAll('*').remove();
      for (const f of findings.slice(0, SHOWN)) {
        const card = list.append('article').attr('class', 'finding').attr('data-rule', f.rule);
        const head = card.append('div').attr('class', 'head');
        head.append('span').attr('class', `sev ${f.severity}`).text(f.severity);
        head.append('span').attr('class', 'rule').text(f.rule);
        card.append('p').text(f.message);
        button(card, f.faults.length > 0 ? `Apply: fail ${f.faults.map((x) => x.target).join(', ')}` : `Show ${f.focus}`, () => apply(f), 'btn btn-small').attr(
          'data-action',
          f.faults.length > 0 ? 'apply-finding' : 'show-finding',
        );
      }
      if (findings.length > SHOWN)
        list
          .append('p')
          .attr('class', 'hint')
          .text(`and ${findings.length - SHOWN} more`);
    },
  };
}
