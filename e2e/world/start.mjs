#!/usr/bin/env node
/**
 * `npm start`: the simulated world plus Chromium with the extension loaded.
 *
 * With a display (DISPLAY or WAYLAND_DISPLAY set) it opens a real window on the demo shop and the
 * viewer, and runs until Ctrl-C. Without one (or with --headless) it drives the demo itself,
 * writes a screenshot of the viewer to artifacts/viewer.png, prints a table of the captured calls
 * and exits 0 — or exits 1 with the reason.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium, prepareProfile } from './chromium.mjs';
import { startDemoSite } from './demo-site.mjs';
import { startSimulator } from './simulator.mjs';

/**
 * @typedef {import('@playwright/test').Page} Page
 * @typedef {import('@playwright/test').Worker} Worker
 * @typedef {import('@playwright/test').BrowserContext} BrowserContext
 */

const EXTENSION_DIR = resolve('dist/chrome');
const SCREENSHOT = resolve('artifacts/viewer.png');
const headless =
  process.argv.includes('--headless') || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** @param {number} simulatorPort */
async function launch(simulatorPort) {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('dist/chrome is missing: run `npm run build` first (npm start does).');
  }
  const profile = mkdtempSync(join(tmpdir(), 'aep-inspector-start-'));
  prepareProfile(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless,
    viewport: headless ? { width: 1400, height: 820 } : null,
    args: chromiumArgs({ extensionDir: EXTENSION_DIR, simulatorPort }),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // See docs: the first requests after launch can be missed without this.
  await worker.evaluate(() => chrome.webRequest.handlerBehaviorChanged());
  return { context, worker, id: new URL(worker.url()).host, profile };
}

/** @param {Worker} worker @param {string} url @returns {Promise<number | undefined>} */
async function tabIdOf(worker, url) {
  return worker.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === target)?.id;
  }, url);
}

/** The demo tour: identity, consent, add to cart, then two more pages with page views. */
/** @param {Page} page @param {string} siteUrl */
async function tour(page, siteUrl) {
  // No automatic page view first, so that getIdentity has to ask Edge (identity/acquire).
  await page.goto(`${siteUrl}/?pageview=0`);
  await page.getByRole('button', { name: 'Get identity' }).click();
  await page
    .locator('#ecid')
    .filter({ hasText: /\d{38}/ })
    .waitFor();
  await page.getByRole('button', { name: 'Consent in' }).click();
  await page.locator('#consent-status').filter({ hasText: 'in: ok' }).waitFor();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.locator('#cart-status').filter({ hasText: 'ok' }).waitFor();
  await page.getByRole('link', { name: 'Product' }).first().click();
  await page.locator('#pageview-status').filter({ hasText: /^ok/ }).waitFor();
  await page.getByRole('link', { name: 'Checkout' }).first().click();
  await page.locator('#pageview-status').filter({ hasText: /^ok/ }).waitFor();
}

/** @param {Page} viewer @returns {Promise<string[][]>} */
async function readTable(viewer) {
  const grid = viewer.getByRole('grid', { name: 'Edge calls' });
  const rows = grid.getByRole('row').filter({ has: viewer.getByRole('gridcell') });
  return rows.evaluateAll((els) =>
    els.map((row) =>
      Array.from(row.querySelectorAll('[role="gridcell"]')).map((cell) =>
        (cell.textContent ?? '').trim(),
      ),
    ),
  );
}

