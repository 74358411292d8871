/**
 * A tiny "demo shop" over plain HTTP on 127.0.0.1 that runs the real Adobe Web SDK (alloy) against
 * whatever `edgeDomain` says; Chromium maps edge.adobedc.net to the simulator (chromium.mjs), so
 * the traffic the extension sees is exactly what alloy produces in the field. 127.0.0.1 is a
 * secure context, which alloy needs for crypto.randomUUID and `Secure` cookies.
 * `/lab.html` has no alloy and exposes `window.lab` for hand-made requests (see site/lab.js).
 *
 * Per-page overrides, handy for tests: `?datastreamId=simulate-503` (switches in simulator.mjs),
 * `?edgeDomain=data.demo-shop.test`, `?pageview=0` to skip the automatic page view (then
 * "Get identity" really calls identity/acquire, since alloy answers it locally once it has an ECID),
 * `?consent=pending` to configure alloy with `defaultConsent: 'pending'` (nothing is sent until
 * consent is given), `?display=0` for a page view that renders its propositions but sends no
 * display notification (`sendDisplayEvent: false`), `?debug=1` to configure alloy with
 * `debugEnabled: true`, and `?alloy=2.19` to run an older real release of the Web SDK (2.19.2 from
 * npm, which ships only ES modules: bundled here with esbuild, as its own standalone build did).
 * `?monitors=push|replace|frozen|object` installs the page's own Web SDK monitor in one of the
 * ways sites do (window.pageMonitorLog lists what it heard). `/datalayer.html` runs the Adobe
 * Client Data Layer (from npm) with a listener of its own.
 */
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Default datastream id the demo site configures alloy with; any non-empty id works. */
export const datastreamId = '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63';
export const orgId = '53A16ACB5CC1D3760A495C99@AdobeOrg';

/** The @adobe/alloy exports map hides dist/, so go from its entry point to the package root. */
const ALLOY_JS = fileURLToPath(new URL('../dist/alloy.js', import.meta.resolve('@adobe/alloy')));
const SITE_DIR = new URL('./site/', import.meta.url);
/** alloy 2.19's ES modules (its package's `main` is the ES5 copy next to them). */
const ALLOY_2_19_DIR = fileURLToPath(new URL('../libEs6/', import.meta.resolve('alloy-2-19')));
const ACDL_JS = fileURLToPath(
  new URL(
    'dist/adobe-client-data-layer.min.js',
    import.meta.resolve('@adobe/adobe-client-data-layer/package.json'),
  ),
);

/** @type {Promise<Uint8Array> | undefined} */
let alloy219;
/**
 * alloy 2.19 as one script: its core's default export is the standalone start (it reads
 * `window.__alloyNS` and replays the base code's queue), which the release's CDN build ran too.
 */
function alloy219Js() {
  alloy219 ??= build({
    stdin: {
      contents: "import start from './core/index.js'; start();",
      resolveDir: ALLOY_2_19_DIR,
    },
    bundle: true,
    format: 'iife',
    target: 'es2019',
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const [file] = result.outputFiles;
    if (!file) throw new Error('esbuild produced no alloy 2.19 bundle');
    return file.contents;
  });
  return alloy219;
}

/** Adobe's standard base code: queues `alloy(...)` calls until alloy.js has loaded. */
const BASE_CODE =
  '!function(n,o){o.forEach(function(o){n[o]||((n.__alloyNS=n.__alloyNS||[]).push(o),' +
  'n[o]=function(){var u=arguments;return new Promise(function(i,l){n[o].q.push([i,l,u])})},' +
  'n[o].q=[])})}(window,["alloy"]);';

/**
 * @typedef {{name: string, title: string, heading: string, text: string, scopes: string[]}} ShopPage
 * @typedef {{edgeDomain: string, datastreamId: string, orgId: string, pageView: boolean,
 *   consentPending: boolean, sendDisplayEvent: boolean, debugEnabled: boolean,
 *   alloyVersion: string, monitors: string}} SiteConfig
 */

