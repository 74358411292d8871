/**
 * Pure builders for the Edge Network simulator: kndctr cookies, response handles and RFC 7807
 * problems. Kept free of I/O so the shapes (which mirror docs/edge-protocol.md)
 * are easy to read and to reuse from tests.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export const DEFAULT_ORG_ID = '53A16ACB5CC1D3760A495C99@AdobeOrg';
/** The EdgeNetwork location hint we pretend to be; alloy puts it in the URL path afterwards. */
export const EDGE_REGION = 'or2';
export const ERROR_BASE = 'https://ns.adobe.com/aep/errors/';

/**
 * A state:store entry (a kndctr cookie).
 * @typedef {{key: string, value: string, maxAge: number, attrs?: Record<string, string>}} StateEntry
 */

const IDENTITY_MAX_AGE = 34128000;
const CLUSTER_MAX_AGE = 1800;
const CONSENT_MAX_AGE = 15552000;

/**
 * `kndctr_{org with @ -> _}_{key}`, exactly like alloy's getNamespacedCookieName.
 * @param {string} orgId @param {string} key
 */
export function kndctrName(orgId, key) {
  return `kndctr_${orgId.replace('@', '_')}_${key}`;
}

/** A 38-digit ECID; the first digit is non-zero so it never looks truncated. */
export function mintEcid() {
  let ecid = String(randomInt(1, 10));
  while (ecid.length < 38) ecid += String(randomInt(0, 10));
  return ecid;
}

/**
 * Protobuf varint, needed for the write-time field that real identity cookies carry.
 * @param {number} n
 */
