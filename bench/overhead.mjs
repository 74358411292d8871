/**
 * 3. Page overhead: the same page load and 200 fetches to the Edge simulator in three browsers,
 * alternated round by round in the same run:
 * - `without`: no extension;
 * - `floor`: a control extension that holds only the `webRequest` permission and runs no code
 *   (see floor-extension.mjs). Chromium routes every request of every page through its proxying
 *   loader as soon as any loaded extension holds that permission, listeners or not. Issue 2 makes
 *   webRequest a required capture source, so this is the lowest cost any build of ours can have;
 * - `with`: the built extension.
 * Ratios are reported against `without` (the target) and against `floor` (what our own
 * code adds on top of the platform's price).
 *
 * The fetches are timed three ways, because they answer different questions:
 * - paced (one every 25 ms, like a busy page): the median time of each request as the page sees
 *   it, from fetch() to the body read. This is "time added to the page's own requests".
 * - back to back (the next starts when the last ends): total time. On a 2-core machine this also
 *   counts the CPU the extension spends storing each call, competing with the page for a core.
 * - paced with a realistic server time (the simulator waits 60 ms, about a real Edge round trip):
 *   the same per-request median. Loopback answers in ~3 ms, which makes any fixed cost look huge.
 * Page load is the document's own navigation timing (start to the end of the load event), so
 * Playwright's round trips are not counted.
 */
import { percentile } from './browser.mjs';

async function oneRound(browser, siteUrl, fetches) {
  const page = await browser.context.newPage();
  await page.goto(`${siteUrl}/lab.html`, { waitUntil: 'load' });
  const timings = await page.evaluate(async (n) => {
    const lab = window.lab;
    const [navigation] = performance.getEntriesByType('navigation');
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
    return { loadMs: navigation.loadEventEnd - navigation.startTime, paced, backToBack, realistic };
  }, fetches);
  await page.close();
  return {
    loadMs: timings.loadMs,
    pacedMs: percentile(timings.paced, 50),
    backToBackMs: timings.backToBack,
    realisticMs: percentile(timings.realistic, 50),
  };
}

/** @param {Record<'with'|'floor'|'without', {context: import('@playwright/test').BrowserContext}>} browsers */
export async function benchOverhead(browsers, siteUrl, { rounds = 5, fetches = 200 } = {}) {
  const names = ['with', 'floor', 'without'];
  const results = { with: [], floor: [], without: [] };
  // Warm every browser once (first navigation pays for caches and the worker start).
  for (const name of names) await oneRound(browsers[name], siteUrl, 5);
  for (let i = 0; i < rounds; i++) {
    // Rotate the order so drift on a noisy machine hits every side alike.
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const name of order) results[name].push(await oneRound(browsers[name], siteUrl, fetches));
  }
  const median = (name, key) =>
    percentile(
      results[name].map((r) => r[key]),
      50,
    );
  const round2 = (v) => Math.round(v * 100) / 100;
  const ratio = (key, base = 'without') =>
    Math.round((median('with', key) / median(base, key)) * 1000) / 1000;
  const out = { rounds, fetchesPerRound: fetches };
  for (const [key, label] of [
    ['loadMs', 'load'],
    ['pacedMs', 'pacedFetch'],
    ['backToBackMs', 'backToBack'],
    ['realisticMs', 'realisticFetch'],
  ]) {
    for (const name of names)
      out[`${label}Ms${name[0].toUpperCase()}${name.slice(1)}`] = round2(median(name, key));
  }
  for (const [key, label] of [
    ['loadMs', 'load'],
    ['realisticMs', 'realisticFetch'],
    ['pacedMs', 'pacedFetch'],
    ['backToBackMs', 'backToBack'],
  ]) {
    out[`${label}Ratio`] = ratio(key);
    out[`${label}RatioOverFloor`] = ratio(key, 'floor');
    out[`${label}FloorRatio`] =
      Math.round((median('floor', key) / median('without', key)) * 1000) / 1000;
  }
  return out;
}
