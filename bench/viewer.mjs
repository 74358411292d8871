/**
 * 2. Viewer at scale: 10,000 stored calls of about 3 KB each. The store is filled directly (from
 * an extension page, same origin as the worker), the worker is stopped so that it rehydrates
 * from IndexedDB, and then the viewer is opened cold, five times. Reports the medians of the
 * opens' time to first rows, filter latency per keystroke and scroll frame times, and the
 * viewer's JS heap.
 */
import { readFileSync } from 'node:fs';
import { percentile } from './browser.mjs';

/**
 * A plan of 30 rules (10 require, 10 match, 10 expect) and the ~480-field XDM schema from
 * adobe/xdm (src/validate/fixtures): the scale the validation targets are set for. Every event
 * fails `order-total`, so the status line counts every validated event.
 */
export function benchPlan() {
  const rules = [];
  for (let i = 0; i < 10; i++) {
    rules.push(`  - id: require-${i}\n    require: [xdm.web.webPageDetails.name, xdm.timestamp]`);
    rules.push(`  - id: match-${i}\n    match: { xdm.eventType: /^(web|commerce)\\./ }`);
    rules.push(
      `  - id: expect-${i}\n    expect: { properties: { xdm: { required: [eventType], properties: { eventType: { type: string } } } } }`,
    );
  }
  rules[0] = '  - id: order-total\n    require: [xdm.commerce.order.priceTotal]';
  return {
    fileName: 'bench-plan.yaml',
    text: `name: Bench plan\nschema: ./web-event.xed-full.json\nrules:\n${rules.join('\n')}\n`,
    files: {
      'web-event.xed-full.json': readFileSync(
        new URL('../src/validate/fixtures/web-event.xed-full.json', import.meta.url),
        'utf8',
      ),
    },
  };
}

/**
 * Puts the plan in force (storage.local, as Plan… does) and times how long the worker takes to
 * validate every stored call again, while the viewer is scrolled: the frame costs meanwhile.
 */
async function planChange(viewer, count) {
  const plan = benchPlan();
  const start = Date.now();
  await viewer.evaluate((stored) => chrome.storage.local.set({ trackingPlan: stored }), plan);
  const scrolling = scrollFrames(viewer, 120);
  await viewer
    .getByRole('status', { name: 'Capture status' })
    .filter({ hasText: `${count} events fail the plan` })
    .waitFor({ timeout: 120_000 });
  const validatedMs = Date.now() - start;
  return { validatedMs, scroll: await scrolling };
}

