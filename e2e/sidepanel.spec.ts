/**
 * The side panel as a marketer meets it: the toolbar's popup opens it ("Open side panel", a real
 * click, so `chrome.sidePanel.open` runs inside a user gesture), and while the tab goes from page
 * to page of the demo shop (real @adobe/alloy) it lists the events in plain words under each page.
 * No label is cut off, in the popup or in the side panel at its default width. Runs on the
 * puppeteer harness (e2e/devtools.ts): Playwright does not show an action popup or a side panel.
 */
import type { Frame, Page } from 'puppeteer-core';
import { expect, role, test, textOf } from './devtools';

/**
 * Every visible element that shows a label or a line of text, found from the product's roles
 * (the list items and headings, the buttons, the visitor's terms), with what would cut it: more
 * content than width, or a text-overflow other than `clip`.
 */
async function cutLabels(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const labels = document.querySelectorAll<HTMLElement>(
      [
        '[role="listitem"]',
        'li',
        'li > span',
        'h1',
        'h2',
        'h3',
        'button',
        'dt',
        'dd',
        'p',
        '[role="status"]',
        '[role="log"]',
      ].join(','),
    );
    const cut: string[] = [];
    let seen = 0;
    for (const el of labels) {
      if (el.closest('.visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      seen += 1;
      const style = getComputedStyle(el);
      const text = (el.textContent ?? '').trim().slice(0, 60);
      if (el.scrollWidth > el.clientWidth)
        cut.push(`${el.tagName} "${text}": scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
      else if (style.textOverflow !== 'clip' && style.overflowX !== 'visible')
        cut.push(`${el.tagName} "${text}": text-overflow ${style.textOverflow}`);
      // The page itself must not scroll sideways either.
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
      cut.push(
        `page: scrollWidth ${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth}`,
      );
    if (seen === 0) cut.push('no label found to measure');
    return cut;
  });
}

/** The event lines the side panel lists, page by page: `{ page: lines }` in order. */
async function eventsByPage(panel: Frame): Promise<Array<[string, string[]]>> {
  return panel.evaluate(() =>
    [...document.querySelectorAll('[role="log"] section')].map((section) => [
      section.querySelector('h3')?.textContent ?? '',
      [...section.querySelectorAll('li .sp-event-text')].map((li) => li.textContent ?? ''),
    ]),
  ) as Promise<Array<[string, string[]]>>;
}

async function shopPage(page: Page, path: string): Promise<void> {
  await page.goto(new URL(path, page.url()).href);
  await page.waitForFunction(() =>
    document.getElementById('pageview-status')?.textContent?.startsWith('ok'),
  );
}

test('the popup opens the side panel, which follows the tab through the shop in plain words, nothing cut off', async ({
  inspector,
}) => {
  const page = await inspector.openPage('/');
  await page.waitForFunction(() =>
    document.getElementById('pageview-status')?.textContent?.startsWith('ok'),
  );
  await page.bringToFront();

  const workerTarget = await inspector.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().includes(inspector.id),
  );
  const worker = await workerTarget.worker();
  await worker!.evaluate(() => chrome.action.openPopup());
  const popupTarget = await inspector.browser.waitForTarget((t) =>
    t.url().includes(`${inspector.id}/popup/popup.html`),
  );
  const popup = (await popupTarget.asPage()).mainFrame();
  await expect.poll(() => textOf(popup, role('list', 'Recent calls'))).toContain('Page view: home');
  expect(await cutLabels(popup)).toEqual([]);

  // A real click: the browser's user gesture reaches chrome.sidePanel.open.
  await (await popup.waitForSelector(role('button', 'Open side panel')))!.click();
  const panelTarget = await inspector.browser.waitForTarget(
    (t) => t.url().includes(`${inspector.id}/sidepanel/index.html`),
    { timeout: 10_000 },
  );
  const panelPage = await panelTarget.asPage();
  const panel = panelPage.mainFrame();
  await panel.waitForSelector(role('log', 'Events by page'));
  // The page view, the decision it brought, and alloy's display notification for it, named by
  // the activity the decision carried.
  const home = ['Page view: home', 'Personalization: 1 offer', 'Offer shown: Sim hero test'];
  await expect.poll(() => eventsByPage(panel)).toEqual([['Demo Shop – Home', home]]);

  // Through the shop: the panel follows the tab's navigation, newest page last.
  await shopPage(page, '/product.html');
  await shopPage(page, '/checkout.html');
  await expect
    .poll(async () => {
      const groups = await eventsByPage(panel);
      return groups.map(([title, lines]) => [title, lines.filter((l) => !l.includes('exit:'))]);
    })
    .toEqual([
      ['Demo Shop – Home', home],
      ['Demo Shop – Trail Shoes', expect.arrayContaining(['Page view: product: trail shoes'])],
      ['Demo Shop – Checkout', ['Page view: checkout', ...home.slice(1)]],
    ]);
  const summary = await textOf(panel, role('status', 'Tab summary'));
  expect(summary).toMatch(/\d+ calls/);
  expect(await textOf(panel, role('heading', 'Visitor'))).toBe('Visitor');
  expect(await panel.$(role('button', 'Pause capture'))).not.toBeNull();
  expect(await panel.$(role('button', 'Export HAR'))).not.toBeNull();

  // Its default width, as the browser laid it out, in the report.
  const width = await panel.evaluate(() => document.documentElement.clientWidth);
  test.info().annotations.push({ type: 'side panel width', description: `${width}px` });
  expect(width).toBeGreaterThan(0);
  expect(await cutLabels(panel)).toEqual([]);

  // Another tab activated in the window: the panel follows it, and comes back with the shop.
  const lab = await inspector.openPage('/lab.html');
  await lab.evaluate(() => window.lab.burst(2));
  await lab.bringToFront();
  await expect
    .poll(async () => (await eventsByPage(panel)).map(([title, lines]) => [title, lines.length]))
    .toEqual([['Demo Shop – Lab', 2]]);
  await expect.poll(() => textOf(panel, role('status', 'Tab summary'))).toContain('2 calls');
  await page.bringToFront();
  await expect
    .poll(async () => (await eventsByPage(panel)).map(([title]) => title))
    .toEqual(['Demo Shop – Home', 'Demo Shop – Trail Shoes', 'Demo Shop – Checkout']);
});
