#!/usr/bin/env node
/**
 * Side-by-side cost of several extension builds in one run, for finding where a cost lives.
 *
 *   node bench/compare-builds.mjs none floor dist/chrome /tmp/variant-a …
 *
 * Each argument is a built (unpacked) extension folder, `none` (no extension) or `floor` (the
 * webRequest-only control, floor-extension.mjs). Every browser gets ROUNDS rounds (the order
 * rotates each round) of N paced Edge fetches from the lab page (SLOW_MS: the server's wait); the table gives the per-request
 * time (10 % trimmed mean per round, median of rounds), its ratio to the first argument, and the
 * CPU per call of each Chromium process kind. BENCHMARKS.md's attribution tables come from this
 * with variant builds (a listener or a content script removed by hand, then `npm run build`).
 */
import { launch } from './browser.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { fetches, median, trimmedMean } from './overhead.mjs';
import { cpuByProcess, cpuPer } from './process-cpu.mjs';
import { startDemoSite } from '../e2e/world/demo-site.mjs';
import { startSimulator } from '../e2e/world/simulator.mjs';

const builds = process.argv.slice(2);
if (!builds.length) {
  console.error('usage: node bench/compare-builds.mjs none floor dist/chrome [more builds…]');
  process.exit(2);
}
const N = Number(process.env.N ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
/** SLOW_MS=60: the simulator waits that long before answering (a realistic round trip). */
const SLOW_MS = Number(process.env.SLOW_MS ?? 0);

async function round(browser, siteUrl, n) {
  const page = await browser.context.newPage();
  await page.goto(`${siteUrl}/lab.html`, { waitUntil: 'load' });
  const before = cpuByProcess(browser.profile);
  const times = await fetches(page, n, 'paced', SLOW_MS);
  await page.waitForTimeout(600);
  const cpu = cpuPer(before, cpuByProcess(browser.profile), n);
  await page.close();
  return { ms: trimmedMean(times), cpu };
}

const simulator = await startSimulator();
const site = await startDemoSite();
const browsers = [];
try {
  for (const build of builds) {
    browsers.push(
      await launch({
        simulatorPort: simulator.port,
        extension: build !== 'none',
        extensionDir: build === 'floor' ? writeFloorExtension() : build,
      }),
    );
  }
  for (const browser of browsers) await round(browser, site.url, 5);
  const results = builds.map(() => []);
  for (let i = 0; i < ROUNDS; i++) {
    for (let k = 0; k < builds.length; k++) {
      const index = (k + i) % builds.length;
      results[index].push(await round(browsers[index], site.url, N));
    }
  }
  const base = median(results[0].map((r) => r.ms));
  for (const [index, build] of builds.entries()) {
    const ms = median(results[index].map((r) => r.ms));
    const cpu = results[index][0].cpu
      ? Object.keys(results[index][0].cpu)
          .map(
            (kind) => `${kind} ${median(results[index].map((r) => r.cpu[kind] ?? 0)).toFixed(2)}`,
          )
          .join(', ')
      : 'n/a';
    console.log(
      `${build.padEnd(24)} ${ms.toFixed(3)} ms  ×${(ms / base).toFixed(3)}  cpu ms/call: ${cpu}`,
    );
  }
} finally {
  for (const browser of browsers) await browser.close();
  await site.close();
  await simulator.close();
}
