/**
 * Faults: worker stops during heavy traffic over several tabs, viewers closed and reopened,
 * tabs reloaded, navigated and closed mid-call, and a store filled past its caps.
 */
import { captureStatus, expect, test } from './fixtures';
import { readStoreInPage } from './store-reader';
import { compareWithSimulator } from './wire-check';
import { storedCalls } from './store-reader';
import { watchWorker } from './worker-stops';

test('the worker stopped 10 times during 500 calls over 5 tabs: every call once, with both bodies', async ({
  extension,
  world,
}) => {
  test.setTimeout(180_000);
  const watch = await watchWorker(extension.context, extension.id);
  const tabs = await Promise.all(Array.from({ length: 5 }, () => extension.context.newPage()));
  for (const [i, tab] of tabs.entries()) await tab.goto(`${world.site.url}/lab.html?tab=${i}`);
  const answered = () =>
    world.simulator.received.filter((r) => r.method === 'POST' && r.query.requestId);
  const bursts = Promise.all(tabs.map((tab) => tab.evaluate(() => window.lab.burst(100, 50))));
  let stops = 0;
  for (let stop = 1; stop <= 10; stop++) {
    await expect
      .poll(() => answered().length, { timeout: 60_000, intervals: [50] })
      .toBeGreaterThanOrEqual(stop * 40);
    // Counts only a stop that hit a running worker: the next call restarts it (the last stop
    // comes with a fifth of the traffic still to go).
    await expect.poll(() => watch.stop(), { timeout: 30_000 }).toBe(true);
    stops++;
  }
  await bursts;
  expect(stops).toBe(10);

  // The simulator's record is the truth: what it received and what it sent back.
  await expect.poll(() => answered().filter((r) => r.status === 200).length).toBe(500);
  const sent = answered();
  const viewer = await extension.openViewer();
  await expect
    .poll(
      async () => {
        const report = compareWithSimulator(
          sent,
          await viewer.evaluate(readStoreInPage),
          () => true,
        );
        return { ...report, unanswered: undefined };
      },
      { timeout: 60_000 },
    )
    .toEqual({ lost: [], doubled: [], wrongRequest: [], wrongResponse: [], failed: [] });
  await expect(captureStatus(viewer)).toHaveText(/^500 calls/);
});

test('closing and reopening the viewer during traffic, reloading, navigating and closing tabs mid-call', async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');

  // Viewer closed and reopened while 30 calls are under way.
  let viewer = await extension.openViewer(tabId);
  const burst = page.evaluate(() => window.lab.burst(30, 30));
  await expect.poll(() => world.simulator.received.length).toBeGreaterThan(5);
  await viewer.close();
  viewer = await extension.openViewer(tabId);
  await burst;
  await expect(captureStatus(viewer)).toHaveText(/^30 calls/);

  // Slow calls (500 ms) cut short by a reload, by a navigation and by closing the tab.
  const slow = (label: string) =>
    page.evaluate(
      (name) =>
        void window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody(name), {
          query: { configId: window.lab.datastreamId, requestId: name, simulate: 'slow', ms: 500 },
        }),
      label,
    );
  await slow('cut-by-reload');
  await page.reload();
  await slow('cut-by-navigation');
  await page.goto(`${world.site.url}/lab.html?next`);
  const doomed = await extension.context.newPage();
  await doomed.goto(`${world.site.url}/lab.html?doomed`);
  await doomed.evaluate(
    () =>
      void window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody('cut-by-close'), {
        query: {
          configId: window.lab.datastreamId,
          requestId: 'cut-by-close',
          simulate: 'slow',
          ms: 500,
        },
      }),
  );
  await expect
    .poll(() => world.simulator.received.some((r) => r.query.requestId === 'cut-by-close'))
    .toBe(true);
  await doomed.close();

  const all = await extension.openViewer();
  await expect
    .poll(
      async () => {
        const stored = await storedCalls(all);
        const cut = stored.filter((c) => c.requestId?.startsWith('cut-by-'));
        // Each interrupted call is there once, finished one way or the other, never stuck pending.
        return cut
          .map((c) => `${c.requestId}:${c.state === 'pending' ? 'pending' : 'ended'}`)
          .sort();
      },
      { timeout: 20_000 },
    )
    .toEqual(['cut-by-close:ended', 'cut-by-navigation:ended', 'cut-by-reload:ended']);
  // The rest of the traffic is intact and attributed to its tab.
  const stored = await storedCalls(all);
  expect(
    stored.filter((c) => c.tabId === tabId && !c.requestId?.startsWith('cut-by-')),
  ).toHaveLength(30);
});

test('a store filled past its caps evicts oldest first and counts it', async ({
  extension,
  world,
}) => {
  const worker = await extension.worker();
  await worker.evaluate(() => chrome.storage.local.set({ storeCaps: { perTab: 20, total: 30 } }));
  const [a, b] = [await extension.context.newPage(), await extension.context.newPage()];
  await a.goto(`${world.site.url}/lab.html?a`);
  await b.goto(`${world.site.url}/lab.html?b`);
  const tabA = await extension.tabIdOf(a);
  const idsA = await a.evaluate(() => window.lab.burst(25, 5));
  const idsB = await b.evaluate(() => window.lab.burst(15, 5));

  const viewerA = await extension.openViewer(tabA);
  // Tab A: 25 calls, per-tab cap 20 → its 5 oldest go. Then A 20 + B 15 = 35 > 30 → 5 more of the oldest.
  await expect(captureStatus(viewerA)).toHaveText(/^15 calls · 10 evicted by the store cap/);
  const stored = await storedCalls(viewerA);
  expect(stored).toHaveLength(30);
  const keptA = stored.filter((c) => c.tabId === tabA).map((c) => c.requestId);
  expect(new Set(keptA)).toEqual(new Set(idsA.slice(10)));
  expect(stored.filter((c) => c.tabId !== tabA)).toHaveLength(15);
  expect(idsB).toHaveLength(15);
});

test("a fetch the page starts while leaving still has the hook's request body", async ({
  extension,
  world,
}) => {
  const { page } = await extension.openPage('/lab.html');
  // A page's own pagehide handler (registered after the hook's) sends a keepalive fetch, as the
  // Web SDK does when a beacon is refused. Its response never comes back to this document.
  await page.evaluate(() => {
    const lab = window.lab;
    window.addEventListener('pagehide', () => {
      const url = lab.edgeUrl('/ee/v1/collect', {
        configId: lab.datastreamId,
        requestId: 'leaving-fetch',
      });
      void fetch(url, { method: 'POST', body: lab.interactBody('leaving'), keepalive: true });
    });
  });
  await page.goto(`${world.site.url}/lab.html?next`);
  const viewer = await extension.openViewer();
  await expect
    .poll(async () => (await storedCalls(viewer)).find((c) => c.requestId === 'leaving-fetch'))
    .toMatchObject({ requestCaptured: true, sources: expect.arrayContaining(['page-hook']) });
});
