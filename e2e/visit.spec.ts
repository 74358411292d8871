/**
 * The Visit view against the real Web SDK on the demo shop: a visit over three pages (the ECID,
 * consent set, the location hint and the calls that followed it, a proposition and its display),
 * an ECID that changed because the identity cookie was cleared, and a decision whose display was
 * never sent. Values asserted (ECIDs) come from what the simulator sent, never from the test.
 */
import type { Page } from '@playwright/test';
import { expect, test, type World } from './fixtures';
import { edgePosts } from './wire-check';

const PAGE_VIEW = 'web.webpagedetails.pageViews';
const DISPLAY = 'decisioning.propositionDisplay';

/** The ECIDs the simulator sent in identity:result, in the order it answered. */
function sentEcids(world: World): string[] {
  const ecids: string[] = [];
  for (const post of edgePosts(world.simulator.received)) {
    if (!post.sent) continue;
    const body = JSON.parse(post.sent) as {
      handle?: { type: string; payload: { id?: string }[] }[];
    };
    for (const handle of body.handle ?? [])
      if (handle.type === 'identity:result')
        for (const id of handle.payload) if (id.id && !ecids.includes(id.id)) ecids.push(id.id);
  }
  return ecids;
}

/** The first `__view__` proposition the simulator sent: its activity and experience names. */
function sentViewProposition(world: World): { activity?: string; experience?: string } {
  for (const post of edgePosts(world.simulator.received)) {
    const body = JSON.parse(post.sent || '{}') as {
      handle?: {
        type: string;
        payload: { scope?: string; items?: { meta?: Record<string, string> }[] }[];
      }[];
    };
    for (const handle of body.handle ?? []) {
      if (handle.type !== 'personalization:decisions') continue;
      const meta = handle.payload.find((p) => p.scope === '__view__')?.items?.[0]?.meta;
      if (meta) return { activity: meta['activity.name'], experience: meta['experience.name'] };
    }
  }
  return {};
}

/** Edge requests carrying an event of this type. */
const withEvent = (world: World, type: string) =>
  edgePosts(world.simulator.received).filter((r) => r.body.includes(`"${type}"`)).length;

async function openVisit(viewer: Page) {
  await viewer.setViewportSize({ width: 1600, height: 1300 });
  await viewer.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Visit' }).click();
  const panel = viewer.getByRole('tabpanel');
  await expect(panel).toBeVisible();
  return {
    panel,
    lanes: panel.getByRole('table', { name: 'Visit lanes' }),
    findings: panel.getByRole('list', { name: 'Visit findings' }),
    /** The lanes row of the call named `#3 privacy/set-consent`. */
    row: (name: string | RegExp) =>
      panel
        .getByRole('table', { name: 'Visit lanes' })
        .getByRole('row')
        .filter({ has: viewer.getByRole('button', { name }) }),
  };
}

