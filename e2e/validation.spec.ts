/**
 * Validation against a tracking plan, over real Web SDK calls (@adobe/alloy on the demo shop): the
 * plan is loaded in the viewer, the worker validates inside the built extension (under its CSP:
 * no eval, so only an interpreting validator can run there), and the verdicts show in the list
 * (column, filter, status), the Validation tab and the popup. Then the command line over a
 * Chromium-recorded HAR and over one of our own exports.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import {
  callRows,
  captureStatus,
  expect,
  recordShopHar,
  test,
  type Extension,
  type World,
} from './fixtures';

const run = promisify(execFile);
const PLAN = resolve('e2e/plans/demo-plan.yaml');
const SCHEMA = resolve('src/validate/fixtures/web-event.xed-full.json');
const CLI = resolve('bin/aep-edge-inspector.mjs');
const VALIDATION_COLUMN = 6;

async function shopWithCartAdd(extension: Extension, world: World) {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.locator('#cart-status')).toHaveText('ok');
  return { page, tabId: await extension.tabIdOf(page) };
}

async function loadPlan(viewer: Page, files: string[]) {
  await viewer.getByRole('button', { name: /^Plan/ }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Tracking plan' });
  await dialog.getByLabel('Load a plan file (YAML or JSON, with its schema)').setInputFiles(files);
  return dialog;
}

function validationCell(viewer: Page, text: string) {
  return callRows(viewer)
    .filter({ hasText: text })
    .first()
    .getByRole('gridcell')
    .nth(VALIDATION_COLUMN);
}

test('a plan with each kind of rule checks real Web SDK calls: column, filter, status, Validation tab, popup', async ({
  extension,
  world,
}) => {
  const { tabId } = await shopWithCartAdd(extension, world);
  const viewer = await extension.openViewer(tabId);
  await expect(callRows(viewer).filter({ hasText: 'linkClicks' })).toHaveCount(1);

  // Loaded after the calls: the worker validates every stored call again.
  const dialog = await loadPlan(viewer, [PLAN, SCHEMA]);
  await expect(dialog.getByRole('status', { name: 'Plan in force' })).toHaveText(
    'In force: Demo shop plan · 4 rules · schema ./web-event.xed-full.json',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(viewer.getByRole('button', { name: 'Plan: Demo shop plan' })).toBeVisible();

  // require fails on the page view (no site section); match warns on the cart add ("other");
  // expect passes on the cart add (it lists its product). The schema, built from the adobe/xdm
  // field groups the plan names, has no Experience decisioning group: alloy's display
  // notification for the rendered proposition carries `_experience`, an unknown field.
  await expect(validationCell(viewer, 'pageViews')).toHaveText('✗ 1');
  await expect(validationCell(viewer, 'linkClicks')).toHaveText('⚠ 1');
  await expect(validationCell(viewer, 'propositionDisplay')).toHaveText('✗ 1');
  await expect(captureStatus(viewer)).toContainText('2 events fail the plan, 1 event warns');

  const filter = viewer.getByRole('textbox', { name: 'Filter' });
  await filter.fill('is:fail');
  await expect(callRows(viewer)).toHaveCount(2);
  await filter.fill('rule:pageview-has-section');
  await expect(callRows(viewer)).toHaveCount(1);
  await expect(callRows(viewer).first()).toContainText('pageViews');
  await filter.fill('rule:schema');
  await expect(callRows(viewer)).toHaveCount(1);
  await expect(callRows(viewer).first()).toContainText('propositionDisplay');
  await filter.fill('rule:link-click-type');
  await expect(callRows(viewer)).toHaveCount(1);
  await expect(callRows(viewer).first()).toContainText('linkClicks');
  await filter.fill('is:warn -linkclicks');
  await expect(callRows(viewer)).toHaveCount(0);
  await filter.fill('');

  await callRows(viewer).filter({ hasText: 'pageViews' }).first().click();
  await viewer.getByRole('tab', { name: 'Validation' }).click();
  const findings = viewer.getByRole('table', { name: 'Findings of event 0' });
  const row = (rule: string) => findings.getByRole('row').filter({ hasText: rule });
  await expect(row('pageview-has-name')).toContainText('pass');
  await expect(row('pageview-has-section')).toContainText(
    /fail.*xdm\.web\.webPageDetails\.siteSection.*present and not empty.*\(missing\)/,
  );
  // The XDM schema (adobe/xdm field groups) ran in the worker: alloy's page view fits it, and the
  // _id the Edge fills in is information, not a failure.
  await expect(row('schema').filter({ hasText: 'pass' })).toHaveCount(1);
  await expect(row('schema').filter({ hasText: 'xdm._id' })).toContainText('information');
  await findings
    .getByRole('button', { name: 'Show xdm.web.webPageDetails.siteSection in the XDM tree' })
    .click();
  await expect(viewer.getByRole('tab', { name: 'XDM' })).toHaveAttribute('aria-selected', 'true');
  // The field is missing, so its nearest parent is opened and selected.
  await expect(
    viewer.getByRole('treeitem', { selected: true }).filter({ hasText: 'webPageDetails' }),
  ).toHaveCount(1);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.id}/popup/popup.html?tabId=${tabId}`);
  await expect(popup.getByRole('status', { name: 'Tab summary' })).toContainText(
    '2 of 3 events fail the plan: page view without a site section',
  );
});

test('a plan folder is taken; a bad plan is refused with every reason and the plan in force stays; Remove clears the verdicts', async ({
  extension,
  world,
}) => {
  const { tabId } = await shopWithCartAdd(extension, world);
  const viewer = await extension.openViewer(tabId);
  // A folder holding the plan and its schema, as a team keeps them in git.
  const folder = mkdtempSync(join(tmpdir(), 'aep-plan-folder-'));
  copyFileSync(PLAN, join(folder, 'demo-plan.yaml'));
  copyFileSync(SCHEMA, join(folder, 'web-event.xed-full.json'));
  await viewer.getByRole('button', { name: /^Plan/ }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Tracking plan' });
  await dialog.getByLabel('Load a plan folder (the plan and its schema)').setInputFiles(folder);
  await expect(dialog.getByRole('status', { name: 'Plan in force' })).toHaveText(
    'In force: Demo shop plan · 4 rules · schema ./web-event.xed-full.json',
  );

  const bad = join(mkdtempSync(join(tmpdir(), 'aep-plan-')), 'bad-plan.yaml');
  writeFileSync(
    bad,
    [
      'name: Broken plan',
      'owner: qa',
      'rules:',
      '  - id: a',
      '    require: [xdm.eventType]',
      '  - id: a',
      '    match: { xdm.eventType: "/([/" }',
      '  - require: [xdm.web]',
      '    expect: { type: strin }',
    ].join('\n'),
  );
  await dialog.getByLabel('Load a plan file (YAML or JSON, with its schema)').setInputFiles(bad);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The plan was not loaded; Demo shop plan stays in force');
  for (const reason of [
    'unknown key "owner"',
    'duplicate id "a"',
    'bad regex',
    'a rule needs an id',
    'unknown type "strin"',
  ])
    await expect(alert.getByRole('listitem').filter({ hasText: reason })).toHaveCount(1);
  await expect(dialog.getByRole('status', { name: 'Plan in force' })).toContainText(
    'Demo shop plan',
  );
  await expect(validationCell(viewer, 'pageViews')).toHaveText('✗ 1');

  await dialog.getByRole('button', { name: 'Remove plan' }).click();
  await expect(dialog.getByRole('status', { name: 'Plan in force' })).toHaveText(
    'No plan: calls are not validated.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(validationCell(viewer, 'pageViews')).toHaveText('');
  await expect(captureStatus(viewer)).not.toContainText('plan');
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

test('the command line validates a Chromium-recorded HAR and one of our exports, with the documented exit codes', async ({
  extension,
  world,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'aep-cli-'));
  copyFileSync(PLAN, join(dir, 'plan.yaml'));
  copyFileSync(SCHEMA, join(dir, 'web-event.xed-full.json'));

  // A HAR recorded by Chromium itself (Playwright's recordHar), of the demo shop with alloy.
  const harPath = await recordShopHar(world, dir);

  const json = await cli([
    'validate',
    harPath,
    '--plan',
    join(dir, 'plan.yaml'),
    '--format',
    'json',
  ]);
  expect(json.code, json.stderr).toBe(1);
  const report = JSON.parse(json.stdout) as {
    plan: string;
    summary: { events: number; passed: number; failed: number; warned: number };
    results: Array<Record<string, unknown>>;
  };
  expect(report.plan).toBe('Demo shop plan');
  expect(report.summary.failed).toBeGreaterThanOrEqual(1);
  expect(report.summary.events).toBe(
    report.summary.passed + report.summary.failed + report.summary.warned,
  );
  expect(Object.keys(report.results[0] ?? {})).toEqual([
    'requestId',
    'eventIndex',
    'eventType',
    'rule',
    'status',
    'path',
    'message',
  ]);
  expect(report.results).toContainEqual(
    expect.objectContaining({
      eventType: 'web.webpagedetails.pageViews',
      rule: 'pageview-has-section',
      status: 'fail',
      path: 'xdm.web.webPageDetails.siteSection',
    }),
  );

  // JUnit that a CI can read: parsed here by the browser's XML parser.
  const junitPath = join(dir, 'junit.xml');
  const junit = await cli([
    'validate',
    harPath,
    '--plan',
    join(dir, 'plan.yaml'),
    '--format',
    'junit',
    '--out',
    junitPath,
  ]);
  expect(junit.code).toBe(1);
  const parser = await extension.context.newPage();
  const parsed = await parser.evaluate(
    (xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? '',
        failures: [...doc.querySelectorAll('testcase > failure')].length,
      };
    },
    readFileSync(junitPath, 'utf8'),
  );
  expect(parsed.error).toBe('');
  expect(parsed.failures).toBeGreaterThanOrEqual(1);

  // One of our own HARs, exported from the viewer, against a plan it meets: exit 0.
  const { tabId } = await shopWithCartAdd(extension, world);
  const viewer = await extension.openViewer(tabId);
  await expect(callRows(viewer).filter({ hasText: 'linkClicks' })).toHaveCount(1);
  await viewer.getByRole('button', { name: 'Export…' }).click();
  const exporter = viewer.getByRole('dialog', { name: 'Export' });
  await exporter.getByRole('radio', { name: /^HAR/ }).check();
  const download = viewer.waitForEvent('download');
  await exporter.getByRole('button', { name: 'Download' }).click();
  const ours = join(dir, 'ours.har');
  await (await download).saveAs(ours);
  const meets = join(dir, 'meets.yaml');
  writeFileSync(
    meets,
    'name: Names only\nrules:\n  - id: pageview-has-name\n    when: { xdm.eventType: web.webpagedetails.pageViews }\n    require: [xdm.web.webPageDetails.name]\n',
  );
  const ok = await cli(['validate', ours, '--plan', meets, '--format', 'json']);
  expect(ok.code, ok.stderr).toBe(0);
  expect(JSON.parse(ok.stdout)).toMatchObject({
    plan: 'Names only',
    summary: { failed: 0, passed: expect.any(Number) },
  });

  // Without a plan, the visit's built-in checks run on their own.
  const visitOnly = await cli(['validate', ours, '--format', 'json']);
  expect(visitOnly.code, visitOnly.stderr).toBe(0);
  expect(JSON.parse(visitOnly.stdout)).toMatchObject({ plan: null, visit: expect.any(Array) });

  // Bad usage and bad input: exit 2, with the reason.
  const usage = await cli(['validate', ours, '--format', 'xml']);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/unknown format "xml"/);
  const notHar = join(dir, 'not.har');
  writeFileSync(notHar, '{"hello": 1}');
  const refused = await cli(['validate', notHar, '--plan', meets]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/neither a HAR/);
});
