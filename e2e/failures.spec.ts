/**
 * Bad answers and broken networks: each shows its status or error in the list and in the detail,
 * and nothing throws in the viewer (or stops the worker from capturing the next call).
 */
import { callRows, expect, test } from './fixtures';

const CASES = [
  { simulate: 'text', status: '200', response: /not json at all/, note: /not JSON|parse/i },
  { simulate: 'empty', status: '200', response: /empty/i, note: /empty/i },
  { simulate: '500', status: '500', response: /<html|<!doctype/i, note: /not JSON|parse/i },
  {
    simulate: 'drop',
    status: /failed/,
    response: /failed|no response|before a response/i,
    note: /ERR_|failed/i,
  },
] as const;

test('a non-JSON response, an empty body, a 5xx and a network failure each show their status or error', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  const viewer = await extension.openViewer(tabId);
  const errors: string[] = [];
  // Record anything thrown or logged as an error in the worker, too.
  const worker = await extension.worker();
  await worker.evaluate(() => {
    const seen: string[] = [];
    (globalThis as unknown as { seenErrors: string[] }).seenErrors = seen;
    self.addEventListener('error', (e) => seen.push(String(e.message)));
    self.addEventListener('unhandledrejection', (e) => seen.push(String(e.reason)));
    const original = console.error.bind(console);
    console.error = (...args: unknown[]) => {
      seen.push(args.map(String).join(' '));
      original(...args);
    };
  });
  viewer.on('pageerror', (error) => errors.push(String(error)));
  viewer.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  for (const [i, c] of CASES.entries()) {
    const result = await page.evaluate(
      ([simulate, n]) =>
        window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody(`case ${n}`), {
          query: {
            configId: window.lab.datastreamId,
            requestId: `case-${n}-${simulate}`,
            simulate,
          },
        }),
      [c.simulate, i] as const,
    );
    expect(result.status).toBe(c.simulate === 'drop' ? 0 : Number(c.status));
    const row = callRows(viewer).filter({ hasText: '' }).nth(i);
    await expect(row).toContainText(c.status);
    await row.click();
    await viewer.getByRole('tab', { name: 'Response' }).click();
    await expect(viewer.getByRole('tabpanel')).toContainText(c.response);
    if (c.simulate !== 'drop' && c.simulate !== 'empty') {
      await expect(viewer.getByRole('tabpanel')).toContainText(c.note);
    }
    if (c.simulate === 'drop') {
      await viewer.getByRole('tab', { name: 'Timing' }).click();
      await expect(viewer.getByRole('tabpanel')).toContainText(c.note);
    }
  }

  // The worker still captures after all that.
  await page.evaluate(() => window.lab.burst(1));
  await expect(callRows(viewer)).toHaveCount(CASES.length + 1);
  expect(errors).toEqual([]);
  const workerErrors = await worker.evaluate(
    () => (globalThis as unknown as { seenErrors: string[] }).seenErrors,
  );
  expect(workerErrors).toEqual([]);
});
