/**
 * The decoded detail view against the simulator in real Chromium: what a person reads for a
 * personalization response, a consent call, an identity call, a 207 with errors and warnings and
 * a 400 problem body. Elements are found by role and name; the checks are on visible text.
 */
import type { Locator, Page } from '@playwright/test';
import { callRows, expect, test } from './fixtures';
import { storedResponseText } from './store-reader';

/** Selects the first call row with `rowText` and opens a detail tab; returns the tab panel. */
async function openTab(viewer: Page, rowText: string | RegExp, tab: string): Promise<Locator> {
  await callRows(viewer).filter({ hasText: rowText }).first().click();
  await viewer.getByRole('tab', { name: tab, exact: true }).click();
  const panel = viewer.getByRole('tabpanel');
  await expect(panel).toBeVisible();
  return panel;
}

const visible = (scope: Locator, text: string | RegExp) =>
  expect(scope.getByText(text).first()).toBeVisible();

test('personalization: the __view__ proposition, its decision provider, the setHtml dom-action and its selector', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok \([1-9]\d* propositions?\)$/);
  const viewer = await extension.openViewer(await extension.tabIdOf(page));

  const pageView = callRows(viewer).filter({ hasText: 'web.webpagedetails.pageViews' }).first();
  await expect(pageView).toContainText('personalization:decisions');
  const panel = await openTab(viewer, 'web.webpagedetails.pageViews', 'Response');
  const event = panel.getByRole('group', { name: 'Event 0 · web.webpagedetails.pageViews' });
  await expect(event).toBeVisible();
  const proposition = event.getByRole('group', { name: 'Proposition 0 · __view__' });
  await visible(proposition, 'the whole page (__view__)');
  await visible(proposition, 'Adobe Target (TGT)');
  await visible(proposition, 'Sim hero test (id 100001)');
  const item = proposition.getByRole('group', { name: 'Item 0 · dom-action' });
  await visible(item, 'setHtml on #target-container');
  await visible(item, 'setHtml');
  await visible(item, /^#target-container$/);
  // The offer's HTML is shown as its source text, never rendered.
  await visible(item, '<strong class="sim-offer">Simulated offer: 10% off today</strong>');
  await expect(panel.locator('strong.sim-offer')).toHaveCount(0);

  const request = await openTab(viewer, 'web.webpagedetails.pageViews', 'Request');
  await visible(request.getByRole('group', { name: /^Event 0 · / }), /__view__/);
});

