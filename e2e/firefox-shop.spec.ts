/**
 * Firefox ESR beyond one call: the real Web SDK (`@adobe/alloy` from npm) on the demo shop makes
 * a page view with its display notification, a consent change, an add to cart, an exit beacon and
 * the next page's view. Every call is stored with both bodies exactly as the simulator received
 * and sent them; the popup says them in plain words; a call resent from the viewer goes out from
 * the page; the HAR export carries the wire's bodies and imports back into the same list.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { gridRows, role, storedCalls, textOf } from './firefox-helpers';
import { edgePosts, storeAgainstWire, type Received } from './wire-check';
import { downloadPrefs, firefoxTabId, launchFirefox, openExtensionPage } from './world/firefox.mjs';

const FIREFOX_BUILD = resolve('dist/firefox');
const PAGE_VIEW = 'web.webpagedetails.pageViews';

async function outputText(page: Page, id: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (sel, source) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''),
    {},
    `#${id}`,
    pattern.source,
  );
}

/** The ECID the simulator handed out, from its own replies (identity:result handles). */
function issuedEcids(posts: readonly Received[]) {
  const ecids = new Set<string>();
  for (const post of posts) {
    const text = post.sent;
    if (!text) continue;
    const reply = JSON.parse(text) as {
      handle?: Array<{ type: string; payload: Array<{ id: string; namespace: { code: string } }> }>;
    };
    for (const handle of reply.handle ?? []) {
      if (handle.type !== 'identity:result') continue;
      for (const id of handle.payload) if (id.namespace.code === 'ECID') ecids.add(id.id);
    }
  }
  return [...ecids];
}

/** "1 offer", "2 offers": the propositions with content in a reply the simulator sent. */
function offersIn(reply: string | undefined): string {
  const parsed = JSON.parse(reply ?? '{}') as {
    handle?: Array<{ type: string; payload: Array<{ items?: unknown[] }> }>;
  };
  const count = (parsed.handle ?? [])
    .filter((h) => h.type === 'personalization:decisions')
    .flatMap((h) => h.payload)
    .filter((p) => (p.items ?? []).length > 0).length;
  return count === 1 ? '1 offer' : `${count} offers`;
}

/** The query parameter `name` of a URL. */
const queryOf = (url: string, name: string) => new URL(url).searchParams.get(name);

