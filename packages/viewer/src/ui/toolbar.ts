/**
 * The top bar: model name, search by id, filters by kind and region, what a
 * click does (fail, degrade, slow), the blast-radius focus, reset and theme.
 */
import type { FaultEffect } from '@faultline/core';
import type { Store, ViewState } from '../store.js';
import { button, type Sel } from './dom.js';

export interface ToolbarOptions {
  readonly name: string;
  readonly ids: readonly string[];
  readonly kinds: readonly string[];
  readonly lanes: readonly { readonly id: string; readonly label: string }[];
  /** Finds a component by its id, its ref or part of its id; returns why not when nothing matches. */
  search(query: string): string | undefined;
  reset(): void;
  toggleTheme(): string;
  /** Folds every lane, or unfolds them all when some are folded. */
  foldAll(): void;
}

const EFFECTS: readonly [FaultEffect, string, string][] = [
  ['down', 'Fail', 'A click fails the component: it is down'],
  ['degraded', 'Degrade', 'A click degrades the component'],
  ['slow', 'Slow', 'A click makes the component slow: callers without a timeout or bulkhead go down'],
];

export function renderToolbar(root: Sel, store: Store, o: ToolbarOptions): void {
  const bar = root.append('header').attr('class', 'topbar');
  const brand = bar.append('div').attr('class', 'brand');
  brand.append('span').attr('class', 'brand-mark').text('faultline');
  brand.append('span').attr('class', 'brand-name').attr('title', o.name).text(o.name);

  const search = bar.append('form').attr('class', 'search').attr('role', 'search');
  search.append('label').attr('class', 'sr-only').attr('for', 'fl-search').text('Find a component by id or ref');
  const input = search
    .append('input')
    .attr('id', 'fl-search')
    .attr('type', 'search')
    .attr('placeholder', 'Find a component…  /')
    .attr('list', 'fl-ids')
    .attr('autocomplete', 'off')
    .attr('spellcheck', 'false');
  // Filled before it joins the page: inserting 10,000 options one by one into a datalist in the page took 1.6 s.
  const list = document.createElement('datalist');
  list.id = 'fl-ids';
  for (const id of o.ids) list.append(new Option('', id));
  search.append(() => list);
  search.on('submit', (event: SubmitEvent) => {
    event.preventDefault();
    const field = input.node()!;
    const problem = o.search((field.value ?? '').trim());
    // The browser's own validation bubble says why: text, never HTML.
    input.attr('aria-invalid', problem === undefined ? null : 'true');
    field.setCustomValidity(problem ?? '');
    if (problem !== undefined) field.reportValidity();
  });
  input.on('input', () => {
    input.attr('aria-invalid', null);
    input.node()!.setCustomValidity('');
  });

  const kind = bar.append('select').attr('class', 'control').attr('aria-label', 'Filter by kind');
  kind.append('option').attr('value', '').text('All kinds');
  kind
    .selectAll('option.k')
    .data(o.kinds)
    .join('option')
    .attr('class', 'k')
    .attr('value', (d) => d)
    .text((d) => d);
  kind.on('change', () => store.set({ kind: kind.node()!.value || null }));

  const lane = bar.append('select').attr('class', 'control').attr('aria-label', 'Filter by region');
  lane.append('option').attr('value', '\u0000all').text('All regions');
  lane
    .selectAll('option.l')
    .data(o.lanes)
    .join('option')
    .attr('class', 'l')
    .attr('value', (d) => d.id)
    .text((d) => d.label);
  lane.on('change', () => {
    const v = lane.node()!.value;
    store.set({ lane: v === '\u0000all' ? null : v });
  });

  const seg = bar.append('div').attr('class', 'segmented').attr('role', 'group').attr('aria-label', 'What a click does');
  const effects = EFFECTS.map(([effect, label, title]) =>
    button(seg, label, () => store.set({ effect }), '')
      .attr('title', title)
      .attr('data-effect', effect),
  );

  const blast = button(bar, 'Blast radius only', () => store.set({ blastOnly: !store.get().blastOnly })).attr('title', 'Show only what the faults take down or degrade');
  const placements = button(bar, 'Placements', () => store.set({ placements: !store.get().placements })).attr('title', 'Draw every placement edge (where each component runs)');
  const fold = button(bar, 'Fold regions', () => o.foldAll()).attr('title', 'Fold each region into one row of counts per column (click a folded row to unfold it)');
  bar.append('div').attr('class', 'spacer');
  button(bar, 'Reset', () => o.reset())
    .attr('title', 'Remove every fault and filter (R)')
    .attr('data-action', 'reset');
  const theme = button(bar, 'Theme: auto', () => theme.text(`Theme: ${o.toggleTheme()}`)).attr('title', 'Light, dark or follow the system');

  const sync = (s: ViewState): void => {
    for (const b of effects) b.attr('aria-pressed', String(b.attr('data-effect') === s.effect));
    blast.attr('aria-pressed', String(s.blastOnly));
    placements.attr('aria-pressed', String(s.placements));
    fold.attr('aria-pressed', String(s.collapsed.size > 0));
    kind.property('value', s.kind ?? '');
    lane.property('value', s.lane ?? '\u0000all');
  };
  sync(store.get());
  store.subscribe(sync);
}
