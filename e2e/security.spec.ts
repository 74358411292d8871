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
import { EXTENSION_DIR, expect, test } from './fixtures';
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

  const heard = await a.evaluate(
    async ([event, victimTab, forgedUrl, claimedUrl]) => {
      let messages = 0;
      addEventListener('message', () => messages++);
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
      await new Promise((r) => setTimeout(r, 300));
      return messages;
    },
    [HOOK_EVENT, tabB, url('forged-into-b'), url('claims-webrequest')] as const,
  );
  expect(heard).toBe(0);

  const viewer = await extension.openViewer();
  await expect
    .poll(async () => (await storedCalls(viewer)).filter((c) => c.tabId === tabA).length)
    .toBe(3);
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

test('the extension itself makes no network requests during a capture session', async ({
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
    await viewer.getByRole('row').nth(1).waitFor();
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${id}/popup/popup.html`);
    await popup.waitForTimeout(1500);
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
