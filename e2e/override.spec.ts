/**
 * The datastream override with the real Web SDK on the demo shop: turned on for one tab from the
 * viewer, that tab's calls reach the Edge with the new datastream id and another tab's keep the
 * original; the banner shows in the viewer and the popup; the stored call is marked; the override
 * survives a worker stop exactly once (no duplicate session rules) and turning it off still works.
 */
import type { Page } from '@playwright/test';
import { callRows, expect, test, type World } from './fixtures';
import { datastreamId as ORIGINAL } from './world/demo-site.mjs';
import { watchWorker } from './worker-stops';

const NEW = '0b1e2c3d-aaaa-4bbb-8ccc-111122223333';

/** The datastream ids of the add-to-cart events the simulator got, in arrival order. */
function cartSends(world: World): string[] {
  return world.simulator.received
    .filter(
      (r) => r.method === 'POST' && r.path.startsWith('/ee/') && r.body.includes('productListAdds'),
    )
    .map((r) => r.query.configId ?? r.query.datastreamId ?? r.query.dataStreamId ?? '');
}

async function addToCart(page: Page): Promise<void> {
  await page.locator('#cart-status').evaluate((el) => (el.textContent = 'idle'));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-status')).toHaveText('ok');
}

/** The toolbar badge text of a tab, read from an extension page. */
function badge(viewer: Page, tabId: number) {
  return viewer.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The extension's session rules, read from an extension page. */
function sessionRules(viewer: Page) {
  return viewer.evaluate(async () =>
    (await chrome.declarativeNetRequest.getSessionRules()).map((r) => ({
      id: r.id,
      tabIds: r.condition.tabIds,
    })),
  );
}

test('override one tab’s datastream from the viewer, across a worker stop, then off', async ({
  extension,
  world,
}) => {
  const a = await extension.openPage('/');
  const b = await extension.openPage('/product.html');
  await expect(a.page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect(b.page.locator('#pageview-status')).toHaveText(/^ok/);

  const viewer = await extension.openViewer(a.tabId);
  // While off the live region is empty (and not shown), so it is found hidden too.
  const banner = viewer.getByRole('status', { name: 'Tab override', includeHidden: true });
  await expect(callRows(viewer).first()).toBeVisible();
  await viewer.getByRole('button', { name: 'Override datastream…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Override datastream for this tab' });
  await expect(dialog).toBeVisible();
  // A wrong id is refused with its reason, and nothing is applied.
  await dialog.getByLabel('Datastream id').fill('not an id');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog.getByRole('alert')).toContainText('datastream id may only');
  expect(await sessionRules(viewer)).toEqual([]);
  await dialog.getByLabel('Datastream id').fill(NEW);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(banner).toHaveText(
    'Override on for this tab: datastream 8d4c1f52… → 0b1e2c3d… Turn off',
  );
  const rules = await sessionRules(viewer);
  expect(rules).toHaveLength(3);
  for (const rule of rules) expect(rule.tabIds).toEqual([a.tabId]);
  // The badge of tab A says so; tab B's still counts its calls.
  await expect.poll(() => badge(viewer, a.tabId)).toBe('OVR');
  expect(await badge(viewer, b.tabId)).toMatch(/^\d+$/);

  // Tab A goes to the new datastream, tab B keeps the original.
  await addToCart(a.page);
  await addToCart(b.page);
  await expect.poll(() => cartSends(world)).toEqual([NEW, ORIGINAL]);

  // The stored call is marked with the datastream the page sent it with.
  const marked = callRows(viewer).filter({ hasText: `${ORIGINAL} → ${NEW} (override)` });
  await expect(marked).toHaveCount(1);
  await marked.click();
  await expect(viewer.locator('.detail-summary')).toContainText(
    `overridden: sent to datastream ${NEW} instead of ${ORIGINAL}`,
  );

  // The popup of tab A says so too.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.id}/popup/popup.html?tabId=${a.tabId}`);
  await expect(popup.getByRole('status', { name: 'Tab override' })).toContainText(
    'Override on for this tab',
  );
  await popup.close();

  // A worker stop: the override stays on, exactly once.
  const watch = await watchWorker(extension.context, extension.id);
  // The watch learns the running version from its first event: poll until a stop hits it.
  await expect.poll(() => watch.stop()).toBe(true);
  const startsBefore = watch.starts;
  await addToCart(a.page);
  await expect.poll(() => cartSends(world)).toEqual([NEW, ORIGINAL, NEW]);
  await expect.poll(() => watch.starts).toBeGreaterThan(startsBefore);
  // The new worker has restored (and re-applied) the tab's rules: still three, all tab A's.
  await expect
    .poll(async () => (await sessionRules(viewer)).map((r) => r.tabIds?.join()))
    .toEqual([String(a.tabId), String(a.tabId), String(a.tabId)]);
  await expect(banner).toContainText('Override on for this tab');
  expect(await badge(viewer, a.tabId)).toBe('OVR');
  await watch.close();

  // Off from the banner: the rules go at once, and the next call goes to the original.
  await banner.getByRole('button', { name: 'Turn off' }).click();
  await expect(banner).toHaveText('');
  expect(await sessionRules(viewer)).toEqual([]);
  await expect.poll(() => badge(viewer, a.tabId)).toMatch(/^\d+$/);
  await addToCart(a.page);
  await expect.poll(() => cartSends(world)).toEqual([NEW, ORIGINAL, NEW, ORIGINAL]);
  await expect(viewer.getByRole('button', { name: 'Override datastream…' })).toBeVisible();
});

/** Loads a script from `src` in the page; resolves whether it loaded or not. */
function loadScript(page: Page, src: string) {
  return page.evaluate(
    (url) =>
      new Promise<void>((resolve) => {
        const script = document.createElement('script');
        script.src = url;
        script.onload = script.onerror = () => resolve();
        document.head.append(script);
      }),
    src,
  );
}

test('edge domain and Tags library for one tab; closing the tab removes the override', async ({
  extension,
  world,
}) => {
  const a = await extension.openPage('/');
  const b = await extension.openPage('/lab.html');
  await expect(a.page.locator('#pageview-status')).toHaveText(/^ok/);
  const viewer = await extension.openViewer(a.tabId);
  await viewer.getByRole('button', { name: 'Override datastream…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Override datastream for this tab' });
  await dialog.getByLabel('Datastream id').fill(NEW);
  await dialog.getByLabel('Edge domain (optional)').fill('data.demo-shop.test');
  await dialog.getByLabel('Tags library').selectOption('staging');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(viewer.getByRole('status', { name: 'Tab override' })).toContainText(
    'edge domain → data.demo-shop.test, Tags library → staging',
  );
  expect(await sessionRules(viewer)).toHaveLength(4);

  // The Edge call goes to the other domain with the new datastream.
  await addToCart(a.page);
  const cart = world.simulator.received.find(
    (r) => r.method === 'POST' && r.body.includes('productListAdds'),
  );
  expect(cart?.headers.host).toBe('data.demo-shop.test');
  expect(cart?.query.configId).toBe(NEW);

  // Tab A's production Tags library comes from the staging build; tab B's stays production.
  const library = 'https://assets.adobedtm.com/abc123/def456/launch-ENfa11ed.min.js';
  await loadScript(a.page, library);
  await loadScript(b.page, library);
  const scripts = () =>
    world.simulator.received.filter((r) => r.path.includes('/launch-')).map((r) => r.path);
  await expect
    .poll(scripts)
    .toEqual([
      '/abc123/def456/launch-ENfa11ed-staging.min.js',
      '/abc123/def456/launch-ENfa11ed.min.js',
    ]);

  await a.page.close();
  await expect.poll(() => sessionRules(viewer)).toEqual([]);
  await expect(
    viewer.getByRole('status', { name: 'Tab override', includeHidden: true }),
  ).toHaveText('');
});

test('a page cannot turn an override on: the worker refuses its content script', async ({
  extension,
}) => {
  const a = await extension.openPage('/lab.html');
  // The extension's isolated world in the page (the relay's), found over CDP.
  const cdp = await extension.context.newCDPSession(a.page);
  const contexts: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === `chrome-extension://${extension.id}`) contexts.push(context.id);
  });
  await cdp.send('Runtime.enable');
  expect(contexts.length).toBeGreaterThan(0);
  const { result } = await cdp.send('Runtime.evaluate', {
    contextId: contexts[0],
    awaitPromise: true,
    returnByValue: true,
    expression: `chrome.runtime.sendMessage({ type: 'set-override', payload: { tabId: ${a.tabId}, datastreamId: '${NEW}' } }).then((reply) => reply ?? null, (e) => String(e))`,
  });
  expect(result.value === null || typeof result.value === 'string').toBe(true);
  await cdp.detach();
  const viewer = await extension.openViewer(a.tabId);
  expect(await sessionRules(viewer)).toEqual([]);
  await expect(
    viewer.getByRole('status', { name: 'Tab override', includeHidden: true }),
  ).toHaveText('');
});
