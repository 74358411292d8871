#!/usr/bin/env node
/**
 * `npm run bench`: the speed of the extension, measured in real Chromium against the simulator.
 * Prints a table and writes bench/results.json. Targets (BENCHMARKS.md) are printed next to
 * each number; nothing here fails a build: tests never time things.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startDemoSite } from '../e2e/world/demo-site.mjs';
import { startSimulator } from '../e2e/world/simulator.mjs';
import { launch } from './browser.mjs';
import { benchBundles } from './bundles.mjs';
import { benchCapture } from './capture.mjs';
import { writeFloorExtension } from './floor-extension.mjs';
import { benchOverhead } from './overhead.mjs';
import { benchPeers } from './peers.mjs';
import { benchViewer } from './viewer.mjs';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
/** `--only=capture,overhead` runs a subset (for investigating one number). */
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : undefined;
const runs = (part) => !only || only.has(part);

const TARGETS = {
  'capture.bothBodiesPercent': ['= 100', (v) => v === 100],
  'capture.duplicates': ['= 0', (v) => v === 0],
  'capture.latencyP95Ms': ['< 100', (v) => v < 100],
  'viewer.firstRowsMs': ['< 500', (v) => v < 500],
  'viewer.filterMaxMs': ['< 50', (v) => v < 50],
  'viewer.scrollFrameP95Ms': ['< 16', (v) => v < 16],
  'viewer.heapMb': ['< 150', (v) => v < 150],
  'viewer.visitOpenMs': ['< 1000', (v) => v < 1000],
  'viewer.visitScrollFrameP95Ms': ['< 16', (v) => v < 16],
  'viewer.planChangeValidatedMs': ['< 2000', (v) => v < 2000],
  'viewer.scrollDuringValidationP95Ms': ['< 16', (v) => v < 16],
  'overhead.pacedFetchRatio': ['≤ 1.02', (v) => v <= 1.02],
  'overhead.realisticFetchRatioOverFloor': ['≤ 1.02', (v) => v <= 1.02],
  'overhead.loadRatioOverFloor': ['≤ 1.02', (v) => v <= 1.02],

  'overhead.realisticFetchRatio': ['≤ 1.02', (v) => v <= 1.02],
  'overhead.loadRatio': ['≤ 1.02', (v) => v <= 1.02],
  'bundles.panelKbGzip': ['< 80', (v) => v < 80],
};

async function main() {
  const simulator = await startSimulator();
  const site = await startDemoSite();
  const results = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
  };
  try {
    if (runs('bundles')) results.bundles = benchBundles();
    const withExt = await launch({ simulatorPort: simulator.port, extension: true });
    const withoutExt = await launch({ simulatorPort: simulator.port, extension: false });
    try {
      if (runs('capture')) {
        results.capture = await benchCapture(withExt, site.url, {
          count: quick ? 200 : 2000,
          perSecond: 50,
        });
        simulator.received.length = 0;
      }
      if (runs('overhead')) {
        const floor = await launch({
          simulatorPort: simulator.port,
          extension: true,
          extensionDir: writeFloorExtension(),
        });
        try {
          results.overhead = await benchOverhead(
            { with: withExt, floor, without: withoutExt },
            site.url,
            { rounds: quick ? 2 : 6 },
          );
        } finally {
          await floor.close();
        }
        simulator.received.length = 0;
      }
    } finally {
      await withoutExt.close();
      await withExt.close();
    }
    if (runs('peers')) {
      results.peers = await benchPeers('dist/chrome', {
        simulatorPort: simulator.port,
        siteUrl: site.url,
        rounds: quick ? 2 : Number(process.env.ROUNDS ?? 6),
        n: quick ? 30 : Number(process.env.N ?? 100),
        slowMs: Number(process.env.SLOW_MS ?? 60),
      });
      simulator.received.length = 0;
    }
    // A fresh profile for the store-filling part, so capture's calls don't count.
    if (runs('viewer')) {
      const viewerBrowser = await launch({ simulatorPort: simulator.port, extension: true });
      try {
        results.viewer = await benchViewer(viewerBrowser, {
          count: quick ? 2000 : 10_000,
          opens: quick ? 2 : 5,
        });
      } finally {
        await viewerBrowser.close();
      }
    }
  } finally {
    await site.close();
    await simulator.close();
  }
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const rows = [];
  for (const part of ['capture', 'viewer', 'overhead', 'bundles']) {
    for (const [key, value] of Object.entries(results[part] ?? {})) {
      const target = TARGETS[`${part}.${key}`];
      rows.push([
        `${part}.${key}`,
        String(value),
        target ? target[0] : '',
        target ? (target[1](value) ? 'ok' : 'MISSED') : '',
      ]);
    }
  }
  const peers = results.peers;
  if (peers?.note) rows.push(['peers', peers.note, '', '']);
  else if (peers) {
    const versus = (ours, best) => (ours <= best ? 'ok' : 'MISSED');
    rows.push([
      'peers.addedOverFloorMs',
      String(peers.oursAddedOverFloorMs),
      `≤ best peer ${peers.bestPeerAddedOverFloorMs}`,
      versus(peers.oursAddedOverFloorMs, peers.bestPeerAddedOverFloorMs),
    ]);
    rows.push([
      'peers.cpuPerCallMs',
      String(peers.oursCpuPerCallMs),
      `≤ best peer ${peers.bestPeerCpuPerCallMs}`,
      versus(peers.oursCpuPerCallMs, peers.bestPeerCpuPerCallMs),
    ]);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
  console.log(
    `machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memGb} GiB, node ${results.machine.node}`,
  );
  for (const row of [['measure', 'value', 'target', ''], ...rows])
    console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
  if (peers?.builds?.length) {
    console.log('\nside by side (per Edge call; CPU per call, all Chromium processes):');
    for (const row of peers.builds) {
      const cpu = Object.entries(row.cpu)
        .map(([kind, ms]) => `${kind} ${ms}`)
        .join(', ');
      console.log(
        `  ${row.name.padEnd(26)} ${String(row.perCallMs).padStart(8)} ms  ×${row.ratio}  +${row.addedOverFloorMs} ms over floor  cpu: ${cpu}`,
      );
    }
  }
  console.log('\nwrote bench/results.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
