/**
 * The Web SDK's onContentRendering monitor, end to end: real alloy renders the simulator's
 * `__view__` offer on the demo shop, and the stored page visit says which proposition rendered,
 * by the id the stored interact response gave it (docs/edge-protocol.md §8).
 */
import type { Page } from '@playwright/test';
import { expect, test, type World } from './fixtures';
import { readStoreInPage, storedVisits, type StoredVisit } from './store-reader';

/** The `__view__` proposition ids in a stored response body (personalization:decisions). */
function viewPropositionIds(responseText: string | undefined): string[] {
  if (!responseText) return [];
  const body = JSON.parse(responseText) as {
    handle?: Array<{ type?: string; payload?: Array<{ id?: string; scope?: string }> }>;
  };
  return (body.handle ?? [])
    .filter((h) => h.type === 'personalization:decisions')
    .flatMap((h) => h.payload ?? [])
    .filter((p) => p.scope === '__view__' && typeof p.id === 'string')
    .map((p) => p.id as string);
}

/** The stored page view's interact call (its page id and `__view__` proposition ids). */
async function storedPageView(viewer: Page, tabId: number) {
  const stored = await viewer.evaluate(readStoreInPage);
  const call = stored.find(
    ({ call, request }) =>
      call.tabId === tabId &&
      call.endpoint.action === 'interact' &&
      request?.includes('"web.webpagedetails.pageViews"'),
  );
  return call && { pageId: call.call.pageId, ids: viewPropositionIds(call.response) };
}

function succeededIds(visit: StoredVisit | undefined): string[] {
  return (visit?.renders ?? [])
    .filter((r) => r.status === 'rendering-succeeded')
    .flatMap((r) => r.propositions.map((p) => p.id));
}

function displaysSeen(world: World): number {
  return world.simulator.received.filter((r) => r.body.includes('"decisioning.propositionDisplay"'))
    .length;
}

test("a rendered proposition is on the stored page visit, by the response's own id", async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/product.html');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok \([1-9]/);
  await expect(page.locator('.sim-offer')).toBeVisible();
  // Alloy sends the display notification after rendering: the render events were posted by then.
  await expect.poll(() => displaysSeen(world)).toBe(1);

  const viewer = await extension.openViewer(tabId);
  await expect.poll(async () => (await storedPageView(viewer, tabId))?.ids.length).toBe(1);
  const pageView = await storedPageView(viewer, tabId);
  const [propositionId] = pageView?.ids ?? [];
  expect(pageView?.pageId).toBeTruthy();

  const visitOf = async () => (await storedVisits(viewer)).find((v) => v.id === pageView?.pageId);
  await expect.poll(async () => succeededIds(await visitOf())).toEqual([propositionId]);
  const visit = await visitOf();
  expect(visit?.tabId).toBe(tabId);
  expect(visit?.url).toContain('/product.html');
  // Only ids and scopes leave the page: none of the offer's HTML.
  expect(JSON.stringify(visit?.renders)).not.toContain('sim-offer');
  const succeeded = visit?.renders?.find((r) => r.status === 'rendering-succeeded');
  expect(succeeded?.propositions).toEqual([{ id: propositionId, scope: '__view__' }]);
});

test('?display=0: alloy renders and the page records it, but sends no display notification', async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/?display=0');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok \([1-9]/);
  await expect(page.locator('.sim-offer')).toBeVisible();

  const viewer = await extension.openViewer(tabId);
  await expect.poll(async () => (await storedPageView(viewer, tabId))?.ids.length).toBe(1);
  const pageView = await storedPageView(viewer, tabId);
  const visitOf = async () => (await storedVisits(viewer)).find((v) => v.id === pageView?.pageId);
  await expect.poll(async () => succeededIds(await visitOf())).toEqual(pageView?.ids);
  // A later event, sent after the render: had a display notification been sent, it came first.
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-status')).toHaveText('ok');
  expect(displaysSeen(world)).toBe(0);
});

test('?consent=pending: alloy holds the page view until consent is given', async ({
  extension,
  world,
}) => {
  const { page } = await extension.openPage('/?consent=pending');
  const edge = () => world.simulator.received.filter((r) => r.path.startsWith('/ee/'));
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  const paths = edge().map((r) => r.path.replace(/\?.*$/, '').replace(/^.*\//, ''));
  // The page view was queued at load; it only went once set-consent had.
  expect(paths.indexOf('set-consent')).toBeGreaterThanOrEqual(0);
  expect(paths.indexOf('interact')).toBeGreaterThan(paths.indexOf('set-consent'));
});
