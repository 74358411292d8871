/**
 * 3. Page overhead: the same page load and 200 fetches to the Edge simulator, in a browser with the
 * extension and in one without it, alternated round by round in the same run. Reported as a ratio.
 */
import { percentile } from './browser.mjs';

async function oneRound(browser, siteUrl, fetches) {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(`${siteUrl}/lab.html`, { waitUntil: 'load' });
  const loadMs = Date.now() - t0;
  const fetchMs = await page.evaluate(async (n) => {
    const lab = window.lab;
    const body = lab.interactBody('overhead');
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const url = lab.edgeUrl('/ee/v1/interact', {
        configId: lab.datastreamId,
        requestId: crypto.randomUUID(),
      });
      const response = await fetch(url, { method: 'POST', credentials: 'include', body });
      await response.text();
    }
    return performance.now() - start;
  }, fetches);
  await page.close();
  return { loadMs, fetchMs };
}

export async function benchOverhead(
  withExt,
  withoutExt,
  siteUrl,
  { rounds = 5, fetches = 200 } = {},
) {
  const results = { with: [], without: [] };
  // Warm both browsers once (first navigation pays for caches and the worker start).
  await oneRound(withExt, siteUrl, 5);
  await oneRound(withoutExt, siteUrl, 5);
  for (let i = 0; i < rounds; i++) {
    // Alternate the order so drift on a noisy machine hits both sides alike.
    const order =
      i % 2
        ? [
            ['without', withoutExt],
            ['with', withExt],
          ]
        : [
            ['with', withExt],
            ['without', withoutExt],
          ];
    for (const [name, browser] of order)
      results[name].push(await oneRound(browser, siteUrl, fetches));
  }
  const median = (list, key) =>
    percentile(
      list.map((r) => r[key]),
      50,
    );
  const ratio = (key) =>
    Math.round((median(results.with, key) / median(results.without, key)) * 1000) / 1000;
  return {
    rounds,
    fetchesPerRound: fetches,
    loadMsWith: median(results.with, 'loadMs'),
    loadMsWithout: median(results.without, 'loadMs'),
    fetchesMsWith: Math.round(median(results.with, 'fetchMs')),
    fetchesMsWithout: Math.round(median(results.without, 'fetchMs')),
    loadRatio: ratio('loadMs'),
    fetchesRatio: ratio('fetchMs'),
  };
}
