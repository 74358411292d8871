/**
 * Security properties, tested in real Chromium: a page cannot forge sources or other tabs' calls
 * and hears nothing back; tokens are never stored; the extension makes no network requests of
 * its own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { callRows, EXTENSION_DIR, expect, test } from './fixtures';
import { storedCalls } from './store-reader';
import { chromiumArgs, findChromium, prepareProfile } from './world/chromium.mjs';

const HOOK_EVENT = 'aep-edge-inspector:hook-v1';

/** Everything the extension persisted, as one string (IndexedDB stores and storage.*). */
async function everythingStored(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('aep-edge-inspector');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const dump: unknown[] = [];
    for (const name of Array.from(db.objectStoreNames)) {
      dump.push(
        await new Promise((resolve) => {
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => resolve(all.result);
        }),
      );
    }
    db.close();
    dump.push(await chrome.storage.local.get(null));
    return JSON.stringify(dump);
  });
}

/**
 * Watches the relay's side of a page: in the extension's isolated world (found over CDP), every
 * dispatchEvent and postMessage is recorded, and each runtime message counted until answered.
 * The relay has no other way to reach the page than the DOM it shares with it (events, messages,
 * nodes and attributes; the page watches those itself).
 */
async function watchRelay(page: Page, extensionId: string) {
  const cdp = await page.context().newCDPSession(page);
  const contexts: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin === `chrome-extension://${extensionId}`) contexts.push(context.id);
  });
  await cdp.send('Runtime.enable');
  if (contexts.length === 0) throw new Error('no isolated world of the extension in this page');
  const inRelay = async <T>(expression: string): Promise<T[]> =>
    Promise.all(
      contexts.map(async (contextId) => {
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
          contextId,
          expression,
          returnByValue: true,
        });
        if (exceptionDetails) throw new Error(exceptionDetails.text);
        return result.value as T;
      }),
    );
  await inRelay(`(() => {
    const watch = (globalThis.relayWatch = { talk: [], sent: 0, answered: 0 });
    const dispatch = EventTarget.prototype.dispatchEvent;
    EventTarget.prototype.dispatchEvent = function (event) {
      watch.talk.push('dispatchEvent ' + event.type);
      return dispatch.call(this, event);
    };
    const post = window.postMessage;
    window.postMessage = function (...args) {
      watch.talk.push('postMessage');
      return post.apply(this, args);
    };
    const runtime = (globalThis.browser ?? chrome).runtime;
    const send = runtime.sendMessage;
    runtime.sendMessage = function (...args) {
      watch.sent++;
      const reply = send.apply(this, args);
      Promise.resolve(reply).finally(() => watch.answered++);
      return reply;
    };
  })()`);
  type Watch = { talk: string[]; sent: number; answered: number };
  return {
    /** What the relay's world dispatched or posted, and its runtime messages sent and answered. */
    read: async (): Promise<Watch> => {
      const all = await inRelay<Watch>('globalThis.relayWatch');
      return {
        talk: all.flatMap((w) => w.talk),
        sent: all.reduce((n, w) => n + w.sent, 0),
        answered: all.reduce((n, w) => n + w.answered, 0),
      };
    },
    detach: () => cdp.detach(),
  };
}

