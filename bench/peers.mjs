/**
 * Ours beside the peers, in one run: no extension, the webRequest-only floor, our build and each
 * peer build found in the peers folder (PEERS_DIR; by default the `shared/peers` folder beside
 * this repository, see BENCHMARKS.md). Every browser gets `rounds` rounds (the order rotates each
 * round) of `n` paced Edge fetches from the lab page, the server answering after `slowMs`.
 * Per build: the per-request time (10 % trimmed mean per round, median of rounds), the time added
 * over the floor, and the CPU per call of each Chromium process kind (median of rounds).
 * compare-builds.mjs runs the same rounds over any builds given by hand.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { fetches, median, trimmedMean } from './overhead.mjs';
import { cpuByProcess, cpuPer } from './process-cpu.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The peers folder: PEERS_DIR, else `shared/peers` beside the repository. */
export function peersDir() {
  return process.env.PEERS_DIR ?? join(repo, '..', 'shared', 'peers');
}

/** Each peer build in the folder (a subfolder with a manifest.json), by folder name. */
export function peerBuilds(dir = peersDir()) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'manifest.json')))
    .map((entry) => ({ name: entry.name, dir: join(dir, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One round: `n` paced fetches in a fresh lab page; the trimmed mean and the CPU per call. */
export async function round(browser, siteUrl, n, slowMs) {
  const page = await browser.context.newPage();
  await page.goto(`${siteUrl}/lab.html`, { waitUntil: 'load' });
  const before = cpuByProcess(browser.profile);
  const times = await fetches(page, n, 'paced', slowMs);
  // Work the call started after its answer (the worker's write, the hook's post) counts too.
  await page.waitForTimeout(600);
  const cpu = cpuPer(before, cpuByProcess(browser.profile), n);
  await page.close();
  return { ms: trimmedMean(times), cpu };
}

/**
 * Runs every build side by side. `builds`: `{ name, dir }`, where dir `none` is no extension and
 * `floor` the webRequest-only control. Returns per build: perCallMs, ratio to the first build,
 * cpu per call per process kind (and total).
 */
export async function compareBuilds(builds, { simulatorPort, siteUrl, rounds, n, slowMs }) {
  const browsers = [];
  try {
    for (const build of builds)
      browsers.push(
        await launch({
          simulatorPort,
          extension: build.dir !== 'none',
          extensionDir: build.dir === 'floor' ? writeFloorExtension() : build.dir,
        }),
      );
    // A warm-up round each: the first page of a profile pays for its caches.
    for (const browser of browsers) await round(browser, siteUrl, 5, slowMs);
    const results = builds.map(() => []);
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < builds.length; k++) {
        const index = (k + i) % builds.length;
        results[index].push(await round(browsers[index], siteUrl, n, slowMs));
      }
    }
    const base = median(results[0].map((r) => r.ms));
    return builds.map((build, index) => {
      const ms = median(results[index].map((r) => r.ms));
      const kinds = Object.keys(results[index][0]?.cpu ?? {});
      const cpu = Object.fromEntries(
        kinds.map((kind) => [kind, round2(median(results[index].map((r) => r.cpu?.[kind] ?? 0)))]),
      );
      return { name: build.name, perCallMs: round3(ms), ratio: round3(ms / base), cpu };
    });
  } finally {
    for (const browser of browsers) await browser.close();
  }
}

const round2 = (v) => Math.round(v * 100) / 100;
const round3 = (v) => Math.round(v * 1000) / 1000;

/**
 * `npm run bench`'s side-by-side part: none, floor, ours and the peers. Returns the table and the
 * two comparisons the targets read (time added over the floor, CPU per call: ours against the
 * best peer's), or a note when no peer build is there.
 */
export async function benchPeers(ourDir, options) {
  const peers = peerBuilds();
  if (!peers.length)
    return { note: `no peer builds in ${peersDir()} (set PEERS_DIR): skipped`, builds: [] };
  const builds = [
    { name: 'no extension', dir: 'none' },
    { name: 'floor (webRequest only)', dir: 'floor' },
    { name: 'ours', dir: ourDir },
    ...peers,
  ];
  const table = await compareBuilds(builds, options);
  const floor = table[1]?.perCallMs ?? NaN;
  for (const row of table) row.addedOverFloorMs = round3(row.perCallMs - floor);
  const ours = table[2];
  const peerRows = table.slice(3);
  const best = (pick) => Math.min(...peerRows.map(pick));
  return {
    builds: table,
    oursAddedOverFloorMs: ours.addedOverFloorMs,
    bestPeerAddedOverFloorMs: best((r) => r.addedOverFloorMs),
    oursCpuPerCallMs: ours.cpu.total,
    bestPeerCpuPerCallMs: best((r) => r.cpu.total ?? Infinity),
  };
}