/** Writes `count` realistic records (and their bodies) into the extension's store. */
export async function fillStore(page, count) {
  await page.evaluate(async (n) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('aep-edge-inspector');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const types = [
      'web.webpagedetails.pageViews',
      'web.webinteraction.linkClicks',
      'commerce.productViews',
    ];
    const now = Date.now() - n * 100;
    const chunk = 1000;
    /** A page every 20 calls of a tab: the Visit view's page rows. */
    const pageOf = (i) => `bench-page-${i % 3}-${Math.floor(i / 60)}`;
    for (let start = 0; start < n; start += chunk) {
      const tx = db.transaction(['calls', 'bodies', 'pages'], 'readwrite');
      for (let i = start; i < Math.min(n, start + chunk); i++) {
        const id = `bench-${i}`;
        const requestId = crypto.randomUUID();
        const eventType = types[i % types.length];
        const request = JSON.stringify({
          events: [
            {
              xdm: {
                eventType,
                web: { webPageDetails: { name: `page ${i}`, URL: `https://shop.example/p/${i}` } },
                timestamp: new Date(now + i * 100).toISOString(),
                device: { screenHeight: 982, screenWidth: 1512 },
                placeContext: { localTime: new Date().toISOString() },
              },
            },
          ],
          query: { identity: { fetch: ['ECID'] } },
          meta: {
            state: {
              domain: 'shop.example',
              cookiesEnabled: true,
              entries: [{ key: 'kndctr_X_AdobeOrg_identity', value: 'CiY'.padEnd(120, 'x') }],
            },
          },
        }).padEnd(1400, ' ');
        const response = JSON.stringify({
          requestId: `${requestId}-0123456789abcdef`,
          handle: [
            {
              type: 'state:store',
              payload: [
                {
                  key: 'kndctr_X_AdobeOrg_identity',
                  value: 'CiY'.padEnd(120, 'y'),
                  maxAge: 34128000,
                },
              ],
            },
            {
              type: 'identity:result',
              payload: [
                { id: '41861666193140161934276845651148876988', namespace: { code: 'ECID' } },
              ],
            },
            {
              type: 'locationHint:result',
              payload: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }],
            },
          ],
        }).padEnd(1600, ' ');
        const url = `https://edge.adobedc.net/ee/or2/v1/interact?configId=ds-${i % 7}&requestId=${requestId}`;
        if (i < 3 || pageOf(i) !== pageOf(i - 3))
          tx.objectStore('pages').put({
            id: pageOf(i),
            tabId: 1000 + (i % 3),
            url: `https://shop.example/p/${i}`,
            title: `page ${i}`,
            startedAt: now + i * 100 - 50,
          });
        tx.objectStore('calls').put({
          id,
          seq: i + 1,
          tabId: 1000 + (i % 3),
          pageId: pageOf(i),
          url,
          method: 'POST',
          endpoint: {
            host: 'edge.adobedc.net',
            basePath: 'ee',
            region: 'or2',
            media: false,
            version: 'v1',
            action: 'interact',
            datastreamId: `ds-${i % 7}`,
            datastreamParam: 'configId',
            requestId,
            adobeHost: true,
          },
          startedAt: now + i * 100,
          endedAt: now + i * 100 + 40,
          durationMs: 40,
          state: 'complete',
          status: 200,
          statusSource: 'webRequest',
          request: { captured: true, size: request.length, source: 'webRequest' },
          response: {
            captured: true,
            size: response.length,
            source: 'page-hook',
            contentType: 'application/json',
          },
          sources: ['webRequest', 'page-hook'],
          eventTypes: [eventType],
          // What the visit-facts analyser stores for these bodies (src/edge/visit-facts.ts).
          facts: {
            orgId: 'X@AdobeOrg',
            datastreamId: `ds-${i % 7}`,
            region: 'or2',
            ecid: '41861666193140161934276845651148876988',
            identityCookieSent: true,
            hints: [{ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800, pathSegment: 'or2' }],
            eventCount: 1,
          },
          keys: { webRequestId: String(i), hookId: `h:${i}` },
        });
        tx.objectStore('bodies').put(request, `${id}:request`);
        tx.objectStore('bodies').put(response, `${id}:response`);
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
  }, count);
}

/**
 * Opens the viewer cold (the worker was stopped, so it also wakes and rehydrates from IndexedDB)
 * and reports when the first rows were painted and when all `count` calls are counted, both from
 * just before the navigation.
 *
 * The page itself notes the first frame with a grid cell (a mutation observer, then the frame's
 * end: a task after its animation frame), on the same wall clock as `start`. Waiting for
 * Playwright to see a cell instead added 50–100 ms: its role query runs on the page's own thread
 * every frame while the viewer loads (computing every element's role and visibility), and it
 * notices only on its next poll (BENCHMARKS.md, "The cold open (stop 17)").
 */
async function openAndWait(viewer, url, count) {
  await viewer.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[role="gridcell"]')) return;
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          globalThis.__firstRowsPainted = performance.timeOrigin + performance.now();
        }, 0),
      );
    }).observe(document, { childList: true, subtree: true });
  });
  const start = Date.now();
  await viewer.goto(url, { waitUntil: 'commit' });
  const all = new RegExp(`^${count.toLocaleString('en-US').replace(',', ',?')} calls`);
  await viewer
    .getByRole('status', { name: 'Capture status' })
    .filter({ hasText: all })
    .waitFor({ timeout: 60_000 });
  const allCounted = Date.now() - start;
  const painted = await viewer.waitForFunction(() => globalThis.__firstRowsPainted);
  return { firstRows: Math.round((await painted.jsonValue()) - start), allCounted };
}

/**
 * Types a query one key at a time. Each keystroke is timed from the input event to the list being
 * re-rendered and laid out (a task later, layout forced), which excludes waiting for vsync.
 */
