/**
 * Playwright fixtures: the simulated world (HTTPS Edge simulator + demo shop) per worker process,
 * and a fresh Chromium profile with the built extension per test.
 *
 * The simulator outlives a test (and a test file), so its log is emptied before every test that
 * uses this `test`: `world.simulator.received` holds only the requests made by the current test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, chromium, expect } from '@playwright/test';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { chromiumArgs, findChromium, prepareProfile } from './world/chromium.mjs';
import { startDemoSite } from './world/demo-site.mjs';
import { startSimulator } from './world/simulator.mjs';

export const EXTENSION_DIR = resolve('dist/chrome');

export interface World {
  simulator: Awaited<ReturnType<typeof startSimulator>>;
  site: Awaited<ReturnType<typeof startDemoSite>>;
}

export interface Extension {
  context: BrowserContext;
  worker: () => Promise<Worker>;
  id: string;
  /** Chromium's tab id of a page, as the extension sees it. */
  tabIdOf: (page: Page) => Promise<number>;
  /** Opens a demo-site page (`/lab.html`, `/index.html`…) in a new tab, with its tab id. */
  openPage: (path: string) => Promise<{ page: Page; tabId: number }>;
  /** Opens the viewer as an extension page; for one tab when tabId is given. */
  openViewer: (tabId?: number) => Promise<Page>;
  /** Stops the extension's service worker, as Chromium does when it is idle. */
  stopWorker: () => Promise<void>;
}

export const test = base.extend<{ extension: Extension; cleanLog: void }, { world: World }>({
  world: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const simulator = await startSimulator();
      const site = await startDemoSite();
      await use({ simulator, site });
      await site.close();
      await simulator.close();
    },
    { scope: 'worker' },
  ],
  // Before every test (after the previous test's browser closed): an empty simulator log.
  cleanLog: [
    async ({ world }, use) => {
      world.simulator.reset();
      await use();
    },
    { auto: true },
  ],
  extension: async ({ world }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'aep-inspector-'));
    // Debian's Chromium blocks third-party cookies by default; the Edge cookies need them.
    prepareProfile(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: findChromium(),
      headless: true,
      args: chromiumArgs({ extensionDir: EXTENSION_DIR, simulatorPort: world.simulator.port }),
    });
    const firstWorker =
      context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(firstWorker.url()).host;
    // Start-up race (docs/browser-testing.md): make webRequest listeners effective before navigating.
    await firstWorker.evaluate(() => chrome.webRequest.handlerBehaviorChanged());
    const worker = async (): Promise<Worker> => {
      const live = context
        .serviceWorkers()
        .find((w) => w.url().startsWith(`chrome-extension://${id}/`));
      return live ?? context.waitForEvent('serviceworker');
    };
    const extension: Extension = {
      context,
      id,
      worker,
      tabIdOf: async (page) => {
        const url = page.url();
        const w = await worker();
        return w.evaluate(async (target) => {
          const tabs = await chrome.tabs.query({});
          const tab = tabs.find((t) => t.url === target);
          if (tab?.id === undefined) throw new Error(`no tab with url ${target}`);
          return tab.id;
        }, url);
      },
      openPage: async (path) => {
        const page = await context.newPage();
        await page.goto(`${world.site.url}${path}`);
        return { page, tabId: await extension.tabIdOf(page) };
      },
      openViewer: async (tabId) => {
        const viewer = await context.newPage();
        const query = tabId === undefined ? '' : `?tabId=${tabId}`;
        await viewer.goto(`chrome-extension://${id}/devtools/panel.html${query}`);
        return viewer;
      },
      stopWorker: async () => {
        const page = context.pages()[0] ?? (await context.newPage());
        const cdp = await context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.detach();
      },
    };
    await use(extension);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
});

export { expect };

/** The grid rows that are calls (not the header, not page separators). */
export function callRows(viewer: Page) {
  return viewer
    .getByRole('grid', { name: 'Edge calls' })
    .getByRole('row')
    .filter({ has: viewer.getByRole('gridcell') });
}

/** The viewer's status line ("N calls · …"): the count of every call, rendered or not. */
export function captureStatus(viewer: Page) {
  return viewer.getByRole('status', { name: 'Capture status' });
}

/**
 * A HAR of the demo shop's home page (alloy's page view included) recorded by a plain Chromium,
 * without the extension: Playwright's `recordHar`, as a team's own tests would save it.
 */
export async function recordShopHar(world: World, dir: string): Promise<string> {
  const harPath = join(dir, 'recorded.har');
  prepareProfile(join(dir, 'profile'));
  const recorder = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({ simulatorPort: world.simulator.port }),
    recordHar: { path: harPath, content: 'embed' },
  });
  const shop = await recorder.newPage();
  await shop.goto(`${world.site.url}/`);
  await expect(shop.locator('#pageview-status')).toHaveText(/^ok/);
  await recorder.close();
  return harPath;
}
