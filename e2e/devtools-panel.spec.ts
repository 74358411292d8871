/**
 * The DevTools panel itself, driven in real Chromium (e2e/devtools.ts): DevTools opened for the
 * tab, the AEP Edge panel shown, its frame read by role. What it lists, what the DevTools network
 * source adds, the DevTools theme, the keyboard, and the HAR it exports opened by DevTools' own
 * Network panel. Every test reads only its own requests (a requestId prefix of its own).
 */
import { randomUUID } from 'node:crypto';
import type { Frame, Page } from 'puppeteer-core';
import {
  callRowTexts,
  devtoolsReady,
  dialogOpen,
  expect,
  finishedDownload,
  importHarIntoNetworkPanel,
  role,
  setDevtoolsTheme,
  test,
  textOf,
  texts,
  interact,
} from './devtools';

/** The simulator's POSTs (not preflights) whose requestId starts with `prefix`, by requestId. */
function sent(
  world: { simulator: { received: Array<{ method: string; query: Record<string, string> }> } },
  prefix: string,
) {
  return world.simulator.received
    .filter((r) => r.method === 'POST' && r.query.requestId?.startsWith(prefix))
    .map((r) => r.query.requestId ?? '');
}

const tabpanelText = (panel: Frame) => textOf(panel, '[role="tabpanel"]');

/**
 * Opens the call whose URL carries `requestId`: the filter (it matches URLs) narrows the list to
 * that one row, a real click opens it. Fails when there is not exactly one such row.
 */
async function openCall(panel: Frame, requestId: string): Promise<void> {
  await panel.locator(role('textbox', 'Filter')).fill(requestId);
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(1);
  const row = await panel.waitForSelector('[role="grid"] [role="row"][data-key]');
  await row?.click();
  await row?.dispose();
  await expect.poll(() => textOf(panel, '.detail-url')).toContain(`requestId=${requestId}`);
}

test('the panel lists the calls made before it opened', async ({ inspector, world }) => {
  const prefix = `dt-before-${randomUUID().slice(0, 8)}`;
  const page = await inspector.openPage('/lab.html');
  expect(await interact(page, `${prefix}-a`)).toBe(200);
  expect(await interact(page, `${prefix}-b`)).toBe(200);
  expect(sent(world, prefix)).toEqual([`${prefix}-a`, `${prefix}-b`]);

  const { panel } = await inspector.openPanel(page);
  await expect
    .poll(async () => (await callRowTexts(panel)).filter((t) => t.includes('interact')).length)
    .toBe(2);
  await expect.poll(() => textOf(panel, role('status', 'Capture status'))).toMatch(/^2 calls/);
  // Each row is its call: each requestId finds its row, and the row opens that call.
  for (const id of [`${prefix}-a`, `${prefix}-b`]) await openCall(panel, id);
});

/** An interact call from a dedicated worker of the lab page: the page hook never sees it. */
async function interactFromWorker(page: Page, requestId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const { lab } = window;
    const url = lab.edgeUrl('/ee/v1/interact', { configId: lab.datastreamId, requestId: id });
    const code = `onmessage = async (e) => {
      const res = await fetch(e.data.url, { method: 'POST', body: e.data.body, credentials: 'include' });
      postMessage({ status: res.status, text: await res.text() });
    };`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    const reply = await new Promise<{ status: number }>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ status: number }>) => resolve(e.data);
      worker.postMessage({ url, body: lab.interactBody(id) });
    });
    // Not terminated: DevTools reads a worker's response bodies from the worker's own target.
    return reply.status;
  }, requestId);
}

test('a call made while the panel is open shows devtools among its sources, with its body', async ({
  inspector,
  world,
}) => {
  const prefix = `dt-open-${randomUUID().slice(0, 8)}`;
  const page = await inspector.openPage('/lab.html');
  const { panel } = await inspector.openPanel(page);
  // From a worker, where the page hook does not run, and webRequest gives no response bodies in
  // Chromium: the response body can only come from DevTools' network panel.
  expect(await interactFromWorker(page, `${prefix}-worker`)).toBe(200);
  // A beacon: DevTools keeps no response for it, which is not an empty response.
  const queued = await page.evaluate((id) => {
    const { lab } = window;
    return lab.beaconEdge('/ee/v1/interact', lab.interactBody(id), false, {
      query: { configId: lab.datastreamId, requestId: id },
    });
  }, `${prefix}-beacon`);
  expect(queued).toBe(true);
  await expect
    .poll(() => sent(world, prefix).sort())
    .toEqual([`${prefix}-beacon`, `${prefix}-worker`]);
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(2);

  await openCall(panel, `${prefix}-worker`);
  await panel.locator(role('tab', 'Sources')).click();
  await expect
    .poll(() => texts(panel, `${role('list', 'Capture sources')} li`))
    .toContain('devtools');
  await panel.locator(role('tab', 'Raw')).click();
  await expect
    .poll(() => tabpanelText(panel))
    .toMatch(/Response body as captured.*From: devtools/s);
  // The simulator's interact answer, with the requestId it was sent with.
  await expect.poll(() => tabpanelText(panel)).toContain(`"requestId":"${prefix}-worker`);
  await expect.poll(() => tabpanelText(panel)).toContain('"handle"');

  await openCall(panel, `${prefix}-beacon`);
  await panel.locator(role('tab', 'Sources')).click();
  await expect
    .poll(() => texts(panel, `${role('list', 'Capture sources')} li`))
    .toContain('devtools');
  await panel.locator(role('tab', 'Raw')).click();
  await expect.poll(() => tabpanelText(panel)).toContain('"events"');
  const raw = await tabpanelText(panel);
  expect(raw.slice(raw.indexOf('Response body as captured'))).not.toContain('Empty body');
});

