/**
 * 3. Page overhead: the same page loads and 200 fetches to the Edge simulator in three browsers,
 * alternated round by round in the same run:
 * - `without`: no extension;
 * - `floor`: a control extension that holds only the `webRequest` permission and runs no code
 *   (see floor-extension.mjs). Chromium routes every request of every page through its proxying
 *   loader as soon as any loaded extension holds that permission, listeners or not. webRequest is
 *   a required capture source (the truth for existence, tab and status), so this is the lowest cost any build of ours can have;
 * - `with`: the built extension.
 * Ratios are reported against `without` (the page-overhead target in BENCHMARKS.md) and against `floor` (what our own
 * code adds on top of the platform's price), and as milliseconds added per load or per request.
 *
 * What each round measures, per browser:
 * - page load: LOADS navigations of the lab page (no Edge call during load), each timed by the
 *   document's own navigation timing (start to the end of the load event);
 * - paced fetches (one every 25 ms, like a busy page): each request as the page sees it, from
 *   fetch() to the body read. This is "time added to the page's own requests";
 * - back to back (the next starts when the last ends): total time. On a 2-core machine this also
 *   counts the CPU the extension spends on each call, competing with the page for a core;
 * - paced with a realistic server time (the simulator waits 60 ms, about a real Edge round trip).
 *   Loopback answers in ~3 ms, which makes any fixed cost look huge;
 * - CPU time per paced Edge call, per Chromium process (process-cpu.mjs; Linux only).
 *
 * Statistics: performance.now() is coarsened to 0.1 ms (with jitter) in pages that are not
 * cross-origin isolated, so a median of per-request times sticks to that grid. Each round uses a
 * 10 % trimmed mean instead (unbiased under the jitter, robust to the odd slow request); the
 * reported value is the median of the rounds.
 */
import { cpuByProcess, cpuPer } from './process-cpu.mjs';

const LOADS = 10;

export function trimmedMean(values, trim = 0.1) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * trim);
  const kept = sorted.slice(cut, sorted.length - cut);
  return kept.reduce((sum, v) => sum + v, 0) / kept.length;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function pageLoads(page, siteUrl, count) {
  const loads = [];
  for (let i = 0; i < count; i++) {
    await page.goto(`${siteUrl}/lab.html?load=${i}`, { waitUntil: 'load' });
    loads.push(
      await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation');
        return navigation.loadEventEnd - navigation.startTime;
      }),
    );
  }
  return loads;
}

/** A realistic Edge round trip: what the simulator waits in the "realistic" measure. */
const REALISTIC_MS = 60;

/**
 * N Edge fetches from the lab page, each from fetch() to the body read. `paced`: one every 25 ms,
 * returning each request's time; `backToBack`: returning the total. `slowMs`: the server's wait.
 */
export async function fetches(page, n, kind, slowMs = 0) {
  return page.evaluate(
    async ({ n, kind, slowMs }) => {
      const lab = window.lab;
      const body = lab.interactBody('overhead');
      const one = async () => {
        const query = { configId: lab.datastreamId, requestId: crypto.randomUUID() };
        const url = lab.edgeUrl(
          '/ee/v1/interact',
          slowMs ? { ...query, simulate: 'slow', ms: slowMs } : query,
        );
        const start = performance.now();
        const response = await fetch(url, { method: 'POST', credentials: 'include', body });
        await response.text();
        return performance.now() - start;
      };
      const pause = () => new Promise((r) => setTimeout(r, 25));
      const times = [];
      if (kind === 'backToBack') {
        const start = performance.now();
        for (let i = 0; i < n; i++) await one();
        return [performance.now() - start];
      }
      for (let i = 0; i < n; i++) {
        times.push(await one());
        await pause();
      }
      return times;
    },
    { n, kind, slowMs },
  );
}

async function oneRound(browser, siteUrl, n) {
  const page = await browser.context.newPage();
  const loads = await pageLoads(page, siteUrl, n >= 50 ? LOADS : 2);
  const cpuBefore = cpuByProcess(browser.profile);
  const paced = await fetches(page, n, 'paced');
  // Let the extension finish what those calls started (its write windows are 250 ms).
  await page.waitForTimeout(600);
  const cpu = cpuPer(cpuBefore, cpuByProcess(browser.profile), n);
  const [backToBack] = await fetches(page, n, 'backToBack');
  const realistic = await fetches(page, Math.ceil(n / 2), 'paced', REALISTIC_MS);
  await page.close();
  return {
    loadMs: trimmedMean(loads),
    pacedMs: trimmedMean(paced),
    backToBackMs: backToBack,
    realisticMs: trimmedMean(realistic),
    cpu,
  };
}

const round3 = (v) => Math.round(v * 1000) / 1000;
const round2 = (v) => Math.round(v * 100) / 100;

/** @param {Record<'with'|'floor'|'without', {context: import('@playwright/test').BrowserContext, profile: string}>} browsers */
export async function benchOverhead(browsers, siteUrl, { rounds = 6, fetches: n = 200 } = {}) {
  const names = ['with', 'floor', 'without'];
  const results = { with: [], floor: [], without: [] };
  // Warm every browser once (first navigation pays for caches and the worker start).
  for (const name of names) await oneRound(browsers[name], siteUrl, 5);
  for (let i = 0; i < rounds; i++) {
    // Rotate the order so drift on a noisy machine hits every side alike.
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const name of order) results[name].push(await oneRound(browsers[name], siteUrl, n));
  }
  const med = (name, key) => median(results[name].map((r) => r[key]));
  const out = { rounds, fetchesPerRound: n, loadsPerRound: LOADS };
  const measures = [
    ['loadMs', 'load'],
    ['realisticMs', 'realisticFetch'],
    ['pacedMs', 'pacedFetch'],
    ['backToBackMs', 'backToBack'],
  ];
  for (const [key, label] of measures) {
    for (const name of names)
      out[`${label}Ms${name[0].toUpperCase()}${name.slice(1)}`] = round2(med(name, key));
  }
  for (const [key, label] of measures) {
    out[`${label}Ratio`] = round3(med('with', key) / med('without', key));
    out[`${label}RatioOverFloor`] = round3(med('with', key) / med('floor', key));
    out[`${label}FloorRatio`] = round3(med('floor', key) / med('without', key));
  }
  // Absolute cost: what a page pays per load and per Edge request, whatever its server's speed.
  for (const [key, label] of measures.slice(0, 3)) {
    out[`${label}AddedMs`] = round2(med('with', key) - med('without', key));
    out[`${label}AddedOverFloorMs`] = round2(med('with', key) - med('floor', key));
  }
  if (results.with.every((r) => r.cpu)) {
    for (const name of names) {
      const kinds = new Set(results[name].flatMap((r) => Object.keys(r.cpu)));
      const label = `cpuMsPerCall${name[0].toUpperCase()}${name.slice(1)}`;
      out[label] = round2(median(results[name].map((r) => r.cpu.total)));
      if (name === 'with') {
        for (const kind of kinds) {
          if (kind === 'total') continue;
          const spent = median(results[name].map((r) => r.cpu[kind] ?? 0));
          if (spent >= 0.05) out[`cpuMsPerCallWith.${kind}`] = round2(spent);
        }
      }
    }
  }
  return out;
}
