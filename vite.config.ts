import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';

// One source manifest, two builds: TARGET=chrome|firefox picks the {{chrome}}./{{firefox}}. keys.
const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    // Minified: the panel must load fast (its initial JS is budgeted in BENCHMARKS.md). Store
    // reviewers get the sources; MINIFY=0 gives a readable build for debugging the debugger.
    minify: process.env.MINIFY !== '0',

    sourcemap: false,
    rolldownOptions: {
      output: {
        // Preact in a chunk of its own, preact.js: its diff has the one innerHTML sink in the
        // build (for dangerouslySetInnerHTML, which eslint.config.js forbids here), and
        // `npm run lint:firefox` leaves that file, and only that one, out (SECURITY.md).
        codeSplitting: { groups: [{ name: 'preact', test: /node_modules[\\/]preact[\\/]/ }] },
      },
    },
  },
  plugins: [
    webExtension({
      browser: target,
      manifest: () => {
        const raw = readFileSync(new URL('./manifest.json', import.meta.url), 'utf8');
        return JSON.parse(raw.replace('{{version}}', pkg.version)) as Record<string, unknown>;
      },
      // The panel page is opened by devtools.panels.create, not named in the manifest.
      additionalInputs: ['devtools/panel.html'],
      // Validation downloads a JSON schema; there is no internet here.
      skipManifestValidation: true,
      disableAutoLaunch: true,
    }),
  ],
});
