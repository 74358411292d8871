/**
 * Capture with the real Web SDK on the demo shop: every call reaches the viewer with both bodies,
 * the unload beacon's Blob body included, and v1/collect's 204 shows as such.
 */
import { callRows, expect, test, type World } from './fixtures';
import type { Page } from '@playwright/test';

/** The Edge calls the simulator got in this test, in arrival order. */
function edgeCallsSeen(world: World) {
  return world.simulator.received.filter((r) => r.path.startsWith('/ee/'));
}

async function openDetail(viewer: Page, rowIndex: number, tab: 'Request' | 'Response') {
  await callRows(viewer).nth(rowIndex).click();
  await viewer.getByRole('tab', { name: tab }).click();
  return viewer.getByRole('tabpanel');
}

test('real alloy: every call is in the viewer with both bodies, the unload beacon included', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  // No automatic page view on the first page, so getIdentity must call identity/acquire.
  await page.goto(`${world.site.url}/?pageview=0`);
  await page.getByRole('button', { name: 'Get identity' }).click();
  await expect(page.locator('#ecid')).toHaveText(/^\d{38}$/);
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-status')).toHaveText('ok');
  // A same-site link: the demo sends its exit event with documentUnloading → sendBeacon → collect.
  await page.getByRole('link', { name: 'Product' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  // The session is over once the exit beacon and the product page's display notification (alloy
  // renders the simulator's offer after the page view) have arrived.
  const count = (match: (r: World['simulator']['received'][number]) => boolean) =>
    edgeCallsSeen(world).filter(match).length;
  await expect
    .poll(() => [
      count((r) => r.path.endsWith('/v1/collect')),
      count((r) => r.body.includes('"web.webpagedetails.pageViews"')),
      count((r) => r.body.includes('"decisioning.propositionDisplay"')),
    ])
    .toEqual([1, 1, 1]);

  const tabId = await extension.tabIdOf(page);
  const viewer = await extension.openViewer(tabId);
  const expected = edgeCallsSeen(world);
  await expect(callRows(viewer)).toHaveCount(expected.length);

  const rows = callRows(viewer);
  const actions = await rows.evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  for (const action of ['interact', 'collect', 'set-consent', 'acquire']) {
    expect(
      actions.some((text) => text.includes(action)),
      `a row for ${action}`,
    ).toBe(true);
  }

  for (let i = 0; i < expected.length; i++) {
    const request = await openDetail(viewer, i, 'Request');
    // Every request body was captured (the Blob beacon's too) and shown as JSON.
    await expect(request).toContainText(/"(events|consent|query)"/);
    await expect(request).not.toContainText('not captured', { ignoreCase: true });
    const response = await openDetail(viewer, i, 'Response');
    const rowText = (await rows.nth(i).textContent()) ?? '';
    if (rowText.includes('collect')) {
      expect(rowText).toContain('204');
      await expect(response).toContainText(/empty/i);
    } else {
      await expect(response).toContainText('"handle"');
    }
  }
  const collect = rows.filter({ hasText: 'collect' });
  await expect(collect).toHaveCount(1);
  await expect(collect.first()).toContainText('204');
  await collect.first().click();
  await viewer.getByRole('tab', { name: 'Request' }).click();
  await expect(viewer.getByRole('tabpanel')).toContainText('exit: link');
  await viewer.getByRole('tab', { name: 'Sources' }).click();
  await expect(viewer.getByRole('tabpanel')).toContainText('page-hook');
  await expect(viewer.getByRole('tabpanel')).toContainText('webRequest');
});
