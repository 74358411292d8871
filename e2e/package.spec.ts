/**
 * `npm run package` (its zipping step, on the dist/ that npm test just built): one zip per store,
 * manifest.json at the root, the package version, each browser's own manifest keys, and every file
 * the manifest names inside the archive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

interface Manifest {
  version: string;
  permissions: string[];
  background: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string } };
  action: { default_popup: string };
  devtools_page: string;
  icons: Record<string, string>;
  content_scripts: Array<{ js: string[] }>;
}

/** Every file the manifest refers to. */
function namedFiles(manifest: Manifest): string[] {
  return [
    ...(manifest.background.scripts ?? []),
    ...(manifest.background.service_worker ? [manifest.background.service_worker] : []),
    manifest.action.default_popup,
    manifest.devtools_page,
    ...Object.values(manifest.icons),
    ...manifest.content_scripts.flatMap((script) => script.js),
  ];
}

test('package makes a store-ready zip for Chrome and for Firefox', async () => {
  const out = mkdtempSync(join(tmpdir(), 'aep-package-'));
  try {
    const run = spawnSync(process.execPath, ['scripts/package.mjs', '--out', out], {
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    for (const target of ['chrome', 'firefox'] as const) {
      const file = join(out, `aep-edge-inspector-${target}-${version}.zip`);
      const zip = await JSZip.loadAsync(readFileSync(file));
      const manifestFile = zip.file('manifest.json');
      expect(manifestFile, `${file} has manifest.json at its root`).not.toBeNull();
      const manifest = JSON.parse((await manifestFile?.async('string')) ?? '{}') as Manifest;
      expect(manifest.version).toBe(version);
      for (const name of namedFiles(manifest)) {
        expect(zip.file(name), `${target} zip has ${name}`).not.toBeNull();
      }
      const names = Object.keys(zip.files);
      expect(names.filter((name) => /(^|\/)\.|\.map$|\.ts$/.test(name))).toEqual([]);
      if (target === 'chrome') {
        expect(manifest.background.service_worker).toBeDefined();
        expect(manifest.browser_specific_settings).toBeUndefined();
        expect(manifest.permissions).not.toContain('webRequestBlocking');
      } else {
        expect(manifest.background.scripts).toHaveLength(1);
        expect(manifest.browser_specific_settings?.gecko?.id).toBe(
          'aep-edge-inspector@example.org',
        );
        expect(manifest.permissions).toEqual(
          expect.arrayContaining(['webRequestBlocking', 'webRequestFilterResponse']),
        );
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