test('the panel follows the DevTools theme when it changes', async ({ inspector }) => {
  const page = await inspector.openPage('/lab.html');
  const { devtools, panel } = await inspector.openPanel(page);
  const look = () =>
    panel.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));
  await setDevtoolsTheme(devtools, 'default');
  await expect.poll(look).toEqual({
    theme: 'light',
    background: 'rgb(255, 255, 255)',
    text: 'rgb(31, 35, 40)',
  });
  await setDevtoolsTheme(devtools, 'dark');
  await expect.poll(look).toEqual({
    theme: 'dark',
    background: 'rgb(32, 33, 36)',
    text: 'rgb(227, 227, 227)',
  });
  await setDevtoolsTheme(devtools, 'default');
  await expect.poll(async () => (await look()).theme).toBe('light');
});

test('the HAR the panel exports opens in the DevTools Network panel with the Edge calls', async ({
  inspector,
  world,
}) => {
  const prefix = `dt-har-${randomUUID().slice(0, 8)}`;
  const page = await inspector.openPage('/lab.html');
  for (const name of ['a', 'b', 'c']) expect(await interact(page, `${prefix}-${name}`)).toBe(200);
  const wanted = sent(world, prefix);
  expect(wanted).toHaveLength(3);
  const { panel } = await inspector.openPanel(page);
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(3);

  await panel.locator(role('button', 'Export…')).click();
  await expect.poll(() => dialogOpen(panel, 'Export')).toBe(true);
  // The defaults: every call in the view, HAR 1.2, redaction on.
  await panel.locator(role('button', 'Download')).click();
  await expect
    .poll(() => textOf(panel, role('status', 'Export status')))
    .toMatch(/^Saved aep-edge-.*\.har \(3 calls; redaction: /);
  let har: string | undefined;
  await expect
    .poll(() => {
      har = finishedDownload(inspector.downloads, '.har');
      return har !== undefined;
    })
    .toBe(true);

  // A second DevTools, on a tab that made no call: its network log starts without Edge calls.
  const blank = await inspector.openPage('/lab.html');
  const other = await blank.openDevTools();
  await devtoolsReady(other);
  const urls = await importHarIntoNetworkPanel(other, har ?? '');
  const imported = urls
    .map((url) => new URL(url))
    .filter((url) => url.hostname === 'edge.adobedc.net')
    .map((url) => url.searchParams.get('requestId'));
  expect(imported.sort()).toEqual([...wanted].sort());
});

test('a viewer of another protocol version says so instead of loading for ever', async ({
  extension,
}) => {
  const { page, tabId } = await extension.openPage('/lab.html');
  expect(
    await page
      .evaluate(() =>
        window.lab.fetchEdge('/ee/v1/interact', window.lab.interactBody('v'), {
          query: { configId: window.lab.datastreamId },
        }),
      )
      .then((r) => r.status),
  ).toBe(200);
  // A viewer page of another version: the same page, whose hello carries the next version number
  // (as a panel left open across an update would), talking to the real worker.
  await extension.context.addInitScript(() => {
    const runtime = globalThis.chrome?.runtime;
    if (!runtime?.connect) return;
    const connect = runtime.connect.bind(runtime);
    runtime.connect = ((...args: Parameters<typeof connect>) => {
      const port = connect(...args);
      const post = port.postMessage.bind(port);
      port.postMessage = (message: { type?: string; payload?: { protocolVersion: number } }) =>
        post(
          message?.type === 'hello' && message.payload
            ? {
                ...message,
                payload: {
                  ...message.payload,
                  protocolVersion: message.payload.protocolVersion + 1,
                },
              }
            : message,
        );
      return port;
    }) as typeof runtime.connect;
  });
  const viewer = await extension.openViewer(tabId);
  await expect(viewer.getByRole('alert')).toContainText(
    'This viewer is from another version of AEP Edge Inspector than the one running now (viewer protocol 2, extension protocol 1)',
  );
  await expect(viewer.getByRole('alert')).toContainText('Close DevTools and open it again');
  await expect(viewer.getByRole('status', { name: 'Capture status' })).toHaveText(
    '0 calls · Disconnected',
  );
  await expect(viewer.getByText('Loading captured calls')).toHaveCount(0);
  // The worker sent no snapshot: the call the tab made is not listed.
  await expect(viewer.getByRole('grid', { name: 'Edge calls' }).getByRole('gridcell')).toHaveCount(
    0,
  );
});
