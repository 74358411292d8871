/**
 * 4. Built bundle sizes, gzipped: each entry with every module it imports statically (what the
 * browser must load before the surface works). Dynamic imports are listed apart.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve('dist/chrome');

function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // Static imports only (minified or not): `import … from "./x.js"`, `export … from`, `import "./x.js"`.
  // Dynamic `import("./x.js")` chunks load on demand and are not counted.
  const statics =
    /(?:^|[;\s}])(?:import|export)\s*(?:[^'"();]*?from\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const match of code.matchAll(statics)) staticGraph(join(dirname(file), match[1]), seen);
  return seen;
}

function gzipKb(files) {
  const total = [...files].reduce((sum, f) => sum + gzipSync(readFileSync(f)).byteLength, 0);
  return Math.round((total / 1024) * 10) / 10;
}

export function benchBundles() {
  // The panel's first script connects and then imports the viewer (devtools/panel.tsx): nothing
  // shows before both have loaded, so both count, with all they import statically.
  const entries = {
    panel: ['devtools/panel.js', 'panel-view.js'],
    popup: 'popup/popup.js',
    worker: 'src/background/index.js',
    pageHook: 'src/capture/page-hook.js',
    relay: 'src/capture/relay.js',
  };
  const result = {};
  for (const [name, paths] of Object.entries(entries)) {
    const files = new Set();
    for (const path of [paths].flat()) staticGraph(join(ROOT, path), files);
    result[`${name}KbGzip`] = gzipKb(files);
  }
  return result;
}
