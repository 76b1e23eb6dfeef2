/**
 * The left panel as tabs: one tab per section (Places, Single points of
 * failure, Findings), each with its count, so the findings are one click
 * away instead of below the fold. The counts follow the sections' own
 * (their `.count`), so the sections need not know they are tabbed.
 */
import { select } from 'd3-selection';
import type { Sel } from './dom.js';

export interface Tabs {
  /** Shows the section labelled `name`. */
  show(name: string): void;
}

export function renderTabs(aside: Sel): Tabs {
  const sections = aside.selectAll<HTMLElement, unknown>(':scope > section').nodes();
  const bar = aside.insert('div', ':first-child').attr('class', 'tabs').attr('role', 'tablist').attr('aria-label', 'Panels');
  const tabs = sections.map((section, i) => {
    const name = section.getAttribute('aria-label') ?? `Panel ${i + 1}`;
    const id = `fl-panel-${i}`;
    section.id = id;
    section.setAttribute('role', 'tabpanel');
    const tab = bar
      .append('button')
      .attr('type', 'button')
      .attr('role', 'tab')
      .attr('class', 'tab')
      .attr('aria-controls', id)
      .attr('data-tab', name)
      .on('click', () => show(name));
    tab.append('span').text(name === 'Single points of failure' ? 'SPOFs' : name);
    const count = tab.append('span').attr('class', 'count');
    const source = section.querySelector('h2 .count');
    const sync = (): void => {
      count.text(source?.textContent ?? '');
    };
    if (source) new MutationObserver(sync).observe(source, { childList: true, characterData: true, subtree: true });
    sync();
    return { name, tab, section };
  });
  function show(name: string): void {
    for (const t of tabs) {
      const on = t.name === name;
      t.tab.attr('aria-selected', String(on)).attr('tabindex', on ? 0 : -1);
      select(t.section).attr('hidden', on ? null : true);
    }
  }
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  bar.on('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const at = tabs.findIndex((t) => t.tab.attr('aria-selected') === 'true');
    const next = tabs[(at + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    show(next.name);
    (next.tab.node() as HTMLElement).focus();
  });
  if (tabs.length > 0) show(tabs[0]!.name);
  return { show };
}
