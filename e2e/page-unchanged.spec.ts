/**
 * The hook changes nothing the page sees: the same calls, made with and without the extension,
 * give the page the same status and body (fetch and XHR), and the hooked APIs keep their shape.
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, findChromium } from './world/chromium.mjs';
import { callRows, expect, test } from './fixtures';
import { storedPages, storedResponseText, storedVisits } from './store-reader';

import type { Page } from '@playwright/test';

type Outcome = { status: number; text: string; via: string };

/** Deterministic answers (no minted ids): text, empty, an HTML 500 and a problem body. */
async function exercise(page: Page): Promise<Outcome[]> {
  return page.evaluate(async () => {
    const lab = window.lab;
    const q = (simulate?: string) => ({
      configId: lab.datastreamId,
      requestId: 'fixed-id',
      ...(simulate ? { simulate } : {}),
    });
    const out: Outcome[] = [];
    for (const simulate of ['text', 'empty', '500']) {
      for (const send of [lab.fetchEdge, lab.xhrEdge]) {
        const r = await send('/ee/v1/interact', lab.interactBody('same'), { query: q(simulate) });
        out.push({ status: r.status, text: r.text, via: r.via });
      }
    }
    // The other ways a page reads a body, where the hook copies it from a clone (json() fails on
    // this text body in the same way with and without the hook).
    for (const read of ['json', 'arrayBuffer', 'blob', 'stream', 'none'] as const) {
      const r = await lab.fetchEdge('/ee/v1/interact', lab.interactBody('same'), {
        query: q('text'),
        read,
      });
      out.push({ status: r.status, text: r.text + (r.error ?? ''), via: r.via });
    }
    const bad = await lab.fetchEdge('/ee/v1/interact', '{"events": [', { query: q() });
    out.push({
      status: bad.status,
      text: bad.text.replace(/"requestId":"[^"]*"/g, ''),
      via: bad.via,
    });
    out.push({
      status: 0,
      text: [
        typeof window.fetch,
        window.fetch.length,
        typeof navigator.sendBeacon,
        XMLHttpRequest.prototype.open.length,
      ].join(','),
      via: 'shape',
    });
    return out;
  });
}

test('the page reads the same status and body with the hook as without it', async ({
  extension,
  world,
}) => {
  const hooked = await extension.context.newPage();
  await hooked.goto(`${world.site.url}/lab.html`);
  const withHook = await exercise(hooked);

  const profile = mkdtempSync(join(tmpdir(), 'aep-plain-'));
  const plain = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({ simulatorPort: world.simulator.port }),
  });
  try {
    const page = await plain.newPage();
    await page.goto(`${world.site.url}/lab.html`);
    const withoutHook = await exercise(page);
    expect(withHook).toEqual(withoutHook);
  } finally {
    await plain.close();
    rmSync(profile, { recursive: true, force: true });
  }

  // And the hook did see those calls (so the equality above is not trivially true).
  const viewer = await extension.openViewer(await extension.tabIdOf(hooked));
  await expect(callRows(viewer)).toHaveCount(12);
  await callRows(viewer).first().click();
  await viewer.getByRole('tab', { name: 'Sources' }).click();
  await expect(viewer.getByRole('tabpanel')).toContainText('page-hook');
});

/** What a shop page with its own monitor sees: its monitor's callbacks, its outputs, its errors. */
async function monitorView(page: Page, url: string) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  const settled = (id: string) =>
    page
      .waitForFunction((el) => document.getElementById(el)?.textContent !== 'pending', id, {
        timeout: 3000,
      })
      .catch(() => undefined);
  await settled('pageview-status');
  await page.getByRole('button', { name: 'Bad command' }).click();
  await settled('bad-status');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await settled('cart-status');
  return page.evaluate((pageErrors) => {
    const text = (id: string) => document.getElementById(id)?.textContent;
    const log = (window as unknown as { pageMonitorLog?: string[] }).pageMonitorLog ?? [];
    return {
      pageView: text('pageview-status'),
      bad: text('bad-status'),
      cart: text('cart-status'),
      monitor: [...log].sort(),
      errors: pageErrors,
    };
  }, errors);
}

/** What the data layer page's own listener heard, and the data layer array as the page sees it. */
async function dataLayerView(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.getByRole('button', { name: 'Push event' }).click();
  await page.getByRole('button', { name: 'Push data' }).click();
  return page.evaluate(() => {
    const w = window as unknown as { demo: { heard: unknown }; adobeDataLayer: unknown[] };
    return {
      heard: w.demo.heard,
      items: JSON.stringify(w.adobeDataLayer),
      length: w.adobeDataLayer.length,
      own: Object.keys(w.adobeDataLayer).sort(),
    };
  });
}

