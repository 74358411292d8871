/**
 * CPU time of one Chromium instance, per process type, read from /proc (Linux only; elsewhere
 * `cpuByProcess` returns undefined and the benchmark leaves these numbers out).
 *
 * Why: on a 2-core machine a page's request time mixes the extension's cost with scheduling
 * luck, and differences of a millisecond sit near the noise. CPU time spent per Edge call, per
 * process (browser, page renderer, extension worker, network service), is far steadier and says
 * where a cost lives.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readProcesses() {
  const out = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after "(comm) ": state ppid … utime(14) stime(15), 1-based in proc(5).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Chromium rewrites its children's command lines into one space-separated string.
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/);
      out.set(Number(entry), {
        ppid: Number(fields[1]),
        cpuMs: ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000,
        args,
      });
    } catch {
      // The process ended while we looked: it has nothing left to count.
    }
  }
  return out;
}

function kindOf(args) {
  const type = args.find((a) => a.startsWith('--type='))?.slice('--type='.length) ?? 'browser';
  if (type === 'renderer')
    return args.includes('--extension-process') ? 'extensionRenderer' : 'pageRenderer';
  if (type === 'utility') {
    const sub = args.find((a) => a.startsWith('--utility-sub-type=')) ?? '';
    return sub.endsWith('NetworkService') ? 'network' : 'otherUtility';
  }
  return type === 'browser' ? 'browser' : 'other';
}

/**
 * CPU ms so far of the Chromium started with `--user-data-dir=<profile>`, by process kind.
 * @returns {Record<string, number> | undefined}
 */
export function cpuByProcess(profile) {
  if (!existsSync('/proc/self/stat')) return undefined;
  const all = readProcesses();
  const tree = new Set(
    [...all]
      .filter(
        ([, p]) => p.args.includes(`--user-data-dir=${profile}`) && kindOf(p.args) === 'browser',
      )
      .map(([pid]) => pid),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of all) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const byKind = {};
  for (const pid of tree) {
    const p = all.get(pid);
    const kind = kindOf(p.args);
    byKind[kind] = (byKind[kind] ?? 0) + p.cpuMs;
  }
  return byKind;
}

/** CPU ms per unit between two readings, per kind and in total. */
export function cpuPer(before, after, units) {
  if (!before || !after) return undefined;
  const out = {};
  let total = 0;
  for (const kind of Object.keys(after)) {
    const spent = (after[kind] - (before[kind] ?? 0)) / units;
    out[kind] = spent;
    total += spent;
  }
  out.total = total;
  return out;
}
