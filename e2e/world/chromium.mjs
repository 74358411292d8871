/**
 * Finds a Chromium to drive and builds its command line. These machines have no internet, so we
 * never download Playwright's browser: Debian's /usr/bin/chromium is the normal answer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * Hosts the page may call that must land on the simulator instead of the real Adobe servers.
 * `assets.adobedtm.com` (Tags libraries) is only there so that a test sees which library URL a
 * script request ended at (the simulator logs it and answers 404).
 */
export const EDGE_HOSTS = [
  'edge.adobedc.net',
  'server.adobedc.net',
  'adobedc.demdex.net',
  'data.demo-shop.test',
  'assets.adobedtm.com',
];

/**
 * CHROMIUM_PATH, then Debian's package, then Playwright's bundled build if one happens to be
 * installed. Throws with instructions rather than letting Playwright suggest a download.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file exists there.`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright throws when its browser registry has nothing for this platform.
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found. Install one with `apt-get install -y chromium` (gives /usr/bin/chromium) ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome executable. Do not run `npx playwright install` ' +
      'on machines without internet.',
  );
}

/**
 * argv for Chromium, one flag per entry (no shell quoting). `MAP host 127.0.0.1:PORT` rewrites
 * both address and port, so the page keeps calling https://edge.adobedc.net/ (port 443) while the
 * connection goes to the simulator's random port; the page origin and cookies stay those of the
 * real host name. The background-networking flags stop Chromium probing hosts this closed network
 * refuses.
 * @param {{extensionDir?: string, simulatorPort: number}} options leave extensionDir out to run
 *   without an extension.
 * @returns {string[]}
 */
export function chromiumArgs({ extensionDir, simulatorPort }) {
  if (!Number.isInteger(simulatorPort) || simulatorPort <= 0) {
    throw new Error(`chromiumArgs needs the simulator's port, got ${simulatorPort}`);
  }
  const rules = EDGE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${simulatorPort}`).join(', ');
  const ext = extensionDir
    ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
    : [];
  return [
    ...ext,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${rules}`,
  ];
}

/**
 * Seeds a user-data dir so Chromium accepts third-party cookies. Debian's Chromium defaults
 * `profile.cookie_controls_mode` to "block third-party" (cookies are dropped with blocked reason
 * UserPreferences), so the simulator's Set-Cookie on edge.adobedc.net never comes back from a page
 * on 127.0.0.1. Call before `chromium.launchPersistentContext(userDataDir, ...)`; it merges into an
 * existing Default/Preferences. Incognito-like contexts from `browser.newContext()` cannot be
 * seeded: use the simulator's `partitionedCookies` there instead.
 * @param {string} userDataDir
 */
export function prepareProfile(userDataDir) {
  const dir = join(userDataDir, 'Default');
  const file = join(dir, 'Preferences');
  mkdirSync(dir, { recursive: true });
  const prefs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  prefs.profile = { ...prefs.profile, cookie_controls_mode: 0 };
  writeFileSync(file, JSON.stringify(prefs));
}
