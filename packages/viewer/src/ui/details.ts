/**
 * The right panel: the selected component (status, where it runs, why it is
 * down: the chain of causes back to the fault, and every other cause), or,
 * with nothing selected, the blast radius as a list. Both list the fallbacks
 * the faults put to work (simulate's `fellBack`): which caller fell back from
 * which dependency.
 */
import type { Component, NodeOutcome, Simulation } from '@faultline/core';
import { causeWords, linkWords, oneDecimal, plural, append } from '@faultline/core';
import { select } from 'd3-selection';
import { DEGRADED, DOWN, type Engine, type Run } from '../engine.js';
import { button, glyph, type Sel } from './dom.js';

/** Rows in the blast-radius list; more would only slow the page down. */
const MAX_LISTED = 200;

export interface DetailsActions {
  select(id: string | null): void;
  fail(target: string, add: boolean): void;
  focus(id: string, hops: number): void;
}

export interface DetailsPanel {
  update(run: Run, selected: string | null): void;
}

export function renderDetails(root: Sel, engine: Engine, actions: DetailsActions): DetailsPanel {
  const panel = root.append('aside').attr('class', 'side right details').attr('aria-label', 'Details');
  return {
    update(run, selected) {
      panel.selectAll('*').remove();
      if (selected) selectedView(panel, engine, run, selected, actions);
      else blastView(panel, run, actions);
    },
  };
}

function statusOf(run: Run, engine: Engine, id: string): 'down' | 'degraded' | 'up' {
  const s = run.status[engine.index.get(id)!]!;
  return s === DOWN ? 'down' : s === DEGRADED ? 'degraded' : 'up';
}

function selectedView(panel: Sel, engine: Engine, run: Run, id: string, actions: DetailsActions): void {
  const c = engine.model.components.get(id)!;
  const status = statusOf(run, engine, id);
  const outcome = run.outcome.get(id);
  const head = panel.append('div').attr('class', 'section').attr('data-testid', 'selected').attr('data-id', id).attr('data-status', status);
  const top = head.append('div').style('display', 'flex').style('justify-content', 'space-between').style('gap', '8px');
  top.append('h3').text(c.id);
  button(top, '×', () => actions.select(null), 'btn btn-small').attr('aria-label', 'Close the details');
  const line = head.append('div').style('display', 'flex').style('gap', '6px').style('margin-top', '6px').style('align-items', 'center');
  const pill = line.append('span').attr('class', `pill ${status}`);
  glyph(pill, status);
  pill.append('span').text(status === 'up' ? 'up' : status);
  if (run.faulted[engine.index.get(id)!]) line.append('span').attr('class', 'label').text('failed by a fault');
  if (c.description) head.append('p').attr('class', 'desc').text(c.description);
  facts(head, c, actions);

  const acts = head.append('div').attr('class', 'actions');
  button(acts, 'Fail it', () => actions.fail(id, false), 'btn btn-danger').attr('data-action', 'fail-selected');
  button(acts, 'Add to faults', () => actions.fail(id, true));
  button(acts, 'Neighbourhood', () => actions.focus(id, 2)).attr('title', 'Show only what is within 2 hops');

  if (outcome) whyView(panel, engine, outcome, actions);
  if (run.sim)
    fellBackView(
      panel,
      run.sim.fellBack.filter((f) => f.id === id || f.target === id),
      actions,
    );
  dependencies(panel, engine, run, c, actions);
}

type FellBack = Simulation['fellBack'][number];

/** The fallbacks in use, one row each: "checkout fell back from flagd"; a click selects the caller. */
function fellBackView(panel: Sel, list: readonly FellBack[], actions: DetailsActions): void {
  if (list.length === 0) return;
  const s = panel.append('section').attr('class', 'section').attr('aria-label', 'Fell back').attr('data-testid', 'fell-back');
  const h = s.append('h2');
  h.append('span').text('Fell back');
  h.append('span').attr('class', 'count').text(String(list.length));
  s.append('p').attr('class', 'hint').text('These callers use their fallback (defaults, a cache, another path) and stay up.');
  const items = s.append('ul').attr('class', 'list').selectAll('li').data(list.slice(0, MAX_LISTED)).join('li');
  items.each(function (f) {
    const row = button(select(this as HTMLLIElement), '', () => actions.select(f.id), 'row')
      .attr('data-id', f.id)
      .attr('data-target', f.target);
    glyph(row, 'up');
    row.append('span').attr('class', 'id').text(f.id);
    row.append('span').attr('class', 'meta').text(`fell back from ${f.target}`);
  });
  if (list.length > MAX_LISTED)
    s.append('p')
      .attr('class', 'hint')
      .text(`and ${list.length - MAX_LISTED} more`);
}

function facts(parent: Sel, c: Component, actions: DetailsActions): void {
  const dl = parent.append('dl').attr('class', 'facts');
  const fact = (term: string, value: string): void => {
    dl.append('dt').text(term);
    dl.append('dd').text(value);
  };
  fact('kind', c.kind);
  if (c.critical) fact('critical', `yes, weight ${oneDecimal(c.weight)}`);
  if (c.plane) fact('plane', c.plane);
  if (c.scope) fact('scope', c.scope);
  if (c.owner) fact('owner', c.owner);
  if (c.placements.length > 0) {
    dl.append('dt').text('runs in');
    const dd = dl.append('dd');
    for (const p of c.placements) {
      const b = button(dd, `${p.domain}${p.replicas > 1 ? ` ×${p.replicas}` : ''}`, (e) => actions.fail(`${c.id}@${p.domain}`, e.shiftKey), 'btn btn-small');
      b.attr('title', `Fail only the placement ${c.id}@${p.domain}`).style('margin', '0 4px 4px 0');
    }
    if (c.placements.length > 1 || c.minHealthy > 1) fact('needs', `${plural(c.minHealthy, 'replica')} up`);
  }
  for (const [k, v] of c.tags) fact(`tag ${k}`, v);
  fact('defined at', `${c.at.file}:${c.at.line}:${c.at.col}`);
}

