/**
 * Durability: a worker stopped in the middle of traffic loses nothing, an open viewer reconnects
 * by itself, and calls from two tabs at once stay with their own tab.
 */
import { captureStatus, expect, test } from './fixtures';
import { storedCalls } from './store-reader';

test('a worker stopped in the middle of 50 calls: all 50 are kept and the viewer reconnects', async ({
  extension,
  world,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  await expect(captureStatus(viewer)).toHaveText(/^0 calls$/);
  // Every text the status line shows from now on, in order: a reconnection must be seen, not
  // assumed from its absence at the end.
  await captureStatus(viewer).evaluate((line) => {
    const seen = [line.textContent ?? ''];
    new MutationObserver(() => {
      const text = line.textContent ?? '';
      if (text !== seen.at(-1)) seen.push(text);
    }).observe(line, { subtree: true, childList: true, characterData: true });
    (window as unknown as { statusSeen: string[] }).statusSeen = seen;
  });
  const statusSeen = () =>
    viewer.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
  const reconnections = async () =>
    (await statusSeen()).filter((text) => text.includes('Reconnecting')).length;

  // This test's calls only: the simulator's log starts empty for every test (fixtures.ts).
  const burstSent = () =>
    world.simulator.received.filter((r) => r.method === 'POST' && r.query.requestId).length;
  const burst = page.evaluate(() => window.lab.burst(50, 40) as Promise<string[]>);
  // Stop the worker twice while calls are in flight; each stop drops the viewer's port.
  await expect.poll(burstSent).toBeGreaterThan(10);
  await extension.stopWorker();
  await expect.poll(reconnections).toBeGreaterThanOrEqual(1);
  await expect.poll(burstSent).toBeGreaterThan(30);
  const afterFirst = await reconnections();
  await extension.stopWorker();
  await expect.poll(reconnections).toBeGreaterThan(afterFirst);
  const ids = await burst;
  expect(ids).toHaveLength(50);
  expect(burstSent()).toBe(50);

  // The open viewer reconnects on its own and ends with every call, each exactly once.
  await expect(captureStatus(viewer)).toHaveText(/^50 calls/, { timeout: 20_000 });
  await expect(captureStatus(viewer)).not.toContainText('Reconnecting');
  expect((await statusSeen()).at(-1)).toMatch(/^50 calls/);

  await expect
    .poll(
      async () => {
        const calls = (await storedCalls(viewer)).filter((c) => c.tabId === tabId);
        return calls.filter((c) => c.requestCaptured && c.responseCaptured && c.status === 200)
          .length;
      },
      { timeout: 20_000 },
    )
    .toBe(50);
  const stored = (await storedCalls(viewer)).filter((c) => c.tabId === tabId);
  expect(new Set(stored.map((c) => c.requestId))).toEqual(new Set(ids));
  expect(stored).toHaveLength(50);
});

test('two tabs with traffic at the same time: each call is attributed to its own tab', async ({
  extension,
  world,
}) => {
  const [a, b] = [await extension.context.newPage(), await extension.context.newPage()];
  await a.goto(`${world.site.url}/lab.html?tab=a`);
  await b.goto(`${world.site.url}/lab.html?tab=b`);
  const [tabA, tabB] = [await extension.tabIdOf(a), await extension.tabIdOf(b)];
  expect(tabA).not.toBe(tabB);

  const burst = (p: typeof a) => p.evaluate(() => window.lab.burst(15, 20) as Promise<string[]>);
  const [idsA, idsB] = await Promise.all([burst(a), burst(b)]);

  const viewerA = await extension.openViewer(tabA);
  const viewerB = await extension.openViewer(tabB);
  const everything = await extension.openViewer();
  await expect(captureStatus(viewerA)).toHaveText(/^15 calls/);
  await expect(captureStatus(viewerB)).toHaveText(/^15 calls/);
  await expect(captureStatus(everything)).toHaveText(/^30 calls/);

  await expect
    .poll(async () => (await storedCalls(everything)).filter((c) => c.responseCaptured).length)
    .toBe(30);
  const stored = await storedCalls(everything);
  for (const id of idsA) expect(stored.find((c) => c.requestId === id)?.tabId).toBe(tabA);
  for (const id of idsB) expect(stored.find((c) => c.requestId === id)?.tabId).toBe(tabB);
});
