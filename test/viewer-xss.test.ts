/**
 * Manifest text is data: a manifest whose name, kinds, descriptions, owners
 * and tags hold markup renders it literally and runs no script, in a real
 * browser. (Ids cannot hold markup: the loader's id grammar rejects it.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickNode, launch, open, screenshot, viewFile } from './viewer-browser.js';

const NAME = '</script><script>window.__xss = "name"</script>';
const KIND = '<img src=x onerror="window.__xss = \'kind\'">';
const DESCRIPTION = '"><img src=x onerror=window.__xss="desc"><script>window.__xss="desc2"</script>\u2028end';
const OWNER = '<svg onload="window.__xss = \'owner\'"></svg>';
const TAG = "<iframe srcdoc='<script>parent.__xss=1</script>'></iframe>";

const MANIFEST = `apiVersion: faultline/v1
name: ${JSON.stringify(NAME)}
components:
  evil:
    kind: ${JSON.stringify(KIND)}
    description: ${JSON.stringify(DESCRIPTION)}
    owner: ${JSON.stringify(OWNER)}
    tags: { note: ${JSON.stringify(TAG)} }
  victim: { kind: service, dependsOn: [evil], description: "<b>bold?</b>" }
`;

let browser: Browser;
let file: string;

beforeAll(async () => {
  browser = await launch();
  const dir = mkdtempSync(join(tmpdir(), 'faultline-xss-'));
  writeFileSync(join(dir, 'evil.yaml'), MANIFEST);
  file = viewFile(dir, ['evil.yaml'], 'xss');
}, 600_000);
afterAll(async () => {
  await browser?.close();
});

describe('the XSS manifest', () => {
  it('renders every string literally and runs no script', async () => {
    const o = await open(browser, file);
    const p = o.page;
    let dialogs = 0;
    p.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    expect(await p.locator('.brand-name').textContent()).toBe(NAME);
    expect(await p.title()).toBe('faultline — blast radius');
    // Fail evil, then select it: its details show every field as text.
    await clickNode(p, 'evil');
    await clickNode(p, 'victim');
    await p.locator('[data-testid=selected][data-id=victim]').waitFor();
    expect(await p.locator('[data-testid=selected] .desc').textContent()).toBe('<b>bold?</b>');
    await p.locator('[data-testid=chain] .step-id', { hasText: 'evil' }).click();
    await p.locator('[data-testid=selected][data-id=evil]').waitFor();
    const details = (await p.locator('[data-testid=selected]').textContent()) ?? '';
    expect(await p.locator('[data-testid=selected] .desc').textContent()).toBe(DESCRIPTION);
    for (const text of [KIND, OWNER, TAG]) expect(details).toContain(text);
    expect(await p.locator('select[aria-label="Filter by kind"]').textContent()).toContain(KIND);
    await screenshot(p, 'viewer-xss-light');
    // The overview by owner names the group by the owner, as text (its keyboard list) and on its canvas.
    await p.getByRole('button', { name: 'Overview', exact: true }).click();
    await p.locator('[data-testid=group-by]').selectOption('owner');
    expect(await p.locator('.overview-groups').textContent()).toContain(`Show ${OWNER} in the graph`);
    await screenshot(p, 'viewer-xss-overview-light');

    const injected = await p.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      imgs: document.querySelectorAll('img').length,
      iframes: document.querySelectorAll('iframe').length,
      bold: document.querySelectorAll('b').length,
      scripts: document.querySelectorAll('script').length,
      svgsWithOnload: document.querySelectorAll('svg[onload]').length,
    }));
    // Two scripts: the viewer's own bundle and the JSON data element.
    expect(injected).toEqual({ xss: null, imgs: 0, iframes: 0, bold: 0, scripts: 2, svgsWithOnload: 0 });
    expect(dialogs).toBe(0);
    expect(o.errors).toEqual([]);
    expect(o.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    await p.close();
  });
});
