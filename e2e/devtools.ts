/**
 * Driving the real DevTools panel (docs/browser-testing.md, "Driving the DevTools panel itself"):
 * a Chromium launched by puppeteer-core with the built extension, DevTools opened for a tab, the
 * extension's panel shown, and its frame (`devtools/panel.html`) read by role. Playwright's page
 * API cannot reach DevTools windows, so this fixture launches its own browser; the simulated world
 * (Edge simulator, demo shop) is the shared one from fixtures.ts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';
import { EXTENSION_DIR, expect, test as base } from './fixtures';
import { chromiumArgs, findChromium, prepareProfile } from './world/chromium.mjs';

export { expect };

export interface Inspector {
  browser: Browser;
  /** The extension's id. */
  id: string;
  /** Where downloads (the viewer's exports) land. */
  downloads: string;
  /** Opens a demo-site page (`/lab.html`…) in a new tab. */
  openPage(path: string): Promise<Page>;
  /** Opens DevTools for `page`, shows the extension's panel and returns both. */
  openPanel(page: Page): Promise<{ devtools: Page; panel: Frame }>;
}

/** The parts of DevTools' front-end modules these tests use (they load inside DevTools). */
interface LegacyModule {
  InspectorView: {
    InspectorView: {
      maybeGetInspectorViewInstance(): { tabbedPane: { tabIds(): string[] } } | null;
      instance(): { showPanel(id: string): Promise<void> };
    };
  };
}
interface CommonModule {
  Settings: {
    Settings: { instance(): { moduleSetting(name: string): { set(value: string): void } } };
  };
}
interface NetworkModule {
  NetworkPanel: {
    NetworkPanel: {
      instance(): {
        networkLogView: {
          onLoadFromFile(file: File): Promise<void>;
          harLoadFailed(message: unknown): void;
        };
      };
    };
  };
}
interface LogsModule {
  NetworkLog: { NetworkLog: { instance(): { requests(): Array<{ url(): string }> } } };
}

/** The panel's title in devtools/devtools.ts; DevTools ids it by extension origin + title. */
const PANEL_TITLE = 'AEP Edge';
/** DevTools' UI module, resolved against the DevTools page. */
const LEGACY = './ui/legacy/legacy.js';

export const test = base.extend<{ inspector: Inspector }>({
  inspector: async ({ world }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'aep-devtools-'));
    const downloads = mkdtempSync(join(tmpdir(), 'aep-downloads-'));
    prepareProfile(profile);
    const browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      userDataDir: profile,
      // Otherwise the viewport also applies to the DevTools page and real clicks miss the panel.
      defaultViewport: null,
      // puppeteer adds --disable-extensions unless told not to.
      ignoreDefaultArgs: ['--disable-extensions'],
      enableExtensions: true,
      args: chromiumArgs({ extensionDir: EXTENSION_DIR, simulatorPort: world.simulator.port }),
    });
    try {
      const workerTarget = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      );
      const id = new URL(workerTarget.url()).host;
      // Start-up race (docs/browser-testing.md): make webRequest listeners effective first. Right
      // after launch the worker's context may not have its `chrome` yet: wait for it.
      const worker = await workerTarget.createCDPSession();
      await expect
        .poll(async () => {
          const { result } = await worker.send('Runtime.evaluate', {
            expression: 'chrome.webRequest.handlerBehaviorChanged().then(() => true)',
            awaitPromise: true,
          });
          return result.value === true;
        })
        .toBe(true);
      await worker.detach();
      const browserSession = await browser.target().createCDPSession();
      await browserSession.send('Browser.setDownloadBehavior', {
        behavior: 'allow',
        downloadPath: downloads,
      });

      const inspector: Inspector = {
        browser,
        id,
        downloads,
        async openPage(path) {
          const page = await browser.newPage();
          await page.goto(`${world.site.url}${path}`);
          return page;
        },
        async openPanel(page) {
          const devtools = await page.openDevTools();
          const panelId = `chrome-extension://${id}${PANEL_TITLE.replace(/\s/g, '')}`;
          // DevTools is still loading when it opens: poll its inspector view (calling
          // instance() too early makes a second, empty view) until it lists our panel.
          await devtools.waitForFunction(
            async (wanted: string, path: string) => {
              const legacy = (await import(path)) as LegacyModule;
              const view = legacy.InspectorView.InspectorView.maybeGetInspectorViewInstance();
              return (view?.tabbedPane.tabIds() ?? []).includes(wanted);
            },
            { polling: 100, timeout: 30_000 },
            panelId,
            LEGACY,
          );
          await devtools.evaluate(
            async (wanted: string, path: string) => {
              const legacy = (await import(path)) as LegacyModule;
              await legacy.InspectorView.InspectorView.instance().showPanel(wanted);
            },
            panelId,
            LEGACY,
          );
          // The panel's frame exists once the panel has been shown.
          const panel = await devtools.waitForFrame((f) =>
            f.url().endsWith('/devtools/panel.html'),
          );
          await panel.waitForSelector(role('grid', 'Edge calls'));
          return { devtools, panel };
        },
      };
      await use(inspector);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    }
  },
});

