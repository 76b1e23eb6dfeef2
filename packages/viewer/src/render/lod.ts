/**
 * Level of detail: what a frame leaves out as the camera zooms out, so a
 * frame of 10,000 components costs about what a frame of the example does.
 */
import type { Frame } from './frame.js';

/**
 * Below this zoom every line is solid and straight (no dashes, no curves,
 * no arrowheads), and the edges and blocks are built once per state and
 * reused while the camera moves: a dash there is finer than a pixel, and
 * rasterising dashed curves was most of a frame at 2,000 components.
 */
export const SOLID_BELOW = 0.5;

/** While a component is selected, everything but its chain and its own edges fades. */
export function dimmedBySelection(f: Pick<Frame, 'selected'>): boolean {
  return f.selected >= 0;
}
