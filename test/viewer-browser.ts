/**
 * Support for the browser tests of the viewer: Debian's Chromium driven by
 * playwright-core (never a downloaded browser, docs/architecture.md#tests), the
 * built `faultline view`, and a folder for screenshots and timings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { faultline } from './support.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Where screenshots and timings go: $FAULTLINE_ARTIFACTS, or a temp folder. */
export const ARTIFACTS = process.env['FAULTLINE_ARTIFACTS'] ?? join(tmpdir(), 'faultline-artifacts');

/** Installs Debian's chromium when it is missing; throws a clear error when it cannot. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const r = spawnSync(
    'sh',
    ['-c', 'command -v chromium || (apt-get -o DPkg::Lock::Timeout=600 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y chromium)'],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The viewer's browser tests need Chromium at ${CHROMIUM} and could not install it ` +
        `("apt-get install -y chromium" exited ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' / ')}). ` +
        'Install it (or set CHROMIUM_PATH) and run the tests again.',
    );
  }
}

export async function launch(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** `faultline view <paths> -o <temp>/<name>.html [...extra]`, returning the file's path. */
export function viewFile(cwd: string, paths: readonly string[], name: string, ...extra: string[]): string {
  const out = join(mkdtempSync(join(tmpdir(), 'faultline-view-')), `${name}.html`);
  const r = faultline(['view', ...paths, '-o', out, ...extra], { cwd });
  if (r.code !== 0) throw new Error(`faultline view failed (${r.code}): ${r.stderr}`);
  return out;
}

export interface Opened {
  readonly page: Page;
  /** Uncaught errors and console errors. */
  readonly errors: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

/** Opens a file:// page and waits for the viewer to be ready; `init` runs in the page before its own scripts. */
export async function open(browser: Browser, file: string, colorScheme: 'light' | 'dark' = 'light', viewport = { width: 1440, height: 900 }, init?: string): Promise<Opened> {
  const page = await browser.newPage({ viewport, colorScheme });
  if (init) await page.addInitScript(init);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => 'faultline' in window, undefined, { timeout: 20_000 });
  return { page, errors, requests };
}

/** Clicks a component on the canvas, where it is drawn (centring it first). */
export async function clickNode(page: Page, id: string, modifiers: ('Shift' | 'Alt')[] = []): Promise<void> {
  const at = await page.evaluate((x) => {
    const f = (window as unknown as { faultline: { centre(id: string): void; screenOf(id: string): { x: number; y: number } } }).faultline;
    f.centre(x);
    return f.screenOf(x);
  }, id);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(at.x, at.y);
  for (const m of modifiers) await page.keyboard.up(m);
}

/** The summary bar's numbers. */
export async function summary(page: Page): Promise<{ down: number; degraded: number; criticalDown: number; impact: number; headline: string }> {
  return page.evaluate(() => {
    const bar = document.querySelector('.summary')!;
    const n = (k: string) => Number(bar.getAttribute(k));
    return {
      down: n('data-down'),
      degraded: n('data-degraded'),
      criticalDown: n('data-critical-down'),
      impact: n('data-impact'),
      headline: document.querySelector('[data-testid=headline]')!.textContent ?? '',
    };
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.mouse.move(1, 1); // off the canvas: no hover card in the picture
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export function record(name: string, data: unknown): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}
