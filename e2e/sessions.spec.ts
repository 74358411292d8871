/**
 * Sessions for QA and marketers: export (HAR, CSV) from the viewer, redaction by default,
 * re-import, import of a browser-recorded HAR with mixed traffic, refusal of bad files, and the
 * popup in plain words.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { callRows, captureStatus, expect, recordShopHar, test } from './fixtures';

const require = createRequire(import.meta.url);
const PAGE_VIEW = 'web.webpagedetails.pageViews';

function validateHar(har: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  for (const [name, schema] of Object.entries(require('har-schema') as Record<string, object>)) {
    ajv.addSchema(schema, `${name}.json`);
  }
  const validate = ajv.getSchema('har.json')!;
  return validate(har) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Three pages of the demo shop with the real Web SDK. */
async function threePageSession(page: Page, siteUrl: string): Promise<void> {
  await page.goto(`${siteUrl}/?pageview=0`);
  await page.getByRole('button', { name: 'Get identity' }).click();
  await expect(page.locator('#ecid')).toHaveText(/^\d{38}$/);
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  await page.getByRole('link', { name: 'Product' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('link', { name: 'Checkout' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
}

/** Exports from the viewer; redaction `'default'` leaves the rules as the dialog opens them. */
async function exportFile(
  viewer: Page,
  format: RegExp,
  redaction: boolean | 'default',
): Promise<string> {
  await viewer.getByRole('button', { name: 'Export…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: format }).check();
  if (redaction !== 'default')
    for (const rule of await dialog.getByRole('checkbox').all()) await rule.setChecked(redaction);
  const download = viewer.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const file = await download;
  await expect(dialog.getByRole('status', { name: 'Export status' })).toContainText('Saved');
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(file.suggestedFilename()).toMatch(
    /^aep-edge-127\.0\.0\.1_\d+-\d{8}-\d{6}\.(har|csv|json)$/,
  );
  return readFileSync(await file.path(), 'utf8');
}

async function listText(viewer: Page): Promise<string[]> {
  return callRows(viewer).evaluateAll((rows) =>
    rows.map((row) =>
      [...row.querySelectorAll('[role="gridcell"]')]
        .slice(1, 5) // action, event types, datastream, status (not time, duration, size, page)
        .map((cell) => cell.textContent?.trim())
        .join(' | '),
    ),
  );
}

test('a 3-page session exports to a valid HAR and CSV, and re-imports to the same calls and detail', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await threePageSession(page, world.site.url);
  // Each page view is followed by its display notification (alloy renders the simulator's
  // offer): the session is complete once both page views have theirs.
  const edge = () => world.simulator.received.filter((r) => r.path.startsWith('/ee/'));
  const withEvent = (type: string) => edge().filter((r) => r.body.includes(`"${type}"`)).length;
  await expect
    .poll(() => [withEvent(PAGE_VIEW), withEvent('decisioning.propositionDisplay')])
    .toEqual([2, 2]);
  const edgeCalls = edge().length;

  const tabId = await extension.tabIdOf(page);
  const viewer = await extension.openViewer(tabId);
  await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${edgeCalls} calls`));

  // The default export (redacted) and one without redaction: both valid HARs, the same entries.
  const redacted = JSON.parse(await exportFile(viewer, /^HAR/, 'default'));
  expect(validateHar(redacted)).toEqual([]);
  expect(redacted.log._aepInspector.redaction.length).toBeGreaterThan(0);
  expect(redacted.log.entries).toHaveLength(edgeCalls);
  const har = JSON.parse(await exportFile(viewer, /^HAR/, false));
  expect(validateHar(har)).toEqual([]);
  expect(har.log.entries).toHaveLength(edgeCalls);
  for (const entry of har.log.entries) {
    expect(entry.request.postData?.text, entry.request.url).toMatch(/^\{/);
    expect(entry.response.content.text, entry.request.url).toBeDefined();
  }
  expect(har.log.pages.length).toBe(3);
  expect(redacted.log.entries.map((e: { request: { url: string } }) => e.request.url)).toEqual(
    har.log.entries.map((e: { request: { url: string } }) => e.request.url),
  );
  expect(har.log._aepInspector.redaction).toEqual([]);

  const csv = (await exportFile(viewer, /^CSV/, true)).trimEnd().split('\r\n');
  expect(csv[0]).toBe(
    'time,page,action,eventType,datastream,status,primaryIdentity,handleTypes,errors,note',
  );
  // Every call of this session carries one event or none (acquire, consent): one row each.
  expect(csv).toHaveLength(1 + edgeCalls);

  const liveRows = await listText(viewer);
  const harPath = join(mkdtempSync(join(tmpdir(), 'aep-har-')), 'session.har');
  writeFileSync(harPath, JSON.stringify(har));
  await viewer.getByLabel('Import a HAR or session file').setInputFiles(harPath);
  await expect(viewer.getByRole('combobox', { name: 'View' })).toHaveValue(/^import-/);
  await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${edgeCalls} calls`));
  expect(await listText(viewer)).toEqual(liveRows);

  // The same decoded detail: the page view's response, live and imported.
  const detailOf = async () => {
    await callRows(viewer).filter({ hasText: 'pageViews' }).first().click();
    await viewer.getByRole('tab', { name: 'Response' }).click();
    return viewer.getByRole('tabpanel').innerText();
  };
  const imported = await detailOf();
  await viewer
    .getByRole('combobox', { name: 'View' })
    .selectOption({ label: `Tab ${tabId} (live)` });
  const live = await detailOf();
  expect(imported).toEqual(live);
});

test('redaction is on by default: a bearer token, a cookie value and an email never reach the file', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  // alloy copied Edge's identity cookie onto the page's own domain.
  const cookie = await page.evaluate(
    () => /kndctr_[^=]+_identity=([^;]+)/.exec(document.cookie)?.[1] ?? '',
  );
  expect(cookie.length).toBeGreaterThan(20);
  const token = 'Bearer eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-abcdef123456';
  const email = 'jane.doe@example.com';
  const status = await page.evaluate(
    async ([auth, mail]) => {
      const url =
        'https://server.adobedc.net/ee/v2/interact?dataStreamId=ds-server&requestId=srv-1';
      const body = JSON.stringify({
        event: {
          xdm: {
            eventType: 'web.formFilledOut',
            identityMap: { Email: [{ id: mail, primary: true }] },
          },
        },
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body,
      });
      return response.status;
    },
    [token, email] as const,
  );
  expect(status).toBe(200);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await expect(callRows(viewer).filter({ hasText: 'web.formFilledOut' })).toHaveCount(1);
  await viewer.getByRole('button', { name: 'Export…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Export' });
  // The rules are shown before export, each on.
  for (const rule of await dialog.getByRole('checkbox').all()) await expect(rule).toBeChecked();
  const download = viewer.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  // The default format is a HAR, valid with its values redacted.
  expect(validateHar(JSON.parse(text))).toEqual([]);
  expect(text).toContain('web.formFilledOut');
  expect(text).toContain('"redaction"');
  for (const secret of [token.slice(7), cookie, email]) expect(text).not.toContain(secret);
});

test('a browser-recorded HAR with mixed traffic imports as its Edge calls only; bad files are refused', async ({
  extension,
  world,
}) => {
  // Record a real HAR of the demo shop in a plain Chromium (HTML, scripts and Edge calls).
  const dir = mkdtempSync(join(tmpdir(), 'aep-rec-'));
  const harPath = await recordShopHar(world, dir);
  const recorded = JSON.parse(readFileSync(harPath, 'utf8'));
  const urls: string[] = recorded.log.entries.map(
    (e: { request: { url: string } }) => e.request.url,
  );
  const edge = urls.filter((u) => /\/ee\/.*configId=/.test(u)).length;
  expect(edge).toBeGreaterThan(0);
  expect(urls.length).toBeGreaterThan(edge);

  const viewer = await extension.openViewer();
  const input = viewer.getByLabel('Import a HAR or session file');
  await input.setInputFiles(harPath);
  await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${edge} calls?`));
  await expect(viewer.getByRole('combobox', { name: 'View' })).toContainText(
    `${urls.length - edge} other requests skipped`,
  );

  const views = await viewer.getByRole('combobox', { name: 'View' }).getByRole('option').count();
  const bad: Array<[string, string | Buffer, RegExp]> = [
    ['not-har.json', '{"hello": "world"}', /neither a HAR/],
    [
      'wrong-version.har',
      '{"log": {"version": "3.0", "entries": []}}',
      /Unsupported HAR version "3.0"/,
    ],
    ['broken.har', '{"log": {"version": "1.2", "entries": [', /not valid JSON/],
    ['huge.har', Buffer.alloc(50 * 1024 * 1024, 32), /50\.0 MB; files up to 40 MB/],
  ];
  for (const [name, content, reason] of bad) {
    const path = join(dir, name);
    writeFileSync(path, content);
    await input.setInputFiles(path);
    await expect(viewer.getByRole('alert')).toContainText(`${name} was not imported`);
    await expect(viewer.getByRole('alert')).toContainText(reason);
    // Nothing else changed: no new view, and the current one still shows the imported calls.
    await expect(viewer.getByRole('combobox', { name: 'View' }).getByRole('option')).toHaveCount(
      views,
    );
    await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${edge} calls?`));
  }
  rmSync(dir, { recursive: true, force: true });
});

