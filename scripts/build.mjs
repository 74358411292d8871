// Builds dist/chrome and dist/firefox from the one source manifest, one after the other
// (vite-plugin-web-extension reads the target browser from the config at load time), then the
// command line, bin/aep-edge-inspector.mjs (vite.cli.config.ts; bin/ is generated, not committed).
import { build } from 'vite';

for (const target of ['chrome', 'firefox']) {
  process.env.TARGET = target;
  await build({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
  console.log(`built dist/${target}`);
}

await build({
  configFile: new URL('../vite.cli.config.ts', import.meta.url).pathname,
  logLevel: 'warn',
});
console.log('built bin/aep-edge-inspector.mjs');
