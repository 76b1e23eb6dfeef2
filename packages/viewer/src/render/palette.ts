/**
 * Colours for the canvas, read from the page's CSS variables so the canvas
 * follows light and dark mode exactly like the HTML panels.
 */
export interface Palette {
  readonly canvas: string;
  readonly laneA: string;
  readonly laneB: string;
  readonly text: string;
  readonly muted: string;
  readonly faint: string;
  readonly node: string;
  readonly nodeBorder: string;
  readonly place: string;
  readonly placeBorder: string;
  readonly control: string;
  readonly edge: string;
  readonly down: string;
  readonly downBg: string;
  readonly downText: string;
  readonly degraded: string;
  readonly degradedBg: string;
  readonly degradedText: string;
  /** A fallback in use (a caller that held). */
  readonly up: string;
  /** Journeys' outline. */
  readonly accent: string;
  readonly focus: string;
  readonly panel: string;
  readonly line: string;
  readonly font: string;
  readonly mono: string;
}

const VARS: Record<keyof Palette, string> = {
  canvas: '--canvas',
  laneA: '--lane-a',
  laneB: '--lane-b',
  text: '--text',
  muted: '--muted',
  faint: '--faint',
  node: '--node',
  nodeBorder: '--node-border',
  place: '--place',
  placeBorder: '--place-border',
  control: '--control',
  edge: '--edge',
  down: '--down',
  downBg: '--down-bg',
  downText: '--down-text',
  degraded: '--degraded',
  degradedBg: '--degraded-bg',
  degradedText: '--degraded-text',
  up: '--up',
  accent: '--accent',
  focus: '--focus',
  panel: '--panel',
  line: '--line',
  font: '--font',
  mono: '--mono',
};

/** Reads the palette from the computed style of the root element. */
export function readPalette(root: Element): Palette {
  const style = getComputedStyle(root);
  const out: Partial<Record<keyof Palette, string>> = {};
  for (const [key, name] of Object.entries(VARS) as [keyof Palette, string][]) out[key] = style.getPropertyValue(name).trim();
  return out as Palette;
}
