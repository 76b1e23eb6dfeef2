/**
 * One frame's inputs: the scene, the run, what is shown, and the camera.
 */
import type { Run } from '../engine.js';
import type { Projection } from '../projection.js';
import type { Scene } from '../scene.js';
import type { Palette } from './palette.js';

export interface Camera {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface Frame {
  readonly scene: Scene;
  /** Where things are drawn once collapsed lanes are folded. */
  readonly proj: Projection;
  readonly run: Run;
  readonly palette: Palette;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly camera: Camera;
  /** Per node: 1 = not drawn (blast-radius or neighbourhood focus). */
  readonly hidden: Uint8Array;
  /** Per node: 1 = faded (filters). */
  readonly dimmed: Uint8Array;
  readonly selected: number;
  readonly hovered: number;
  /** The selected node's chain: its nodes, and its links as `source * n + target`. */
  readonly chainNodes: ReadonlySet<number>;
  readonly chainLinks: ReadonlySet<number>;
  readonly showPlacements: boolean;
  /** What the drawing built for this state (batches of the zoomed-out level of detail), reused while only the camera moves. */
  readonly cache: Map<string, unknown>;
}

/** The visible world rectangle. */
export function viewRect(f: Frame): { x0: number; y0: number; x1: number; y1: number } {
  const { x, y, k } = f.camera;
  return { x0: -x / k, y0: -y / k, x1: (f.width - x) / k, y1: (f.height - y) / k };
}
