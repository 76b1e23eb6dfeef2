/**
 * The viewer in a real browser (Debian Chromium), opened from file:// as a
 * user opens the file `faultline view fixtures/example` writes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultline, fixture, ROOT } from './support.js';
import { clickNode, launch, open, screenshot, summary, viewFile, type Opened } from './viewer-browser.js';

let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  file = viewFile(ROOT, ['fixtures/example'], 'shop');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

/** What `faultline simulate … --format json` says about the same faults. */
function cli(...faults: string[]): { summary: { down: number; degraded: number; criticalDown: number; impact: number }; nodes: { id: string; status: string }[] } {
  const r = faultline(['simulate', 'fixtures/example', ...faults.flatMap((f) => ['--fail', f]), '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}
const cliSummary = (...faults: string[]) => cli(...faults).summary;

function expectClean(o: Opened): void {
  expect(o.errors).toEqual([]);
  // Offline: the page loads itself and nothing else.
  expect(o.requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
}

describe('faultline view fixtures/example, in Chromium from file://', () => {
  it('fails the us-east-1 region on a click on the canvas, with the same counts as the CLI', async () => {
    const o = await open(browser, file);
    await screenshot(o.page, 'viewer-example-light');
    await clickNode(o.page, 'us-east-1');
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    const s = await summary(o.page);
    const cli = cliSummary('us-east-1');
    expect({ down: s.down, degraded: s.degraded, criticalDown: s.criticalDown, impact: s.impact }).toEqual({
      down: cli.down,
      degraded: cli.degraded,
      criticalDown: cli.criticalDown,
      impact: cli.impact,
    });
    expect(s.headline).toMatch(new RegExp(`^If us-east-1 fails: ${cli.down} down`));
    await o.page.evaluate(() => (window as unknown as { faultline: { fit(): void } }).faultline.fit());
    await screenshot(o.page, 'viewer-us-east-1-light');
    expectClean(o);
    await o.page.close();
  });

  it('answers "what breaks if us-east-1 DNS fails, and why" in two clicks: the fault, then a victim', async () => {
    const o = await open(browser, file, 'dark');
    await clickNode(o.page, 'dns-use1');
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    const s = await summary(o.page);
    expect(s).toMatchObject({ down: cliSummary('kind=dns in=us-east-1').down, degraded: cliSummary('kind=dns in=us-east-1').degraded });
    await clickNode(o.page, 'checkout');
    const chain = o.page.locator('[data-testid=chain] li');
    await chain.first().waitFor();
    const steps = await chain.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step')));
    expect(steps[0]).toBe('checkout');
    expect(steps.at(-1)).toBe('dns-use1');
    const expected = cli('kind=dns in=us-east-1').nodes.find((n) => n.id === 'checkout')!.status;
    expect(await o.page.locator('[data-testid=selected]').getAttribute('data-status')).toBe(expected);
    expect(await o.page.locator('[data-testid=chain]').textContent()).toContain('fault');
    await o.page.evaluate(() => (window as unknown as { faultline: { fit(): void } }).faultline.fit());
    await screenshot(o.page, 'viewer-chain-dark');
    expectClean(o);
    await o.page.close();
  });

  it('applies a finding from the panel: the fault is injected and its subject focused', async () => {
    const o = await open(browser, file);
    const apply = o.page.locator('[data-action=apply-finding]').first();
    await apply.waitFor({ timeout: 20_000 });
    expect(await o.page.locator('.finding').count()).toBeGreaterThan(0);
    const label = (await apply.textContent()) ?? '';
    await apply.click();
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    const state = await o.page.evaluate(() => (window as unknown as { faultline: { state(): { faults: { target: string }[]; selected: string | null } } }).faultline.state());
    expect(label).toBe(`Apply: fail ${state.faults.map((f) => f.target).join(', ')}`);
    expect(state.selected).not.toBeNull();
    const selected = o.page.locator('[data-testid=selected]');
    expect(await selected.getAttribute('data-id')).toBe(state.selected);
    const expected = cli(...state.faults.map((f) => f.target));
    expect(await selected.getAttribute('data-status')).toBe(expected.nodes.find((n) => n.id === state.selected)?.status ?? 'up');
    expect(await selected.getAttribute('data-status')).not.toBe('up');
    expect((await summary(o.page)).down).toBe(expected.summary.down);
    await screenshot(o.page, 'viewer-finding-light');
    expectClean(o);
    await o.page.close();
  });

  it('ranks single points of failure; a click applies one', async () => {
    const o = await open(browser, file);
    const first = o.page.locator('[data-testid=spof] button').first();
    await first.waitFor({ timeout: 20_000 });
    const target = await first.getAttribute('data-target');
    await first.click();
    await o.page.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    expect((await summary(o.page)).down).toBe(cliSummary(target!).down);
    expectClean(o);
    await o.page.close();
  });

  it('is keyboard reachable: search selects, places fail with Enter, shift-click adds, R resets', async () => {
    const o = await open(browser, file);
    const p = o.page;
    await p.keyboard.press('/');
    await p.keyboard.type('payment-gateway');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid=selected][data-id=payment-gateway]').waitFor();
    await p.keyboard.press('Escape');
    await p.locator('[data-place=usw2-az1]').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('.chip') !== null);
    await clickNode(p, 'feature-flags', ['Shift']);
    const faults = await p.evaluate(() => (window as unknown as { faultline: { state(): { faults: { target: string }[] } } }).faultline.state().faults.map((f) => f.target));
    expect(faults).toEqual(['usw2-az1', 'feature-flags']);
    expect((await summary(p)).down).toBe(cliSummary('usw2-az1', 'feature-flags').down);
    await p.locator('body').click({ position: { x: 5, y: 5 } });
    await p.keyboard.press('r');
    await p.waitForFunction(() => document.querySelector('.chip') === null);
    expect((await summary(p)).down).toBe(0);
    expectClean(o);
    await p.close();
  });

  it("focuses a component's neighbourhood (graphology BFS) and shows all again", async () => {
    const o = await open(browser, file);
    const p = o.page;
    await p.locator('#fl-search').fill('iam');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid=selected][data-id=iam]').waitFor();
    await p.getByRole('button', { name: 'Neighbourhood' }).click();
    await p.getByText('Within 2 hops of iam').waitFor();
    type Handle = { faultline: { state(): { focus: { id: string; hops: number } | null } } };
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state().focus)).toEqual({ id: 'iam', hops: 2 });
    await p.getByRole('button', { name: '1 hops' }).click();
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state().focus)).toEqual({ id: 'iam', hops: 1 });
    await screenshot(p, 'viewer-neighbourhood-light');
    await p.getByRole('button', { name: 'Show all' }).click();
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state().focus)).toBeNull();
    // A double-click on a component focuses its neighbourhood (1 hop), Kiali-style; its two clicks fail nothing.
    const at = await p.evaluate(() => {
      const f = (window as unknown as { faultline: { centre(id: string): void; screenOf(id: string): { x: number; y: number } } }).faultline;
      f.centre('checkout');
      return f.screenOf('checkout');
    });
    await p.mouse.dblclick(at.x, at.y);
    await p.getByText('Within 1 hop of checkout').waitFor();
    type Faults = { faultline: { state(): { faults: unknown[]; selected: string | null } } };
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state().focus)).toEqual({ id: 'checkout', hops: 1 });
    expect(await p.evaluate(() => (window as unknown as Faults).faultline.state())).toMatchObject({ faults: [], selected: 'checkout' });
    expect((await summary(p)).down).toBe(0);
    await screenshot(p, 'viewer-double-click-focus-light');
    expectClean(o);
    await p.close();
  });

  it('opens on the overview when asked (--overview zone): one box per zone; a click on a box shows its members, the switch comes back', async () => {
    const o = await open(browser, viewFile(ROOT, ['fixtures/example'], 'shop-overview', '--overview', 'zone'));
    const p = o.page;
    type Handle = {
      faultline: {
        state(): { overview: boolean; groupBy: string; drill: { key: string } | null };
        overview: { groups(): { key: string; members: number }[]; groupAt(key: string): { x: number; y: number } | null };
      };
    };
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state())).toMatchObject({ overview: true, groupBy: 'zone' });
    const groups = await p.evaluate(() => (window as unknown as Handle).faultline.overview.groups());
    expect(groups.map((g) => g.key)).toContain('use1-az1');
    expect(groups.reduce((n, g) => n + g.members, 0)).toBe(fixture('fixtures/example').components.size);
    await screenshot(p, 'viewer-example-overview-zone-light');
    const box = await p.evaluate(() => (window as unknown as Handle).faultline.overview.groupAt('use1-az1'));
    await p.mouse.click(box!.x, box!.y);
    await p.locator('[data-testid=drill]').waitFor();
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state())).toMatchObject({ overview: false, drill: { key: 'use1-az1' } });
    await p.locator('.overview-bar').getByRole('button', { name: 'Show all' }).click();
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state())).toMatchObject({ overview: false, drill: null });
    await p.getByRole('button', { name: 'Overview', exact: true }).click();
    expect(await p.evaluate(() => (window as unknown as Handle).faultline.state())).toMatchObject({ overview: true });
    expectClean(o);
    await p.close();
  });

  it('opens with faults pre-applied by --fail, and shows only the blast radius on request', async () => {
    const pre = viewFile(ROOT, ['fixtures/example'], 'shop-dns', '--fail', 'kind=dns in=us-east-1');
    const o = await open(browser, pre);
    expect((await summary(o.page)).down).toBe(cliSummary('kind=dns in=us-east-1').down);
    await o.page.getByRole('button', { name: 'Blast radius only' }).click();
    await o.page.getByText('Showing only the blast radius').waitFor();
    await screenshot(o.page, 'viewer-blast-only-light');
    expectClean(o);
    await o.page.close();
  });
});

