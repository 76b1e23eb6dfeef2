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

const TIERS = 8;
const PER_TIER = 250;

/** A seeded 8-tier service graph: each component depends on two of the next tier, some soft, some as anyOf groups. */
function generatedManifest(seed = 1): string {
  let s = seed;
  const rand = (): number => (s = (1664525 * s + 1013904223) % 4294967296) / 4294967296;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const zones = ['r1-a', 'r1-b', 'r1-c', 'r2-a', 'r2-b', 'r2-c'];
  const lines = [
    'apiVersion: faultline/v1',
    'name: generated-2000',
    'components:',
    '  cloud: { kind: provider }',
    '  region-1: { kind: region, in: cloud }',
    '  region-2: { kind: region, in: cloud }',
    ...zones.map((z) => `  ${z}: { kind: zone, in: region-${z[1]} }`),
  ];
  const kinds = ['service', 'service', 'service', 'api', 'worker', 'queue', 'cache', 'database'];
  for (let t = 0; t < TIERS; t++) {
    for (let i = 0; i < PER_TIER; i++) {
      const id = `t${t}-c${i}`;
      const region = rand() < 0.45 ? ['r1'] : rand() < 0.8 ? ['r2'] : ['r1', 'r2'];
      const placed = zones.filter((z) => region.includes(z.slice(0, 2)) && rand() < 0.6);
      const placements = placed.length > 0 ? placed : [`${region[0]}-a`];
      const deps: string[] = [];
      if (t + 1 < TIERS) {
        const a = `t${t + 1}-c${Math.floor(rand() * PER_TIER)}`;
        const b = `t${t + 1}-c${Math.floor(rand() * PER_TIER)}`;
        const r = rand();
        if (r < 0.6) deps.push(a, `{ target: ${b}, mode: soft, timeoutMs: 200 }`);
        else if (a !== b) deps.push(`{ anyOf: [${a}, ${b}] }`);
        else deps.push(a);
        if (t + 2 < TIERS && rand() < 0.3) deps.push(`t${t + 2}-c${Math.floor(rand() * PER_TIER)}`);
      }
      const critical = t === 0 && rand() < 0.3 ? ', critical: true' : '';
      lines.push(`  ${id}: { kind: ${pick(kinds.slice(Math.min(t, 5)))}, in: [${placements.join(', ')}]${critical}${deps.length ? `, dependsOn: [${deps.join(', ')}]` : ''} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

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
