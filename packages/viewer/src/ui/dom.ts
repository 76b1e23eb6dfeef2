/**
 * DOM helpers over d3-selection. Every string from a manifest goes through
 * `.text()` (textContent): manifest text is data, never HTML.
 */
import type { Selection } from 'd3-selection';

/**
 * A d3 selection of any element. d3's four Selection generics add nothing to
 * a DOM builder but casts, so the panels use this one alias.
 */
// biome-ignore lint/suspicious/noExplicitAny: one alias for a selection of any element (see above)
export type Sel = Selection<any, any, any, any>;

/** Appends a `<button type="button">` with a label and a click handler. */
export function button(parent: Sel, label: string, onClick: (event: MouseEvent) => void, className = 'btn'): Sel {
  return parent
    .append('button')
    .attr('type', 'button')
    .attr('class', className)
    .text(label)
    .on('click', (event: MouseEvent) => onClick(event));
}

/** A status glyph box: ✕ down, ▲ degraded, ● up, ◆ place. */
export function glyph(parent: Sel, status: 'down' | 'degraded' | 'up' | 'place'): void {
  parent
    .append('span')
    .attr('class', `glyph ${status}`)
    .attr('aria-hidden', 'true')
    .text(status === 'down' ? '✕' : status === 'degraded' ? '▲' : status === 'place' ? '◆' : '●');
}

/** A section with a heading and an optional count. */
export function section(parent: Sel, title: string, className = ''): { root: Sel; count: Sel; body: Sel } {
  const root = parent.append('section').attr('class', `section ${className}`).attr('aria-label', title);
  const h = root.append('h2');
  h.append('span').text(title);
  const count = h.append('span').attr('class', 'count');
  const body = root.append('div');
  return { root, count, body };
}
