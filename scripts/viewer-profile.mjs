#!/usr/bin/env node
// Profiles the viewer in Chromium (playwright-core's CDP session, the V8
// sampling profiler): opens a page `faultline view` wrote, then profiles its
// opening, a pan, a zoom and a click on a place, and prints where the time
// went (self time by function, and the main thread's share spent outside
// JavaScript: raster, paint, layout). Usage:
//   node scripts/viewer-profile.mjs page.html [place-id]
// (docs/viewer.md#frames). Needs Debian's chromium (or CHROMIUM_PATH).
import { chromium } from 'playwright-core';

const [file, place = 'r1-a'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/viewer-profile.mjs page.html [place-id]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

function summarise(name, profile, wallMs) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  for (const [id, ms] of dt) {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anonymous)'}${n.callFrame.lineNumber >= 0 ? `:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + ms);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = self.get('(idle)') ?? 0;
  const program = self.get('(program)') ?? 0;
  console.log(
    `\n== ${name}: ${Math.round(wallMs)} ms wall, ${Math.round(total - idle)} ms busy (of which ${Math.round(program)} ms "(program)": native work outside JS, mostly raster and paint)`,
  );
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 14)) if (k !== '(idle)') console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${k}`);
}

async function profiled(name, action) {
  await cdp.send('Profiler.start');
  const t = Date.now();
  await action();
  const wall = Date.now() - t;
  const { profile } = await cdp.send('Profiler.stop');
  summarise(name, profile, wall);
}

const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
await profiled('open until the analyses are in', async () => {
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => window.faultline?.analysed(), undefined, { timeout: 120_000 });
});
const box = await page.locator('.stage canvas:not(.overview-canvas)').boundingBox();
const cx = box.x + box.width / 2;
const cy = box.y + box.height / 2;
await profiled('pan (40 mouse moves)', async () => {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) await page.mouse.move(cx + Math.sin((i / 40) * 4 * Math.PI) * 400, cy);
  await page.mouse.up();
  await frames();
});
await profiled('zoom (12 wheel steps out and in)', async () => {
  for (const dy of [120, 120, 120, 120, 120, 120, -120, -120, -120, -120, -120, -120]) await page.mouse.wheel(0, dy);
  await frames();
});
await profiled(`click ${place} in the Places panel until painted`, async () => {
  await page.locator(`[data-place="${place}"]`).click();
  await frames();
});
await browser.close();
