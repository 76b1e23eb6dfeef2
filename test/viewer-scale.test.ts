/**
 * Scale: a generated 2,000-component manifest opens, draws and answers a
 * click in Chromium. The times are recorded (artifacts/viewer-2000.json and
 * the test log), not asserted: speed belongs to the benchmark. The waits
 * have generous time limits, so a hang still fails.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickNode, launch, open, record, screenshot, summary, viewFile } from './viewer-browser.js';
import { generatedManifest } from './viewer-generated.js';

let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  const dir = mkdtempSync(join(tmpdir(), 'faultline-2000-'));
  writeFileSync(join(dir, 'big.yaml'), generatedManifest());
  file = viewFile(dir, ['big.yaml'], 'big');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

describe('a 2,000-component manifest', () => {
  it('opens, draws every node and answers a click', async () => {
    const started = Date.now();
    const o = await open(browser, file);
    const p = o.page;
    const opened = Date.now() - started;
    const count = await p.evaluate(() => document.querySelector('.section[aria-label="Places"] .count')?.textContent);
    expect(count).toBe('9');

    type Handle = { faultline: { frameMs(): number; fit(): void; centre(id: string): void } };
    const frameAt = async (): Promise<number> =>
      p.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r((window as unknown as Handle).faultline.frameMs())))));
    const fitFrame = await frameAt();

    // Fail a deep component: the click must change the summary within the wait's limit.
    const clickStart = Date.now();
    await clickNode(p, 't5-c17');
    await p.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0', undefined, { timeout: 10_000 });
    const clickToSummary = Date.now() - clickStart;
    const s = await summary(p);
    expect(s.down).toBeGreaterThan(1);
    expect(s.headline).toMatch(/^If t5-c17 fails: \d+ down/);
    const zoomedFrame = await frameAt();

    await p.evaluate(() => (window as unknown as Handle).faultline.fit());
    const blastFrame = await frameAt();
    await screenshot(p, 'viewer-2000-light');

    // Region failure: most of the graph worsens, the heaviest recolour.
    const regionStart = Date.now();
    await p.locator('[data-place=region-1]').click();
    await p.waitForFunction(() => /^If region-1 fails/.test(document.querySelector('[data-testid=headline]')!.textContent ?? ''), undefined, { timeout: 10_000 });
    const regionClick = Date.now() - regionStart;
    const regionFrame = await frameAt();

    const analysesStart = Date.now();
    await p.waitForFunction(() => (window as unknown as { faultline: { analysed(): boolean } }).faultline.analysed(), undefined, { timeout: 50_000 });
    expect(await p.locator('[data-testid=spof] button').count()).toBeGreaterThan(0);
    // Fold every region: one row of counted cells per region; the counts do not change.
    type Folding = { faultline: { state(): { collapsed: Set<string> } } };
    const before = await summary(p);
    await p.getByRole('button', { name: 'Fold regions' }).click();
    const foldedFrame = await frameAt();
    expect(await p.evaluate(() => (window as unknown as Folding).faultline.state().collapsed.size)).toBe(3);
    expect(await summary(p)).toEqual(before);
    await screenshot(p, 'viewer-2000-folded-light');
    // Selecting a component unfolds its region.
    await p.locator('#fl-search').fill('t3-c40');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid=selected][data-id=t3-c40]').waitFor();
    expect(await p.evaluate(() => (window as unknown as Folding).faultline.state().collapsed.size)).toBe(2);

    const timings = {
      frameFoldedMs: foldedFrame,
      components: 2009,
      openMs: opened,
      frameFitMs: fitFrame,
      clickToSummaryMs: clickToSummary,
      frameZoomedMs: zoomedFrame,
      frameBlastFitMs: blastFrame,
      regionClickMs: regionClick,
      frameRegionMs: regionFrame,
      analysesRemainingMs: Date.now() - analysesStart,
    };
    record('viewer-2000', timings);
    console.log(`viewer at 2,000 components: ${JSON.stringify(timings)}`);
    expect(o.errors).toEqual([]);
    await p.close();
  });
});
