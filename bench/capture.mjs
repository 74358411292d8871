/**
 * 1. Capture: N interact calls at R per second from a page, with the viewer open on that tab.
 * Reports the share stored with both bodies and the latency from the response's arrival in the
 * page to the call's row showing its status in the viewer.
 *
 * How the latency is read without instrumenting the viewer: the viewer follows the newest row
 * (like a network panel), so each call's row is rendered as it arrives. A MutationObserver in the
 * viewer notes when each row (by aria-rowindex) first shows a numeric status; rows are in send
 * order, so row k is the k-th fetch, whose response time the page noted.
 */
import { percentile } from './browser.mjs';

async function watchRows(viewer) {
  await viewer.getByRole('grid', { name: 'Edge calls' }).waitFor();
  await viewer.evaluate(() => {
    const seen = new Map();
    window.__rowSeen = seen;
    const grid = document.querySelector('[role="grid"]');
    const check = () => {
      const now = Date.now();
      for (const row of grid.querySelectorAll('[role="row"][aria-rowindex]')) {
        const index = Number(row.getAttribute('aria-rowindex'));
        if (seen.has(index)) continue;
        const cells = row.querySelectorAll('[role="gridcell"]');
        if (cells.length && /\b\d{3}\b/.test(cells[4]?.textContent ?? '')) seen.set(index, now);
      }
    };
    new MutationObserver(check).observe(grid, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

async function sendCalls(page, count, perSecond) {
  return page.evaluate(
    async ([n, rate]) => {
      const lab = window.lab;
      const arrivals = new Array(n);
      const pending = [];
      const interval = 1000 / rate;
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const due = start + i * interval;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const url = lab.edgeUrl('/ee/v1/interact', {
          configId: lab.datastreamId,
          requestId: crypto.randomUUID(),
        });
        pending.push(
          fetch(url, {
            method: 'POST',
            credentials: 'include',
            body: lab.interactBody(`bench ${i}`),
          })
            .then((r) => {
              arrivals[i] = Date.now();
              return r.text();
            })
            .catch(() => undefined),
        );
      }
      await Promise.all(pending);
      return arrivals;
    },
    [count, perSecond],
  );
}

async function storedFacts(viewer) {
  return viewer.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('aep-edge-inspector');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('calls').objectStore('calls').getAll();
          get.onsuccess = () => {
            const calls = get.result;
            const ids = calls.map((c) => c.endpoint.requestId);
            resolve({
              stored: calls.length,
              distinct: new Set(ids).size,
              both: calls.filter((c) => c.request.captured && c.response.captured).length,
            });
          };
        };
      }),
  );
}

export async function benchCapture(browser, siteUrl, { count = 2000, perSecond = 50 } = {}) {
  const page = await browser.context.newPage();
  await page.goto(`${siteUrl}/lab.html`);
  const tabId = await browser.tabIdOf(page);
  const viewer = await browser.context.newPage();
  await viewer.goto(browser.viewerUrl(tabId));
  await watchRows(viewer);
  const arrivals = await sendCalls(page, count, perSecond);
  // Let the last rows land.
  const deadline = Date.now() + 15_000;
  let facts = await storedFacts(viewer);
  while (Date.now() < deadline && facts.both < count) {
    await viewer.waitForTimeout(250);
    facts = await storedFacts(viewer);
  }
  await viewer.waitForTimeout(500);
  const seen = new Map(await viewer.evaluate(() => [...window.__rowSeen.entries()]));
  // aria-rowindex: 1 = header, 2 = the page separator, then calls in order.
  const firstCall = Math.min(...seen.keys());
  const latencies = [];
  for (const [index, at] of seen) {
    const arrival = arrivals[index - firstCall];
    if (arrival !== undefined) latencies.push(Math.max(0, at - arrival));
  }
  await viewer.close();
  await page.close();
  return {
    calls: count,
    perSecond,
    stored: facts.stored,
    duplicates: facts.stored - facts.distinct,
    bothBodiesPercent: Math.round((facts.both / count) * 10000) / 100,
    rowsTimed: latencies.length,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}
