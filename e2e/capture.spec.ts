/**
 * Capture with the real Web SDK on the demo shop: every call reaches the viewer with both bodies,
 * the unload beacon's Blob body included, and v1/collect's 204 shows as such.
 */
import { callRows, expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Paths of the Edge calls the simulator answered, in arrival order. */
async function edgeCallsSeen(world: {
  simulator: { received: Array<{ path: string }> };
}): Promise<string[]> {
  return world.simulator.received.map((r) => r.path).filter((p) => p.startsWith('/ee/'));
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
  world.simulator.received.length = 0;
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
  await expect
    .poll(async () => (await edgeCallsSeen(world)).some((p) => p.endsWith('/v1/collect')))
    .toBe(true);

  const tabId = await extension.tabIdOf(page);
  const viewer = await extension.openViewer(tabId);
  const expected = await edgeCallsSeen(world);
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
