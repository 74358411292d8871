/**
 * What the Edge simulator answers, as plain data: the HTTP plumbing lives in simulator.mjs, so
 * the routing and the test switches can be read (and reasoned about) without sockets.
 * A reply is `{status, kind: 'json'|'problem'|'text'|'html'|'empty', body, headers?, cookies?}`;
 * `cookies` are state:store entries that simulator.mjs also turns into Set-Cookie headers.
 */
import * as H from './sim-handles.mjs';

/**
 * @typedef {{status: number, kind: 'json'|'problem'|'text'|'html'|'empty', body: unknown,
 *   headers?: Record<string, string>, cookies?: import('./sim-handles.mjs').StateEntry[]}} Reply
 * @typedef {{base?: string, region?: string, va: boolean, version: string, act: string}} EdgePath
 */

/** `/{ee|ee-xxx}[/{region}][/va]/v1|v2/{action}`; the base is optional (a doc example omits it). */
const EDGE_PATH =
  /^\/(?:(ee(?:-[a-z0-9-]+)?)\/)?(?:(?!va\/|v[12]\/)([a-z0-9-]+)\/)?(va\/)?(v[12])\/(.+)$/i;

/** @param {string} path @returns {EdgePath | null} */
export function parseEdgePath(path) {
  const m = EDGE_PATH.exec(path);
  if (!m) return null;
  const [, base, region, va, version = '', action] = m;
  const act = `${va ? 'va/' : ''}${version}/${action}`.toLowerCase();
  return { base, region, va: Boolean(va), version, act };
}

/**
 * v1 uses `configId`; v2 documents both `dataStreamId` and `datastreamId`, so match any case.
 * @param {Record<string, string>} query
 */
export function datastreamOf(query) {
  if (query.configId) return query.configId;
  const key = Object.keys(query).find((k) => k.toLowerCase() === 'datastreamid');
  return (key && query[key]) || '';
}

/**
 * `?simulate=mode&ms=N` wins; otherwise `simulate-mode[-N]` anywhere in the datastream id, which
 * is the only part of the URL a page using alloy controls.
 * @param {Record<string, string>} query @param {string} datastream
 */
export function switchOf(query, datastream) {
  if (query.simulate) return { mode: query.simulate.toLowerCase(), ms: Number(query.ms) || 2000 };
  const m = /simulate[-_:=]([a-z0-9]+)(?:[-_:=](\d+))?/i.exec(datastream);
  return m ? { mode: (m[1] ?? '').toLowerCase(), ms: Number(m[2]) || 2000 } : { mode: '', ms: 0 };
}

const HTML_500 = `<!doctype html><html><head><title>500 Internal Server Error</title></head>
<body><h1>500 Internal Server Error</h1><p>Simulated intermediary failure.</p></body></html>`;

/**
 * The reply for one Edge request (after `drop` and `slow`, which need the socket).
 * @param {{method: string, edge: EdgePath, query: Record<string, string>, body: string,
 *   cookieHeader?: string, rid: string, orgId: string, mode: string}} ctx
 * @returns {Reply}
 */