test('a consent call and an identity call: consent in, the consent cookie, the ECID the page got', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/?pageview=0`);
  await page.getByRole('button', { name: 'Get identity' }).click();
  await expect(page.locator('#ecid')).toHaveText(/^\d{38}$/);
  const ecid = (await page.locator('#ecid').textContent()) ?? '';
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  const viewer = await extension.openViewer(await extension.tabIdOf(page));

  // Identity: identity:result names the ECID the page read from getIdentity.
  let panel = await openTab(viewer, 'acquire', 'Response');
  const result = panel.getByRole('group', { name: /^Handle \d+ · identity:result$/ });
  await expect(result.getByRole('cell', { name: ecid, exact: true })).toBeVisible();
  await visible(panel.getByRole('group', { name: /^Handle \d+ · state:store$/ }), `ECID ${ecid}`);
  panel = await openTab(viewer, 'acquire', 'identityMap');
  await visible(panel.getByRole('region', { name: 'ECID' }), ecid);

  // Consent: what was sent, what Edge answered, and the consent cookie it asks to store.
  panel = await openTab(viewer, 'set-consent', 'Request');
  const consent = panel.getByRole('group', { name: 'Consent 0 · Adobe 1.0' });
  await expect(consent.getByRole('rowheader', { name: 'general' })).toBeVisible();
  await expect(consent.getByRole('cell', { name: 'in', exact: true })).toBeVisible();
  await visible(consent, 'opted in: collection allowed');

  panel = await openTab(viewer, 'set-consent', 'Response');
  await visible(
    panel.getByRole('group', { name: /^Handle \d+ · consent:preferences$/ }),
    'collect = y (yes)',
  );
  const cookie = panel
    .getByRole('group', { name: /^Handle \d+ · state:store$/ })
    .getByRole('row')
    .filter({ has: viewer.getByRole('rowheader', { name: /_AdobeOrg_consent$/ }) });
  await visible(cookie, /^Stored consent/);
  await visible(cookie, 'Consent: general=in');
  await visible(cookie, '180 days');
});

test('a 207 with errors and warnings and a 400 problem body are explained', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  const statuses = await page.evaluate(async () => {
    const lab = window.lab;
    const query = (requestId: string, simulate?: string) => ({
      configId: lab.datastreamId,
      requestId,
      simulate,
    });
    const partial = await lab.fetchEdge('/ee/v1/interact', lab.interactBody('partial'), {
      query: query('decode-207', '207'),
    });
    const bad = await lab.fetchEdge('/ee/v1/interact', '{"events": [', {
      query: query('decode-400'),
    });
    return [partial.status, bad.status];
  });
  expect(statuses).toEqual([207, 400]);

  // The list counts them; the details explain them.
  await expect(callRows(viewer).filter({ hasText: '207 · 1 error · 1 warning' })).toHaveCount(1);
  let panel = await openTab(viewer, '207 · 1 error', 'Response');
  await visible(panel, '207 Partial success');
  const errors = panel.getByRole('region', { name: 'Errors and warnings (1 error, 1 warning)' });
  const error = errors.getByRole('group', {
    name: 'Error · EXEG-0201-503 · Upstream unavailable',
  });
  await visible(error, 'com.adobe.audiencemanager is unavailable.');
  await visible(error, 'A downstream service was unavailable.');
  await visible(error, /^Which service the title or detail names/);
  const warning = errors.getByRole('group', {
    name: 'Warning · EXEG-0204-200 · Completed with warnings',
  });
  await visible(warning, 'The request was processed, but a service reported warnings.');
  await visible(warning, 'One upstream returned a warning.');

  await expect(callRows(viewer).filter({ hasText: '400 · 1 error' })).toHaveCount(1);
  panel = await openTab(viewer, '400 · 1 error', 'Response');
  const fatal = panel.getByRole('group', {
    name: 'Fatal error · EXEG-0101-400 · Invalid request',
  });
  await expect(fatal).toBeVisible();
  // The detail and the plain cause say the same here: both are shown.
  await expect(fatal.getByText('The request body is not valid JSON.', { exact: true })).toHaveCount(
    2,
  );
  await visible(fatal, 'Whatever builds the body: a proxy, a custom fetch, or hand-written JSON.');
  await expect(fatal.getByRole('list', { name: 'report.errors' })).toBeVisible();
  await visible(panel, 'alloy rejects the command: status 400 is not 2xx.');

  // Raw: the body exactly as the page sent it.
  panel = await openTab(viewer, '400 · 1 error', 'Raw');
  await expect(panel.getByLabel('Request body text')).toHaveText('{"events": [');
});

test('the XDM tree: searchable, keyboard operable, copies a dotted path, and 200 levels deep stay usable', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  await page.evaluate(async () => {
    const lab = window.lab;
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = { level: deep };
    const xdm = { eventType: 'tree.test', web: { webPageDetails: { name: 'tree page' } }, deep };
    await lab.fetchEdge('/ee/v1/interact', JSON.stringify({ events: [{ xdm }] }), {
      query: { configId: lab.datastreamId, requestId: 'decode-tree' },
    });
  });

  const panel = await openTab(viewer, 'tree.test', 'XDM');
  const tree = panel.getByRole('tree', { name: 'XDM of event 0' });
  const name = tree.getByRole('treeitem', { name: '"name": "tree page"' });
  await name.click();
  await panel.getByRole('button', { name: 'Copy path' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(
    'Copied path events[0].xdm.web.webPageDetails.name',
  );

  // Left goes to the parent, Left again closes it; Right opens it again.
  await name.press('ArrowLeft');
  const details = tree.getByRole('treeitem', { name: /^"webPageDetails"/ });
  await expect(details).toBeFocused();
  await details.press('ArrowLeft');
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(name).toHaveCount(0);
  await details.press('ArrowRight');
  await expect(name).toBeVisible();

  // A search opens the 200 levels down to the match.
  const search = panel.getByRole('searchbox', { name: 'Search JSON' });
  await search.fill('bottom');
  await search.press('Enter');
  const bottom = tree.getByRole('treeitem', { name: '"level": "bottom"' });
  await expect(bottom).toBeVisible();
  await expect(bottom).toHaveAttribute('aria-level', '202');
  await expect(panel.getByRole('status').filter({ hasText: 'match' })).toHaveText('1 of 1 match');
});

test('a tree keeps what the user opened and closed when the call updates under it', async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  // The simulator holds the answer until the test releases it: the call's record changes (its
  // response arrives) while the user is already working in its XDM tree.
  await page.evaluate(() => {
    const lab = window.lab;
    const xdm = { eventType: 'keep.state', web: { webPageDetails: { name: 'kept page' } } };
    void lab.fetchEdge('/ee/v1/interact', JSON.stringify({ events: [{ xdm }] }), {
      query: { configId: lab.datastreamId, requestId: 'keep-state', simulate: 'hold' },
    });
  });
  const panel = await openTab(viewer, 'keep.state', 'XDM');
  const tree = panel.getByRole('tree', { name: 'XDM of event 0' });
  const details = tree.getByRole('treeitem', { name: /^"webPageDetails"/ });
  await details.click();
  await details.press('ArrowLeft');
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  expect(await storedResponseText(viewer, 'keep-state')).toBeUndefined();
  const row = callRows(viewer).filter({ hasText: 'keep.state' });
  await expect(row).not.toContainText('200');

  // The response arrives, is stored and shown in the list, and the closed node stays closed.
  await expect.poll(() => world.simulator.release('keep-state')).toBe(true);
  await expect.poll(() => storedResponseText(viewer, 'keep-state')).toBeTruthy();
  await expect(row).toContainText('200');
  await expect(details).toHaveAttribute('aria-expanded', 'false');
  await expect(details).toBeFocused();
});
