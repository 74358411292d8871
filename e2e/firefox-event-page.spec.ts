/**
 * Firefox's MV3 background is a non-persistent event page: Firefox unloads it when it has been
 * idle for `extensions.background.idle.timeout` ms (30 s by default; 2 s here, so the test need
 * not wait long) and loads it again for the next event it listens to. Here it is unloaded twice
 * between the Web SDK's calls on the demo shop, and woken by the calls themselves (an add to
 * cart; an exit beacon and the next page's view). Unloaded for real: a value written into the
 * background page's memory is gone after it, and the page is missing from the extension's views
 * until a call brings it back. No call is lost: every one is stored once with the request and
 * response bodies the simulator received and sent, and the viewer lists them all.
 */
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { gridRows, role, storedCalls } from './firefox-helpers';
import { edgePosts, storeAgainstWire } from './wire-check';
import { eventPage, firefoxTabId, launchFirefox, openExtensionPage } from './world/firefox.mjs';

const FIREFOX_BUILD = resolve('dist/firefox');
/** Long enough for a burst of calls and the store's write window, short enough to wait for. */
const IDLE_MS = 2000;

test('Firefox ESR: the event page unloaded and woken between the Web SDK calls loses none', async ({
  world,
}) => {
  test.setTimeout(120_000);
  world.simulator.received.length = 0;
  const posts = () => edgePosts(world.simulator.received);
  let browser: Browser | undefined;
  try {
    browser = await launchFirefox({
      extensionDir: FIREFOX_BUILD,
      simulatorPort: world.simulator.port,
      prefs: { 'extensions.background.idle.timeout': IDLE_MS },
    });
    // An extension page that never talks to the background (see eventPage in firefox.mjs).
    const probe = await openExtensionPage(browser, 'devtools/devtools.html');
    const background = eventPage(probe);

    const shop = await browser.newPage();
    const outputText = (id: string, pattern: RegExp) =>
      shop.waitForFunction(
        (sel, source) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
        {},
        `#${id}`,
        pattern.source,
      );
    await shop.goto(`${world.site.url}/`);
    await outputText('pageview-status', /^ok/);
    await expect
      .poll(() => posts().some((r) => r.body.includes('decisioning.propositionDisplay')))
      .toBe(true);
    const firstBurst = posts().length;
    await expect.poll(async () => storeAgainstWire(await storedCalls(probe), posts())).toEqual([]);

    /** Marks the event page, waits until Firefox unloads it, then lets `wake` make calls. */
    const unloadThenWake = async (mark: string, wake: () => Promise<void>) => {
      await background.mark(mark);
      expect(await background.read()).toBe(mark);
      await expect.poll(background.loaded, { timeout: 10 * IDLE_MS }).toBe(false);
      const before = posts().length;
      await wake();
      // The calls woke it: loaded again, a fresh page without the mark the unloaded one held.
      await expect.poll(background.read).toBeUndefined();
      expect(posts().length).toBeGreaterThan(before);
    };

    // Unloaded, then woken by an add to cart on the same page.
    await unloadThenWake('before add to cart', async () => {
      await shop.locator(role('button', 'Add to cart')).click();
      await outputText('cart-status', /^ok$/);
    });
    expect(posts().length).toBe(firstBurst + 1);

    // Unloaded, then woken by a navigation: the exit beacon, the next page's view and display.
    await unloadThenWake('before the next page', async () => {
      await Promise.all([shop.waitForNavigation(), shop.locator(role('link', 'Product')).click()]);
      await outputText('pageview-status', /^ok/);
    });
    await expect
      .poll(() => posts().map((r) => r.path.split('/').pop()))
      .toEqual(['interact', 'interact', 'interact', 'collect', 'interact', 'interact']);
    await expect.poll(() => posts()[3]!.status).toBe(204);

    // None lost, none doubled, every body as it went over the wire.
    await expect.poll(async () => storeAgainstWire(await storedCalls(probe), posts())).toEqual([]);
    const tabId = await firefoxTabId(probe, shop.url());
    const viewer = await openExtensionPage(browser, `devtools/panel.html?tabId=${tabId}`);
    await expect
      .poll(async () => (await gridRows(viewer)).map((cells) => cells[4]))
      .toEqual(posts().map((r) => String(r.status)));
  } finally {
    await browser?.close();
  }
});
