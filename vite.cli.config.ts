// The command line, `aep-edge-inspector` (src/cli/main.ts), as one ES module for Node 20:
// bin/aep-edge-inspector.mjs, with `yaml` and `@cfworker/json-schema` bundled in (the file runs
// without node_modules) and Node's built-ins left to Node. Built by `npm run build:cli` and by
// `npm run build` (scripts/build.mjs); bin/ is generated and not committed.
import { chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const BIN = 'aep-edge-inspector.mjs';
const outDir = fileURLToPath(new URL('./bin', import.meta.url));

/** `./bin/aep-edge-inspector.mjs` runs by itself on POSIX (npm links bins executable anyway). */
function executable(): Plugin {
  return {
    name: 'aep-cli-executable',
    writeBundle() {
      chmodSync(`${outDir}/${BIN}`, 0o755);
    },
  };
}

export default defineConfig({
  // The extension's public/ folder (icons) has no place next to the command line.
  publicDir: false,
  // Bundle every npm dependency: the SSR build externalises them by default.
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: fileURLToPath(new URL('./src/cli/main.ts', import.meta.url)),
    outDir,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: {
      external: [/^node:/, ...builtinModules],
      output: {
        format: 'es',
        entryFileNames: BIN,
        // Generated: lint the sources in src/cli, not the bundle.
        banner: '#!/usr/bin/env node\n/* eslint-disable */',
        // One file: nothing is split out of the entry.
        codeSplitting: false,
      },
    },
  },
  plugins: [executable()],
});
