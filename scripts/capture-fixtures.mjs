#!/usr/bin/env node
/**
 * Regenerates the REAL request-body fixtures in src/edge/fixtures/request-*.json: drives the real
 * Web SDK (@adobe/alloy from node_modules) in the demo shop against the Edge simulator, in Debian's
 * headless Chromium with no extension, and saves what the simulator received.
 *
 * Run: `node scripts/capture-fixtures.mjs`. Files are written prettier-formatted.
 * Needs /usr/bin/chromium or CHROMIUM_PATH; downloads nothing. Values that alloy mints (ECIDs,
 * requestIds, timestamps, screen sizes) change on every run, so the unit tests assert on what is
 * stable (event types, page names, scopes, shapes) and compare volatile values with the fixture
 * itself.
 *
 * A few fixtures are DERIVED, not captured: alloy never sends the Server API's v2 bodies, so
 * `request-v2-*.json` wrap real captured events in the v2 shapes of docs/edge-protocol.md §3.2. Those
 * files say so in `source`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import * as prettier from 'prettier';
import { chromiumArgs, findChromium, prepareProfile } from '../e2e/world/chromium.mjs';
import { datastreamId, startDemoSite } from '../e2e/world/demo-site.mjs';
import { startSimulator } from '../e2e/world/simulator.mjs';
import { waitForReceived, waitText } from '../e2e/world/wait.mjs';

const OUT_DIR = resolve('src/edge/fixtures');
const ALLOY_VERSION = '2.33.1';
const CAPTURED = `captured from @adobe/alloy ${ALLOY_VERSION} in the demo site by scripts/capture-fixtures.mjs`;

/** Adobe's base code, as in e2e/world/demo-site.mjs: queues `alloy(...)` until alloy.js loads. */
const BASE_CODE =
  '!function(n,o){o.forEach(function(o){n[o]||((n.__alloyNS=n.__alloyNS||[]).push(o),' +
  'n[o]=function(){var u=arguments;return new Promise(function(i,l){n[o].q.push([i,l,u])})},' +
  'n[o].q=[])})}(window,["alloy"]);';

const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const eventOf = (r) => parse(r.body)?.events?.[0];
const eventType = (r) => eventOf(r)?.xdm?.eventType;

const sim = await startSimulator();
const site = await startDemoSite();
const saved = [];

/** Polls `received` from index `from`: beacons and pagehide events arrive after the page moved. */
const waitFor = (pred, label, from = 0) =>
  waitForReceived(sim, (r) => r.method === 'POST' && pred(r), label, { from });

function urlOf(r) {
  const query = new URLSearchParams(r.query).toString();
  return `https://${r.headers.host ?? 'edge.adobedc.net'}${r.path}${query ? `?${query}` : ''}`;
}

/**
 * Saves one received request. The body is stored parsed (readable, prettier-formatted); alloy's
 * body is `JSON.stringify` output, so `JSON.stringify(body)` gives back the exact bytes sent.
 * That round trip is checked here so a fixture never silently differs from the wire.
 */