test('a page cannot forge sources or another tab, and hears nothing back', async ({
  extension,
  world,
}) => {
  const [a, b] = [await extension.context.newPage(), await extension.context.newPage()];
  await a.goto(`${world.site.url}/lab.html?a`);
  await b.goto(`${world.site.url}/lab.html?b`);
  const [tabA, tabB] = [await extension.tabIdOf(a), await extension.tabIdOf(b)];
  const url = (id: string) =>
    `https://edge.adobedc.net/ee/v1/interact?configId=forged&requestId=${id}`;

  const relay = await watchRelay(a, extension.id);
  // What the page itself can hear: any message, any hook event it did not dispatch itself, any
  // change to its DOM (but its own log line, which lab.js updates).
  await a.evaluate((event) => {
    const heard: string[] = [];
    (window as unknown as { heardBack: string[] }).heardBack = heard;
    addEventListener('message', (e) => heard.push(`message ${JSON.stringify(e.data)}`), true);
    addEventListener('messageerror', () => heard.push('messageerror'), true);
    addEventListener(
      event,
      (e) => {
        const detail: unknown = (e as CustomEvent).detail;
        const source =
          typeof detail === 'string' ? /"source":"([^"]*)"/.exec(detail)?.[1] : undefined;
        // The hook's own observations, and the test's forgeries below (all JSON text or junk).
        const fromPage =
          source === 'page-hook' ||
          (typeof detail === 'string' && /forged|claims-webrequest|^\{"source":$/.test(detail)) ||
          (typeof detail === 'object' && detail !== null && 'source' in detail);
        if (!fromPage) heard.push(`${event} ${String(detail)}`);
      },
      true,
    );
    const log = document.getElementById('lab-log');
    new MutationObserver((records) => {
      for (const r of records)
        if (!log?.contains(r.target)) heard.push(`mutation ${r.type} ${r.target.nodeName}`);
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  }, HOOK_EVENT);

  await a.evaluate(
    async ([event, victimTab, forgedUrl, claimedUrl]) => {
      const forge = (observation: object) =>
        document.dispatchEvent(new CustomEvent(event, { detail: JSON.stringify(observation) }));
      const base = { phase: 'request', method: 'POST', time: Date.now(), tabId: victimTab };
      // Claims another tab: accepted as a page-hook observation, but in the sender's own tab.
      forge({
        ...base,
        source: 'page-hook',
        hookId: 'x:1',
        transport: 'fetch',
        url: forgedUrl,
        requestBody: { text: '{}' },
      });
      // Claims to be the network itself, or the extension's own send: refused.
      forge({ ...base, source: 'webRequest', webRequestId: '1', url: claimedUrl });
      forge({ ...base, source: 'extension', sendId: 'resend:1', url: claimedUrl });
      // Not JSON, not an object, too odd: refused without harm.
      document.dispatchEvent(new CustomEvent(event, { detail: '{"source":' }));
      document.dispatchEvent(
        new CustomEvent(event, { detail: { source: 'page-hook' } as unknown as string }),
      );
      await window.lab.burst(2);
    },
    [HOOK_EVENT, tabB, url('forged-into-b'), url('claims-webrequest')] as const,
  );

  const viewer = await extension.openViewer();
  await expect
    .poll(async () => (await storedCalls(viewer)).filter((c) => c.tabId === tabA).length)
    .toBe(3);
  // Every batch the relay sent has been answered: anything it would say back, it has said.
  await expect
    .poll(async () => {
      const { sent, answered } = await relay.read();
      return sent > 0 && sent === answered;
    })
    .toBe(true);
  expect((await relay.read()).talk).toEqual([]);
  expect(await a.evaluate(() => (window as unknown as { heardBack: string[] }).heardBack)).toEqual(
    [],
  );
  await relay.detach();

  const stored = await storedCalls(viewer);
  const forged = stored.find((c) => c.requestId === 'forged-into-b');
  expect(forged?.tabId).toBe(tabA);
  expect(forged?.sources).toEqual(['page-hook']);
  expect(stored.some((c) => c.requestId === 'claims-webrequest')).toBe(false);
  expect(stored.filter((c) => c.tabId === tabB)).toHaveLength(0);
  // The page got no new global from us (the hook marks itself with a Symbol only).
  const globals = await a.evaluate(() =>
    Object.keys(window).filter((k) => /aep|inspector/i.test(k)),
  );
  expect(globals).toEqual([]);
});

test('a bearer token sent by the page is never stored', async ({ extension, world }) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/lab.html`);
  const secret = 'eyJhbGciOiJSUzI1NiJ9.dG9wLXNlY3JldA.never-store-me-0123456789';
  const status = await page.evaluate(async (token) => {
    const response = await fetch(
      'https://server.adobedc.net/ee/v2/interact?dataStreamId=ds&requestId=tok',
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'x-api-key': `${token}-key`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ event: { xdm: { eventType: 'web.webpagedetails.pageViews' } } }),
      },
    );
    return response.status;
  }, secret);
  expect(status).toBe(200);
  // The simulator did receive the real header: the page's request is unchanged.
  const sent = world.simulator.received.find(
    (r) => r.method === 'POST' && r.query.requestId === 'tok',
  );
  expect(sent?.headers.authorization).toBe(`Bearer ${secret}`);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await expect
    .poll(async () => (await storedCalls(viewer)).find((c) => c.requestId === 'tok')?.state)
    .toBe('complete');
  const dump = await everythingStored(viewer);
  expect(dump).toContain('masked');
  expect(dump).not.toContain(secret);
  expect(dump).not.toContain(secret.slice(0, 24));
});

test('the extension itself makes no network requests: load, viewer, popup, resend, export, import', async ({
  world,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'aep-netlog-'));
  const netlog = join(dir, 'netlog.json');
  prepareProfile(join(dir, 'profile'));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    args: [
      ...chromiumArgs({ extensionDir: EXTENSION_DIR, simulatorPort: world.simulator.port }),
      `--log-net-log=${netlog}`,
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(() => chrome.webRequest.handlerBehaviorChanged());
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`${world.site.url}/`);
    await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
    const viewer = await context.newPage();
    await viewer.goto(`chrome-extension://${id}/devtools/panel.html`);
    const pageView = callRows(viewer).filter({ hasText: 'web.webpagedetails.pageViews' }).first();
    await expect(pageView).toBeVisible();
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup/popup.html`);
    await expect(popup.getByRole('button', { name: 'Open viewer' })).toBeVisible();

    // Resend from the page: the one request the user asks for goes out from the page's origin.
    const pageViews = () =>
      world.simulator.received.filter((r) => r.method === 'POST' && r.body.includes('pageViews'))
        .length;
    const before = pageViews();
    await pageView.click();
    await viewer.getByRole('button', { name: 'Resend…' }).click();
    const dialog = viewer.getByRole('dialog', { name: 'Edit and resend' });
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(dialog.getByText(/^Sent from the page: 200/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(pageViews()).toBe(before + 1);

    // Export a HAR, then import it again.
    await viewer.getByRole('button', { name: 'Export…' }).click();
    const exporter = viewer.getByRole('dialog', { name: 'Export' });
    await exporter.getByRole('radio', { name: /^HAR/ }).check();
    const download = viewer.waitForEvent('download');
    await exporter.getByRole('button', { name: 'Download' }).click();
    const harPath = join(dir, 'session.har');
    await (await download).saveAs(harPath);
    await expect(exporter.getByRole('status', { name: 'Export status' })).toContainText('Saved');
    await exporter.getByRole('button', { name: 'Close' }).click();
    await viewer.getByLabel('Import a HAR or session file').setInputFiles(harPath);
    await expect(viewer.getByRole('combobox', { name: 'View' })).toHaveValue(/^import-/);
    await expect(pageView).toBeVisible();
  } finally {
    await context.close();
  }
  const log = JSON.parse(readFileSync(netlog, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
  };
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const jobs = log.events
    .filter((event) => event.type === startJob && /^https?:/.test(event.params?.url ?? ''))
    .map((event) => ({ url: event.params!.url!, initiator: event.params!.initiator ?? '' }));
  // The log saw the page's own traffic (so an empty result below means something)…
  const site = new URL(world.site.url).origin;
  const fromPage = jobs.filter((job) => job.initiator === site).map((job) => new URL(job.url).host);
  expect(fromPage).toContain('edge.adobedc.net');
  // …and not one request made by the extension (browser-initiated updates are not ours).
  expect(jobs.filter((job) => job.initiator.startsWith('chrome-extension://'))).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});