test('Firefox ESR: the Web SDK on the demo shop, every call stored as sent, the popup, resend from the page, HAR export and import', async ({
  world,
}) => {
  test.setTimeout(150_000);
  world.simulator.received.length = 0;
  const downloads = mkdtempSync(join(tmpdir(), 'aep-firefox-downloads-'));
  let browser: Browser | undefined;
  try {
    browser = await launchFirefox({
      extensionDir: FIREFOX_BUILD,
      simulatorPort: world.simulator.port,
      prefs: downloadPrefs(downloads),
    });
    const shop = await browser.newPage();
    await shop.goto(`${world.site.url}/`);
    await outputText(shop, 'pageview-status', /^ok/);
    // alloy renders the simulator's offer, then reports it shown in a call of its own.
    await expect
      .poll(() =>
        edgePosts(world.simulator.received).some((r) =>
          r.body.includes('decisioning.propositionDisplay'),
        ),
      )
      .toBe(true);
    await shop.locator(role('button', 'Consent in')).click();
    await outputText(shop, 'consent-status', /^in: ok$/);
    await shop.locator(role('button', 'Add to cart')).click();
    await outputText(shop, 'cart-status', /^ok$/);
    // A link to the next page: alloy's exit beacon (sendBeacon → collect), then its page view.
    await Promise.all([shop.waitForNavigation(), shop.locator(role('link', 'Product')).click()]);
    await outputText(shop, 'pageview-status', /^ok/);
    await expect
      .poll(() => edgePosts(world.simulator.received).map((r) => r.path.split('/').pop()))
      .toEqual([
        'interact',
        'interact',
        'set-consent',
        'interact',
        'collect',
        'interact',
        'interact',
      ]);
    const posts = edgePosts(world.simulator.received);
    const collect = posts[4]!;
    await expect.poll(() => collect.status).toBe(204);

    // The store: each call once, both bodies exactly as they went over the wire.
    const probe = await openExtensionPage(browser, 'devtools/devtools.html');
    await expect.poll(async () => storeAgainstWire(await storedCalls(probe), posts)).toEqual([]);
    const tabId = await firefoxTabId(probe, shop.url());

    // The popup for that tab, in plain words.
    const popup = await openExtensionPage(browser, `popup/popup.html?tabId=${tabId}`);
    const summary = () => textOf(popup, 'status', 'Tab summary');
    await expect.poll(summary).toMatch(new RegExp(`^${posts.length} calls\\n`));
    expect(await summary()).not.toMatch(/failed/);
    const recent = await popup.waitForSelector(role('list', 'Recent calls'));
    const items = await recent!.$$eval('li', (lis) =>
      lis.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
    );
    // Newest first, one line per call, each with the status the simulator answered.
    const answered = [...posts].reverse().map((p) => p.status);
    expect(items.map((item) => Number(/(\d{3})$/.exec(item)?.[1]))).toEqual(answered);
    const words = items.map((item) => item.replace(/ ?, \d{3}$/, ''));
    const [homeOffers, productOffers] = [posts[0]!, posts[5]!].map((p) => offersIn(p.sent));
    expect(words).toEqual([
      'Personalization shown',
      `Page view: product: trail shoes; Personalization: ${productOffers}`,
      'Link click: exit: link',
      'Link click: Add to cart',
      'Consent: in',
      'Personalization shown',
      `Page view: home; Personalization: ${homeOffers}`,
    ]);
    const visitor = await textOf(popup, 'region', 'Visitor');
    const ecids = issuedEcids(posts);
    expect(ecids).toHaveLength(1);
    expect(visitor).toMatch(new RegExp(`Consent\\s+in\\s+ECID\\s+${ecids[0]}`));
    await popup.close();

    // Resend the product page view from the viewer, with its eventType changed.
    const viewer = await openExtensionPage(browser, `devtools/panel.html?tabId=${tabId}`);
    await expect.poll(async () => (await gridRows(viewer)).length).toBe(posts.length);
    const liveRows = await gridRows(viewer);
    const original = posts[5]!;
    const pageViewRows = await viewer.$$(role('row'));
    let clicked = false;
    for (const row of pageViewRows) {
      const text = await row.evaluate((el) => el.textContent ?? '');
      if (text.includes(PAGE_VIEW) && text.includes('/product.html')) {
        await row.click();
        clicked = true;
        break;
      }
    }
    expect(clicked).toBe(true);
    await viewer.locator(role('button', 'Resend…')).click();
    const dialog = await viewer.waitForSelector(role('dialog', 'Edit and resend'));
    await dialog!
      .$(role('textbox', 'New eventType'))
      .then((box) => box!.type('commerce.productViews'));
    await dialog!.$(role('button', 'Set eventType')).then((button) => button!.click());
    await dialog!.$(role('button', 'Send')).then((button) => button!.click());
    // The result, said in the dialog (one of its status lines).
    const dialogStatuses = async () =>
      Promise.all(
        (await dialog!.$$(role('status'))).map((s) => s.evaluate((el) => el.textContent ?? '')),
      );
    await expect
      .poll(dialogStatuses)
      .toContainEqual(expect.stringMatching(/^Sent from the page: 200\b.*linked to its original/));
    await expect.poll(() => edgePosts(world.simulator.received).length).toBe(posts.length + 1);
    const resent = edgePosts(world.simulator.received)[posts.length]!;
    const expected = JSON.parse(original.body) as { events: Array<{ xdm: { eventType: string } }> };
    expected.events[0]!.xdm.eventType = 'commerce.productViews';
    expect(JSON.parse(resent.body)).toEqual(expected);
    expect(resent.path).toBe(original.path);
    expect(resent.query.requestId).not.toBe(original.query.requestId);
    // From the page: its origin and its cookies, not the extension's.
    expect(resent.headers.origin).toBe(world.site.url);
    expect(resent.headers.cookie).toContain('kndctr_');
    const all = edgePosts(world.simulator.received);
    await expect.poll(async () => storeAgainstWire(await storedCalls(probe), all)).toEqual([]);
    const stored = await storedCalls(probe);
    const originalId = stored.find((s) => s.call.endpoint.requestId === original.query.requestId)
      ?.call.id;
    const resendCall = stored.find((s) => s.call.endpoint.requestId === resent.query.requestId);
    expect(resendCall?.call.resendOf).toBe(originalId);
    await dialog!.$(role('button', 'Close')).then((button) => button!.click());
    await expect.poll(async () => (await gridRows(viewer)).length).toBe(all.length);
    const rowsBeforeImport = await gridRows(viewer);

    // Export the tab as HAR with nothing redacted: the file carries the wire's bodies.
    await viewer.locator(role('button', 'Export…')).click();
    const exportDialog = await viewer.waitForSelector(role('dialog', 'Export'));
    await exportDialog!
      .$(role('radio', 'HAR 1.2 (opens in Chrome DevTools)'))
      .then((radio) => radio!.click());
    for (const box of await exportDialog!.$$(role('checkbox'))) {
      if (await box.evaluate((el) => (el as HTMLInputElement).checked)) await box.click();
    }
    await exportDialog!.$(role('button', 'Download')).then((button) => button!.click());
    await expect.poll(() => textOf(viewer, 'status', 'Export status')).toMatch(/^Saved /);
    let harName = '';
    await expect
      .poll(() => {
        harName = readdirSync(downloads).find((name) => name.endsWith('.har')) ?? '';
        return harName !== '' && !readdirSync(downloads).some((name) => name.endsWith('.part'));
      })
      .toBe(true);
    const har = JSON.parse(readFileSync(join(downloads, harName), 'utf8')) as {
      log: {
        entries: Array<{
          request: { url: string; postData?: { text?: string } };
          response: { status: number; content: { size: number; text?: string } };
        }>;
      };
    };
    expect(har.log.entries).toHaveLength(all.length);
    for (const post of all) {
      const entry = har.log.entries.find(
        (e) => queryOf(e.request.url, 'requestId') === post.query.requestId,
      );
      expect(entry?.request.postData?.text, post.path).toBe(post.body);
      expect(entry?.response.status).toBe(post.status);
      const sent = post.sent ?? '';
      expect(entry?.response.content.text ?? '', post.path).toBe(sent);
      expect(entry?.response.content.size).toBe(Buffer.byteLength(sent));
    }
    await exportDialog!.$(role('button', 'Close')).then((button) => button!.click());

    // Import the file into the viewer: the same calls, listed alike.
    const input = await viewer.waitForSelector(
      'input[type="file"][aria-label="Import a HAR or session file"]',
    );
    await input!.uploadFile(join(downloads, harName));
    const view = await viewer.waitForSelector(role('combobox', 'View'));
    await expect
      .poll(() => view!.evaluate((el) => (el as HTMLSelectElement).value))
      .toMatch(/^import-/);
    // Action, event types, datastream and status (time, duration, size and page are the file's).
    const columns = (rows: string[][]) => rows.map((cells) => cells.slice(1, 5).join(' | '));
    await expect
      .poll(async () => columns(await gridRows(viewer)))
      .toEqual(columns(rowsBeforeImport));
    expect(liveRows.length).toBe(posts.length);
  } finally {
    await browser?.close();
    rmSync(downloads, { recursive: true, force: true });
  }
});
