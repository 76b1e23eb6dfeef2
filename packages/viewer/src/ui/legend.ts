/**
 * The legend: what each colour, shape and line means. Shapes stand beside
 * colours (cross, triangle, bolt; a solid line carries "down", a double one
 * "degraded"), so status does not rely on colour alone. It opens on the
 * first visit and folds itself after the first use of the graph (a click on
 * the canvas or a fault); its summary stays one click away.
 */
import type { Sel } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

type Draw = (g: Sel) => void;

const box =
  (fill: string, stroke: string, dash = ''): Draw =>
  (g) => {
    g.append('rect')
      .attr('x', 0.5)
      .attr('y', 0.5)
      .attr('width', 26)
      .attr('height', 13)
      .attr('rx', 3)
      .attr('fill', `var(${fill})`)
      .attr('stroke', `var(${stroke})`)
      .attr('stroke-dasharray', dash);
  };

const ITEMS: readonly [string, Draw][] = [
  [
    'down',
    (g) => {
      box('--down-bg', '--down')(g);
      g.append('circle').attr('cx', 7).attr('cy', 7).attr('r', 4.5).attr('fill', 'var(--down)');
      g.append('path').attr('d', 'M5 5l4 4M9 5l-4 4').attr('stroke', '#fff').attr('stroke-width', 1.4);
    },
  ],
  [
    'degraded',
    (g) => {
      box('--degraded-bg', '--degraded', '3 2')(g);
      g.append('path').attr('d', 'M7 2.5l5 8.5h-10z').attr('fill', 'var(--degraded)');
    },
  ],
  [
    'fault (injected)',
    (g) => {
      box('--down', '--down-text')(g);
      g.append('path').attr('d', 'M8 2.5l-3 5h2.5l-1.5 4.5 4-6h-2.5z').attr('fill', '#fff');
    },
  ],
  [
    'up',
    (g) => {
      box('--node', '--node-border')(g);
      g.append('circle').attr('cx', 7).attr('cy', 7).attr('r', 3).attr('fill', 'none').attr('stroke', 'var(--faint)');
    },
  ],
  [
    'region / zone',
    (g) => g.append('rect').attr('x', 0.5).attr('y', 0.5).attr('width', 26).attr('height', 13).attr('rx', 6.5).attr('fill', 'var(--place)').attr('stroke', 'var(--place-border)'),
  ],
  ['user journey', (g) => g.append('path').attr('d', 'M0.5 0.5h20l6 6.5-6 6.5h-20l3.5-6.5z').attr('fill', 'var(--node)').attr('stroke', 'var(--accent)').attr('stroke-width', 1.4)],
  [
    'critical (bold id)',
    (g) => {
      box('--node', '--node-border')(g);
      g.append('path').attr('d', 'M6 7h15').attr('stroke', 'var(--text)').attr('stroke-width', 3);
    },
  ],
  [
    'control plane',
    (g) => {
      box('--node', '--node-border')(g);
      g.append('rect').attr('x', 0.5).attr('y', 0.5).attr('width', 3).attr('height', 13).attr('fill', 'var(--control)');
    },
  ],
  ['hard dependency', (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--muted)').attr('stroke-width', 1.5).attr('fill', 'none')],
  ['soft dependency', (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--muted)').attr('stroke-width', 1.5).attr('stroke-dasharray', '4 3').attr('fill', 'none')],
  [
    'async (consumes from)',
    (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--muted)').attr('stroke-width', 1.5).attr('stroke-dasharray', '8 3').attr('fill', 'none'),
  ],
  [
    'monitors (shown for the selected)',
    (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--control)').attr('stroke-width', 1.5).attr('stroke-dasharray', '6 2.5 1.5 2.5').attr('fill', 'none'),
  ],
  ['carries "down" (solid)', (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--down)').attr('stroke-width', 2).attr('fill', 'none')],
  [
    'carries "degraded" (double)',
    (g) => {
      g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--degraded)').attr('stroke-width', 3.5).attr('fill', 'none');
      g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--canvas)').attr('stroke-width', 1.2).attr('fill', 'none');
    },
  ],
  ['chain of the selected (bold)', (g) => g.append('path').attr('d', 'M0 7h22').attr('stroke', 'var(--down)').attr('stroke-width', 3.5).attr('fill', 'none')],
  [
    'fallback (green while in use)',
    (g) => {
      g.append('circle').attr('cx', 3.5).attr('cy', 7).attr('r', 2.5).attr('fill', 'var(--up)');
      g.append('path').attr('d', 'M3 7h19').attr('stroke', 'var(--up)').attr('stroke-width', 1.5).attr('fill', 'none');
    },
  ],
  [
    'anyOf (need k of n)',
    (g) => {
      g.append('path').attr('d', 'M0 7h8M14 7l10 -5M14 7l10 5').attr('stroke', 'var(--muted)').attr('fill', 'none');
      g.append('path').attr('d', 'M11 3.5l3.5 3.5-3.5 3.5-3.5-3.5z').attr('fill', 'var(--panel)').attr('stroke', 'var(--muted)');
    },
  ],
  [
    'placement (square: one replica)',
    (g) => {
      g.append('path').attr('d', 'M0 7h12').attr('stroke', 'var(--muted)').attr('stroke-dasharray', '1.5 3').attr('fill', 'none');
      g.append('rect').attr('x', 15).attr('y', 3.5).attr('width', 7).attr('height', 7).attr('rx', 1.5).attr('fill', 'var(--place)').attr('stroke', 'var(--place-border)');
    },
  ],
];

export interface Legend {
  /** The graph was used: fold the legend, once (a user who opens it again keeps it open). */
  used(): void;
}

export function renderLegend(stage: Sel): Legend {
  const legend = stage.append('details').attr('class', 'legend').attr('open', true).attr('data-testid', 'legend');
  legend.append('summary').text('Legend');
  let folded = false;
  const grid = legend.append('div').attr('class', 'legend-grid');
  for (const [label, draw] of ITEMS) {
    const item = grid.append('div').attr('class', 'item');
    const svg = item
      .append(() => document.createElementNS(SVG, 'svg'))
      .attr('width', 28)
      .attr('height', 15)
      .attr('aria-hidden', 'true');
    draw(svg.append('g'));
    item.append('span').text(label);
  }
  return {
    used() {
      if (folded) return;
      folded = true;
      legend.attr('open', null);
    },
  };
}
