/**
 * Loopback HTTPS stand-in for the Adobe Experience Platform Edge Network, so e2e tests can drive
 * the real Web SDK (and hand-made requests) without internet access. Chromium reaches it through
 * `--host-resolver-rules` (see chromium.mjs), hence the SAN list on the self-signed certificate.
 * Response shapes follow docs/edge-protocol.md (see sim-routes.mjs); failure modes
 * are chosen with `?simulate=<mode>` or a datastream id containing `simulate-<mode>[-<ms>]`;
 * `simulate=hold` keeps the answer until the test calls `release(requestId)`.
 */
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';
import { DEFAULT_ORG_ID, responseRequestId, setCookieHeaders } from './sim-handles.mjs';
import { datastreamOf, edgeReply, parseEdgePath, switchOf } from './sim-routes.mjs';

/**
 * @typedef {import('node:http').IncomingMessage} Req
 * @typedef {import('node:http').ServerResponse} Res
 * @typedef {import('node:http').OutgoingHttpHeaders} Headers
 */
/**
 * One request the simulator got; `status` and `sent` (the response body it wrote) are filled
 * in once answered (0 for `drop`).
 * @typedef {{method: string, path: string, query: Record<string, string>,
 *   headers: import('node:http').IncomingHttpHeaders, body: string, time: number,
 *   status?: number, sent?: string}} Received
 */

/** The response headers alloy (and the debugger) read; CORS hides them unless exposed. */
const EXPOSED = 'x-adobe-edge, Retry-After, x-request-id';
/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  json: 'application/json;charset=utf-8',
  problem: 'application/problem+json;charset=utf-8',
  text: 'text/plain;charset=utf-8',
  html: 'text/html;charset=utf-8',
};

