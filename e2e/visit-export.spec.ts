/**
 * The visit's findings from a real session to the command line: the demo shop with the real Web
 * SDK, its cookies cleared between two pages (so the second page view reaches Edge without the
 * identity cookie and gets another ECID), the HAR exported from the viewer, and the built command
 * line run over it: it reports `visit:ecid-changed`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { captureStatus, expect, test } from './fixtures';

const run = promisify(execFile);
const CLI = resolve('bin/aep-edge-inspector.mjs');
const PAGE_VIEW = 'web.webpagedetails.pageViews';

test('cookies cleared mid-visit: the exported HAR carries ecid-changed, and the command line reports it', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('button', { name: 'Get identity' }).click();
  await expect(page.locator('#ecid')).toHaveText(/^\d{38}$/);
  const first = await page.locator('#ecid').textContent();

  await extension.context.clearCookies();
  await page.getByRole('link', { name: 'Product' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  const edge = () => world.simulator.received.filter((r) => r.path.startsWith('/ee/'));
  await expect.poll(() => edge().filter((r) => r.body.includes(`"${PAGE_VIEW}"`)).length).toBe(2);

  const tabId = await extension.tabIdOf(page);
  const viewer = await extension.openViewer(tabId);
  await expect(captureStatus(viewer)).toHaveText(new RegExp(`^${edge().length} calls`));

  // The default export: redacted, so the ECIDs in the findings are hashes.
  await viewer.getByRole('button', { name: 'Export…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /^HAR/ }).check();
  const download = viewer.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const text = readFileSync(await (await download).path(), 'utf8');
  const har = JSON.parse(text) as { log: { _aepInspector: { visit: Array<{ rule: string }> } } };
  expect(har.log._aepInspector.visit.map((f) => f.rule)).toContain('visit:ecid-changed');
  expect(text).not.toContain(first ?? 'no ECID');

  const path = join(mkdtempSync(join(tmpdir(), 'aep-visit-')), 'session.har');
  writeFileSync(path, text);
  // Warnings only: exit 0 (a failing finding would reject with exit 1).
  const { stdout } = await run(process.execPath, [CLI, 'validate', path, '--format', 'json']);
  const report = JSON.parse(stdout) as {
    plan: unknown;
    visit: Array<{ rule: string; status: string }>;
  };
  expect(report.plan).toBeNull();
  expect(report.visit).toContainEqual(
    expect.objectContaining({ rule: 'visit:ecid-changed', status: 'warn' }),
  );
});
