/**
 * Edit and resend, in real Chromium against the Edge simulator: edit, send from the page, link
 * both ways, compare, copy as, the tab-gone path (sent from the extension) and a failing resend.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { callRows, expect, test, type Extension, type World } from './fixtures';

type Received = World['simulator']['received'][number];
type Json = Record<string, unknown>;

const ORG = '53A16ACB5CC1D3760A495C99_AdobeOrg';

function interacts(world: World): Received[] {
  return world.simulator.received.filter(
    (r) => r.method === 'POST' && r.path.endsWith('/v1/interact'),
  );
}

const PAGE_VIEW = 'web.webpagedetails.pageViews';
/** Paths the comparison counts as volatile (session/call-compare.ts): they differ on every send. */
const VOLATILE = /requestId|timestamp|_id|maxAge|eventToken/;

/**
 * The demo shop's home page view, captured. Alloy renders the simulator's offer and then sends
 * a display notification, so the page makes two interact calls; the page view is the first.
 */
async function capturedPageView(extension: Extension, world: World) {
  // The simulator's log holds this test's requests only (fixtures.ts empties it).
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect
    .poll(() => interacts(world).some((r) => r.body.includes('decisioning.propositionDisplay')))
    .toBe(true);
  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  const before = interacts(world).length;
  await expect(callRows(viewer)).toHaveCount(before);
  const original = interacts(world).find((r) => r.body.includes(PAGE_VIEW));
  if (!original) throw new Error('the page view did not reach the simulator');
  /** Interact calls that reached the simulator after the page's own. */
  const sent = () => interacts(world).slice(before);
  return { page, viewer, original, before, sent };
}

function pageViewRow(viewer: Page) {
  return callRows(viewer).filter({ hasText: PAGE_VIEW }).first();
}

async function openEditor(viewer: Page) {
  await pageViewRow(viewer).click();
  await viewer.getByRole('button', { name: 'Resend…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Edit and resend' });
  await expect(dialog).toBeVisible();
  const body = dialog.getByRole('textbox', { name: 'Request body' });
  await expect(body).toBeVisible();
  return { dialog, body };
}

/** Replaces the editor's whole text, by keyboard as a person would. */
async function typeBody(viewer: Page, body: ReturnType<Page['getByRole']>, text: string) {
  await body.click();
  await viewer.keyboard.press('ControlOrMeta+A');
  await viewer.keyboard.insertText(text);
}

function sendButton(dialog: ReturnType<Page['getByRole']>) {
  return dialog.getByRole('button', { name: 'Send', exact: true });
}

/** The paths listed in a differences table (its second column). */
async function diffPaths(dialog: ReturnType<Page['getByRole']>, name: string): Promise<string[]> {
  const table = dialog.getByRole('table', { name });
  return table.locator('tbody tr td:nth-child(2) code').allTextContents();
}

