/**
 * The Web SDK's own side, end to end: real alloy (the current release, and 2.19 from npm) on the
 * demo shop reports its instance, configuration, commands and log lines through its monitors, and
 * the stored page visit keeps them; the Adobe Client Data Layer's pushes are kept too, while the
 * page's own listener still hears every one (docs/edge-protocol.md §8).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  readStoreInPage,
  storedVisits,
  type StoredSdkEvent,
  type StoredVisit,
} from './store-reader';

interface DemoConfig {
  datastreamId: string;
  orgId: string;
}

/** The stored visit of this tab whose URL contains `path`. */
async function visitOf(viewer: Page, tabId: number, path: string) {
  const visits = await storedVisits(viewer);
  return visits.find((v) => v.tabId === tabId && v.url.includes(path));
}

function commands(visit: StoredVisit | undefined, name: string, phase: string) {
  return (visit?.sdk ?? []).filter(
    (e) => e.kind === 'command' && e.command?.name === name && e.command.phase === phase,
  );
}

const ofKind = (visit: StoredVisit | undefined, kind: string): StoredSdkEvent[] =>
  (visit?.sdk ?? []).filter((e) => e.kind === kind);

test("the shop's page keeps alloy's instance, configuration, commands and a rejected command", async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/product.html');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('button', { name: 'Bad command' }).click();
  await expect(page.locator('#bad-status')).toHaveText(/^error: /);
  const pageError = ((await page.locator('#bad-status').textContent()) ?? '').slice(7);
  // What the demo configured alloy with, as the page got it.
  const config = await page.evaluate(
    () => (window as unknown as { demoConfig: DemoConfig }).demoConfig,
  );

  const viewer = await extension.openViewer(tabId);
  await expect
    .poll(async () =>
      commands(await visitOf(viewer, tabId, '/product.html'), 'sendEvent', 'rejected'),
    )
    .toHaveLength(1);
  const visit = await visitOf(viewer, tabId, '/product.html');

  expect(ofKind(visit, 'instance')).toEqual([
    expect.objectContaining({ kind: 'instance', instance: 'alloy' }),
  ]);
  const [configured] = ofKind(visit, 'configured');
  expect(configured?.instance).toBe('alloy');
  expect(configured?.config).toContain(`"datastreamId":"${config.datastreamId}"`);
  expect(configured?.config).toContain(`"orgId":"${config.orgId}"`);
  // Functions in the configuration are shown as such, never called.
  expect(configured?.config).toContain('"function"');

  const [before] = commands(visit, 'sendEvent', 'before');
  expect(before?.command?.options).toContain('web.webpagedetails.pageViews');
  expect(commands(visit, 'sendEvent', 'resolved').length).toBeGreaterThanOrEqual(1);
  const [rejected] = commands(visit, 'sendEvent', 'rejected');
  expect(rejected?.command?.error).toBe(pageError);
  expect(rejected?.command?.error).toContain('xdm');
  // The rejected command's options were reported before it was rejected.
  expect(
    commands(visit, 'sendEvent', 'before').some((e) =>
      e.command?.options?.includes('not an object'),
    ),
  ).toBe(true);
  // Alloy tells its monitors its log lines whether or not debugging is on.
  expect(ofKind(visit, 'log').some((e) => e.log?.text.includes('Executing sendEvent'))).toBe(true);
});

test('?debug=1: the log lines, with their level, component and arguments as text', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/?debug=1');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  const viewer = await extension.openViewer(tabId);
  await expect
    .poll(async () => ofKind(await visitOf(viewer, tabId, '?debug=1'), 'log').length)
    .toBeGreaterThan(3);
  const logs = ofKind(await visitOf(viewer, tabId, '?debug=1'), 'log');
  const configured = logs.find((e) => e.log?.text.startsWith('Instance configured.'));
  expect(configured?.log?.level).toBe('info');
  // The configuration argument, as JSON text after the message.
  expect(configured?.log?.text).toContain('"debugEnabled":true');
  expect(logs.some((e) => e.log?.component !== undefined)).toBe(true);
  expect(logs.every((e) => e.instance === 'alloy' || e.log?.component === 'inspector')).toBe(true);
});

test('?alloy=2.19: an older release reports its instance, configuration and commands', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/?alloy=2.19');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('button', { name: 'Bad command' }).click();
  await expect(page.locator('#bad-status')).toHaveText(/^error: /);
  const config = await page.evaluate(
    () => (window as unknown as { demoConfig: DemoConfig }).demoConfig,
  );
  const viewer = await extension.openViewer(tabId);
  await expect
    .poll(async () =>
      commands(await visitOf(viewer, tabId, '?alloy=2.19'), 'sendEvent', 'rejected'),
    )
    .toHaveLength(1);
  // The page really ran 2.19: the SDK names its version in every event it sends.
  const stored = await viewer.evaluate(readStoreInPage);
  expect(stored.some((c) => c.call.tabId === tabId && c.request?.includes('"2.19.2"'))).toBe(true);

  const visit = await visitOf(viewer, tabId, '?alloy=2.19');
  expect(ofKind(visit, 'instance')).toEqual([
    expect.objectContaining({ kind: 'instance', instance: 'alloy' }),
  ]);
  expect(ofKind(visit, 'configured')[0]?.config).toContain(`"${config.datastreamId}"`);
  expect(commands(visit, 'sendEvent', 'before').length).toBeGreaterThanOrEqual(2);
  expect(commands(visit, 'sendEvent', 'resolved').length).toBeGreaterThanOrEqual(1);
  expect(commands(visit, 'sendEvent', 'rejected')[0]?.command?.error).toContain('xdm');
  expect(ofKind(visit, 'log').length).toBeGreaterThan(0);
});

test("the data layer's pushes are kept, and the page's own listener still hears every one", async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/datalayer.html');
  await expect(page.locator('#dl-events')).toHaveText('page-loaded');
  // The hook joins the data layer at load at the latest.
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.getByRole('button', { name: 'Push event' }).click();
  await page.getByRole('button', { name: 'Push data' }).click();
  await page.getByRole('button', { name: 'Push event' }).click();
  await expect(page.locator('#dl-events')).toHaveText('page-loaded,cart-add,cart-add');
  await expect(page.locator('#dl-changes')).toHaveText('2');

  const viewer = await extension.openViewer(tabId);
  const pushes = async () => ofKind(await visitOf(viewer, tabId, '/datalayer.html'), 'datalayer');
  await expect.poll(async () => (await pushes()).length).toBe(5);
  const stored = await pushes();
  expect(stored.map((e) => e.datalayer?.event).filter(Boolean)).toEqual([
    'page-loaded',
    'cart-add',
    'cart-add',
  ]);
  const data = stored.filter((e) => e.datalayer?.event === undefined).map((e) => e.datalayer?.data);
  expect(data).toEqual([
    '{"page":{"name":"data layer","type":"demo"}}',
    '{"cart":{"items":2,"total":178}}',
  ]);
  expect(stored.find((e) => e.datalayer?.event === 'cart-add')?.datalayer?.data).toContain(
    '"sku":"trail-shoes-42"',
  );
  // What the page's own listener heard, in full.
  expect(
    await page.evaluate(() => (window as unknown as { demo: { heard: unknown } }).demo.heard),
  ).toEqual({ events: ['page-loaded', 'cart-add', 'cart-add'], changes: 2 });
});