function save(name, step, r, source = CAPTURED) {
  const body = parse(r.body);
  if (body === undefined || JSON.stringify(body) !== r.body) {
    throw new Error(`${name}: body does not round-trip through JSON: ${r.body.slice(0, 80)}`);
  }
  const fixture = {
    source,
    step,
    method: r.method,
    url: urlOf(r),
    contentType: r.headers['content-type'] ?? '',
    body,
  };
  writeFileSync(join(OUT_DIR, `request-${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  saved.push(name);
  console.log(`saved request-${name}.json  ${r.path}`);
  return body;
}

/** Runs an alloy command in the page; resolves to 'ok' or the rejection message. */
const command = (page, name, options) =>
  page.evaluate(
    ([n, o]) =>
      window.alloy(n, o).then(
        () => 'ok',
        (err) => `error: ${err && err.message}`,
      ),
    [name, options],
  );

async function shopTour(page) {
  // 1. Home page view (personalization for __view__ and the page surface), then alloy's display
  //    notification for the rendered dom-action.
  let mark = sim.received.length;
  await page.goto(`${site.url}/`);
  await waitText(page, '#pageview-status', /^ok/);
  save(
    'page-view-home',
    'home page view with personalization (renderDecisions)',
    await waitFor((r) => eventType(r) === 'web.webpagedetails.pageViews', 'page view', mark),
  );
  save(
    'proposition-display',
    'the decisioning.propositionDisplay notification alloy sends after rendering',
    await waitFor((r) => eventType(r) === 'decisioning.propositionDisplay', 'display', mark),
  );

  // 2. Add to cart: identity now known, the cluster cookie pins the region (/ee/or2/).
  mark = sim.received.length;
  await page.click('#add-to-cart');
  await waitText(page, '#cart-status', /^ok$/);
  save(
    'add-to-cart',
    'add-to-cart link click (region-pinned, kndctr cookies in meta.state.entries)',
    await waitFor((r) => eventType(r) === 'web.webinteraction.linkClicks', 'cart', mark),
  );

  // 3. Link to the product page: documentUnloading -> sendBeacon -> collect with a Blob body.
  mark = sim.received.length;
  await Promise.all([
    page.waitForURL('**/product.html'),
    page.click('nav a[href="/product.html"]'),
  ]);
  save(
    'unload-beacon-collect',
    'exit link click with documentUnloading: sendBeacon to /v1/collect',
    await waitFor((r) => r.path.endsWith('/v1/collect'), 'beacon', mark),
  );
  await waitText(page, '#pageview-status', /^ok/);
  save(
    'page-view-product',
    'product page view with the product-recs decision scope',
    await waitFor((r) => eventType(r) === 'web.webpagedetails.pageViews', 'product', mark),
  );
}

async function consentTour(page) {
  for (const general of ['out', 'in']) {
    const mark = sim.received.length;
    await page.click(`#consent-${general}`);
    await waitText(page, '#consent-status', new RegExp(`^${general}: ok$`));
    save(
      `consent-${general}`,
      `setConsent Adobe 1.0 general=${general}`,
      await waitFor((r) => r.path.endsWith('/privacy/set-consent'), `consent ${general}`, mark),
    );
  }
}

/** Commands a customer site might send, each producing one real alloy body. */
async function extraCommands(page) {
  let mark = sim.received.length;
  const result = await command(page, 'sendEvent', {
    xdm: {
      eventType: 'commerce.purchases',
      identityMap: {
        CRMID: [{ id: 'crm-4711', authenticatedState: 'authenticated', primary: true }],
        Email: [{ id: 'ada@example.com', authenticatedState: 'ambiguous', primary: false }],
      },
      commerce: { purchases: { value: 1 }, order: { purchaseID: 'order-1001' } },
    },
    data: {
      __adobe: {
        analytics: { eVar1: 'checkout', events: 'purchase' },
        target: { 'profile.loyaltyTier': 'gold', entityId: 'trail-shoes-42' },
      },
    },
    edgeConfigOverrides: {
      datastreamId: 'a1b2c3d4-0000-4000-8000-00000000beef',
      com_adobe_analytics: { reportSuites: ['demoshop-dev'] },
      com_adobe_experience_platform: { datasets: { event: { datasetId: 'dataset-override-1' } } },
    },
  });
  console.log(`purchase with identityMap and overrides: ${result}`);
  save(
    'purchase-identity-overrides',
    'sendEvent with identityMap, __adobe.analytics/target, edgeConfigOverrides and a datastream override',
    await waitFor((r) => eventType(r) === 'commerce.purchases', 'purchase', mark),
  );

  mark = sim.received.length;
  await command(page, 'sendEvent', { data: { note: 'sent with data only', __adobe: {} } });
  save(
    'data-only',
    'sendEvent with only data: no xdm.eventType',
    await waitFor((r) => eventOf(r)?.data?.note === 'sent with data only', 'data only', mark),
  );

  const consents = [
    [
      'consent-adobe-2',
      'setConsent Adobe 2.0',
      {
        standard: 'Adobe',
        version: '2.0',
        value: {
          collect: { val: 'y' },
          share: { val: 'n' },
          personalize: { content: { val: 'y' } },
          marketing: { preferred: 'email', any: { val: 'p' }, email: { val: 'y' } },
          metadata: { time: '2026-11-25T10:00:00.000Z' },
        },
      },
    ],
    [
      'consent-iab-tcf',
      'setConsent IAB TCF 2.0',
      {
        standard: 'IAB TCF',
        version: '2.0',
        value: 'CO052l-O052l-DGAMBFRACBgAIBAAAAAAIYgEawAQEagAAAA',
        gdprApplies: true,
      },
    ],
  ];
  for (const [name, step, consent] of consents) {
    mark = sim.received.length;
    // The simulator only accepts Adobe 1.0 (422 otherwise): alloy still sent the real body.
    console.log(`${step}: ${await command(page, 'setConsent', { consent: [consent] })}`);
    save(name, step, await waitFor((r) => r.path.endsWith('/set-consent'), name, mark));
  }
}

/** A fresh visitor without a page view: getIdentity really calls identity/acquire. */
async function acquireTour(context) {
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(`${site.url}/?pageview=0`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const mark = sim.received.length;
  await page.click('#get-identity');
  await waitText(page, '#ecid', /^\d{38}$/);
  save(
    'identity-acquire',
    'getIdentity on /?pageview=0 for a new visitor',
    await waitFor((r) => r.path.endsWith('/identity/acquire'), 'acquire', mark),
  );
  await page.close();
}

/** Streaming media on the lab page (no demo.js there), with a second alloy configuration. */
async function mediaTour(context) {
  const page = await context.newPage();
  await page.goto(`${site.url}/lab.html`);
  await page.addScriptTag({ content: BASE_CODE });
  await page.addScriptTag({ url: '/alloy.js' });
  await page.evaluate((ds) => {
    window.alloy('configure', {
      edgeDomain: 'edge.adobedc.net',
      datastreamId: ds,
      orgId: window.demoConfig.orgId,
      thirdPartyCookiesEnabled: false,
      streamingMedia: { channel: 'Demo videos', playerName: 'demo-player', appVersion: '1.0' },
    });
  }, datastreamId);
  // The simulator has no media-analytics:new-session handle, and alloy sends no media event
  // without one, so this one interact is answered here (the body is still alloy's own).
  const sessionID = 'b5d9e8f7a6c54d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e';
  let sessionStart;
  await page.route(/\/v1\/interact\?/, async (route) => {
    const request = route.request();
    const body = request.postData() ?? '';
    if (!/"media\.sessionStart"/.test(body)) return route.continue();
    const url = new URL(request.url());
    const query = Object.fromEntries(url.searchParams);
    const headers = await request.allHeaders();
    sessionStart = { method: request.method(), path: url.pathname, query, headers, body };
    const handle = [
      { type: 'media-analytics:new-session', eventIndex: 0, payload: [{ sessionId: sessionID }] },
    ];
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: {
        'Access-Control-Allow-Origin': site.url,
        'Access-Control-Allow-Credentials': 'true',
      },
      body: JSON.stringify({ requestId: `${query.requestId}-0123456789abcdef`, handle }),
    });
  });
  const started = await command(page, 'createMediaSession', {
    xdm: {
      mediaCollection: {
        playhead: 0,
        sessionDetails: {
          name: 'trail-running-101',
          friendlyName: 'Trail running 101',
          length: 120,
          contentType: 'VOD',
        },
      },
    },
  });
  console.log(`createMediaSession: ${started}`);
  if (!sessionStart) throw new Error('alloy sent no media.sessionStart');
  save('media-session-start', 'createMediaSession: media.sessionStart over interact', sessionStart);
  const mark = sim.received.length;
  console.log(
    `sendMediaEvent play: ${await command(page, 'sendMediaEvent', {
      xdm: { eventType: 'media.play', mediaCollection: { playhead: 15, sessionID } },
    })}`,
  );
  save(
    'media-play',
    'sendMediaEvent media.play: va/v1/play',
    await waitFor((r) => r.path.endsWith('/va/v1/play'), 'play', mark),
  );
  await page.close();
}

