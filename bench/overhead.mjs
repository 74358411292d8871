/**
 * 3. Page overhead: the same page load and 200 fetches to the Edge simulator, in a browser with the
 * extension and in one without it, alternated round by round in the same run. Reported as ratios.
 *
 * Two ways of timing the fetches, because they answer different questions:
 * - paced (one every 25 ms, like a busy page): the median time of each request as the page sees
 *   it, from fetch() to the body read. This is "time added to the page's own requests".
 * - back to back (the next starts when the last ends): total time. On a 2-core machine this also
 *   counts the CPU the extension spends storing each call, competing with the page for a core.
 * - paced with a realistic server time (the simulator waits 60 ms, about a real Edge round trip):
 *   the same per-request median. Loopback answers in ~3 ms, which makes any fixed cost look huge.
 */
import { percentile } from './browser.mjs';

async function oneRound(browser, siteUrl, fetches) {
  const page = await browser.context.newPage();
  const t0 = Date.now();
  await page.goto(`${siteUrl}/lab.html`, { waitUntil: 'load' });
  const loadMs = Date.now() - t0;
  const timings = await page.evaluate(async (n) => {
    const lab = window.lab;
    const body = lab.interactBody('overhead');
    const one = async (slow = false) => {
      const query = { configId: lab.datastreamId, requestId: crypto.randomUUID() };
      const url = lab.edgeUrl(
        '/ee/v1/interact',
        slow ? { ...query, simulate: 'slow', ms: 60 } : query,
      );

      const start = performance.now();
      const response = await fetch(url, { method: 'POST', credentials: 'include', body });
      await response.text();
      return performance.now() - start;
    };
    const paced = [];
    for (let i = 0; i < n; i++) {
      paced.push(await one());
      await new Promise((r) => setTimeout(r, 25));
    }
    const start = performance.now();
    for (let i = 0; i < n; i++) await one();
    const backToBack = performance.now() - start;
    const realistic = [];
    for (let i = 0; i < n / 4; i++) {
      realistic.push(await one(true));
      await new Promise((r) => setTimeout(r, 25));
    }
    return { paced, backToBack, realistic };
  }, fetches);
  await page.close();
  return {
    loadMs,
    pacedMs: percentile(timings.paced, 50),
    backToBackMs: timings.backToBack,
    realisticMs: percentile(timings.realistic, 50),
  };
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
  const round2 = (v) => Math.round(v * 100) / 100;
  const ratio = (key) =>
    Math.round((median(results.with, key) / median(results.without, key)) * 1000) / 1000;
  return {
    rounds,
    fetchesPerRound: fetches,
    loadMsWith: median(results.with, 'loadMs'),
    loadMsWithout: median(results.without, 'loadMs'),
    pacedFetchMsWith: round2(median(results.with, 'pacedMs')),
    pacedFetchMsWithout: round2(median(results.without, 'pacedMs')),
    backToBackMsWith: Math.round(median(results.with, 'backToBackMs')),
    backToBackMsWithout: Math.round(median(results.without, 'backToBackMs')),
    realisticFetchMsWith: round2(median(results.with, 'realisticMs')),
    realisticFetchMsWithout: round2(median(results.without, 'realisticMs')),
    loadRatio: ratio('loadMs'),
    realisticFetchRatio: ratio('realisticMs'),
    pacedFetchRatio: ratio('pacedMs'),
    backToBackRatio: ratio('backToBackMs'),
  };
}
