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
import { compareBuilds } from './peers.mjs';
import { startDemoSite } from '../e2e/world/demo-site.mjs';
import { startSimulator } from '../e2e/world/simulator.mjs';

const builds = process.argv.slice(2);
if (!builds.length) {
  console.error('usage: node bench/compare-builds.mjs none floor dist/chrome [more builds…]');
  process.exit(2);
}

const simulator = await startSimulator();
const site = await startDemoSite();
try {
  const table = await compareBuilds(
    builds.map((dir) => ({ name: dir, dir })),
    {
      simulatorPort: simulator.port,
      siteUrl: site.url,
      rounds: Number(process.env.ROUNDS ?? 6),
      n: Number(process.env.N ?? 100),
      /** SLOW_MS=60: the simulator waits that long before answering (a realistic round trip). */
      slowMs: Number(process.env.SLOW_MS ?? 0),
    },
  );
  for (const row of table) {
    const cpu = Object.entries(row.cpu)
      .map(([kind, ms]) => `${kind} ${ms.toFixed(2)}`)
      .join(', ');
    console.log(
      `${row.name.padEnd(24)} ${row.perCallMs.toFixed(3)} ms  ×${row.ratio.toFixed(3)}  cpu ms/call: ${cpu || 'n/a'}`,
    );
  }
} finally {
  await site.close();
  await simulator.close();
}