test("the page's own Web SDK monitors and data layer listeners see what they see without the hook", async ({
  extension,
  world,
}) => {
  const modes = ['push', 'replace', 'frozen', 'object'];
  const hooked = await extension.context.newPage();
  const withHook: unknown[] = [];
  for (const mode of modes)
    withHook.push(await monitorView(hooked, `${world.site.url}/?monitors=${mode}`));
  withHook.push(await dataLayerView(hooked, `${world.site.url}/datalayer.html`));

  const profile = mkdtempSync(join(tmpdir(), 'aep-plain-'));
  const plain = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({ simulatorPort: world.simulator.port }),
  });
  try {
    const page = await plain.newPage();
    const withoutHook: unknown[] = [];
    for (const mode of modes)
      withoutHook.push(await monitorView(page, `${world.site.url}/?monitors=${mode}`));
    withoutHook.push(await dataLayerView(page, `${world.site.url}/datalayer.html`));
    expect(withHook).toEqual(withoutHook);
  } finally {
    await plain.close();
    rmSync(profile, { recursive: true, force: true });
  }
  // Not trivially equal: the page's monitor heard alloy, and the hook did too.
  expect(withHook[0]).toMatchObject({ pageView: expect.stringMatching(/^ok/) });
  expect((withHook[0] as { monitor: string[] }).monitor).toContain('onCommandRejected:sendEvent');
  const viewer = await extension.openViewer(await extension.tabIdOf(hooked));
  await expect
    .poll(async () =>
      (await storedVisits(viewer)).some((v) => v.url.includes('monitors=push') && v.sdk?.length),
    )
    .toBe(true);
});

test('the hook has the response body however the page reads it, and when it never does', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const reads = ['text', 'json', 'arrayBuffer', 'blob', 'stream', 'none'] as const;
  const seen = await page.evaluate(async (modes) => {
    const lab = window.lab;
    const out: Record<string, string> = {};
    for (const read of modes) {
      const query = { configId: lab.datastreamId, requestId: `read-${read}` };
      const r = await lab.fetchEdge('/ee/v1/interact', lab.interactBody(read), { query, read });
      out[read] = r.text;
    }
    return out;
  }, reads);
  const viewer = await extension.openViewer(tabId);
  await expect(callRows(viewer)).toHaveCount(reads.length);
  for (const read of reads) {
    // 'none' is read by the hook itself, from a clone, a second after the response.
    await expect.poll(() => storedResponseText(viewer, `read-${read}`)).toBeTruthy();
    const stored = (await storedResponseText(viewer, `read-${read}`)) ?? '';
    expect(JSON.parse(stored), read).toHaveProperty('handle');
    if (read === 'none') expect(seen[read]).toBe('');
    else expect(JSON.parse(stored), read).toEqual(JSON.parse(seen[read] ?? ''));
  }
});

test('a page that makes no Edge call costs nothing after injection: no message, nothing stored', async ({
  extension,
  world,
}) => {
  // Every runtime message the worker gets from now on, with the URL of the frame that sent it.
  const worker = await extension.worker();
  await worker.evaluate(() => {
    const heard: Array<{ type: string; url: string }> = [];
    (globalThis as unknown as { heardFromPages: typeof heard }).heardFromPages = heard;
    chrome.runtime.onMessage.addListener((message: { type?: string }, sender) => {
      heard.push({ type: String(message?.type), url: sender.url ?? '' });
    });
  });
  const heardFromPages = () =>
    worker.evaluate(
      () =>
        (globalThis as unknown as { heardFromPages: Array<{ type: string; url: string }> })
          .heardFromPages,
    );

  // A quiet page first. Leaving it is the relay's last chance to send (pagehide flushes
  // whatever it holds), so whatever it would have sent reaches the worker before the next page's.
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/lab.html?quiet`);
  await expect(page.locator('#lab-log')).toBeAttached();

  // Then a page with one call, in the same tab: it is introduced with that call, title included.
  await page.goto(`${world.site.url}/lab.html?busy`);
  await page.evaluate(() => window.lab.burst(1));
  await expect
    .poll(async () => (await heardFromPages()).some((m) => m.url.endsWith('?busy')))
    .toBe(true);
  expect((await heardFromPages()).filter((m) => m.url.endsWith('?quiet'))).toEqual([]);
  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await expect(callRows(viewer)).toHaveCount(1);
  await expect
    .poll(async () => (await storedPages(viewer)).map((p) => p.url.replace(/^.*\//, '')))
    .toEqual(['lab.html?busy']);
  const [busy] = await storedPages(viewer);
  expect(busy?.title).toBe(await page.title());
  // The call sits under its own page, not under a guess.
  await expect(callRows(viewer).first()).toContainText('lab.html?busy');
});
