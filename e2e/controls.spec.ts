/**
 * The viewer's controls (pause, clear, preserve log), the popup and the action badge.
 */
import { callRows, captureStatus, expect, test } from './fixtures';

test('pause stops capture, resume restarts it, clear empties the tab, preserve-log off shows one page', async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  await page.evaluate(() => window.lab.burst(2));
  await expect(captureStatus(viewer)).toHaveText(/^2 calls/);

  await viewer.getByRole('button', { name: 'Pause' }).click();
  await expect(captureStatus(viewer)).toContainText('Paused');
  await page.evaluate(() => window.lab.burst(3));
  await viewer.getByRole('button', { name: 'Resume' }).click();
  await expect(captureStatus(viewer)).not.toContainText('Paused');
  await page.evaluate(() => window.lab.burst(1));
  await expect(captureStatus(viewer)).toHaveText(/^3 calls/);

  await viewer.getByRole('button', { name: 'Clear' }).click();
  await expect(captureStatus(viewer)).toHaveText(/^0 calls/);
  await expect(callRows(viewer)).toHaveCount(0);

  // Two pages in the tab: with preserve log, a separator per page; without it, only the latest.
  await page.evaluate(() => window.lab.burst(2));
  await page.goto(`${world.site.url}/lab.html?second`);
  await page.evaluate(() => window.lab.burst(1));
  const grid = viewer.getByRole('grid', { name: 'Edge calls' });
  await expect(captureStatus(viewer)).toHaveText(/^3 calls/);
  await expect(grid.getByRole('rowheader', { name: /^Page: .*lab\.html$/ })).toHaveCount(1);
  await expect(grid.getByRole('rowheader', { name: /^Page: .*lab\.html\?second$/ })).toHaveCount(1);
  await viewer.getByRole('checkbox', { name: 'Preserve log' }).uncheck();
  await expect(callRows(viewer)).toHaveCount(1);
  await expect(callRows(viewer).first()).toContainText('lab.html?second');
  await viewer.getByRole('checkbox', { name: 'Preserve log' }).check();
  await expect(callRows(viewer)).toHaveCount(3);
});

test('popup and badge: the count, the last calls with status, a failure colour, and "Open viewer"', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  await page.evaluate(() => window.lab.burst(2));
  const worker = await extension.worker();
  await expect
    .poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId))
    .toBe('2');
  const okColour = await worker.evaluate(
    (id) => chrome.action.getBadgeBackgroundColor({ tabId: id }),
    tabId,
  );

  await page.evaluate(() =>
    window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody('boom'), {
      query: { configId: window.lab.datastreamId, simulate: '500' },
    }),
  );
  await expect
    .poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId))
    .toBe('3');
  // The count changes when the call starts; the colour when its 500 arrives.
  await expect
    .poll(() =>
      worker.evaluate((id) => chrome.action.getBadgeBackgroundColor({ tabId: id }), tabId),
    )
    .not.toEqual(okColour);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.id}/popup/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('status', { name: 'Tab summary' })).toContainText('3 calls');
  await expect(popup.getByRole('status', { name: 'Tab summary' })).toContainText('1 failed');
  const recent = popup.getByRole('list', { name: 'Recent calls' }).getByRole('listitem');
  await expect(recent).toHaveCount(3);
  await expect(recent.first()).toContainText('500');
  await expect(recent.nth(1)).toContainText('200');

  const opened = extension.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Open viewer' }).click();
  const viewer = await opened;
  await viewer.waitForLoadState();
  expect(viewer.url()).toBe(
    `chrome-extension://${extension.id}/devtools/panel.html?tabId=${tabId}`,
  );
  await expect(captureStatus(viewer)).toHaveText(/^3 calls/);
});
