/**
 * Drives Firefox ESR (Debian's `firefox-esr`) with the built extension, for the Firefox e2e.
 *
 * Why puppeteer-core: Firefox speaks WebDriver BiDi itself, and puppeteer-core talks BiDi to it
 * directly, installing the add-on with BiDi's `webExtension.install` (a temporary add-on, as
 * about:debugging would). selenium-webdriver would need geckodriver, which Debian does not
 * package and selenium-manager would try to download (there is no internet here). Playwright's
 * own Firefox is a patched build it downloads, and it cannot load extensions.
 *
 * Host names: Firefox has no --host-resolver-rules. `network.dns.localDomains` resolves the Edge
 * hosts to 127.0.0.1, and `network.socket.forcePort` ("443=PORT") moves their connections to the
 * simulator's random port at the socket level, so the page still calls
 * https://edge.adobedc.net/ (origin, cookies and CORS as in the field) and no root or proxy is
 * needed. The simulator's self-signed certificate is accepted through BiDi's
 * `acceptInsecureCerts`.
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { EDGE_HOSTS } from './chromium.mjs';

/** The add-on id in manifest.json (`browser_specific_settings.gecko.id`). */
export const FIREFOX_ADDON_ID = 'aep-edge-inspector@example.org';
/**
 * Firefox picks a random moz-extension:// host per profile; `extensions.webextensions.uuids`
 * fixes it, so the test knows the viewer's URL before the add-on is installed.
 */
export const FIREFOX_EXTENSION_UUID = '6f1d7c2e-3b5a-4e8f-9d0c-a1b2c3d4e5f6';

/**
 * FIREFOX_PATH, then Debian's firefox-esr. Throws with instructions otherwise: CI installs it
 * (.ci/run), and without it the Firefox e2e must fail, not skip.
 * @returns {string}
 */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, but no file exists there.`);
  }
  for (const path of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) {
    if (existsSync(path)) return path;
  }
  throw new Error(
    "No Firefox found for the Firefox e2e. Install Debian's with `apt-get install -y firefox-esr` " +
      '(gives /usr/bin/firefox-esr; .ci/run does this) or set FIREFOX_PATH to a Firefox 140+ ' +
      'executable. Do not download browsers with npm on machines without internet.',
  );
}

/**
 * Preferences for a test profile: Edge hosts on the simulator, no DNS-over-HTTPS, and the fixed
 * extension UUID.
 * @param {{simulatorPort: number}} options
 * @returns {Record<string, unknown>}
 */
export function firefoxPrefs({ simulatorPort }) {
  if (!Number.isInteger(simulatorPort) || simulatorPort <= 0) {
    throw new Error(`firefoxPrefs needs the simulator's port, got ${simulatorPort}`);
  }
  return {
    'network.dns.localDomains': EDGE_HOSTS.join(','),
    'network.socket.forcePort': `443=${simulatorPort}`,
    // DNS over HTTPS would bypass localDomains' resolver path, and there is no internet anyway.
    'network.trr.mode': 5,
    'extensions.webextensions.uuids': JSON.stringify({
      [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID,
    }),
    // Extension errors (background and content scripts) reach stdout, seen with FIREFOX_DUMPIO=1.
    'devtools.console.stdout.chrome': true,
    'devtools.console.stdout.content': true,
  };
}

/**
 * Preferences that save every download into `dir` without asking (the export's anchor click).
 * @param {string} dir
 * @returns {Record<string, unknown>}
 */
export function downloadPrefs(dir) {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
  };
}

/**
 * Starts headless Firefox with `extensionDir` installed as a temporary add-on.
 * `--remote-allow-system-access` lets BiDi navigate a tab to moz-extension:// pages (the viewer);
 * without it Firefox refuses ("Navigation to moz-extension://… is not allowed in this context").
 * `prefs` adds to (or overrides) firefoxPrefs: e.g. `extensions.background.idle.timeout` (ms),
 * after which Firefox unloads an idle MV3 event page (30 s unless told otherwise), or
 * downloadPrefs.
 * @param {{extensionDir: string, simulatorPort: number, prefs?: Record<string, unknown>}} options
 */
export async function launchFirefox({ extensionDir, simulatorPort, prefs = {} }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...firefoxPrefs({ simulatorPort }), ...prefs },
    dumpio: process.env.FIREFOX_DUMPIO === '1',
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== FIREFOX_ADDON_ID)
      throw new Error(`installed add-on id ${id}, expected ${FIREFOX_ADDON_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return browser;
}

/**
 * Opens one of the extension's pages in a new tab, e.g. `devtools/panel.html`.
 * Firefox sends BiDi no load events for a document in the extension process, so puppeteer's
 * `goto` never sees the navigation finish (it times out or reports the frame detached) although
 * the page loads fine: start it, ignore its verdict, and poll the page itself instead.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} path
 */
export async function openExtensionPage(browser, path, timeoutMs = 15_000) {
  const url = `moz-extension://${FIREFOX_EXTENSION_UUID}/${path}`;
  const page = await browser.newPage();
  void page.goto(url, { timeout: timeoutMs }).catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page
      .evaluate(() => ({ href: location.href, ready: document.readyState }))
      .catch(() => undefined);
    if (state?.href === url && state.ready === 'complete') return page;
    if (Date.now() > deadline) {
      throw new Error(
        `${url} did not load in ${timeoutMs} ms (last state ${JSON.stringify(state)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The extension's event page as another extension page sees it: `extension.getViews()` lists the
 * background page's window while it is loaded, without waking it. `probe` must be an extension
 * page that sends the background nothing: the popup asks it for a summary every second, which
 * keeps it awake; devtools/devtools.html opened in a tab only fails to find `devtools.panels`
 * (outside DevTools) and then sits still.
 *
 * `mark` writes a value into the background window, where only its memory holds it (loading the
 * page first if need be: `runtime.getBackgroundPage` wakes it). `read` gives the value back
 * without waking anything: `null` when the background page is not loaded, `undefined` when it is
 * loaded but holds no mark (a fresh load).
 * @param {import('puppeteer-core').Page} probe
 */
export function eventPage(probe) {
  const BACKGROUND = '/_generated_background_page.html';
  return {
    /** @returns {Promise<boolean>} */
    loaded: () =>
      probe.evaluate(
        (path) => browser.extension.getViews().some((w) => w.location.pathname === path),
        BACKGROUND,
      ),
    /**
     * Loads the background page if it is not (runtime.getBackgroundPage wakes it), then marks it.
     * @param {string} value
     */
    mark: (value) =>
      probe.evaluate(async (mark) => {
        const view = /** @type {any} */ (await browser.runtime.getBackgroundPage());
        view.__e2eMark = mark;
      }, value),
    /** @returns {Promise<string | null | undefined>} */
    read: () =>
      probe.evaluate((path) => {
        const view = browser.extension.getViews().find((w) => w.location.pathname === path);
        return view ? /** @type {any} */ (view).__e2eMark : null;
      }, BACKGROUND),
  };
}

/**
 * Firefox's id of the tab showing `url`, as the extension sees it (`tabs.query` from an
 * extension page; `<all_urls>` host access lets it read URLs without the tabs permission).
 * @param {import('puppeteer-core').Page} extensionPage
 * @param {string} url
 * @returns {Promise<number>}
 */
export async function firefoxTabId(extensionPage, url) {
  return extensionPage.evaluate(async (target) => {
    const tab = (await browser.tabs.query({})).find((t) => t.url === target);
    if (tab?.id === undefined) throw new Error(`no tab with url ${target}`);
    return tab.id;
  }, url);
}
