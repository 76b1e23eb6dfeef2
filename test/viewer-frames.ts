/**
 * Frames as the user feels them, measured in Chromium: the intervals between
 * painted frames (requestAnimationFrame deltas) while panning and zooming
 * with real mouse input, the time from a click to the frame that shows its
 * result, the first frame and the long tasks of the opening, and what one
 * frame asks of the canvas (calls, dashed strokes). Timings are recorded,
 * never asserted in the default run (a loaded 2-core machine); the numeric
 * targets are asserted with FAULTLINE_PERF=1 (docs/viewer.md#frames).
 */
import type { Page } from 'playwright-core';

/** Assert the numeric targets (a quiet machine): FAULTLINE_PERF=1. */
export const PERF = process.env['FAULTLINE_PERF'] === '1';

/**
 * Runs in the page before its scripts: counts canvas calls (only while
 * `__fl.counting`), records long tasks and the rAF timestamps of a recording.
 */
export const INSTRUMENT = `(() => {
  const fl = (window.__fl = { counting: false, calls: { stroke: 0, dashed: 0, fill: 0, fillRect: 0, fillText: 0 }, log: { texts: [], strokes: [] }, longTasks: [], frames: [], recording: false });
  const P = CanvasRenderingContext2D.prototype;
  const wrap = (name, count) => {
    const original = P[name];
    P[name] = function (...args) {
      if (fl.counting) count(this);
      return original.apply(this, args);
    };
  };
  wrap('stroke', (ctx) => {
    fl.calls.stroke++;
    const dashed = ctx.getLineDash().length > 0;
    if (dashed) fl.calls.dashed++;
    fl.log.strokes.push({ style: String(ctx.strokeStyle), width: ctx.lineWidth, alpha: ctx.globalAlpha, dashed });
  });
  wrap('fill', () => fl.calls.fill++);
  wrap('fillRect', () => fl.calls.fillRect++);
  P.fillText = ((original) => function (text, ...rest) {
    if (fl.counting) { fl.calls.fillText++; fl.log.texts.push(String(text)); }
    return original.call(this, text, ...rest);
  })(P.fillText);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) fl.longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

export interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export function stats(xs: readonly number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor(q * s.length))]!);
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), max: r(s.at(-1) ?? 0) };
}

type Window = { __fl: { counting: boolean; calls: Record<string, number>; log: FrameLog; longTasks: { start: number; duration: number }[]; frames: number[]; recording: boolean } };
type Handle = {
  faultline: { versions(): { state: number; drawn: number }; firstDrawAt(): number; drawNow(): void; fit(): void; analysed(): boolean; analysis?: () => string };
};

async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const fl = (window as unknown as Window).__fl;
    fl.frames = [];
    fl.recording = true;
    const loop = (t: number): void => {
      if (!fl.recording) return;
      fl.frames.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

async function stopRecording(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const fl = (window as unknown as Window).__fl;
    fl.recording = false;
    return fl.frames.slice(1).map((t, i) => t - fl.frames[i]!);
  });
}

async function canvasCentre(page: Page): Promise<{ x: number; y: number; w: number; h: number }> {
  const box = (await page.locator('.stage canvas:not(.overview-canvas)').boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, w: box.width, h: box.height };
}

/** How long one gesture may drive the page: a slow page gets fewer events, not a longer test. */
const BUDGET_MS = 6000;

type Kinds = { faultline: { frameKinds?: () => { direct: number; layer: number; moved: number } } };

/** Frames drawn during a pan: straight onto the canvas, into the pan layer, or the layer moved. */
export async function panKinds(page: Page): Promise<{ intervals: number[]; direct: number; layer: number; moved: number }> {
  const kinds = (): Promise<{ direct: number; layer: number; moved: number }> =>
    page.evaluate(() => (window as unknown as Kinds).faultline.frameKinds?.() ?? { direct: 0, layer: 0, moved: 0 }); // an older page (FAULTLINE_VIEWER_TEMPLATE) has none
  const a = await kinds();
  const intervals = await panIntervals(page);
  const b = await kinds();
  return { intervals, direct: b.direct - a.direct, layer: b.layer - a.layer, moved: b.moved - a.moved };
}

/** rAF intervals while dragging the canvas back and forth with the mouse (60 moves, or what fits in the budget). */
export async function panIntervals(page: Page): Promise<number[]> {
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  await startRecording(page);
  const started = Date.now();
  await page.mouse.down();
  for (let i = 1; i <= 60 && Date.now() - started < BUDGET_MS; i++) {
    const phase = Math.sin((i / 60) * 4 * Math.PI);
    await page.mouse.move(c.x + phase * 0.3 * c.w, c.y + phase * 0.06 * c.h);
  }
  await page.mouse.up();
  return stopRecording(page);
}

/** rAF intervals while zooming in and out with the wheel. */
export async function zoomIntervals(page: Page): Promise<number[]> {
  const c = await canvasCentre(page);
  await page.mouse.move(c.x, c.y);
  await startRecording(page);
  const started = Date.now();
  for (const dy of [120, 120, 120, 120, 120, 120, -120, -120, -120, -120, -120, -120, 120, 120, 120, 120, 120, 120, -120, -120, -120, -120, -120, -120]) {
    if (Date.now() - started > BUDGET_MS) break;
    await page.mouse.wheel(0, dy);
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return stopRecording(page);
}

/**
 * A click at (x, y) → the frame that shows its result: from the click event
 * to the first animation frame after the canvas drew the new state. Also
 * records the rAF intervals of the second after the click.
 */
export async function clickToPainted(page: Page, at: { x: number; y: number }): Promise<{ ms: number; after: number[] }> {
  await page.evaluate(() => {
    const w = window as unknown as Window & Handle & { __click: { at: number; version: number } };
    w.__click = { at: -1, version: w.faultline.versions().state };
    addEventListener(
      'click',
      (e) => {
        w.__click.at = e.timeStamp;
      },
      { capture: true, once: true },
    );
  });
  await page.mouse.click(at.x, at.y);
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = window as unknown as Window & Handle & { __click: { at: number; version: number } };
        const started = performance.now();
        const check = (): void => {
          const v = w.faultline.versions();
          if (w.__click.at >= 0 && v.state > w.__click.version && v.drawn >= v.state) requestAnimationFrame(() => resolve(performance.now() - w.__click.at));
          // A click that changed nothing: -1, and the test's own checks say why.
          else if (performance.now() - started > 30_000) resolve(-1);
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  await startRecording(page);
  await page.waitForTimeout(1000);
  return { ms: Math.round(ms), after: await stopRecording(page) };
}

/** The opening: the first frame drawn (ms from navigation start), and the long tasks until the analyses are in. */
export async function opening(page: Page): Promise<{ firstFrameMs: number; analysedMs: number; longTasks: { start: number; duration: number }[]; analysis: string }> {
  await page.waitForFunction(() => (window as unknown as Handle).faultline.analysed(), undefined, { timeout: 120_000 });
  return page.evaluate(() => {
    const w = window as unknown as Window & Handle & { __analysedAt?: number };
    return {
      firstFrameMs: Math.round(w.faultline.firstDrawAt()),
      analysedMs: Math.round(performance.now()),
      longTasks: w.__fl.longTasks.map((t) => ({ start: Math.round(t.start), duration: Math.round(t.duration) })),
      analysis: w.faultline.analysis?.() ?? 'main thread',
    };
  });
}

/** What one frame asks of the canvas, drawn now at the current camera. */
export async function frameCalls(page: Page): Promise<Record<string, number>> {
  return (await frameLog(page)).calls;
}

/** One frame's strokes (colour, width, opacity, dashed) and texts, in drawing order. */
export interface FrameLog {
  readonly texts: string[];
  readonly strokes: { style: string; width: number; alpha: number; dashed: boolean }[];
}

export async function frameLog(page: Page): Promise<FrameLog & { calls: Record<string, number> }> {
  return page.evaluate(() => {
    const w = window as unknown as Window & Handle;
    for (const k of Object.keys(w.__fl.calls)) w.__fl.calls[k] = 0;
    w.__fl.log = { texts: [], strokes: [] };
    w.__fl.counting = true;
    w.faultline.drawNow();
    w.__fl.counting = false;
    return { ...w.__fl.log, calls: { ...w.__fl.calls } };
  });
}