test('the popup, opened for a tab with traffic, speaks plain words and shows consent and ECID', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  await page.getByRole('button', { name: 'Get identity' }).click();
  await expect(page.locator('#ecid')).toHaveText(/^\d{38}$/);
  const ecid = await page.locator('#ecid').innerText();
  const tabId = await extension.tabIdOf(page);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.id}/popup/popup.html?tabId=${tabId}`);
  const recent = popup.getByRole('list', { name: 'Recent calls' });
  await expect(recent).toContainText('Page view: home');
  await expect(recent).toContainText(/Personalization: \d+ offers?/);
  await expect(recent).toContainText('Consent: in');
  // The visitor's facts, each term with its own value.
  const visitor = popup.getByRole('region', { name: 'Visitor' });
  await expect(visitor.getByRole('term')).toHaveText(['Consent', 'ECID']);
  await expect(visitor.getByRole('definition')).toHaveText(['in', ecid]);
  await expect(popup.getByRole('button', { name: 'Open viewer' })).toBeVisible();

  // Export from the popup: CSV, one row per event, redacted by default (no raw ECID cookie).
  const download = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv[0]).toMatch(/^time,page,action,eventType/);
  expect(csv.some((row) => row.includes('web.webpagedetails.pageViews'))).toBe(true);

  // Pause and resume from the popup.
  await popup.getByRole('button', { name: 'Pause capture' }).click();
  await expect(popup.getByRole('status', { name: 'Tab summary' })).toContainText('Capture paused');
  await popup.getByRole('button', { name: 'Resume capture' }).click();
  await expect(popup.getByRole('status', { name: 'Tab summary' })).not.toContainText('paused');
});

test('a call can be hidden and can carry a note, and the export keeps the note', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/lab.html`);
  await page.evaluate(() => window.lab.burst(3));
  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await expect(captureStatus(viewer)).toHaveText(/^3 calls/);

  await callRows(viewer).nth(0).click();
  const actions = viewer.getByRole('group', { name: 'Call actions' });
  await actions.getByRole('button', { name: 'Add note' }).click();
  await actions.getByRole('textbox', { name: 'Note' }).fill('checked by QA: <b>ok</b>');
  await actions.getByRole('button', { name: 'Save note' }).click();
  await expect(actions).toContainText('Note: checked by QA: <b>ok</b>');

  await callRows(viewer).nth(1).click();
  await actions.getByRole('button', { name: 'Hide call' }).click();
  await expect(captureStatus(viewer)).toHaveText(/^2 of 3 calls/);
  await viewer.getByRole('checkbox', { name: 'Show hidden (1)' }).check();
  await expect(captureStatus(viewer)).toHaveText(/^3 calls/);

  const session = JSON.parse(await exportFile(viewer, /^JSON session/, true));
  const notes = session.calls.map((c: { call: { note?: string } }) => c.call.note).filter(Boolean);
  expect(notes).toEqual(['checked by QA: <b>ok</b>']);
  expect(session.calls.filter((c: { call: { hidden?: boolean } }) => c.call.hidden)).toHaveLength(
    1,
  );
});
