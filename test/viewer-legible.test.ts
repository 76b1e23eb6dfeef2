/**
 * Legible at any size (issue #14), in Chromium on the example: the fit keeps
 * a readable zoom and uses the canvas, ids cut in the middle stay distinct,
 * lane labels sit in a gutter and cover no node, "k of n" labels are drawn
 * over the nodes, the legend is complete and folds after the first use, the
 * left panel is tabs with counts, "Blast radius only" refits, a selection
 * dims all but its chain, marks keep 3:1 contrast and "down" and "degraded"
 * edges differ without colour. Screenshots go to $FAULTLINE_ARTIFACTS.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxOf, minOf } from '@faultline/core';
import { contrastRatio } from '../packages/viewer/src/text.js';
import { ROOT } from './support.js';
import { clickNode, launch, open, screenshot, viewFile } from './viewer-browser.js';
import { frameLog, INSTRUMENT } from './viewer-frames.js';

let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  file = viewFile(ROOT, ['fixtures/example'], 'shop-legible');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

type Handle = {
  faultline: {
    scale(): number;
    fit(all?: boolean): void;
    screenOf(id: string): { x: number; y: number };
    laneLabels(): { x: number; y: number; w: number; h: number }[];
    state(): { selected: string | null };
  };
};
const IDS = [
  ...new Set(
    readFileSync(`${ROOT}/fixtures/example/services.yaml`, 'utf8')
      .concat(
        readFileSync(`${ROOT}/fixtures/example/data.yaml`, 'utf8'),
        readFileSync(`${ROOT}/fixtures/example/infra.yaml`, 'utf8'),
        readFileSync(`${ROOT}/fixtures/example/platform.yaml`, 'utf8'),
      )
      .split('\n')
      .map((l) => /^ {2}([a-z0-9-]+):/.exec(l)?.[1])
      .filter((x): x is string => x !== undefined),
  ),
];

describe('the example, legible', () => {
  it('opens at a readable zoom, ids distinct, lane labels in a gutter, "k of n" on top', async () => {
    const o = await open(browser, file, 'light', undefined, INSTRUMENT);
    const p = o.page;
    expect(IDS.length).toBeGreaterThan(40);
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.scale())).toBeGreaterThanOrEqual(0.55);
    const log = await frameLog(p);
    // Every id is drawn once, whole or cut in the middle, and no two cuts read the same.
    const cut = log.texts.filter((t) => t.includes('…'));
    expect(new Set(cut).size).toBe(cut.length);
    expect(log.texts).not.toContain('session-ca…');
    // "k of n" after the last node label: no node covers it (ids that are also lane labels, drawn last, left out).
    const lanes = new Set(await p.locator('select option').allTextContents());
    const lastId = maxOf(IDS.filter((id) => !lanes.has(id)).map((id) => log.texts.lastIndexOf(id)));
    const kOfN = log.texts.map((t, i) => (/^\d+ of \d+$/.test(t) ? i : -1)).filter((i) => i >= 0);
    expect(kOfN.length).toBeGreaterThan(0);
    expect(minOf(kOfN)).toBeGreaterThan(lastId);
    // The lane labels cover no node.
    const { labels, boxes } = await p.evaluate((ids) => {
      const f = (window as unknown as Handle).faultline;
      const k = f.scale();
      const r = document.querySelector('.stage canvas')!.getBoundingClientRect();
      return {
        labels: f.laneLabels(),
        boxes: ids.map((id) => {
          const c = f.screenOf(id);
          return { id, x0: c.x - r.left - (172 * k) / 2, x1: c.x - r.left + (172 * k) / 2, y0: c.y - r.top - (38 * k) / 2, y1: c.y - r.top + (38 * k) / 2 };
        }),
      };
    }, IDS);
    expect(labels.length).toBeGreaterThan(0);
    const covered = boxes.filter((b) => labels.some((l) => l.x < b.x1 && l.x + l.w > b.x0 && l.y < b.y1 && l.y + l.h > b.y0)).map((b) => b.id);
    expect(covered).toEqual([]);
    await screenshot(p, 'viewer-legible-fit-light');
    expect(o.errors).toEqual([]);
    await p.close();
  });

  it('keeps the legend complete, and folds it after the first use', async () => {
    const o = await open(browser, file);
    const legend = o.page.locator('[data-testid=legend]');
    expect(await legend.getAttribute('open')).not.toBeNull();
    const text = (await legend.textContent()) ?? '';
    for (const item of ['monitors', 'critical (bold id)', 'carries "down" (solid)', 'carries "degraded" (double)', 'soft dependency', 'anyOf']) expect(text).toContain(item);
    await screenshot(o.page, 'viewer-legible-legend-open');
    await clickNode(o.page, 'us-east-1');
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    expect(await legend.getAttribute('open')).toBeNull();
    await o.page.locator('[data-testid=legend] summary').click();
    expect(await legend.getAttribute('open')).not.toBeNull();
    await o.page.close();
  });

  it('shows the panels as tabs with counts', async () => {
    const o = await open(browser, file);
    const p = o.page;
    await p.waitForFunction(() => (window as unknown as { faultline: { analysed(): boolean } }).faultline.analysed(), undefined, { timeout: 30_000 });
    const tabs = await p
      .locator('[role=tab]')
      .evaluateAll((els) => els.map((e) => ({ name: e.getAttribute('data-tab'), count: e.querySelector('.count')?.textContent, selected: e.getAttribute('aria-selected') })));
    expect(tabs.map((t) => t.name)).toEqual(['Places', 'Single points of failure', 'Findings']);
    for (const t of tabs) expect(t.count).toMatch(/^\d+$/);
    expect(tabs[0]!.selected).toBe('true');
    await p.locator('[data-tab=Findings]').click();
    await p.locator('[data-action=apply-finding]').first().waitFor();
    expect(await p.locator('[data-tab=Findings]').getAttribute('aria-selected')).toBe('true');
    expect(await p.locator('[data-testid=findings]').isVisible()).toBe(true);
    expect(await p.locator('[data-place=us-east-1]').isVisible()).toBe(false);
    await screenshot(p, 'viewer-legible-tabs');
    await p.close();
  });

  it('refits to the blast radius; a selection dims all but its chain; down and degraded edges differ without colour', async () => {
    const o = await open(browser, file, 'light', undefined, INSTRUMENT);
    const p = o.page;
    await clickNode(p, 'dns-use1');
    await p.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    await p.evaluate(() => (window as unknown as Handle).faultline.fit());
    const camera = (): Promise<string> =>
      p.evaluate(() => {
        const f = (window as unknown as Handle).faultline;
        return JSON.stringify([f.scale(), f.screenOf('dns-use1')]);
      });
    const before = await camera();
    await p.getByRole('button', { name: 'Blast radius only' }).click();
    expect(await camera()).not.toBe(before);
    const inView = await p.evaluate(() => {
      const f = (window as unknown as Handle).faultline;
      const r = document.querySelector('.stage canvas')!.getBoundingClientRect();
      const c = f.screenOf('checkout');
      return c.x >= r.left && c.x <= r.right && c.y >= r.top && c.y <= r.bottom;
    });
    expect(inView).toBe(true);
    await screenshot(p, 'viewer-legible-blast-refit');
    await p.getByRole('button', { name: 'Blast radius only' }).click();
    // Degraded edges are a hollow (double) line: a wide amber stroke with a thin stroke of the canvas colour inside.
    const palette = await p.evaluate(() => {
      const s = getComputedStyle(document.documentElement);
      return { canvas: s.getPropertyValue('--canvas').trim(), down: s.getPropertyValue('--down').trim(), degraded: s.getPropertyValue('--degraded').trim() };
    });
    const hex = (c: string): string => c.toLowerCase();
    const strokes = (await frameLog(p)).strokes;
    const hollow = strokes.some(
      (s, i) => hex(s.style) === hex(palette.degraded) && s.width >= 3 && hex(strokes[i + 1]?.style ?? '') === hex(palette.canvas) && strokes[i + 1]!.width < s.width,
    );
    const solidDown = strokes.some((s) => hex(s.style) === hex(palette.down) && s.width >= 2);
    expect({ hollow, solidDown }).toEqual({ hollow: true, solidDown: true });
    // Select a victim: its chain is bold at full opacity; edges off the chain fade.
    await clickNode(p, 'checkout');
    await p.locator('[data-testid=chain] li').first().waitFor();
    const selected = (await frameLog(p)).strokes;
    expect(selected.some((s) => s.width >= 3.5 && s.alpha === 1)).toBe(true);
    expect(selected.some((s) => s.alpha <= 0.2)).toBe(true);
    await p.evaluate(() => (window as unknown as Handle).faultline.fit());
    await screenshot(p, 'viewer-legible-chain-light');
    expect(o.errors).toEqual([]);
    await p.close();
  });

  it('keeps every mark at 3:1 against the canvas and the lane bands, in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const o = await open(browser, file, scheme);
      const v = await o.page.evaluate(() => {
        const s = getComputedStyle(document.documentElement);
        const get = (n: string): string => s.getPropertyValue(n).trim();
        return Object.fromEntries(
          ['--canvas', '--lane-a', '--lane-b', '--node-border', '--place-border', '--edge', '--down', '--degraded', '--up', '--faint', '--control', '--focus'].map((n) => [
            n,
            get(n),
          ]),
        );
      });
      const low: string[] = [];
      for (const mark of ['--node-border', '--place-border', '--edge', '--down', '--degraded', '--up', '--faint', '--control', '--focus'])
        for (const bg of ['--canvas', '--lane-a', '--lane-b']) {
          const r = contrastRatio(v[mark]!, v[bg]!);
          if (!(r >= 3)) low.push(`${scheme} ${mark} on ${bg}: ${r.toFixed(2)}`);
        }
      expect(low).toEqual([]);
      await screenshot(o.page, `viewer-legible-contrast-${scheme}`);
      await o.page.close();
    }
  });

  it('names files relative to the manifests, never with an absolute path of this machine', () => {
    const html = readFileSync(file, 'utf8');
    expect(html).not.toContain(ROOT);
    expect(html).toContain('fixtures/example/services.yaml');
  });
});
