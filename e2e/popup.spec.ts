/**
 * The popup as the toolbar opens it: no `?tabId`, so it must find the active tab itself, and its
 * Export HAR button saves that tab's calls. Playwright does not show an action popup, so this runs
 * on the puppeteer harness (e2e/devtools.ts), where the popup is a target of its own.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, role, test, textOf } from './devtools';

test('the popup opened from the toolbar speaks for the active tab, and its Export HAR saves its calls', async ({
  inspector,
  world,
}) => {
  // A background tab with traffic of its own, then the active tab with three calls.
  const other = await inspector.openPage('/lab.html?other');
  await other.evaluate(() => window.lab.burst(1));
  const page = await inspector.openPage('/lab.html');
  await page.evaluate(() => window.lab.burst(3));
  await page.bringToFront();

  // What clicking the toolbar button does: the browser opens the action's popup.
  const workerTarget = await inspector.browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().includes(inspector.id),
  );
  const worker = await workerTarget.worker();
  await worker!.evaluate(() => chrome.action.openPopup());
  const popupTarget = await inspector.browser.waitForTarget((t) =>
    t.url().includes(`${inspector.id}/popup/popup.html`),
  );
  expect(new URL(popupTarget.url()).search).toBe('');
  const popup = (await popupTarget.asPage()).mainFrame();

  const summary = role('status', 'Tab summary');
  await expect.poll(() => textOf(popup, summary)).toContain('3 calls');

  const before = new Set(readdirSync(inspector.downloads));
  await (await popup.waitForSelector(role('button', 'Export HAR')))!.click();
  await expect
    .poll(() =>
      readdirSync(inspector.downloads).filter((f) => f.endsWith('.har') && !before.has(f)),
    )
    .toHaveLength(1);
  const [file] = readdirSync(inspector.downloads).filter(
    (f) => f.endsWith('.har') && !before.has(f),
  );
  const har = JSON.parse(readFileSync(join(inspector.downloads, file!), 'utf8')) as {
    log: { entries: Array<{ request: { url: string } }> };
  };
  // The simulator's record of what the active tab sent, not the other tab's call.
  const sent = world.simulator.received
    // (the page's URL is in each event's XDM)
    .filter((r) => r.method === 'POST' && !r.body.includes('lab.html?other'))
    .map((r) => r.query.requestId);
  expect(sent).toHaveLength(3);
  // The burst's calls overlap, so the simulator may log them in another order than they started.
  const exported = har.log.entries.map((e) => new URL(e.request.url).searchParams.get('requestId'));
  expect(exported.toSorted()).toEqual(sent.toSorted());
});