/** @type {Record<string, ShopPage>} */
const PAGES = {
  '/': {
    name: 'home',
    title: 'Demo Shop – Home',
    heading: 'Welcome to the Demo Shop',
    text: 'Trail shoes, rain jackets and more.',
    scopes: [],
  },
  '/product.html': {
    name: 'product: trail shoes',
    title: 'Demo Shop – Trail Shoes',
    heading: 'Trail Shoes',
    text: 'Grippy, light and waterproof. 89.00 EUR.',
    scopes: ['product-recs'],
  },
  '/checkout.html': {
    name: 'checkout',
    title: 'Demo Shop – Checkout',
    heading: 'Checkout',
    text: 'One item in your cart.',
    scopes: [],
  },
};

/** The ways a page installs its own monitor: next to others, alone, frozen, or as a non-array. */
const MONITOR_MODES = /** @type {Record<string, string>} */ ({
  push: '(window.__alloyMonitors = window.__alloyMonitors || []).push(monitor);',
  replace: 'window.__alloyMonitors = [monitor];',
  frozen: 'window.__alloyMonitors = Object.freeze([monitor]);',
  object: 'window.__alloyMonitors = { monitor: monitor };',
});

/** The page's own monitor: it writes the name of every callback it gets (and the command's). */
function pageMonitorScript(/** @type {string} */ mode) {
  const install = MONITOR_MODES[mode];
  if (!install) return '';
  return `<script>
    (function () {
      var log = (window.pageMonitorLog = []);
      var monitor = {};
      ['onInstanceCreated', 'onInstanceConfigured', 'onBeforeCommand', 'onCommandResolved',
       'onCommandRejected', 'onBeforeLog', 'onContentHiding', 'onContentRendering',
       'onBeforeNetworkRequest', 'onNetworkResponse', 'onNetworkError'].forEach(function (name) {
        monitor[name] = function (data) {
          log.push(name + (data && data.commandName ? ':' + data.commandName : ''));
        };
      });
      try { ${install} } catch (error) { log.push('install failed: ' + error.message); }
    })();
  </script>`;
}

/** JSON that is safe inside an inline <script> (no `</script>` breakout). */
const inlineJson = (/** @type {unknown} */ value) => JSON.stringify(value).replace(/</g, '\\u003c');

/** @type {Record<string, string>} */
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (/** @type {string} */ s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? '&#39;');

const NAV = `<nav>
    <a href="/">Home</a> | <a href="/product.html">Product</a> |
    <a href="/checkout.html">Checkout</a> | <a href="/lab.html">Lab</a>
  </nav>`;

/** @param {ShopPage} page @param {SiteConfig} config */
function shopPage(page, config) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(page.title)}</title>
  <link rel="icon" href="data:,">
  <script>window.demoConfig = ${inlineJson({ ...config, pageName: page.name, scopes: page.scopes })};</script>
  ${pageMonitorScript(config.monitors)}
  <script>${BASE_CODE}</script>
  <script src="${config.alloyVersion === '2.19' ? '/alloy-2.19.js' : '/alloy.js'}" async></script>
  <script src="/demo.js" defer></script>
</head>
<body>
  ${NAV}
  <h1>${escapeHtml(page.heading)}</h1>
  <p>${escapeHtml(page.text)}</p>
  <div id="target-container">Default hero content</div>
  <p>
    <button id="add-to-cart">Add to cart</button>
    <button id="consent-in">Consent in</button>
    <button id="consent-out">Consent out</button>
    <button id="get-identity">Get identity</button>
    <button id="bad-command">Bad command</button>
  </p>
  <dl>
    <dt>Page view</dt><dd><output id="pageview-status">pending</output></dd>
    <dt>Add to cart</dt><dd><output id="cart-status">idle</output></dd>
    <dt>Consent</dt><dd><output id="consent-status">idle</output></dd>
    <dt>ECID</dt><dd><output id="ecid"></output></dd>
    <dt>Edge region id</dt><dd><output id="edge-region"></output></dd>
    <dt>Bad command</dt><dd><output id="bad-status">idle</output></dd>
    <dt>Last command</dt><dd><output id="last-status">none</output></dd>
  </dl>
</body>
</html>
`;
}

/** @param {SiteConfig} config */
function labPage(config) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Demo Shop – Lab</title>
  <link rel="icon" href="data:,">
  <script>window.demoConfig = ${inlineJson(config)};</script>
  <script src="/lab.js"></script>
</head>
<body>
  ${NAV}
  <h1>Lab</h1>
  <p>No Web SDK here: tests call <code>window.lab</code> helpers to send hand-made Edge requests.</p>
  <output id="lab-log"></output>
</body>
</html>
`;
}