/** The Server API's v2 shapes, built from real captured alloy events (see the header). */
function deriveV2(home, cart) {
  const derived = (name, step, url, body) => {
    const fixture = {
      source: `derived: real alloy events (request-page-view-home, request-add-to-cart) wrapped in the Server API v2 shape of docs/edge-protocol.md §3.2`,
      step,
      method: 'POST',
      url,
      contentType: 'application/json',
      body,
    };
    writeFileSync(join(OUT_DIR, `request-${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
    saved.push(name);
  };
  const server = 'https://server.adobedc.net/ee/v2';
  derived(
    'v2-interact',
    'Server API single event',
    `${server}/interact?dataStreamId=${datastreamId}`,
    {
      event: home.events[0],
      query: home.query,
    },
  );
  derived(
    'v2-collect',
    'Server API batch of two events',
    `${server}/collect?datastreamId=${datastreamId}`,
    {
      events: [home.events[0], cart.events[0]],
    },
  );
}

/** Formats what was written with the repo's prettier config, so `npm run lint` stays clean. */
async function formatSaved() {
  for (const name of saved) {
    const file = join(OUT_DIR, `request-${name}.json`);
    const options = (await prettier.resolveConfig(file)) ?? {};
    const formatted = await prettier.format(readFileSync(file, 'utf8'), {
      ...options,
      filepath: file,
    });
    writeFileSync(file, formatted);
  }
}

let context;
const profileDir = mkdtempSync(join(tmpdir(), 'aep-capture-'));
try {
  mkdirSync(OUT_DIR, { recursive: true });
  prepareProfile(profileDir);
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs({ simulatorPort: sim.port }),
  });
  const page = await context.newPage();
  await shopTour(page);
  await consentTour(page);
  await extraCommands(page);
  await mediaTour(context);
  await acquireTour(context);
  const read = (n) => JSON.parse(readFileSync(join(OUT_DIR, `request-${n}.json`), 'utf8')).body;
  deriveV2(read('page-view-home'), read('add-to-cart'));
  await formatSaved();
  console.log(`\n${saved.length} request fixtures written to ${OUT_DIR}`);
} finally {
  await context?.close();
  rmSync(profileDir, { recursive: true, force: true });
  await site.close();
  await sim.close();
}