/** Self-signed cert for every host the browser may be pointed at; v5's generate() is async. */
async function makeCertificate() {
  const dns = ['edge.adobedc.net', 'server.adobedc.net', 'adobedc.demdex.net', 'localhost'];
  const altNames = [
    ...dns.map((value) => /** @type {const} */ ({ type: 2, value })),
    /** @type {const} */ ({ type: 7, ip: '127.0.0.1' }),
  ];
  return generate([{ name: 'commonName', value: 'edge.adobedc.net' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
}

/**
 * Credentialed CORS: alloy uses `credentials: "include"`, for which `*` is rejected, so echo the
 * Origin. Without an Origin (node clients, navigations) no CORS headers are needed.
 */
/** @param {Req} req @returns {Headers} */
function corsHeaders(req) {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Expose-Headers': EXPOSED,
    Vary: 'Origin',
  };
}

/** @param {Req} req @returns {Headers} */
function preflightHeaders(req) {
  return {
    'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || '*',
    // Harmless when unused; spares us Private Network Access surprises from non-local pages.
    'Access-Control-Allow-Private-Network': 'true',
    'Access-Control-Max-Age': '600',
  };
}

/**
 * Start the simulator on 127.0.0.1 (HTTP/1.1 over TLS).
 * @param {{port?: number, orgId?: string, partitionedCookies?: boolean}} [options] orgId names
 *   the kndctr cookies and must match the page's alloy `orgId`, or alloy never finds its identity
 *   cookie. partitionedCookies adds `Partitioned` to Set-Cookie so the cookies round-trip even
 *   where third-party cookies are blocked (see prepareProfile in chromium.mjs).
 * @returns {Promise<{port: number, url: string, close: () => Promise<void>, reset: () => void,
 *   release: (requestId: string) => boolean, received: Received[]}>}
 */
export async function startSimulator({
  port = 0,
  orgId = DEFAULT_ORG_ID,
  partitionedCookies = false,
} = {}) {
  const pems = await makeCertificate();
  /** Every request except the /__sim control endpoints, OPTIONS included; reset empties it. */
  /** @type {Received[]} */
  const received = [];
  /**
   * Empties `received` in place, so callers holding it see the reset. A request that was still
   * being read when reset was called is not logged afterwards: it belongs to what came before.
   */
  let generation = 0;
  /** Responses held by `simulate=hold` until `release(requestId)`: a test decides when. */
  /** @type {Map<string, () => void>} */
  const held = new Map();
  const releaseAll = () => {
    for (const answer of held.values()) answer();
    held.clear();
  };
  const reset = () => {
    generation++;
    received.length = 0;
    releaseAll();
  };

  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const born = generation;
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8'), born).catch((err) => {
        if (!res.headersSent) write(req, res, 500, { 'Content-Type': 'text/plain' }, String(err));
      });
    });
  });

  /**
   * @param {Req} req @param {Res} res @param {number} status @param {Headers} headers
   * @param {string} [body]
   */
  function write(req, res, status, headers, body = '') {
    res.writeHead(status, { ...corsHeaders(req), ...headers });
    sentBodies.set(res, body);
    res.end(body);
  }
  /** What each response carried, for `received[].sent`: tests compare stored bodies with it. */
  /** @type {WeakMap<Res, string>} */
  const sentBodies = new WeakMap();

  /** @param {Req} req @param {Res} res @param {string} body @param {number} born */
  async function handle(req, res, body, born) {
    const url = new URL(req.url ?? '/', 'https://edge.adobedc.net');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    if (path.startsWith('/__sim/')) return control(req, res, path);

    /** @type {Received} */
    const entry = {
      method: req.method ?? '',
      path,
      query,
      headers: req.headers,
      body,
      time: Date.now(),
    };
    if (born === generation) received.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.sent = sentBodies.get(res);
    });
    if (req.method === 'OPTIONS') return write(req, res, 204, preflightHeaders(req));

    const sentId = req.headers['x-request-id'];
    const rid = responseRequestId(
      query.requestId || (typeof sentId === 'string' && sentId) || randomUUID(),
    );
    const baseHeaders = { 'x-request-id': rid, 'x-adobe-edge': 'OR2;9' };
    const edge = parseEdgePath(path);
    if (!edge) {
      const notFound = { type: 'about:blank', status: 404, title: 'Not Found', detail: path };
      const headers = { ...baseHeaders, 'Content-Type': CONTENT_TYPES.problem };
      return write(req, res, 404, headers, JSON.stringify(notFound));
    }

    const { mode, ms } = switchOf(query, datastreamOf(query));
    if (mode === 'slow') await new Promise((r) => setTimeout(r, Math.min(ms, 60000)));
    if (mode === 'hold') {
      await new Promise((r) => held.set(query.requestId ?? '', () => r(undefined)));
    }
    if (mode === 'drop') {
      // No response at all: the browser reports a network error (fetch rejects).
      entry.status = 0;
      return req.socket.destroy();
    }

    const reply = edgeReply({
      method: req.method ?? '',
      edge,
      query,
      body,
      cookieHeader: req.headers.cookie,
      rid,
      orgId,
      mode,
    });
    // An HTML 500 stands for an intermediary (proxy/CDN) page: no Edge headers on it.
    /** @type {Headers} */
    const headers = reply.kind === 'html' ? {} : { ...baseHeaders };
    if (CONTENT_TYPES[reply.kind]) headers['Content-Type'] = CONTENT_TYPES[reply.kind];
    if (reply.cookies) headers['Set-Cookie'] = setCookieHeaders(reply.cookies, partitionedCookies);
    Object.assign(headers, reply.headers);
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return write(req, res, reply.status, headers, text);
  }

  /** @param {Req} req @param {Res} res @param {string} path */
  function control(req, res, path) {
    if (path === '/__sim/health') {
      return write(req, res, 200, { 'Content-Type': CONTENT_TYPES.text }, 'ok');
    }
    if (path === '/__sim/received') {
      return write(req, res, 200, { 'Content-Type': CONTENT_TYPES.json }, JSON.stringify(received));
    }
    if (path === '/__sim/reset' && req.method === 'POST') {
      reset();
      return write(req, res, 204, {});
    }
    return write(req, res, 404, { 'Content-Type': CONTENT_TYPES.text }, 'unknown control endpoint');
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const actualPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port: actualPort,
    url: `https://127.0.0.1:${actualPort}`,
    received,
    reset,
    /**
     * Answers the request with this requestId held by `simulate=hold`; false if none is held
     * (yet): poll it until the request has arrived.
     */
    release: (/** @type {string} */ requestId) => {
      const answer = held.get(requestId);
      held.delete(requestId);
      answer?.();
      return answer !== undefined;
    },
    /** Also drops keep-alive sockets, or close() would wait for the browser to let go. */
    close: () =>
      new Promise((resolve) => {
        releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
