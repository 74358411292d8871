/**
 * The SDK view against the real Web SDK on the demo shop: the instance with the configuration the
 * shop gave it (datastream, org, edge domain, read from the page's own `demoConfig`, never
 * invented here), the page view's sendEvent with its options and the call it made, a command
 * alloy rejected with the error the page got, and the way back from the call to its command.
 */
import { expect, test } from './fixtures';

interface DemoConfig {
  datastreamId: string;
  orgId: string;
  edgeDomain: string;
}

test('the SDK view: the instance and its configuration, the page view command and its call, both ways', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  // The SDK's debug logging on, as an implementer turns it on.
  await page.goto(`${world.site.url}/?debug=1`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  // A command alloy rejects (its xdm is not an object), and the error the page got.
  await page.getByRole('button', { name: 'Bad command' }).click();
  await expect(page.locator('#bad-status')).toHaveText(/^error: /);
  const pageError = ((await page.locator('#bad-status').textContent()) ?? '').slice(7);
  // What the demo configured alloy with, as the page got it.
  const { datastreamId, orgId, edgeDomain } = await page.evaluate(
    () => (window as unknown as { demoConfig: DemoConfig }).demoConfig,
  );

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await viewer.setViewportSize({ width: 1600, height: 1300 });

  // The summary line above the tabs: the version the page's Web SDK stated in the events it
  // sent (as the simulator received them), the instance and its datastream, shortened.
  const version = world.simulator.received
    .map((entry) => /"implementationDetails":\{[^}]*"version":"([^"]+)"/.exec(entry.body)?.[1])
    .find((v) => v !== undefined);
  expect(version).toMatch(/^2\.\d+\.\d+/);
  const summary = viewer.getByText(/1 instance \(alloy\)/);
  await expect(summary).toContainText(`Web SDK ${version} · 1 instance (alloy)`);
  await expect(summary).toContainText(`datastream ${datastreamId.slice(0, 4)}…`);

  await viewer.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'SDK' }).click();
  const panel = viewer.getByRole('tabpanel');
  await expect(panel).toBeVisible();

  // The instance, with what the shop configured.
  const config = panel.getByRole('list', { name: 'Instances' });
  await expect(config).toContainText('alloy');
  const pairs = panel.getByLabel('Configuration of alloy');
  await expect(pairs).toContainText(`Datastream${datastreamId}`);
  await expect(pairs).toContainText(`Org${orgId}`);
  await expect(pairs).toContainText(`Edge domain${edgeDomain}`);
  await expect(pairs).toContainText('Third-party cookiesdisabled');
  // Third-party cookies are off, the consent is not pending: nothing to say.
  await expect(panel.getByRole('list', { name: 'Trouble with alloy' })).toHaveCount(0);

  // The page view's sendEvent: its options, resolved, and the call it made.
  const commands = panel.getByRole('list', { name: 'Commands' });
  const pageView = commands
    .getByRole('listitem')
    .filter({ hasText: 'eventType: web.webpagedetails.pageViews' })
    .first();
  await expect(pageView).toContainText(/sendEvent #\d+/);
  await expect(pageView).toContainText('renderDecisions: true');
  await expect(pageView).toContainText(/resolved in \d+ ms/);
  const label = (await pageView.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(/^sendEvent #\d+$/);

  // Its log lines: the SDK's own words while it ran, filterable by text.
  const logs = panel.getByRole('list', { name: 'Log lines' });
  const answered = logs
    .getByRole('listitem')
    .filter({ hasText: 'Received response with status code 200' })
    .first();
  await expect(answered).toContainText(`(during ${label})`);
  await panel.getByRole('textbox', { name: 'Filter logs' }).fill('Received response');
  await expect(logs.getByRole('listitem').first()).toContainText('Received response');
  await expect(panel.getByText(/^\d+ of \d+ lines$/)).toBeVisible();
  await panel.getByRole('textbox', { name: 'Filter logs' }).fill('');

  // The rejected command, with the error the page got.
  const rejected = commands.getByRole('listitem').filter({ hasText: 'rejected' });
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText(`✖ rejected in`);
  await expect(rejected).toContainText(pageError);
  await expect(rejected.getByRole('button')).toHaveCount(0);

  // The page view's own call first; the display notification alloy sends after rendering, while
  // the command is still open, is the command's too.
  const callButton = pageView.getByRole('button', { name: /^Show #\d+ interact$/ }).first();
  await expect(callButton).toBeVisible();
  await callButton.click();

  // The call, in the list with its details, says which command made it, and leads back.
  await expect(viewer.getByRole('tab', { name: 'Calls', selected: true })).toBeVisible();
  const details = viewer.getByRole('region', { name: 'Call details' });
  await expect(details).toContainText('web.webpagedetails.pageViews');
  await expect(details).toContainText(`Made by ${label} (instance alloy)`);
  await details.getByRole('button', { name: `Show ${label} in the SDK view` }).click();
  await expect(viewer.getByRole('tab', { name: 'SDK', selected: true })).toBeVisible();
  await expect(viewer.getByRole('listitem', { name: label })).toBeFocused();
});

/** The Web SDK version the page's events stated, as the simulator received them. */
function sentVersion(received: ReadonlyArray<{ body: string }>): string | undefined {
  return received
    .map((entry) => /"implementationDetails":\{[^}]*"version":"([^"]+)"/.exec(entry.body)?.[1])
    .find((v) => v !== undefined);
}

test('an older Web SDK release (2.19 from npm): the SDK view shows what it provides', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/?alloy=2.19`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  const { datastreamId } = await page.evaluate(
    () => (window as unknown as { demoConfig: DemoConfig }).demoConfig,
  );
  const version = sentVersion(world.simulator.received);
  expect(version).toMatch(/^2\.19\./);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await expect(viewer.getByText(/1 instance \(alloy\)/)).toContainText(`Web SDK ${version}`);
  await viewer.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'SDK' }).click();
  const panel = viewer.getByRole('tabpanel');
  await expect(panel.getByLabel('Configuration of alloy')).toContainText(
    `Datastream${datastreamId}`,
  );
  const pageView = panel
    .getByRole('list', { name: 'Commands' })
    .getByRole('listitem')
    .filter({ hasText: 'eventType: web.webpagedetails.pageViews' })
    .first();
  await expect(pageView).toContainText(/resolved in \d+ ms/);
  await expect(
    pageView.getByRole('button', { name: /^Show #\d+ interact$/ }).first(),
  ).toBeVisible();
});

test('a data layer push and the Web SDK command it led to, on one time line', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/datalayer.html`);
  await expect(page.locator('#dl-events')).toContainText('page-loaded');
  // The SDK is loaded and configured: the push is what leads to the command.
  await expect(page.locator('#dl-ready')).toHaveText('configured');
  await page.getByRole('button', { name: 'Push event' }).click();
  await expect(page.locator('#dl-sent')).toHaveText('ok');
  // The page's own listener still heard the push.
  await expect(page.locator('#dl-events')).toContainText('cart-add');

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  await viewer.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'SDK' }).click();
  const panel = viewer.getByRole('tabpanel');
  const command = panel
    .getByRole('list', { name: 'Commands' })
    .getByRole('listitem')
    .filter({ hasText: 'after the data layer push “cart-add”' });
  await expect(command).toHaveCount(1);
  const label = (await command.getAttribute('aria-label')) ?? '';
  expect(label).toMatch(/^sendEvent #\d+$/);
  await expect(command.getByRole('button', { name: /^Show #\d+ interact$/ })).toHaveCount(1);
  await expect(
    panel.getByRole('list', { name: 'Data layer pushes and the commands they led to' }),
  ).toContainText(`data layer push “cart-add” → ${label}`);
});