function whyView(panel: Sel, engine: Engine, o: NodeOutcome, actions: DetailsActions): void {
  const s = panel.append('section').attr('class', 'section').attr('aria-label', 'Why');
  s.append('h2').text(o.status === 'down' ? 'Why it is down' : 'Why it is degraded');
  const chain = s.append('ol').attr('class', 'chain').attr('data-testid', 'chain');
  o.chain.forEach((step) => {
    const li = chain.append('li').attr('data-step', step.id);
    glyph(li, step.status);
    const isComponent = engine.index.has(step.id);
    const idEl = isComponent
      ? li
          .append('button')
          .attr('type', 'button')
          .attr('class', 'step-id')
          .on('click', () => actions.select(step.id))
      : li.append('span').attr('class', 'step-id');
    idEl.text(step.id);
    li.append('span').attr('class', 'link').text(linkWords(step));
  });
  const more = o.because.filter((b, i) => i > 0 || b.type === 'fault');
  if (o.because.length > 0) {
    s.append('h2')
      .style('margin-top', '6px')
      .text(more.length > 0 ? 'All causes' : 'Cause');
    s.append('ul')
      .attr('class', 'causes')
      .selectAll('li')
      .data(o.because)
      .join('li')
      .text((d) => causeWords(d));
  }
}

function dependencies(panel: Sel, engine: Engine, run: Run, c: Component, actions: DetailsActions): void {
  const targets: string[] = [];
  for (const d of c.dependsOn) {
    if (d.type === 'edge') targets.push(d.target);
    else append(targets, d.anyOf);
  }
  if (targets.length === 0) return;
  const s = panel.append('section').attr('class', 'section').attr('aria-label', 'Depends on');
  s.append('h2').text('Depends on');
  const items = s
    .append('ul')
    .attr('class', 'list')
    .selectAll('li')
    .data([...new Set(targets)])
    .join('li');
  items.each(function (id) {
    const row = button(select(this as HTMLLIElement), '', () => actions.select(id), 'row');
    glyph(row, statusOf(run, engine, id));
    row.append('span').attr('class', 'id').text(id);
    row.append('span').attr('class', 'meta').text(engine.model.components.get(id)!.kind);
  });
}

function blastView(panel: Sel, run: Run, actions: DetailsActions): void {
  const s = panel.append('section').attr('class', 'section').attr('aria-label', 'Blast radius');
  if (!run.sim) {
    s.append('h2').text('How to read it');
    const p = s.append('div').attr('class', 'hint');
    const lines = [
      'Callers are on the left, what they depend on to the right; each band is a region.',
      'Click a component, a zone or a region (or its band label) to fail it. Shift-click adds a fault; a small square on a component fails only that placement.',
      'Red with a cross is down, amber with a triangle is degraded, solid with a bolt is a fault you injected.',
      'Click anything red or amber to see the chain of causes back to the fault.',
    ];
    for (const l of lines) p.append('p').style('margin', '0 0 8px').text(l);
    const keys = s.append('p').attr('class', 'hint');
    keys.append('kbd').text('/');
    keys.append('span').text(' search  ');
    keys.append('kbd').text('R');
    keys.append('span').text(' reset  ');
    keys.append('kbd').text('Esc');
    keys.append('span').text(' clear  ');
    keys.append('kbd').text('+ −');
    keys.append('span').text(' zoom  ');
    keys.append('kbd').text('0');
    keys.append('span').text(' fit');
    return;
  }
  const nodes = run.sim.nodes;
  const h = s.append('h2');
  h.append('span').text('Blast radius');
  h.append('span').attr('class', 'count').text(String(nodes.length));
  if (nodes.length === 0) {
    s.append('p').attr('class', 'hint').text('Nothing goes down or degrades.');
    fellBackView(panel, run.sim.fellBack, actions);
    return;
  }
  const items = s.append('ul').attr('class', 'list').attr('data-testid', 'victims').selectAll('li').data(nodes.slice(0, MAX_LISTED)).join('li');
  items.each(function (n) {
    const row = button(select(this as HTMLLIElement), '', () => actions.select(n.id), 'row').attr('data-id', n.id);
    glyph(row, n.status);
    row.append('span').attr('class', 'id').text(n.id);
    row
      .append('span')
      .attr('class', 'meta')
      .text(n.critical ? `critical · ${n.kind}` : n.kind);
  });
  if (nodes.length > MAX_LISTED)
    s.append('p')
      .attr('class', 'hint')
      .text(`and ${nodes.length - MAX_LISTED} more (search finds any of them)`);
  if (run.sim.partial.length > 0) {
    const p = panel.append('section').attr('class', 'section');
    p.append('h2').text('Still up, with fewer replicas');
    p.append('ul')
      .attr('class', 'causes')
      .selectAll('li')
      .data(run.sim.partial)
      .join('li')
      .text((d) => `${d.id}: lost ${d.lost.join(', ')}; ${d.replicasLeft} left, needs ${d.minHealthy}`);
  }
  fellBackView(panel, run.sim.fellBack, actions);
}