async function filterLatencies(viewer, text) {
  return viewer.evaluate(async (query) => {
    const input = [...document.querySelectorAll('input')].find(
      (el) =>
        el.labels?.[0]?.textContent?.includes('Filter') ||
        el.getAttribute('aria-label') === 'Filter',
    );
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const times = [];
    for (let i = 1; i <= query.length; i++) {
      await frame();
      const t0 = performance.now();
      setter.call(input, query.slice(0, i));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    setter.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    return times;
  }, text);
}

/**
 * Scrolls the scrollable element inside `selector` (the call grid by default) 480 px a frame and
 * returns each frame's main-thread cost, from the frame's start (rAF timestamp) until the rows for
 * the new scroll position are rendered and laid out. Frame intervals would only show vsync.
 */
async function scrollFrames(viewer, frames = 240, selector = '[role="grid"]') {
  return viewer.evaluate(
    async ({ n, within }) => {
      const root = document.querySelector(within);
      const scroller = [root, ...root.querySelectorAll('*')].find(
        (el) =>
          el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== 'visible',
      );
      scroller.scrollTop = 0;
      const costs = [];
      await new Promise((r) => requestAnimationFrame(r));
      for (let i = 0; i < n; i++) {
        scroller.scrollTop += 480;
        const cost = await new Promise((r) =>
          requestAnimationFrame((start) =>
            setTimeout(() => {
              void document.body.offsetHeight;
              r(performance.now() - start);
            }, 0),
          ),
        );
        costs.push(cost);
      }
      return costs;
    },
    { n: frames, within: selector },
  );
}

/**
 * Opens the Visit view over the stored calls: the time from the click on its tab until the first
 * lane row is laid out, then the cost of each scroll frame in its lanes (as scrollFrames).
 */
async function visitView(viewer) {
  const start = Date.now();
  await viewer.getByRole('tab', { name: 'Visit' }).click();
  await viewer
    .getByRole('table', { name: 'Visit lanes' })
    .getByRole('row')
    .nth(2)
    .waitFor({ timeout: 60_000 });
  const openMs = Date.now() - start;
  const scroll = await scrollFrames(viewer, 240, '[role="table"][aria-label="Visit lanes"]');
  await viewer.getByRole('tab', { name: 'Calls' }).click();
  return { openMs, scroll };
}

async function heapMb(context, viewer) {
  const cdp = await context.newCDPSession(viewer);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  return Math.round((used / 1024 / 1024) * 10) / 10;
}

const median = (values) => percentile(values, 50);
const round1 = (value) => Math.round(value * 10) / 10;

/**
 * `opens` cold opens (the targets are medians of at least five runs): each stops the
 * worker, opens the viewer, types in the filter and scrolls the grid. The Visit view, the heap and
 * a plan change are measured once, in the last open.
 */
export async function benchViewer(browser, { count = 10_000, plan = true, opens = 5 } = {}) {
  const filler = await browser.context.newPage();
  await filler.goto(browser.viewerUrl());
  await filler.getByRole('grid', { name: 'Edge calls' }).waitFor();
  await filler.close();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.id}/popup/popup.html?tabId=-5`);
  await fillStore(page, count);
  await page.close();

  const firstRows = [];
  const allCounted = [];
  const filterP50 = [];
  const filterMax = [];
  const scrollP95 = [];
  let last;
  for (let i = 0; i < opens; i++) {
    await browser.stopWorker();
    const viewer = await browser.context.newPage();
    const opened = await openAndWait(viewer, browser.viewerUrl(), count);
    firstRows.push(opened.firstRows);
    allCounted.push(opened.allCounted);
    const filter = await filterLatencies(viewer, 'linkclicks');
    filterP50.push(percentile(filter, 50));
    filterMax.push(Math.max(...filter));
    scrollP95.push(percentile(await scrollFrames(viewer), 95));
    if (i < opens - 1) await viewer.close();
    else last = viewer;
  }
  const visit = await visitView(last);
  const heap = await heapMb(browser.context, last);
  const revalidation = plan ? await planChange(last, count) : { validatedMs: NaN, scroll: [NaN] };
  await last.close();
  return {
    calls: count,
    opens,
    firstRowsMs: median(firstRows),
    firstRowsEachMs: firstRows.join(' '),
    allCountedMs: median(allCounted),
    filterP50Ms: round1(median(filterP50)),
    filterMaxMs: round1(median(filterMax)),
    filterMaxEachMs: filterMax.map(round1).join(' '),
    scrollFrameP95Ms: round1(median(scrollP95)),
    scrollFrameP95EachMs: scrollP95.map(round1).join(' '),
    visitOpenMs: visit.openMs,
    visitScrollFrameP95Ms: round1(percentile(visit.scroll, 95)),
    heapMb: heap,
    planChangeValidatedMs: revalidation.validatedMs,
    scrollDuringValidationP95Ms: round1(percentile(revalidation.scroll, 95)),
  };
}