test('an edited page view is resent from the page: the simulator gets exactly the edit, linked and compared', async ({
  extension,
  world,
}) => {
  const { viewer, original, before, sent } = await capturedPageView(extension, world);
  const { dialog, body } = await openEditor(viewer);

  const expected = JSON.parse(original.body) as { events: Array<{ xdm: Json }> };
  const xdm = expected.events[0]!.xdm as { eventType: string; web: { webPageDetails: Json } };
  xdm.web.webPageDetails.name = 'home (edited)';
  // The name is typed in the editor; the eventType comes from the quick option.
  await typeBody(viewer, body, JSON.stringify(expected, null, 2));
  await expect(dialog.getByText('Valid JSON')).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'New eventType' })
    .fill('web.webinteraction.linkClicks');
  await dialog.getByRole('button', { name: 'Set eventType' }).click();
  xdm.eventType = 'web.webinteraction.linkClicks';
  const edited = JSON.stringify(expected, null, 2);

  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Sent from the page: 200/)).toBeVisible();
  await expect.poll(() => sent().length).toBe(1);
  const resent = sent()[0]!;
  expect(resent.body).toBe(edited);
  expect(resent.query.configId).toBe(original.query.configId);
  expect(resent.query.requestId).not.toBe(original.query.requestId);

  // The viewer has the resend, linked both ways.
  await expect(callRows(viewer)).toHaveCount(before + 1);
  await dialog.getByRole('tab', { name: 'Compare' }).click();
  await expect(dialog.getByRole('table', { name: 'Request differences' })).toBeVisible();
  expect((await diffPaths(dialog, 'Request differences')).sort()).toEqual([
    'events[0].xdm.eventType',
    'events[0].xdm.web.webPageDetails.name',
  ]);
  // Volatile fields (ids, timestamps, cookie values, lifetimes) differ on both sides: listed,
  // marked volatile, when asked for…
  const compare = dialog.getByRole('tabpanel');
  const side = (name: string) =>
    compare.locator('section').filter({ has: viewer.getByRole('heading', { name, exact: true }) });
  const markedVolatile = (name: string) =>
    dialog
      .getByRole('table', { name })
      .getByRole('cell')
      .filter({ hasText: / volatile$/ });
  const showVolatile = compare.getByRole('checkbox', { name: 'Show volatile fields' });
  await showVolatile.check();
  for (const name of ['Request differences', 'Response differences']) {
    await expect(side(name)).toHaveCount(1);
    await expect(markedVolatile(name).first(), name).toBeVisible();
  }
  // …and otherwise hidden and counted: nothing volatile is named on either side.
  await showVolatile.uncheck();
  for (const name of ['Request differences', 'Response differences']) {
    await expect(side(name).getByText(/^\d+ volatile differences? hidden/), name).toBeVisible();
    await expect(markedVolatile(name)).toHaveCount(0);
    expect(
      (await diffPaths(dialog, name)).filter((path) => VOLATILE.test(path)),
      name,
    ).toEqual([]);
  }
  // The request side still lists the two edits (the response may have no other difference).
  await expect(dialog.getByRole('table', { name: 'Request differences' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await callRows(viewer).last().click();
  const actions = viewer.getByRole('group', { name: 'Call actions' });
  await actions.getByRole('button', { name: /^Go to original/ }).click();
  await expect(pageViewRow(viewer)).toHaveAttribute('aria-selected', 'true');
  await expect(actions.getByRole('button', { name: /^Go to resend/ })).toBeVisible();

  // Sending the same edit again is one click, with a fresh requestId.
  await actions.getByRole('button', { name: 'Send again' }).click();
  await expect.poll(() => sent().length).toBe(2);
  expect(sent()[1]!.body).toBe(edited);
  expect(sent()[1]!.query.requestId).not.toBe(resent.query.requestId);
  await expect(callRows(viewer)).toHaveCount(before + 2);
});

test('a datastream override goes out in the URL and shows in the diff', async ({
  extension,
  world,
}) => {
  const { viewer, original, sent } = await capturedPageView(extension, world);
  const { dialog } = await openEditor(viewer);
  const override = 'e2e-override-datastream';
  await dialog.getByRole('textbox', { name: 'Datastream id override' }).fill(override);
  await expect(dialog.getByRole('textbox', { name: 'URL' })).toHaveValue(
    new RegExp(`configId=${override}`),
  );
  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Sent from the page: 200/)).toBeVisible();
  await expect.poll(() => sent().length).toBe(1);
  expect(sent()[0]!.query.configId).toBe(override);
  expect(sent()[0]!.body).toBe(JSON.stringify(JSON.parse(original.body), null, 2));

  await dialog.getByRole('tab', { name: 'Compare' }).click();
  const table = dialog.getByRole('table', { name: 'Request differences' });
  await expect(table).toBeVisible();
  expect(await diffPaths(dialog, 'Request differences')).toEqual(['configId']);
  await expect(table.getByRole('row').filter({ hasText: 'configId' })).toContainText(override);
  await expect(table.getByRole('row').filter({ hasText: 'configId' })).toContainText(
    original.query.configId!,
  );
});

test('invalid JSON is refused with its line and column', async ({ extension, world }) => {
  const { viewer, sent } = await capturedPageView(extension, world);
  const { dialog, body } = await openEditor(viewer);
  // Line 3 lacks its closing brace: the scanner stops at line 4, column 1.
  await typeBody(viewer, body, '{\n  "events": [\n    {"xdm": {"eventType": "x"}\n]\n}');
  await expect(dialog.getByText(/Not valid JSON: line 4, column 1/)).toBeVisible();
  await sendButton(dialog).click();
  const confirm = dialog.getByRole('alertdialog', { name: 'Send anyway?' });
  await expect(confirm).toContainText('line 4, column 1');
  await expect(confirm.getByRole('button', { name: "Don't send" })).toBeFocused();
  await confirm.getByRole('button', { name: "Don't send" }).click();
  await expect(confirm).toBeHidden();
  await expect(dialog.getByRole('status').filter({ hasText: /^Sent/ })).toHaveCount(0);
  // Then a valid body, sent: once it has arrived, a wrongly sent one would have arrived before it.
  const valid = '{"events": [{"xdm": {"eventType": "after.refusal"}}]}';
  await typeBody(viewer, body, valid);
  await expect(dialog.getByText('Valid JSON')).toBeVisible();
  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Sent from the page: 200/)).toBeVisible();
  await expect.poll(() => sent().length).toBeGreaterThan(0);
  expect(sent().map((r) => r.body)).toEqual([valid]);
});

