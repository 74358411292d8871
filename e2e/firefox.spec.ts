/**
 * The Firefox build in real Firefox ESR: dist/firefox installed as a temporary add-on over
 * WebDriver BiDi (e2e/world/firefox.mjs), a call from the demo lab page captured with both bodies
 * (the response from webRequest.filterResponseData), and shown in the viewer page. The bodies are
 * held to what the simulator itself received and sent (its log's `sent`), not to what
 * the page read: the page's bytes pass through the same filter, so bytes the filter corrupted
 * would match there. The page's copy is held to the wire too: the filter must not change it.
 *
 * Playwright is only the runner here (one `npm test`, the same simulated world as the Chromium
 * specs); puppeteer-core drives the browser, since Playwright cannot drive Debian's Firefox.
 * No Firefox means a failure with instructions, not a skip: CI installs firefox-esr.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { storedCalls } from './firefox-helpers';
import { edgePosts, storeAgainstWire } from './wire-check';
import { launchFirefox, openExtensionPage } from './world/firefox.mjs';

const FIREFOX_BUILD = resolve('dist/firefox');

async function storedCall(viewer: Page, requestId: string) {
  return (await storedCalls(viewer)).find((s) => s.call.endpoint.requestId === requestId);
}

/** Texts of the viewer's call rows (not the header row). */
async function rowTexts(viewer: Page): Promise<string[]> {
  return viewer.$$eval('[role="grid"] [role="row"]', (rows) =>
    rows.filter((r) => r.querySelector('[role="gridcell"]')).map((r) => r.textContent ?? ''),
  );
}

async function openTab(viewer: Page, rowText: string, tab: string): Promise<string> {
  const rows = await viewer.$$('[role="grid"] [role="row"]');
  for (const row of rows) {
    const text = await row.evaluate((el) => el.textContent ?? '');
    if (text.includes(rowText) && (await row.$('[role="gridcell"]'))) {
      await row.click();
      break;
    }
  }
  await viewer.locator(`::-p-aria([name="${tab}"][role="tab"])`).click();
  let panel = '';
  await expect
    .poll(async () => {
      panel = await viewer.$eval('[role="tabpanel"]', (el) => (el as HTMLElement).innerText);
      return panel.length > 0;
    })
    .toBe(true);
  return panel;
}

test('Firefox ESR: a lab call is captured with both bodies and shows in the viewer', async ({
  world,
}) => {
  test.setTimeout(90_000);
  world.simulator.received.length = 0;
  let browser: Browser | undefined;
  try {
    browser = await launchFirefox({
      extensionDir: FIREFOX_BUILD,
      simulatorPort: world.simulator.port,
    });
    const page = await browser.newPage();
    await page.goto(`${world.site.url}/lab.html`);

    const stamp = Date.now();
    const interactId = `firefox-interact-${stamp}`;
    const beaconId = `firefox-beacon-${stamp}`;
    const seen = await page.evaluate(
      async (ids) => {
        const lab = window.lab;
        const fetched = await lab.fetchEdge('/ee/v1/interact', lab.interactBody('firefox e2e'), {
          query: { configId: lab.datastreamId, requestId: ids.interact },
        });
        // alloy's unload path: sendBeacon with a Blob body, answered 204.
        const queued = lab.beaconEdge('/ee/v1/collect', lab.interactBody('firefox exit'), true, {
          query: { configId: lab.datastreamId, requestId: ids.beacon },
        });
        return { fetched, queued };
      },
      { interact: interactId, beacon: beaconId },
    );
    expect(seen.fetched.status, seen.fetched.error).toBe(200);
    expect(JSON.parse(seen.fetched.text)).toMatchObject({ handle: expect.any(Array) });
    expect(seen.queued).toBe(true);
    await expect
      .poll(() =>
        world.simulator.received.filter((r) => r.query.requestId === beaconId).map((r) => r.status),
      )
      .toEqual([204]);

    const viewer = await openExtensionPage(browser, 'devtools/panel.html');
    await expect.poll(() => rowTexts(viewer)).toHaveLength(2);
    const rows = await rowTexts(viewer);
    expect(rows.some((text) => text.includes('interact') && text.includes('200'))).toBe(true);
    expect(rows.some((text) => text.includes('collect') && text.includes('204'))).toBe(true);

    // The store: both bodies, each exactly what went over the wire, the response from Firefox's
    // filter. The page read the same bytes: the filter handed them on unchanged.
    const posts = edgePosts(world.simulator.received);
    expect(posts.map((p) => p.query.requestId)).toEqual([interactId, beaconId]);
    await expect.poll(async () => storeAgainstWire(await storedCalls(viewer), posts)).toEqual([]);
    const interactSent = posts[0]!.sent;
    expect(JSON.parse(interactSent ?? 'null')).toMatchObject({ requestId: expect.any(String) });
    expect(seen.fetched.text).toBe(interactSent);
    const interact = await storedCall(viewer, interactId);
    expect(interact?.call.response.source).toBe('webRequest');
    // Both capture paths ran: webRequest, and the MAIN-world page hook through the relay.
    expect(interact?.call.sources).toEqual(expect.arrayContaining(['webRequest', 'page-hook']));
    expect(interact?.call.response.size).toBe(Buffer.byteLength(interactSent ?? ''));
    expect(JSON.parse(interact?.request ?? 'null')).toMatchObject({
      events: [{ xdm: { web: { webPageDetails: { name: 'firefox e2e' } } } }],
    });

    const beacon = await storedCall(viewer, beaconId);
    expect(beacon?.call.status).toBe(204);
    expect(JSON.parse(beacon?.request ?? 'null')).toMatchObject({
      events: [{ xdm: { web: { webPageDetails: { name: 'firefox exit' } } } }],
    });

    // The viewer shows them.
    const request = await openTab(viewer, 'interact', 'Request');
    expect(request).toContain('firefox e2e');
    const response = await openTab(viewer, 'interact', 'Response');
    expect(response).toContain('From: webRequest');
    expect(response).toContain(interactId);
    expect(response).toContain('"handle"');
    const sources = await openTab(viewer, 'interact', 'Sources');
    expect(sources).toContain('webRequest');
    const collect = await openTab(viewer, 'collect', 'Request');
    expect(collect).toContain('firefox exit');
  } finally {
    await browser?.close();
  }
});