function varint(n) {
  /** @type {number[]} */
  const out = [];
  let v = n;
  while (v > 127) {
    out.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/**
 * Encodes the identity cookie like Edge does: field 1 (LEN) = ECID, so the bytes start 0x0A 0x26
 * and the base64 starts `CiY`; field 30 (varint) = write time, which decoders must skip.
 * @param {string} ecid
 */
export function encodeIdentityCookie(ecid) {
  const digits = Buffer.from(ecid, 'ascii');
  const bytes = [0x0a, digits.length, ...digits, ...varint(30 << 3), ...varint(nowSeconds())];
  return Buffer.from(bytes).toString('base64');
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/**
 * Reads field 1 back out of an identity cookie (standard or URL-safe base64); null if unusable.
 * @param {string} value
 */
export function decodeIdentityCookie(value) {
  try {
    const b64 = decodeURIComponent(value).replace(/_/g, '/').replace(/-/g, '+');
    const buf = Buffer.from(b64, 'base64');
    if (buf[0] !== 0x0a) return null;
    const ecid = buf.subarray(2, 2 + (buf[1] ?? 0)).toString('ascii');
    return /^\d{38}$/.test(ecid) ? ecid : null;
  } catch {
    return null;
  }
}

/**
 * Parses a Cookie header into a plain object (no prototype, so `__proto__` is just a key).
 * @param {string} [header]
 */
export function parseCookieHeader(header = '') {
  /** @type {Record<string, string>} */
  const jar = Object.create(null);
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) jar[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return jar;
}

/**
 * Client state the visitor brought along: alloy copies kndctr cookies into
 * `meta.state.entries` for third-party endpoints, while first-party CNAMEs get the Cookie header.
 * Body entries win because that is what alloy considers authoritative.
 * @param {string} orgId
 * @param {{meta?: {state?: {entries?: unknown}}} | null | undefined} body the parsed request
 * @param {string} [cookieHeader]
 */
export function visitorState(orgId, body, cookieHeader) {
  const jar = parseCookieHeader(cookieHeader);
  const entries = body?.meta?.state?.entries;
  if (Array.isArray(entries)) {
    for (const e of /** @type {Array<{key?: unknown, value?: unknown} | null>} */ (entries))
      if (e && typeof e.key === 'string') jar[e.key] = String(e.value ?? '');
  }
  const idCookie = jar[kndctrName(orgId, 'identity')];
  return {
    ecid: idCookie ? decodeIdentityCookie(idCookie) : null,
    consent: jar[kndctrName(orgId, 'consent')] ?? null,
  };
}

/**
 * The state:store entries for a visitor; `consent` is only written when it is known.
 * @param {string} orgId @param {string} ecid @param {string | null} [consent]
 */
export function stateEntries(orgId, ecid, consent) {
  /** @type {StateEntry[]} */
  const entries = [
    {
      key: kndctrName(orgId, 'identity'),
      value: encodeIdentityCookie(ecid),
      maxAge: IDENTITY_MAX_AGE,
      attrs: { SameSite: 'None' },
    },
    { key: kndctrName(orgId, 'cluster'), value: EDGE_REGION, maxAge: CLUSTER_MAX_AGE },
  ];
  if (consent) {
    entries.push({ key: kndctrName(orgId, 'consent'), value: consent, maxAge: CONSENT_MAX_AGE });
  }
  return entries;
}

/**
 * Same entries as real `Set-Cookie` headers so that later requests carry a Cookie header.
 * `partitioned` adds CHIPS' `Partitioned`, which Chromium accepts even when third-party cookies
 * are blocked (Debian's Chromium blocks them by default); real Edge does not send it.
 * @param {StateEntry[]} entries @param {boolean} [partitioned]
 */
export function setCookieHeaders(entries, partitioned = false) {
  const extra = partitioned ? '; Partitioned' : '';
  return entries.map(
    (e) => `${e.key}=${e.value}; Path=/; Max-Age=${e.maxAge}; SameSite=None; Secure${extra}`,
  );
}

export const stateStore = (/** @type {StateEntry[]} */ entries) => ({
  type: 'state:store',
  payload: entries,
});

export const identityResult = (/** @type {string} */ ecid) => ({
  type: 'identity:result',
  payload: [{ id: ecid, namespace: { code: 'ECID' } }],
});

export const locationHintResult = () => ({
  type: 'locationHint:result',
  payload: [
    { scope: 'EdgeNetwork', hint: EDGE_REGION, ttlSeconds: 1800 },
    { scope: 'Target', hint: '35', ttlSeconds: 1800 },
    { scope: 'AAM', hint: '9', ttlSeconds: 1800 },
  ],
});

/**
 * Adobe 1.0 `general=in|out` mapped onto the Adobe 2.0 shape that consent:preferences carries.
 * @param {string} general
 */
export function consentPreferences(general) {
  const val = general === 'in' ? 'y' : 'n';
  return {
    type: 'consent:preferences',
    payload: [{ collect: { val }, metadata: { time: new Date().toISOString() } }],
  };
}

const SCHEMA = 'https://ns.adobe.com/personalization/';

/** @param {string} scope @param {object} item @param {string} activityId */
function targetProposition(scope, item, activityId) {
  const id = `AT:${Buffer.from(JSON.stringify({ activityId, experienceId: '0' })).toString('base64')}`;
  return {
    id,
    scope,
    scopeDetails: {
      decisionProvider: 'TGT',
      activity: { id: activityId },
      experience: { id: '0' },
      strategies: [{ step: 'entry', trafficType: '0' }],
      characteristics: {
        eventToken: randomBytes(12).toString('base64'),
        analyticsToken: `${activityId}:0:0|2`,
        ...(scope === '__view__' ? { scopeType: 'view' } : {}),
      },
      correlationID: `${activityId}:0:0`,
    },
    items: [item],
  };
}

/**
 * personalization:decisions for one event: a `__view__` dom-action when the page asked for the
 * view scope or for surfaces (what alloy's page view does), plus a json-content-item for every
 * other named scope. Returns null when the event asked for no personalization at all.
 * @param {{enabled?: boolean, decisionScopes?: unknown, surfaces?: unknown} | undefined} personalization
 * @param {number} eventIndex
 */
export function personalizationHandle(personalization, eventIndex) {
  if (!personalization || personalization.enabled === false) return null;
  const scopes = Array.isArray(personalization.decisionScopes)
    ? personalization.decisionScopes
    : [];
  const surfaces = Array.isArray(personalization.surfaces) ? personalization.surfaces : [];
  if (!scopes.length && !surfaces.length) return null;
  /** @type {ReturnType<typeof targetProposition>[]} */
  const payload = [];
  if (scopes.includes('__view__') || surfaces.length) {
    payload.push(
      targetProposition(
        '__view__',
        {
          id: '100001-item',
          schema: `${SCHEMA}dom-action`,
          meta: { 'activity.name': 'Sim hero test', 'experience.name': 'Experience A' },
          data: {
            type: 'setHtml',
            format: 'application/vnd.adobe.target.dom-action',
            content: '<strong class="sim-offer">Simulated offer: 10% off today</strong>',
            selector: '#target-container',
            prehidingSelector: '#target-container',
          },
        },
        '100001',
      ),
    );
  }
  scopes
    .filter((/** @type {unknown} */ s) => s !== '__view__' && typeof s === 'string')
    .forEach((/** @type {string} */ scope, /** @type {number} */ i) => {
      const itemId = `${100002 + i}-item`;
      const content = { scope, headline: `Offer for ${scope}`, items: ['sku-1', 'sku-2'] };
      const data = { id: itemId, format: 'application/json', content };
      const item = { id: itemId, schema: `${SCHEMA}json-content-item`, data };
      payload.push(targetProposition(scope, item, String(100002 + i)));
    });
  return { type: 'personalization:decisions', eventIndex, payload };
}

/**
 * `<sent>-<16 hex>`: Edge always appends entropy, and the debugger correlates on the prefix.
 * @param {string} [sent]
 */
export function responseRequestId(sent) {
  return `${sent || randomUUID()}-${randomBytes(8).toString('hex')}`;
}

/**
 * An RFC 7807 problem object; `code` is the 4-digit EXEG number.
 * @param {string} code @param {number} status @param {string} title @param {string} detail
 * @param {Record<string, unknown>} [report]
 */
export function problem(code, status, title, detail, report = {}) {
  return { type: `${ERROR_BASE}EXEG-${code}-${status}`, status, title, detail, report };
}