test("the resend carries the page's cookies, set by an earlier call", async ({
  extension,
  world,
}) => {
  const { viewer, original, sent } = await capturedPageView(extension, world);
  // The page view was this visitor's first call: it carried no Edge cookie, and got them set.
  expect(original.headers.cookie ?? '').not.toContain(`kndctr_${ORG}_identity=`);
  const { dialog } = await openEditor(viewer);
  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Sent from the page: 200/)).toBeVisible();
  await expect.poll(() => sent().length).toBe(1);
  const cookie = sent()[0]!.headers.cookie ?? '';
  expect(cookie).toContain(`kndctr_${ORG}_identity=`);
  expect(cookie).toContain(`kndctr_${ORG}_cluster=or2`);
  // And the request came from the page's origin.
  expect(sent()[0]!.headers.origin).toBe(new URL(world.site.url).origin);
});

test('the copied cURL command, run against the simulator, reproduces the call', async ({
  extension,
  world,
}) => {
  const { viewer, original, sent } = await capturedPageView(extension, world);
  const { dialog } = await openEditor(viewer);
  await dialog.getByRole('button', { name: 'Copy as cURL' }).click();
  const copied = dialog.getByRole('textbox', { name: 'Copied cURL command' });
  await expect(copied).toBeVisible();
  const command = await copied.inputValue();
  expect(command.startsWith("curl 'https://edge.adobedc.net/ee/")).toBe(true);

  // Pointed at the simulator the way Chromium is (chromium.mjs maps the host to its port).
  const target = `edge.adobedc.net:443:127.0.0.1:${world.simulator.port}`;
  const run = command.replace(
    /^curl /,
    `curl -sS -k -o /dev/null -w '%{http_code}' --connect-to ${target} `,
  );
  // Asynchronously: the simulator answers from this very process.
  const { stdout } = await promisify(execFile)('sh', ['-c', run], { timeout: 20_000 });
  expect(stdout).toBe('200');

  await expect.poll(() => sent().length).toBe(1);
  const [reproduced] = sent();
  expect(reproduced!.path).toBe(original.path);
  expect(reproduced!.query.configId).toBe(original.query.configId);
  expect(reproduced!.headers['content-type']).toBe(original.headers['content-type']);
  expect(JSON.parse(reproduced!.body)).toEqual(JSON.parse(original.body));
  expect(reproduced!.body).toBe(JSON.stringify(JSON.parse(original.body), null, 2));
});

test('with the tab gone, it offers to send from the extension, and the resend is still linked', async ({
  extension,
  world,
}) => {
  const { page, viewer, original, sent } = await capturedPageView(extension, world);
  await page.close();
  const { dialog } = await openEditor(viewer);
  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Not sent: The tab that made this call is closed/)).toBeVisible();
  await expect(dialog.getByText(/Cookies will differ/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Send from the extension' }).click();
  await expect(dialog.getByText(/^Sent from the extension: 200/)).toBeVisible();
  await expect.poll(() => sent().length).toBe(1);
  expect(JSON.parse(sent()[0]!.body)).toEqual(JSON.parse(original.body));
  // Filed under the closed tab as one record (closing the page also sent alloy's exit beacon).
  const edgeCalls = () => world.simulator.received.filter((r) => r.method === 'POST').length;
  await expect(callRows(viewer)).toHaveCount(edgeCalls());
  await dialog.getByRole('button', { name: 'Close' }).click();
  await callRows(viewer).last().click();
  await expect(viewer.getByRole('button', { name: /^Go to original/ })).toBeVisible();
  await viewer.getByRole('tab', { name: 'Sources' }).click();
  await expect(viewer.getByRole('tabpanel')).toContainText('webRequest');
  // Sent by the extension, so no page saw it.
  await expect(viewer.getByRole('tabpanel')).toContainText('extension');
  await expect(viewer.getByRole('tabpanel')).not.toContainText('page-hook');
});

test('a failing resend shows like any other captured failure', async ({ extension, world }) => {
  const { viewer, before } = await capturedPageView(extension, world);
  const { dialog } = await openEditor(viewer);
  // The simulator answers an HTML 500 for this datastream (sim-routes.mjs switches).
  await dialog.getByRole('textbox', { name: 'Datastream id override' }).fill('simulate-500');
  await sendButton(dialog).click();
  await expect(dialog.getByText(/^Sent from the page: 500.*a failure/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(callRows(viewer)).toHaveCount(before + 1);
  await expect(callRows(viewer).last()).toHaveAttribute('data-failed', 'true');
  await expect(callRows(viewer).last()).toContainText('500');
});
