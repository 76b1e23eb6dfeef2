/**
 * The viewer on the OpenTelemetry demo shop (fixtures/otel-shop.yaml), in
 * Chromium from file://: journeys are drawn as flow arrows and named in the
 * legend; a simulation whose faults put fallbacks to work says so in the
 * summary bar and lists them, as the CLI's `fellBack` does, in the details.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultline, ROOT } from './support.js';
import { clickNode, launch, open, screenshot, viewFile } from './viewer-browser.js';

const SHOP = 'fixtures/otel-shop.yaml';
let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  file = viewFile(ROOT, [SHOP], 'otel-shop');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

/** The canvas pixel (r, g, b) at a point given in world units from a node's centre. */
async function pixelNear(page: Page, id: string, dx: number, dy: number): Promise<[number, number, number]> {
  await page.evaluate((x) => (window as unknown as { faultline: { centre(id: string): void } }).faultline.centre(x), id);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(
    ([x, ddx, ddy]) => {
      const f = (window as unknown as { faultline: { screenOf(id: string): { x: number; y: number }; scale(): number } }).faultline;
      const c = f.screenOf(x as string);
      const k = f.scale();
      const canvas = document.querySelector('canvas')!;
      const rect = canvas.getBoundingClientRect();
      const ratio = canvas.width / rect.width;
      const px = Math.round((c.x + (ddx as number) * k - rect.left) * ratio);
      const py = Math.round((c.y + (ddy as number) * k - rect.top) * ratio);
      const d = canvas.getContext('2d')!.getImageData(px, py, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    },
    [id, dx, dy] as const,
  );
}

describe('faultline view fixtures/otel-shop.yaml', () => {
  it('draws a journey as a flow arrow (its top-right corner is cut), and the legend names it', async () => {
    const o = await open(browser, file);
    // A node box is 172 × 38 world units; 3 units in from its top-right corner.
    const service = await pixelNear(o.page, 'checkout', 172 / 2 - 3, -38 / 2 + 3);
    const journey = await pixelNear(o.page, 'purchase', 172 / 2 - 3, -38 / 2 + 3);
    expect(service).toEqual([255, 255, 255]); // --node in light mode
    expect(journey).not.toEqual([255, 255, 255]);
    // Inside the arrow, the journey is filled like any node.
    expect(await pixelNear(o.page, 'purchase', 20, 0)).toEqual([255, 255, 255]);
    const legend = await o.page.locator('.legend .item span').allTextContents();
    expect(legend).toContain('user journey');
    await screenshot(o.page, 'viewer-otel-shop-journey');
    expect(o.errors).toEqual([]);
    await o.page.close();
  });

  it('failing flagd: nothing else down, and every caller that fell back is listed, as the CLI says', async () => {
    const cli = JSON.parse(faultline(['simulate', SHOP, '--fail', 'flagd', '--format', 'json']).stdout) as { fellBack: { id: string; target: string }[] };
    expect(cli.fellBack.length).toBe(11);
    const o = await open(browser, file);
    await clickNode(o.page, 'flagd');
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    const bar = await o.page.evaluate(() => {
      const b = document.querySelector('.summary')!;
      return {
        down: b.getAttribute('data-down'),
        degraded: b.getAttribute('data-degraded'),
        fellBack: b.getAttribute('data-fell-back'),
        note: document.querySelector('[data-testid=fell-back-count]')!.textContent,
      };
    });
    expect(bar).toEqual({ down: '1', degraded: '0', fellBack: '11', note: '↺ 11 fell back' });
    const rows = await o.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid=fell-back] button.row')].map((b) => ({
        id: b.getAttribute('data-id'),
        target: b.getAttribute('data-target'),
        text: b.querySelector('.meta')!.textContent,
      })),
    );
    expect(rows).toEqual(cli.fellBack.map((f) => ({ ...f, text: `fell back from ${f.target}` })));
    await screenshot(o.page, 'viewer-otel-shop-flagd');
    // Selecting a caller shows its own fallback.
    await o.page.locator('[data-testid=fell-back] button.row[data-id=checkout]').click();
    await o.page.waitForSelector('[data-testid=selected][data-id=checkout]');
    const own = await o.page.locator('[data-testid=fell-back] .meta').allTextContents();
    expect(own).toEqual(['fell back from flagd']);
    expect(o.errors).toEqual([]);
    await o.page.close();
  });

  it('failing kafka: the consumers are degraded with a backlog, no fallback is reported', async () => {
    const o = await open(browser, file);
    await clickNode(o.page, 'kafka');
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    const state = await o.page.evaluate(() => ({
      fellBack: document.querySelector('.summary')!.getAttribute('data-fell-back'),
      noteHidden: document.querySelector('[data-testid=fell-back-count]')!.hasAttribute('hidden'),
      victims: [...document.querySelectorAll('[data-testid=victims] button.row')].map((b) => b.getAttribute('data-id')),
    }));
    expect(state.fellBack).toBe('0');
    expect(state.noteHidden).toBe(true);
    expect(state.victims).toEqual(expect.arrayContaining(['accounting', 'fraud-detection', 'checkout', 'purchase']));
    await o.page.locator('[data-testid=victims] button.row[data-id=accounting]').click();
    const chain = await o.page.locator('[data-testid=chain] li .link').allTextContents();
    expect(chain[0]).toBe('builds a backlog without');
    expect(o.errors).toEqual([]);
    await o.page.close();
  });
});