/**
 * The Adobe Client Data Layer, as a site adds it: pushes queued before the library loads, the
 * library itself, and the page's own listener (site/datalayer.js), which turns a `cart-add` push
 * into a Web SDK `sendEvent`, as a Tags rule would.
 * @param {SiteConfig} config
 */
function dataLayerPage(config) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Demo Shop – Data layer</title>
  <link rel="icon" href="data:,">
  <script>window.demoConfig = ${inlineJson(config)};</script>
  <script>${BASE_CODE}</script>
  <script src="/alloy.js" async></script>
  <script>
    window.adobeDataLayer = window.adobeDataLayer || [];
    window.adobeDataLayer.push({ page: { name: 'data layer', type: 'demo' } });
    window.adobeDataLayer.push({ event: 'page-loaded', eventInfo: { path: location.pathname } });
  </script>
  <script src="/acdl.js" async></script>
  <script src="/datalayer.js" defer></script>
</head>
<body>
  ${NAV}
  <h1>Data layer</h1>
  <p><button id="push-event">Push event</button> <button id="push-data">Push data</button></p>
  <dl>
    <dt>Events the page heard</dt><dd><output id="dl-events"></output></dd>
    <dt>Changes the page heard</dt><dd><output id="dl-changes">0</output></dd>
    <dt>Web SDK</dt><dd><output id="dl-ready">loading</output></dd>
    <dt>Cart event sent</dt><dd><output id="dl-sent"></output></dd>
  </dl>
</body>
</html>
`;
}

/**
 * Start the demo shop.
 * @param {{port?: number, edgeDomain?: string, datastreamId?: string, orgId?: string}} [options]
 * @returns {Promise<{port: number, url: string, close: () => Promise<void>}>}
 */
export async function startDemoSite({
  port = 0,
  edgeDomain = 'edge.adobedc.net',
  datastreamId: dsId = datastreamId,
  orgId: org = orgId,
} = {}) {
  const alloyJs = await readFile(ALLOY_JS);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Per-page overrides let one running site exercise every simulator switch.
    const config = {
      edgeDomain: url.searchParams.get('edgeDomain') || edgeDomain,
      datastreamId: url.searchParams.get('datastreamId') || dsId,
      orgId: org,
      pageView: url.searchParams.get('pageview') !== '0',
      consentPending: url.searchParams.get('consent') === 'pending',
      sendDisplayEvent: url.searchParams.get('display') !== '0',
      debugEnabled: url.searchParams.get('debug') === '1',
      alloyVersion: url.searchParams.get('alloy') === '2.19' ? '2.19' : 'current',
      monitors: url.searchParams.get('monitors') ?? '',
    };
    /** @param {number} status @param {string} type @param {string | Buffer} body */
    const reply = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    try {
      const page = PAGES[url.pathname === '/index.html' ? '/' : url.pathname];
      if (page) return reply(200, 'text/html; charset=utf-8', shopPage(page, config));
      if (url.pathname === '/lab.html')
        return reply(200, 'text/html; charset=utf-8', labPage(config));
      if (url.pathname === '/datalayer.html')
        return reply(200, 'text/html; charset=utf-8', dataLayerPage(config));
      if (url.pathname === '/alloy.js')
        return reply(200, 'text/javascript; charset=utf-8', alloyJs);
      if (url.pathname === '/alloy-2.19.js')
        return reply(200, 'text/javascript; charset=utf-8', Buffer.from(await alloy219Js()));
      if (url.pathname === '/acdl.js')
        return reply(200, 'text/javascript; charset=utf-8', await readFile(ACDL_JS));
      if (['/demo.js', '/lab.js', '/datalayer.js'].includes(url.pathname)) {
        const js = await readFile(new URL(`.${url.pathname}`, SITE_DIR));
        return reply(200, 'text/javascript; charset=utf-8', js);
      }
      return reply(404, 'text/plain; charset=utf-8', 'not found');
    } catch (err) {
      return reply(500, 'text/plain; charset=utf-8', String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