describe('faultline view fixtures/kubernetes: names as kubectl writes them', () => {
  it('opens with a fault given as kind/name, and its search box finds a workload by kind/name or a Service', async () => {
    const k8s = viewFile(ROOT, ['fixtures/kubernetes'], 'boutique', '--fail', 'statefulset/redis-cart');
    const o = await open(browser, k8s);
    const p = o.page;
    await p.waitForFunction(() => document.querySelector('.summary')!.getAttribute('data-down') !== '0');
    expect((await summary(p)).headline).toMatch(/^If statefulset\/redis-cart fails: 5 down/);
    await p.locator('#fl-search').fill('deploy/loadgenerator');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid=selected][data-id="loadtest.loadgenerator"]').waitFor();
    await p.keyboard.press('Escape');
    await p.locator('#fl-search').fill('svc/cartservice');
    await p.keyboard.press('Enter');
    await p.locator('[data-testid=selected][data-id=cartservice]').waitFor();
    // A misspelt ref says why it found nothing, with a did-you-mean, in the field's validation message.
    await p.locator('#fl-search').fill('sts/redis-crat');
    await p.keyboard.press('Enter');
    await p.locator('#fl-search[aria-invalid=true]').waitFor();
    expect(await p.locator('#fl-search').evaluate((e) => (e as HTMLInputElement).validationMessage)).toContain('did you mean "statefulset/redis-cart"');
    expectClean(o);
    await p.close();
  });
});
