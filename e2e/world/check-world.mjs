/**
 * Hand check of the e2e "world" (simulator + demo shop + Chromium flags), with no extension:
 * drives the real Web SDK in headless Chromium and asserts on what the simulator received.
 * Run: `node e2e/world/check-world.mjs` (exit 0 = all good). Needs /usr/bin/chromium or
 * CHROMIUM_PATH; downloads nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium, prepareProfile } from './chromium.mjs';
import { startDemoSite } from './demo-site.mjs';
import { decodeIdentityCookie } from './sim-handles.mjs';
import { startSimulator } from './simulator.mjs';
import { waitForReceived, waitText } from './wait.mjs';

/** @typedef {import('./simulator.mjs').Received} Received */

/** @type {Array<{name: string, ok: boolean, detail: string}>} */
const results = [];
/** @param {string} name @param {unknown} ok @param {string | null | undefined} [detail] */
function check(name, ok, detail = '') {
  detail ??= '';
  results.push({ name, ok: Boolean(ok), detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** @param {string} text @returns {any} the parsed JSON, whatever its shape */
const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
/** @param {Received} r @returns {string | undefined} */
const eventType = (r) => parse(r.body)?.events?.[0]?.xdm?.eventType;
/** @param {Received} r @param {string} suffix @returns {string | undefined} */
const entryValue = (r, suffix) =>
  parse(r.body)?.meta?.state?.entries?.find((/** @type {{key: string}} */ e) =>
    e.key.endsWith(suffix),
  )?.value;

const sim = await startSimulator();
const site = await startDemoSite();
const executablePath = findChromium();
const args = chromiumArgs({ simulatorPort: sim.port });
console.log(`simulator ${sim.url}, demo ${site.url}, chromium ${executablePath}`);
console.log(`args: ${JSON.stringify(args)}`);

/** Polls `received` because beacons and pagehide events arrive after the page moved on. */
/** @param {(r: Received, i: number) => boolean} pred @param {string} label */
const waitFor = (pred, label, timeout = 10000) => waitForReceived(sim, pred, label, { timeout });

/** @type {import('@playwright/test').Browser | undefined} */
let browser;
/** @type {import('@playwright/test').BrowserContext | undefined} */
let persistent;
/** @type {string | undefined} */
let profileDir;
try {
  browser = await chromium.launch({ executablePath, args });
  const context = await browser.newContext();
  const page = await context.newPage();

  // 1. Home page view with personalization.
  await page.goto(`${site.url}/`);
  await waitText(page, '#pageview-status', /^ok/);
  const pv = await waitFor((r) => eventType(r) === 'web.webpagedetails.pageViews', 'page view');
  const pvScopes = parse(pv.body).events[0].query?.personalization?.decisionScopes ?? [];
  check('alloy sent interact with a page view', pv.path === '/ee/v1/interact', pv.path);
  check('page view asked for __view__ personalization', pvScopes.includes('__view__'));
  check('CORS let alloy read the 200', pv.status === 200 && (await page.title()).includes('Home'));
  const offer = (await page.textContent('#target-container')) ?? '';
  check('personalization handle rendered by alloy', /Simulated offer/.test(offer), offer.trim());
  const display = await waitFor(
    (r) => eventType(r) === 'decisioning.propositionDisplay',
    'display notification',
  );
  check('alloy sent the display notification', Boolean(display), display.path);

  // 2. Link click: identity now established, cluster cookie sets the region path.
  await page.click('#add-to-cart');
  await waitText(page, '#cart-status', /^ok$/);
  const cart = await waitFor((r) => eventType(r) === 'web.webinteraction.linkClicks', 'cart');
  const ecid = decodeIdentityCookie(entryValue(cart, '_identity') ?? '') ?? '';
  check('link click went to /ee/or2/v1/interact', cart.path === '/ee/or2/v1/interact', cart.path);
  check('alloy echoed the kndctr identity in meta.state.entries', /^\d{38}$/.test(ecid), ecid);

  // 3. Navigation by link: documentUnloading -> sendBeacon -> collect with a Blob body.
  await Promise.all([
    page.waitForURL('**/product.html'),
    page.click('nav a[href="/product.html"]'),
  ]);
  const exitLink = await waitFor((r) => /exit: link/.test(r.body), 'link exit beacon');
  check('unload on link click used collect', exitLink.path === '/ee/or2/v1/collect', exitLink.path);
  check(
    'beacon body is a Blob (lower-cased type)',
    /charset=utf-8/.test(exitLink.headers['content-type'] ?? ''),
  );
  await waitText(page, '#pageview-status', /^ok \(2 propositions\)/);
  check('product page got __view__ + product-recs propositions', true);

  // 4. pagehide (page.goto, no click) still gets its beacon out.
  await page.goto(`${site.url}/checkout.html`);
  const exitHide = await waitFor((r) => /exit: pagehide/.test(r.body), 'pagehide beacon');
  check('unload on pagehide used collect', exitHide.path.endsWith('/v1/collect'), exitHide.path);
  await waitText(page, '#pageview-status', /^ok/);

  // 5. Consent out, then in.
  await page.click('#consent-out');
  await waitText(page, '#consent-status', /^out: ok$/);
  const out = await waitFor((r) => r.path.endsWith('/privacy/set-consent'), 'set-consent out');
  check('setConsent out hit set-consent', /"general":"out"/.test(out.body), out.path);
  await page.click('#consent-in');
  await waitText(page, '#consent-status', /^in: ok$/);
  await waitFor((r) => /"general":"in"/.test(r.body), 'set-consent in');
  const before = sim.received.length;
  await page.click('#add-to-cart');
  await waitText(page, '#cart-status', /^ok$/);
  const cart2 = await waitFor(
    (r, i) => i >= before && Boolean(eventType(r)?.includes('linkClicks')),
    'cart 2',
  );
  const consent = entryValue(cart2, '_consent');
  check('consent cookie from state:store travels back', consent === 'general=in', consent);

  // 6. getIdentity with a known ECID answers locally; same ECID as the cookie.
  await page.click('#get-identity');
  await waitText(page, '#ecid', /^\d{38}$/);
  check('getIdentity shows the visitor ECID', (await page.textContent('#ecid')) === ecid);

  // 7. A fresh visitor without a page view: getIdentity really calls identity/acquire.
  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await page2.goto(`${site.url}/?pageview=0`);
  await page2.click('#get-identity');
  await waitText(page2, '#ecid', /^\d{38}$/);
  const acquire = await waitFor((r) => r.path.endsWith('/identity/acquire'), 'acquire');
  check('getIdentity hit identity/acquire', acquire.status === 200, acquire.path);
  const region = await page2.textContent('#edge-region');
  check('x-adobe-edge readable by alloy (regionId 9)', region === '9', region);
  const other = await page2.textContent('#ecid');
  check('a new visitor gets a new ECID', other !== ecid);
  await fresh.close();

  // 8. Lab helpers.
  await page.goto(`${site.url}/lab.html`);
  const body = await page.evaluate(() => window.lab.interactBody('lab check'));
  const q = { configId: 'lab-ds' };
  const f = await page.evaluate(
    ({ b, qq }) => window.lab.fetchEdge('/ee/v1/interact', b, { query: qq }),
    { b: body, qq: q },
  );
  check(
    'lab.fetchEdge 200 + exposed x-adobe-edge',
    f.status === 200 && f.headers?.['x-adobe-edge'] === 'OR2;9',
  );
  const x = await page.evaluate(
    ({ b, qq }) => window.lab.xhrEdge('/ee/v1/interact', b, { query: qq }),
    { b: body, qq: q },
  );
  check('lab.xhrEdge 200 JSON', x.status === 200 && Array.isArray(parse(x.text)?.handle));
  const bad = await page.evaluate(
    (qq) => window.lab.fetchEdge('/ee/v1/interact', '{oops', { query: qq }),
    q,
  );
  check('non-JSON body -> 400 EXEG-0101', bad.status === 400 && /EXEG-0101-400/.test(bad.text));
  const noDs = await page.evaluate((b) => window.lab.fetchEdge('/ee/v1/interact', b), body);
  check(
    'missing datastream -> 400 EXEG-0003',
    noDs.status === 400 && /EXEG-0003-400/.test(noDs.text),
  );
  const drop = await page.evaluate(
    (b) =>
      window.lab.fetchEdge('/ee/v1/interact', b, { query: { configId: 'd', simulate: 'drop' } }),
    body,
  );
  check('simulate=drop -> network error', drop.status === 0, drop.error);
  const busy = await page.evaluate(
    (b) => window.lab.fetchEdge('/ee/v1/interact', b, { query: { configId: 'simulate-503' } }),
    body,
  );
  check(
    'datastream simulate-503 -> 503 + Retry-After',
    busy.status === 503 && busy.headers?.['retry-after'] === '1',
  );
  const b1 = await page.evaluate(
    (b) => window.lab.beaconEdge('/ee/v1/collect?configId=bs', b, false),
    body,
  );
  const b2 = await page.evaluate(
    (b) => window.lab.beaconEdge('/ee/v1/collect?configId=bb', b, true),
    body,
  );
  const beaconStr = await waitFor((r) => r.query.configId === 'bs', 'string beacon');
  const beaconBlob = await waitFor((r) => r.query.configId === 'bb', 'blob beacon');
  check(
    'lab.beaconEdge string + Blob reached collect',
    b1 && b2 && beaconStr.body === body && beaconBlob.body === body,
  );
  const ids = await page.evaluate(() => window.lab.burst(5, 20));
  const seen = ids.filter((id) => sim.received.some((r) => r.query.requestId === id));
  check('lab.burst(5, 20) requestIds all received', ids.length === 5 && seen.length === 5);
  for (const host of ['data.demo-shop.test', 'server.adobedc.net', 'adobedc.demdex.net']) {
    const r = await page.evaluate(
      ({ b, h }) =>
        window.lab.fetchEdge(
          '/ee/v2/interact',
          JSON.stringify({ event: JSON.parse(b).events[0] }),
          { query: { datastreamId: 'v2' }, host: h },
        ),
      { b: body, h: host },
    );
    check(`MAP ${host} -> simulator`, r.status === 200, String(r.status));
  }
  await browser.close();
  browser = undefined;

  // 9. Real cookies: only where third-party cookies are allowed (seeded persistent profile).
  profileDir = mkdtempSync(join(tmpdir(), 'aep-world-'));
  prepareProfile(profileDir);
  persistent = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args,
  });
  const p3 = await persistent.newPage();
  await p3.goto(`${site.url}/`);
  await waitText(p3, '#pageview-status', /^ok/);
  const mark = sim.received.length;
  await p3.click('#add-to-cart');
  await waitText(p3, '#cart-status', /^ok$/);
  const cart3 = await waitFor(
    (r, i) => i >= mark && Boolean(eventType(r)?.includes('linkClicks')),
    'cart 3',
  );
  const cookie = cart3.headers.cookie ?? '';
  check(
    'Set-Cookie from the simulator comes back as Cookie',
    /kndctr_\w+_identity=CiY/.test(cookie),
    cookie.slice(0, 60),
  );
} catch (err) {
  check('no exception', false, err instanceof Error ? err.stack : String(err));
} finally {
  await browser?.close();
  await persistent?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  await site.close();
  await sim.close();
}

const failed = results.filter((r) => !r.ok);
/** @type {Record<string, number>} */
const byPath = {};
for (const r of sim.received)
  byPath[`${r.method} ${r.path}`] = (byPath[`${r.method} ${r.path}`] ?? 0) + 1;
console.log(`\nsimulator saw ${sim.received.length} requests:`, byPath);
console.log(`${results.length - failed.length}/${results.length} checks passed`);
process.exit(failed.length ? 1 : 0);
