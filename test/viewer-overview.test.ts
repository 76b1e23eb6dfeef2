/**
 * The overview at real scale: a generated 10,000-component manifest opens in
 * Chromium on the aggregated overview, which fills the canvas; from it a zone
 * failure is one click (its chip) and the chain of one victim a second (a row
 * of the blast radius). Then the grouping changes and a group drills down
 * into the graph and back. One page load (each costs seconds at this size);
 * nothing here asserts a time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultline } from './support.js';
import { launch, open, record, screenshot, summary, viewFile } from './viewer-browser.js';

const REGIONS = 4;
const TIERS = 8;
const TEAMS = ['payments', 'search', 'checkout', 'identity', 'catalog', 'ads', 'logistics', 'growth', 'data', 'platform', 'mobile', 'support'];

/**
 * A seeded service graph of `size` components: a provider, four regions of
 * three zones, a DNS per region, then tiers of services (each in one to three
 * zones of its region, a few in two regions) calling two of the next tier and
 * their region's DNS, owned by twelve teams, in forty systems.
 */
function overviewManifest(size = 10_000, seed = 7): string {
  let s = seed;
  const rand = (): number => (s = (1664525 * s + 1013904223) % 4294967296) / 4294967296;
  const lines = ['apiVersion: faultline/v1', `name: generated-${size}`, 'components:', '  cloud: { kind: provider }'];
  const zones: string[][] = [];
  for (let r = 0; r < REGIONS; r++) {
    lines.push(`  r${r}: { kind: region, in: cloud }`);
    zones.push(['a', 'b', 'c'].map((z) => `r${r}-${z}`));
    for (const z of zones[r]!) lines.push(`  ${z}: { kind: zone, in: r${r} }`);
    lines.push(`  dns-r${r}: { kind: dns, plane: control, in: [${zones[r]!.join(', ')}], minHealthy: 2, owner: platform }`);
  }
  const fixed = 1 + REGIONS * 5;
  const perTier = Math.ceil((size - fixed) / TIERS);
  const tierSize = Array.from({ length: TIERS }, (_, t) => Math.max(0, Math.min(perTier, size - fixed - t * perTier)));
  const kinds = ['service', 'service', 'service', 'api', 'worker', 'queue', 'cache', 'database'];
  for (let t = 0; t < TIERS; t++) {
    for (let i = 0; i < tierSize[t]!; i++) {
      const region = Math.floor(rand() * REGIONS);
      const placed = zones[region]!.filter(() => rand() < 0.5);
      const placements = placed.length > 0 ? placed : [zones[region]![Math.floor(rand() * 3)]!];
      if (rand() < 0.04) placements.push(zones[(region + 1) % REGIONS]![0]!);
      const deps = [`dns-r${region}`];
      if (t + 1 < TIERS && tierSize[t + 1]! > 0) {
        const a = `t${t + 1}-c${Math.floor(rand() * tierSize[t + 1]!)}`;
        const b = `t${t + 1}-c${Math.floor(rand() * tierSize[t + 1]!)}`;
        if (rand() < 0.6 || a === b) deps.push(a, `{ target: ${b}, mode: soft, timeoutMs: 200 }`);
        else deps.push(`{ anyOf: [${a}, ${b}] }`);
      }
      const team = TEAMS[Math.floor(rand() * TEAMS.length)]!;
      const system = `${team}-${Math.floor(rand() * 3) + 1}`;
      const critical = t === 0 && rand() < 0.2 ? ', critical: true' : '';
      const kind = kinds[Math.min(kinds.length - 1, Math.floor(rand() * 3) + Math.min(t, 5))]!;
      lines.push(`  t${t}-c${i}: { kind: ${kind}, in: [${placements.join(', ')}], owner: ${team}, tags: { system: ${system} }${critical}, dependsOn: [${deps.join(', ')}] }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

let browser: Browser;
let dir: string;
let file: string;

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'faultline-10k-'));
  writeFileSync(join(dir, 'big.yaml'), overviewManifest());
  file = viewFile(dir, ['big.yaml'], 'big-10k');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

type Handle = {
  faultline: {
    state(): { overview: boolean; groupBy: string; drill: { key: string } | null; selected: string | null };
    analysed(): boolean;
    overview: {
      groups(): { key: string; label: string; members: number }[];
      groupAt(key: string): { x: number; y: number } | null;
      placeAt(place: string): { x: number; y: number } | null;
    };
  };
};
const state = (p: Page) => p.evaluate(() => (window as unknown as Handle).faultline.state());

/** The bounding box of what the overview drew (pixels unlike the canvas's background), as fractions of the canvas. */
async function drawnBox(p: Page): Promise<{ width: number; height: number; area: number }> {
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return p.evaluate(() => {
    const canvas = document.querySelector('canvas.overview-canvas') as HTMLCanvasElement;
    const { width: w, height: h } = canvas;
    const d = canvas.getContext('2d')!.getImageData(0, 0, w, h).data;
    const bg = [d[0], d[1], d[2]];
    let x0 = w,
      y0 = h,
      x1 = -1,
      y1 = -1;
    for (let y = 0; y < h; y += 2)
      for (let x = 0; x < w; x += 2) {
        const k = (y * w + x) * 4;
        if (Math.abs(d[k]! - bg[0]!) + Math.abs(d[k + 1]! - bg[1]!) + Math.abs(d[k + 2]! - bg[2]!) > 24) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    const width = Math.max(0, x1 - x0) / w;
    const height = Math.max(0, y1 - y0) / h;
    return { width, height, area: width * height };
  });
}

describe('a 10,000-component manifest', () => {
  it('opens on an overview that fills the canvas; a zone failure and the chain of a victim are two clicks away', async () => {
    const started = Date.now();
    const o = await open(browser, file);
    const p = o.page;
    const openMs = Date.now() - started;
    expect(await state(p)).toMatchObject({ overview: true, groupBy: 'region' });
    const groups = await p.evaluate(() => (window as unknown as Handle).faultline.overview.groups());
    expect(groups.map((g) => g.label)).toEqual(['r0', 'r1', 'r2', 'r3', 'r0 + r1', 'r0 + r3', 'r1 + r2', 'r2 + r3', 'not placed']);
    expect(groups.reduce((n, g) => n + g.members, 0)).toBe(10_000);
    const box = await drawnBox(p);
    expect(box.width).toBeGreaterThan(0.9);
    expect(box.height).toBeGreaterThan(0.85);
    await screenshot(p, 'viewer-10k-overview-light');

    // Click 1: the zone's chip in its region's box fails the zone.
    const chip = await p.evaluate(() => (window as unknown as Handle).faultline.overview.placeAt('r1-b'));
    expect(chip).not.toBeNull();
    const zoneStart = Date.now();
    await p.mouse.click(chip!.x, chip!.y);
    await p.waitForFunction(() => /^If r1-b fails: \d+ down/.test(document.querySelector('[data-testid=headline]')!.textContent ?? ''), undefined, { timeout: 30_000 });
    const zoneMs = Date.now() - zoneStart;
    const s = await summary(p);
    const cli = JSON.parse(faultline(['simulate', 'big.yaml', '--fail', 'r1-b', '--format', 'json'], { cwd: dir }).stdout) as {
      summary: { down: number; degraded: number; impact: number };
      nodes: { id: string; status: string; chain: { id: string }[] }[];
    };
    expect({ down: s.down, degraded: s.degraded, impact: s.impact }).toEqual({ down: cli.summary.down, degraded: cli.summary.degraded, impact: cli.summary.impact });
    expect(s.down).toBeGreaterThan(100);
    expect((await state(p)).overview).toBe(true);

    // Click 2: a victim in the blast radius; its chain leads back to the zone.
    const victim = p.locator('[data-testid=victims] button').nth(3);
    const id = (await victim.getAttribute('data-id'))!;
    const victimStart = Date.now();
    await victim.click();
    await p.locator(`[data-testid=selected][data-id="${id}"]`).waitFor({ timeout: 30_000 });
    const victimMs = Date.now() - victimStart;
    const steps = await p.locator('[data-testid=chain] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')));
    expect(steps[0]).toBe(id);
    expect(steps.at(-1)).toBe('r1-b');
    expect(steps).toEqual(cli.nodes.find((n) => n.id === id)!.chain.map((c) => c.id));
    expect((await state(p)).overview).toBe(true);
    await screenshot(p, 'viewer-10k-zone-chain-light');

    // The worst single failures arrive after the first frame; each is in a group.
    await p.waitForFunction(() => (window as unknown as Handle).faultline.analysed(), undefined, { timeout: 120_000 });
    expect(await p.locator('[data-testid=worst] button').count()).toBe(10);

    // Another grouping: by owner, twelve teams and the places (no owner), every component counted once.
    await p.locator('[data-testid=group-by]').selectOption('owner');
    const owners = await p.evaluate(() => (window as unknown as Handle).faultline.overview.groups());
    expect(owners).toHaveLength(13);
    expect(owners.at(-1)!.label).toBe('no owner');
    expect(owners.reduce((n, g) => n + g.members, 0)).toBe(10_000);
    expect((await drawnBox(p)).area).toBeGreaterThan(0.75);
    await screenshot(p, 'viewer-10k-owners-light');

    // A click on a group shows its members in the graph; "← Overview" comes back.
    const payments = await p.evaluate(() => (window as unknown as Handle).faultline.overview.groupAt('payments'));
    await p.mouse.click(payments!.x, payments!.y);
    await p.locator('[data-testid=drill]').waitFor({ timeout: 30_000 });
    expect(await state(p)).toMatchObject({ overview: false, drill: { key: 'payments' } });
    expect(await p.locator('[data-testid=drill]').textContent()).toMatch(/^payments: \d+ of 10000 components$/);
    await screenshot(p, 'viewer-10k-drill-light');
    await p.getByRole('button', { name: '← Overview' }).click();
    expect(await state(p)).toMatchObject({ overview: true, drill: null });
    await p.getByRole('button', { name: 'Theme: auto' }).click();
    await screenshot(p, 'viewer-10k-owners-dark');
    // Recorded, never asserted: speed belongs to the benchmark.
    const timings = { components: 10_000, openMs, zoneClickToSummaryMs: zoneMs, victimClickToChainMs: victimMs };
    record('viewer-10k-overview', timings);
    console.log(`viewer overview at 10,000 components: ${JSON.stringify(timings)}`);
    expect(o.errors).toEqual([]);
    await p.close();
  });
});