test('a visit over three pages: ECID, consent pending then in, the hint and its followers, a proposition displayed', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/?consent=pending`);
  await expect(page.locator('#pageview-status')).toHaveText('pending');
  await page.getByRole('button', { name: 'Consent in' }).click();
  await expect(page.locator('#consent-status')).toHaveText('in: ok');
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('link', { name: 'Product' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await page.getByRole('link', { name: 'Checkout' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect.poll(() => [withEvent(world, PAGE_VIEW), withEvent(world, DISPLAY)]).toEqual([3, 3]);
  const [ecid, ...others] = sentEcids(world);
  expect(ecid).toMatch(/^\d{38}$/);
  expect(others).toEqual([]);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  const { panel, lanes, row } = await openVisit(viewer);
  await expect(lanes.getByRole('row').filter({ hasText: /^Page: / })).toHaveCount(3);
  await expect(lanes).toContainText('Page: Demo Shop – Home');
  await expect(lanes).toContainText('Page: Demo Shop – Trail Shoes');
  await expect(lanes).toContainText('Page: Demo Shop – Checkout');

  // Identity: the ECID Edge sent, and the cookie carried on later calls.
  const consentRow = row(/privacy\/set-consent$/);
  await expect(consentRow).toContainText(`ECID ${ecid}`);
  await expect(row(/interact$/).last()).toContainText(`ECID ${ecid}`);
  await expect(row(/interact$/).last()).toContainText('identity cookie sent: yes');

  // Consent: nothing went out while pending (the Web SDK waits), then the call that set it.
  await expect(consentRow).toContainText('Adobe 1.0: in (set)');
  await expect(consentRow).toContainText('Adobe 2.0: in (Edge answered)');
  await expect(consentRow).toContainText(
    /consent not yet known → in: \d+ calls sent while it held/,
  );
  await expect(lanes).not.toContainText('sent while consent not yet known');
  await expect(row(/interact$/).first()).toContainText('sent while consent in');

  // Routing: the hint of the set-consent answer, and the later calls that went to /or2/.
  await expect(consentRow).toContainText('hint EdgeNetwork or2, TTL 1800 s');
  await expect(consentRow).toContainText(/pins \/or2\/: (\d+) of \1 later calls? followed/);
  await expect(row(/interact$/).first()).toContainText(
    /to \/or2\/: followed the hint of #\d+ privacy\/set-consent/,
  );

  // Personalization: the page's __view__ decision, then its display notification.
  const { activity, experience } = sentViewProposition(world);
  expect(activity).toBeTruthy();
  const decision = lanes
    .getByRole('row')
    .filter({
      hasText: `scope __view__ · activity ${activity} · experience ${experience} · 1 item`,
    })
    .first();
  // Rendered, as the page's own Web SDK reported it (onContentRendering), then notified.
  await expect(decision).toContainText(
    /→ rendered → display notified by #\d+ interact \(own call\)/,
  );
  await expect(panel).not.toContainText('no render events were recorded');
  await expect(panel.getByText('No visit problems found.')).toBeVisible();
});

test('the ECID changes when the identity cookie is cleared between pages, with the reason', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect.poll(() => withEvent(world, DISPLAY)).toBe(1);
  // alloy keeps the kndctr cookies on the shop's own domain; the simulator's copies are on the
  // Edge host. Both go.
  expect((await extension.context.cookies()).map((c) => c.name)).toContainEqual(
    expect.stringMatching(/^kndctr_.*_identity$/),
  );
  await extension.context.clearCookies();
  await page.goto(`${world.site.url}/product.html`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect.poll(() => sentEcids(world).length).toBe(2);
  const [before, after] = sentEcids(world);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  const { findings, row } = await openVisit(viewer);
  const finding = findings
    .getByRole('listitem')
    .filter({ hasText: 'The ECID changed during the visit' });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText(`shows ECID ${after}; before it the visitor was ${before}`);
  await expect(finding).toContainText('The identity cookie was not sent with this call');
  const changed = row(/interact$/).filter({ hasText: `ECID changed from ${before}` });
  await expect(changed).toContainText('identity cookie was not sent');
  await expect(changed).toContainText('identity cookie sent: no');

  // The finding's call opens in the list, with its details and the finding there too.
  await finding.getByRole('button', { name: /^Show #\d+ interact$/ }).click();
  await expect(
    viewer.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Calls' }),
  ).toHaveAttribute('aria-selected', 'true');
  const details = viewer.getByRole('region', { name: 'Call details' });
  await expect(details.getByRole('region', { name: 'Visit findings for this call' })).toContainText(
    'The ECID changed during the visit',
  );
  await viewer.getByRole('tab', { name: 'Response' }).click();
  await expect(viewer.getByRole('tabpanel')).toContainText(after ?? 'no ECID');
});

test('a page that renders a decision without a display notification, then is left', async ({
  extension,
  world,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${world.site.url}/?display=0`);
  await expect(page.locator('#pageview-status')).toHaveText(/^ok \([1-9]\d* propositions?\)$/);
  await expect(page.locator('.sim-offer')).toBeVisible();
  await page.getByRole('link', { name: 'Checkout' }).first().click();
  await expect(page.locator('#pageview-status')).toHaveText(/^ok/);
  await expect.poll(() => withEvent(world, PAGE_VIEW)).toBe(2);

  const viewer = await extension.openViewer(await extension.tabIdOf(page));
  const { findings, lanes } = await openVisit(viewer);
  const finding = findings.getByRole('listitem').filter({
    hasText: 'A proposition was shown but no display notification went out',
  });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('scope __view__');
  await expect(finding).toContainText('the page was left without a display notification for it');
  await expect(lanes).toContainText('→ no display notification');
});
