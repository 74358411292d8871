/**
 * The Firefox build in real Firefox ESR: dist/firefox installed as a temporary add-on over
 * WebDriver BiDi (e2e/world/firefox.mjs), a call from the demo lab page captured with both bodies
 * (the response from webRequest.filterResponseData, byte for byte what the page read), and shown
 * in the viewer page.
 *
 * Playwright is only the runner here (one `npm test`, the same simulated world as the Chromium
 * specs); puppeteer-core drives the browser, since Playwright cannot drive Debian's Firefox.
 * No Firefox means a failure with instructions, not a skip: CI installs firefox-esr.
 */
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { launchFirefox, openExtensionPage } from './world/firefox.mjs';

const FIREFOX_BUILD = resolve('dist/firefox');

interface StoredCall {
  id: string;
  endpoint: { requestId?: string; action?: string };
  status?: number;
  sources: string[];
  request: { captured: boolean; source?: string };
  response: { captured: boolean; source?: string; size?: number; implied?: boolean };
}

/** Calls and their bodies from the extension's IndexedDB, read in an extension page. */
async function storedCall(
  extensionPage: Page,
  requestId: string,
): Promise<{ call: StoredCall; request?: string; response?: string } | undefined> {
  return extensionPage.evaluate(
    (wanted) =>
      new Promise<{ call: StoredCall; request?: string; response?: string } | undefined>(
        (done, fail) => {
          const open = indexedDB.open('aep-edge-inspector');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['calls', 'bodies']);
            const calls = tx.objectStore('calls').getAll();
            calls.onsuccess = () => {
              const call = (calls.result as StoredCall[]).find(
                (c) => c.endpoint.requestId === wanted,
              );
              if (!call) return done(undefined);
              const bodies = tx.objectStore('bodies');
              const request = bodies.get(`${call.id}:request`);
              const response = bodies.get(`${call.id}:response`);
              tx.oncomplete = () => {
                db.close();
                done({ call, request: request.result, response: response.result });
              };
            };
          };
        },
      ),
    requestId,
  );
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

    // The store: both bodies, the response from Firefox's filter and exactly what the page read.
    await expect
      .poll(async () => (await storedCall(viewer, interactId))?.call.response.source)
      .toBe('webRequest');
    const interact = await storedCall(viewer, interactId);
    // Both capture paths ran: webRequest, and the MAIN-world page hook through the relay.
    expect(interact?.call.sources).toEqual(expect.arrayContaining(['webRequest', 'page-hook']));
    expect(interact?.call.request.captured).toBe(true);
    expect(JSON.parse(interact?.request ?? 'null')).toMatchObject({
      events: [{ xdm: { web: { webPageDetails: { name: 'firefox e2e' } } } }],
    });
    expect(interact?.response).toBe(seen.fetched.text);
    expect(interact?.call.response.size).toBe(Buffer.byteLength(seen.fetched.text));

    const beacon = await storedCall(viewer, beaconId);
    expect(beacon?.call.status).toBe(204);
    expect(JSON.parse(beacon?.request ?? 'null')).toMatchObject({
      events: [{ xdm: { web: { webPageDetails: { name: 'firefox exit' } } } }],
    });
    expect(beacon?.call.response).toMatchObject({ captured: true, size: 0 });

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