/** @param {string[]} header @param {string[][]} rows */
function printTable(header, rows) {
  const widths = header.map((h, i) =>
    Math.min(48, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells.map((c, i) => (c ?? '').slice(0, widths[i]).padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** `--readme-shots`: the README's pictures, dark theme and popup included, the demo plan in force. */
/**
 * @param {BrowserContext} context @param {Page} viewer @param {string} id
 * @param {number | undefined} tabId
 */
async function readmeShots(context, viewer, id, tabId) {
  const dir = resolve('docs/screenshots');
  mkdirSync(dir, { recursive: true });
  const plan = {
    fileName: 'demo-plan.yaml',
    text: readFileSync(resolve('e2e/plans/demo-plan.yaml'), 'utf8'),
    files: {
      'web-event.xed-full.json': readFileSync(
        resolve('src/validate/fixtures/web-event.xed-full.json'),
        'utf8',
      ),
    },
  };
  await viewer.evaluate((stored) => chrome.storage.local.set({ trackingPlan: stored }), plan);
  await viewer
    .getByRole('status', { name: 'Capture status' })
    .filter({ hasText: /the plan|warn/ })
    .waitFor();
  await viewer.screenshot({ path: join(dir, 'viewer-light.png') });
  await viewer.emulateMedia({ colorScheme: 'dark' });
  await viewer.screenshot({ path: join(dir, 'viewer-dark.png') });
  await viewer.emulateMedia({ colorScheme: 'light' });
  const views = viewer.getByRole('tablist', { name: 'Views' });
  await views.getByRole('tab', { name: 'Visit' }).click();
  await viewer.getByRole('table', { name: 'Visit lanes' }).getByRole('row').nth(2).waitFor();
  await viewer.screenshot({ path: join(dir, 'visit.png') });
  await views.getByRole('tab', { name: 'SDK' }).click();
  await viewer.getByRole('list', { name: 'Commands' }).waitFor();
  await viewer.screenshot({ path: join(dir, 'sdk.png') });
  await views.getByRole('tab', { name: 'Calls' }).click();
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 420 });
  await popup.goto(`chrome-extension://${id}/popup/popup.html?tabId=${tabId}`);
  await popup.getByRole('list', { name: 'Recent calls' }).waitFor();
  await popup.screenshot({ path: join(dir, 'popup.png') });
  console.log(`README screenshots: ${dir}`);
}

async function main() {
  const simulator = await startSimulator();
  const site = await startDemoSite();
  console.log(`Edge simulator: https://edge.adobedc.net (mapped to 127.0.0.1:${simulator.port})`);
  console.log(`Demo shop:      ${site.url}/`);
  const { context, worker, id, profile } = await launch(simulator.port);
  const viewerUrl = (/** @type {number | undefined} */ tabId) =>
    `chrome-extension://${id}/devtools/panel.html${tabId ? `?tabId=${tabId}` : ''}`;
  const page = await context.newPage();

  if (!headless) {
    await page.goto(`${site.url}/`);
    const viewer = await context.newPage();
    await viewer.goto(viewerUrl(await tabIdOf(worker, page.url())));
    console.log(`Viewer:         ${viewer.url()}`);
    console.log('Chromium is open with the extension. Press Ctrl-C to stop.');
    await new Promise((resolveStop) => process.once('SIGINT', resolveStop));
  } else {
    console.log('No display: driving the demo headless.');
    await tour(page, site.url);
    const tabId = await tabIdOf(worker, page.url());
    const viewer = await context.newPage();
    await viewer.goto(viewerUrl(tabId));
    const expected = simulator.received.filter((r) => r.path.startsWith('/ee/')).length;
    const grid = viewer.getByRole('grid', { name: 'Edge calls' });
    await grid.waitFor();
    const rows = grid.getByRole('row').filter({ has: viewer.getByRole('gridcell') });
    for (let i = 0; i < 100 && (await rows.count()) < expected; i++)
      await viewer.waitForTimeout(100);
    await rows.first().click();
    mkdirSync(resolve('artifacts'), { recursive: true });
    await viewer.screenshot({ path: SCREENSHOT });
    const header = await grid
      .getByRole('columnheader')
      .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
    const table = await readTable(viewer);
    console.log(`\nCaptured ${table.length} Edge calls (the simulator answered ${expected}):\n`);
    printTable(header, table);
    console.log(`\nScreenshot of the viewer: ${SCREENSHOT}`);
    if (process.argv.includes('--readme-shots')) await readmeShots(context, viewer, id, tabId);
    if (table.length !== expected) process.exitCode = 1;
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await site.close();
  await simulator.close();
}

main().catch((error) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
