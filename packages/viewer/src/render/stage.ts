/**
 * The stage: a canvas with d3-zoom for pan and zoom, a d3-quadtree for
 * hit-testing nodes and placement pips, and redraws batched into animation
 * frames (docs/architecture.md#the-viewer-page).
 */
import { quadtree, type Quadtree } from 'd3-quadtree';
import { select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { NODE_H, NODE_W, type Scene, type SceneNode } from '../scene.js';
import { drawFrame } from './draw.js';
import { FULL } from './draw-nodes.js';
import type { LaneHit } from './draw-lanes.js';
import type { Camera, Frame } from './frame.js';
import { CELL_H, project, type Projection } from '../projection.js';

/** What is under the pointer. */
export type Hit =
  | { readonly type: 'node'; readonly node: number }
  | { readonly type: 'pip'; readonly node: number; readonly domain: string }
  | { readonly type: 'lane'; readonly lane: number }
  | { readonly type: 'toggle'; readonly lane: number }
  | { readonly type: 'cell'; readonly cell: number };

export interface StageEvents {
  click(hit: Hit | null, event: MouseEvent): void;
  hover(hit: Hit | null, event: MouseEvent): void;
  dblclick?(hit: Hit | null, event: MouseEvent): void;
}

export class Stage {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly zoomer: ZoomBehavior<HTMLCanvasElement, unknown>;
  private readonly selection: Selection<HTMLCanvasElement, unknown, null, undefined>;
  private tree: Quadtree<SceneNode>;
  private proj: Projection;
  private transform: ZoomTransform = zoomIdentity;
  private frame: Omit<Frame, 'camera' | 'width' | 'height' | 'dpr'> | null = null;
  private laneHits: LaneHit[] = [];
  private pending = 0;
  private width = 0;
  private height = 0;
  /** Wall time of the last frame, in ms (exposed for the fluidity check). */
  lastFrameMs = 0;

  constructor(
    container: HTMLElement,
    private readonly scene: Scene,
    private readonly events: StageEvents,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute(
      'aria-label',
      'Dependency graph: callers on the left, what they depend on to the right, one band per region. Use the panels or the search box to select components.',
    );
    container.append(this.canvas);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas');
    this.ctx = ctx;
    this.proj = project(scene, new Set());
    this.tree = this.index(this.proj);
    this.selection = select(this.canvas);
    this.zoomer = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 3])
      .clickDistance(4)
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        this.transform = event.transform;
        this.request();
      });
    this.selection.call(this.zoomer).on('dblclick.zoom', null);
    this.canvas.addEventListener('click', (e) => this.events.click(this.hitAt(e), e));
    this.canvas.addEventListener('dblclick', (e) => this.events.dblclick?.(this.hitAt(e), e));
    this.canvas.addEventListener('mousemove', (e) => {
      const hit = this.hitAt(e);
      this.canvas.classList.toggle('pointer', hit !== null);
      this.events.hover(hit, e);
    });
    this.canvas.addEventListener('mouseleave', (e) => this.events.hover(null, e));
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
  }

  /** Sets what to draw, and draws it on the next animation frame. */
  show(frame: Omit<Frame, 'camera' | 'width' | 'height' | 'dpr'>): void {
    if (frame.proj !== this.proj) {
      this.proj = frame.proj;
      this.tree = this.index(frame.proj);
    }
    this.frame = frame;
    this.request();
  }

  /** Hit-testing index of the nodes drawn one by one (not those folded into cells). */
  private index(proj: Projection): Quadtree<SceneNode> {
    return quadtree<SceneNode>()
      .x((n) => proj.x[n.i]!)
      .y((n) => proj.y[n.i]!)
      .addAll(this.scene.nodes.filter((n) => proj.cellOf[n.i]! < 0));
  }

  /** Draws now (tests and screenshots call this through `request`). */
  draw(): void {
    this.pending = 0;
    if (!this.frame || this.width === 0) return;
    const start = performance.now();
    const camera: Camera = { x: this.transform.x, y: this.transform.y, k: this.transform.k };
    this.laneHits = drawFrame(this.ctx, { ...this.frame, camera, width: this.width, height: this.height, dpr: devicePixelRatio || 1 });
    this.lastFrameMs = performance.now() - start;
  }

  request(): void {
    if (this.pending === 0) this.pending = requestAnimationFrame(() => this.draw());
  }

  /** Fits the whole scene (or a set of nodes) into view. */
  fit(nodes?: readonly number[]): void {
    const b = this.proj.bounds;
    let x0 = b.x0,
      y0 = b.y0,
      x1 = b.x1,
      y1 = b.y1;
    if (nodes && nodes.length > 0) {
      x0 = y0 = Infinity;
      x1 = y1 = -Infinity;
      for (const i of nodes) {
        const x = this.proj.x[i]!;
        const y = this.proj.y[i]!;
        x0 = Math.min(x0, x - NODE_W / 2 - 40);
        x1 = Math.max(x1, x + NODE_W / 2 + 60);
        y0 = Math.min(y0, y - NODE_H / 2 - 40);
        y1 = Math.max(y1, y + NODE_H / 2 + 40);
      }
    }
    const k = Math.min(1.2, Math.max(0.02, Math.min(this.width / Math.max(1, x1 - x0), this.height / Math.max(1, y1 - y0))));
    // Centred across, top-aligned down (a wide graph does not float in the middle of the stage).
    const top = Math.min((this.height - (y1 - y0) * k) / 2, 12);
    const t = zoomIdentity.translate((this.width - (x1 - x0) * k) / 2 - x0 * k, top - y0 * k).scale(k);
    this.apply(t);
  }

  /** Centres a node, zooming in to a readable scale if needed. */
  centre(i: number): void {
    const k = Math.max(this.transform.k, 0.8);
    this.apply(zoomIdentity.translate(this.width / 2 - this.proj.x[i]! * k, this.height / 2 - this.proj.y[i]! * k).scale(k));
  }

  zoomBy(factor: number): void {
    this.zoomer.scaleBy(this.selection, factor);
  }

  panBy(dx: number, dy: number): void {
    this.zoomer.translateBy(this.selection, dx / this.transform.k, dy / this.transform.k);
  }

  /** A node's centre in CSS pixels relative to the canvas (for tests and tooltips). */
  screenOf(i: number): { x: number; y: number } {
    return { x: this.transform.applyX(this.proj.x[i]!), y: this.transform.applyY(this.proj.y[i]!) };
  }

  /** The zoom: CSS pixels per world unit. */
  get scale(): number {
    return this.transform.k;
  }

  /** Lane label rectangles from the last frame, in CSS pixels. */
  get lanes(): readonly LaneHit[] {
    return this.laneHits;
  }

  private apply(t: ZoomTransform): void {
    this.zoomer.transform(this.selection, t);
  }

  private resize(): void {
    const rect = this.canvas.parentElement!.getBoundingClientRect();
    const dpr = devicePixelRatio || 1;
    this.width = rect.width;
    this.height = rect.height;
    this.canvas.width = Math.max(1, Math.round(rect.width * dpr));
    this.canvas.height = Math.max(1, Math.round(rect.height * dpr));
    this.draw();
  }

  private hitAt(e: MouseEvent): Hit | null {
    const r = this.canvas.getBoundingClientRect();
    const sx = e.clientX - r.left;
    const sy = e.clientY - r.top;
    for (const l of this.laneHits)
      if (sx >= l.x && sx <= l.x + l.w && sy >= l.y && sy <= l.y + l.h) return l.toggle ? { type: 'toggle', lane: l.lane } : { type: 'lane', lane: l.lane };
    const [wx, wy] = this.transform.invert([sx, sy]);
    const cell = this.proj.cells.findIndex((c) => wx >= c.x0 && wx <= c.x1 && Math.abs(wy - c.y) <= CELL_H / 2);
    if (cell >= 0) return { type: 'cell', cell };
    const hidden = this.frame?.hidden;
    const node = this.tree.find(wx, wy, NODE_W / 2 + 4);
    if (!node) return null;
    const nx = this.proj.x[node.i]!;
    const ny = this.proj.y[node.i]!;
    if (hidden?.[node.i] || Math.abs(wx - nx) > NODE_W / 2 || Math.abs(wy - ny) > NODE_H / 2) return null;
    if (this.transform.k >= FULL) {
      const dx = nx - node.x;
      const dy = ny - node.y;
      for (const pip of node.pips) if (Math.abs(wx - (pip.x + dx)) <= 5 && Math.abs(wy - (pip.y + dy)) <= 5) return { type: 'pip', node: node.i, domain: pip.domain };
    }
    return { type: 'node', node: node.i };
  }
}