/** A puppeteer ARIA selector: the element with this role and (exact) accessible name. */
export function role(name: string, accessibleName?: string): string {
  if (accessibleName === undefined) return `::-p-aria([role="${name}"])`;
  return `::-p-aria([name=${JSON.stringify(accessibleName)}][role="${name}"])`;
}

/** Text of every element matching `selector` in the frame, in document order. */
export async function texts(frame: Frame, selector: string): Promise<string[]> {
  const handles = await frame.$$(selector);
  const out = await Promise.all(handles.map((h) => h.evaluate((el) => el.textContent ?? '')));
  await Promise.all(handles.map((h) => h.dispose()));
  return out;
}

/** The call rows of the panel's grid (not the header, not page separators), as text. */
export async function callRowTexts(panel: Frame): Promise<string[]> {
  return panel.$$eval('[role="grid"] [role="row"][data-key]', (rows) =>
    rows.map((row) => row.textContent ?? ''),
  );
}

/** Text of the first element matching, or '' when there is none. */
export async function textOf(frame: Frame, selector: string): Promise<string> {
  const handle = await frame.$(selector);
  if (!handle) return '';
  const text = await handle.evaluate((el) => el.textContent ?? '');
  await handle.dispose();
  return text;
}

/** What has the keyboard focus in the panel: its role and its name (or text). */
export async function focused(panel: Frame): Promise<{ role: string; name: string }> {
  return panel.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { role: 'none', name: '' };
    const label = el.getAttribute('aria-label') ?? el.getAttribute('title');
    const role =
      el.getAttribute('role') ??
      (el instanceof HTMLButtonElement
        ? 'button'
        : el instanceof HTMLSelectElement
          ? 'combobox'
          : el instanceof HTMLInputElement
            ? el.type === 'text'
              ? 'textbox'
              : el.type
            : el.tagName.toLowerCase());
    return { role, name: (label ?? el.textContent ?? '').trim() };
  });
}

/** Whether a modal dialog with this accessible name is open in the panel. */
export async function dialogOpen(panel: Frame, name: string): Promise<boolean> {
  const handle: ElementHandle | null = await panel.$(role('dialog', name));
  if (!handle) return false;
  const open = await handle.evaluate((el) => el instanceof HTMLDialogElement && el.open);
  await handle.dispose();
  return open;
}

/** Switches DevTools' own theme (Settings → Preferences → Theme) while it is open. */
export async function setDevtoolsTheme(devtools: Page, theme: 'dark' | 'default'): Promise<void> {
  await devtools.evaluate(
    async (value: string, path: string) => {
      const common = (await import(path)) as CommonModule;
      common.Settings.Settings.instance().moduleSetting('ui-theme').set(value);
    },
    theme,
    './core/common/common.js',
  );
}

/**
 * Loads a HAR into DevTools' Network panel through the panel's own file loader (what its
 * "Import HAR file" button and a dropped file run: NetworkLogView.onLoadFromFile), then returns
 * the URLs of the requests the network log holds.
 */
export async function importHarIntoNetworkPanel(devtools: Page, har: string): Promise<string[]> {
  return devtools.evaluate(
    async (text: string, paths: string[]) => {
      const [legacy, network, logs] = (await Promise.all(paths.map((p) => import(p)))) as [
        LegacyModule,
        NetworkModule,
        LogsModule,
      ];
      await legacy.InspectorView.InspectorView.instance().showPanel('network');
      const view = network.NetworkPanel.NetworkPanel.instance().networkLogView;
      let failed = '';
      const original = view.harLoadFailed.bind(view);
      view.harLoadFailed = (message: unknown) => {
        failed = String(message);
        original(message);
      };
      await view.onLoadFromFile(new File([text], 'session.har', { type: 'application/json' }));
      if (failed) throw new Error(`DevTools refused the HAR: ${failed}`);
      return logs.NetworkLog.NetworkLog.instance()
        .requests()
        .map((request) => request.url());
    },
    har,
    [LEGACY, './panels/network/network.js', './models/logs/logs.js'],
  );
}

/** Waits until DevTools (opened with `page.openDevTools()`) has its inspector view. */
export async function devtoolsReady(devtools: Page): Promise<void> {
  await devtools.waitForFunction(
    async (path: string) => {
      const legacy = (await import(path)) as LegacyModule;
      return legacy.InspectorView.InspectorView.maybeGetInspectorViewInstance() !== null;
    },
    { polling: 100, timeout: 30_000 },
    LEGACY,
  );
}

/** The one finished download in `dir` (Chromium writes `.crdownload` until it is done). */
export function finishedDownload(dir: string, extension: string): string | undefined {
  const done = readdirSync(dir).filter((name) => name.endsWith(extension));
  if (done.length !== 1 || !done[0]) return undefined;
  return readFileSync(join(dir, done[0]), 'utf8');
}

/** An interact call from the lab page, by fetch (the page reads the response); its status. */
export async function interact(page: Page, requestId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const { lab } = window;
    const result = await lab.fetchEdge('/ee/v1/interact', lab.interactBody(id), {
      query: { configId: lab.datastreamId, requestId: id },
    });
    return result.status;
  }, requestId);
}
