/**
 * Chromium launch for the benchmark: the same world as the e2e tests (simulator + demo site),
 * with or without the built extension.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium, prepareProfile } from '../e2e/world/chromium.mjs';

export const EXTENSION_DIR = resolve(process.env.BENCH_EXTENSION_DIR ?? 'dist/chrome');

/**
 * @param {{simulatorPort: number, extension: boolean, extensionDir?: string}} options
 * `extensionDir` loads another extension than the build (the overhead part's control).
 */
export async function launch({ simulatorPort, extension, extensionDir = EXTENSION_DIR }) {
  const profile = mkdtempSync(join(tmpdir(), 'aep-bench-'));
  prepareProfile(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      ...chromiumArgs({ extensionDir: extension ? extensionDir : undefined, simulatorPort }),

      '--enable-precise-memory-info',
    ],
  });
  let id;
  if (extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(() => chrome.webRequest.handlerBehaviorChanged());
    id = new URL(worker.url()).host;
  }
  const tabIdOf = async (page) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return worker.evaluate(
      async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id,
      page.url(),
    );
  };
  return {
    context,
    /** The profile folder: it names this browser's processes (process-cpu.mjs). */
    profile,
    id,
    tabIdOf,
    viewerUrl: (tabId) =>
      `chrome-extension://${id}/devtools/panel.html${tabId === undefined ? '' : `?tabId=${tabId}`}`,
    stopWorker: async () => {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