export function edgeReply({ method, edge, query, body, cookieHeader, rid, orgId, mode }) {
  /**
   * @param {number} status @param {string} code @param {string} title @param {string} detail
   * @returns {Reply}
   */
  const fail = (status, code, title, detail, extra = {}) => ({
    status,
    kind: 'problem',
    body: H.problem(code, status, title, detail, { requestId: rid, ...extra }),
  });

  // Transport-level switches first: they model proxies and outages, not Edge's validation.
  if (mode === '500') return { status: 500, kind: 'html', body: HTML_500 };
  if (mode === '503') {
    const reply = fail(503, '0000', 'Service unavailable', 'Simulated outage.');
    return { ...reply, headers: { 'Retry-After': '1' } };
  }
  if (mode === 'text') return { status: 200, kind: 'text', body: 'not json at all' };
  if (mode === 'empty') {
    return {
      status: 200,
      kind: 'empty',
      body: '',
      headers: { 'Content-Type': 'application/json' },
    };
  }

  if (method !== 'POST') {
    const body405 = { type: 'about:blank', status: 405, title: 'Method Not Allowed' };
    return { status: 405, kind: 'problem', body: body405, headers: { Allow: 'POST, OPTIONS' } };
  }
  if (!datastreamOf(query)) {
    return fail(400, '0003', 'Invalid datastream ID', 'The datastream ID is missing or invalid.');
  }
  if (!body.trim()) return fail(408, '0109', 'Empty request body', 'The request body is empty.');
  /** The request as the page sent it: any JSON, checked below as the Edge would. */
  let json;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return fail(400, '0101', 'Invalid request', 'The request body is not valid JSON.', {
      errors: [String(/** @type {Error} */ (err).message)],
    });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return fail(400, '0102', 'Invalid request', 'The request body must be a JSON object.');
  }
  if (mode === '422') {
    return fail(422, '0104', 'Unprocessable entity', 'Invalid request (report attached).', {
      orgId,
      errors: ["Allowed Adobe version is 1.0 for standard 'Adobe' at index 0"],
    });
  }

  const state = H.visitorState(orgId, json, cookieHeader);
  const ecid = state.ecid || H.mintEcid();
  /** 200 (or the simulated 207) with handles; identity, cluster and consent go to state:store. */
  /** @param {object[]} handles @param {string | null} [consent] @returns {Reply} */
  const answer = (handles, consent = state.consent) => {
    const cookies = H.stateEntries(orgId, ecid, consent);
    /** @type {{requestId: string, handle: object[], errors?: object[], warnings?: object[]}} */
    const out = { requestId: rid, handle: [H.stateStore(cookies), ...handles] };
    if (mode !== '207') return { status: 200, kind: 'json', body: out, cookies };
    out.errors = [
      H.problem('0201', 503, 'Upstream unavailable', 'com.adobe.audiencemanager is unavailable.'),
    ];
    out.warnings = [
      H.problem('0204', 200, 'Completed with warnings', 'One upstream returned a warning.'),
    ];
    return { status: 207, kind: 'json', body: out, cookies };
  };
  const { act } = edge;

  if (act === 'v1/interact' || act === 'v2/interact') {
    const events = act === 'v2/interact' ? [json.event] : json.events;
    if (
      !Array.isArray(events) ||
      !events.length ||
      events.some((/** @type {unknown} */ e) => !e || typeof e !== 'object')
    ) {
      const what = act === 'v2/interact' ? 'an `event` object' : 'a non-empty `events` array';
      return fail(400, '0102', 'Invalid request', `The request must contain ${what}.`);
    }
    const decisions = events
      .map((/** @type {any} */ e, /** @type {number} */ i) =>
        H.personalizationHandle(e.query?.personalization ?? json.query?.personalization, i),
      )
      .filter((handle) => handle !== null);
    return answer([H.identityResult(ecid), H.locationHintResult(), ...decisions]);
  }
  if (act === 'v1/privacy/set-consent') {
    const list = Array.isArray(json.consent) ? json.consent : [];
    const adobe = list.find((/** @type {any} */ c) => c?.standard === 'Adobe');
    const general = adobe?.value?.general;
    if (!adobe || adobe.version !== '1.0' || !['in', 'out'].includes(general)) {
      return fail(422, '0104', 'Unprocessable entity', 'Invalid request (report attached).', {
        orgId,
        errors: ["Expected Adobe 1.0 consent with general 'in' or 'out' at index 0"],
      });
    }
    const handles = [H.consentPreferences(general), H.identityResult(ecid), H.locationHintResult()];
    return answer(handles, `general=${general}`);
  }
  if (act === 'v1/identity/acquire')
    return answer([H.identityResult(ecid), H.locationHintResult()]);
  if (act === 'v1/collect' || edge.va) return { status: 204, kind: 'empty', body: '' };
  if (act === 'v2/collect') {
    if (query.silent === 'true') return { status: 204, kind: 'empty', body: '' };
    return { status: 202, kind: 'json', body: { requestId: rid } };
  }
  return fail(404, '0001', 'Not found', `Unknown Edge action ${act}.`);
}
