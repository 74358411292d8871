/**
 * Recognise an Edge Network call from its URL alone (docs/edge-protocol.md §1).
 *
 * Matching is by path and datastream parameter, never by host: first-party CNAMEs are common.
 * Pure and total: any string in, a value out, nothing thrown.
 */

export type EdgeAction =
  'interact' | 'collect' | 'privacy/set-consent' | 'identity/acquire' | 'media' | 'brand-concierge';

export type DatastreamParam = 'configId' | 'dataStreamId' | 'datastreamId';

export interface EdgeEndpoint {
  host: string;
  /** `ee`, `ee-pre-prd`… or `brand-concierge`. */
  basePath: string;
  /** Location hint from the path (`or2`, `irl1`, `t35`…), when the call was region-pinned. */
  region?: string;
  /** True for Media Edge calls (`/va/`). */
  media: boolean;
  /** `v1` or `v2`; absent for brand-concierge. */
  version?: string;
  action: EdgeAction;
  /** The last path segment for media calls (`play`, `ping`…), or the brand-concierge sub-path. */
  subAction?: string;
  datastreamId?: string;
  datastreamParam?: DatastreamParam;
  /** The `requestId` query parameter as sent (the response's one carries an extra suffix). */
  requestId?: string;
  validationToken?: string;
  /** True when the host is one of Adobe's own Edge hosts rather than a customer CNAME. */
  adobeHost: boolean;
}

const MEDIA_ACTIONS = new Set([
  'sessionStart',
  'play',
  'ping',
  'pauseStart',
  'bufferStart',
  'adBreakStart',
  'adStart',
  'adComplete',
  'adSkip',
  'adBreakComplete',
  'chapterStart',
  'chapterComplete',
  'chapterSkip',
  'bitrateChange',
  'error',
  'statesUpdate',
  'sessionEnd',
  'sessionComplete',
]);

const PLAIN_ACTIONS: Record<string, EdgeAction> = {
  interact: 'interact',
  collect: 'collect',
  'privacy/set-consent': 'privacy/set-consent',
  'identity/acquire': 'identity/acquire',
};

// Region hints are not a closed list (`t35` is valid); they are short lower-case tokens.
const REGION = /^[a-z0-9]{2,8}$/;
const BASE = /^ee(-[a-z0-9-]+)?$/i;
const VERSION = /^v[12]$/;

/** Adobe-owned hosts; anything else that matches the path is a first-party CNAME. */
export function isAdobeHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'adobedc.net' || h.endsWith('.adobedc.net') || h.endsWith('.demdex.net');
}

function datastreamOf(
  params: URLSearchParams,
): Pick<EdgeEndpoint, 'datastreamId' | 'datastreamParam'> {
  for (const [key, value] of params) {
    const lower = key.toLowerCase();
    if (lower === 'configid' && value) return { datastreamId: value, datastreamParam: 'configId' };
    if (lower === 'datastreamid' && value) {
      return {
        datastreamId: value,
        datastreamParam: key === 'dataStreamId' ? 'dataStreamId' : 'datastreamId',
      };
    }
  }
  return {};
}

function parseUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the path after the base: `[region/][va/]v1|v2/action…`. */
function parseEePath(
  segments: string[],
): Omit<EdgeEndpoint, 'host' | 'basePath' | 'adobeHost'> | undefined {
  let i = 0;
  let region: string | undefined;
  let media = false;
  const first = segments[i];
  if (first !== undefined && !VERSION.test(first) && first !== 'va' && REGION.test(first)) {
    region = first;
    i++;
  }
  if (segments[i] === 'va') {
    media = true;
    i++;
  }
  const version = segments[i];
  if (version === undefined || !VERSION.test(version)) return undefined;
  const rest = segments.slice(i + 1).join('/');
  if (media) {
    if (!MEDIA_ACTIONS.has(rest)) return undefined;
    return { region, media, version, action: 'media', subAction: rest };
  }
  const action = PLAIN_ACTIONS[rest];
  if (!action) return undefined;
  return { region, media, version, action };
}

/**
 * The last URLs matched, and what they gave. One call's URL is matched about six times in the
 * worker (three webRequest events, the hook's observations, the merge, the analysis); parsing it
 * each time was a visible part of the worker's CPU per call in a profile (BENCHMARKS.md).
 * Callers never change a returned endpoint (it is frozen), so sharing it is safe.
 */
const matched = new Map<string, EdgeEndpoint | undefined>();
const MATCHED_MAX = 256;

/**
 * Returns the decoded endpoint when `raw` is an Edge Network call, else undefined.
 * An `ee` path needs a datastream parameter; brand-concierge paths carry `configId` too.
 */
export function matchEdgeUrl(raw: string): EdgeEndpoint | undefined {
  if (matched.has(raw)) return matched.get(raw);
  const endpoint = matchUncached(raw);
  if (matched.size >= MATCHED_MAX) matched.clear();
  matched.set(raw, endpoint && Object.freeze(endpoint));
  return endpoint;
}

function matchUncached(raw: string): EdgeEndpoint | undefined {
  const url = parseUrl(raw);
  if (!url) return undefined;
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const base = segments[0];
  if (base === undefined) return undefined;
  const ds = datastreamOf(url.searchParams);
  if (!ds.datastreamId) return undefined;
  const common = {
    host: url.host,
    adobeHost: isAdobeHost(url.hostname),
    requestId: url.searchParams.get('requestId') ?? undefined,
    validationToken: url.searchParams.get('adobeAepValidationToken') ?? undefined,
    ...ds,
  };
  if (base === 'brand-concierge' || base === 'brand-concierge-voice') {
    const sub = segments.slice(1).join('/');
    return {
      ...common,
      basePath: base,
      media: false,
      action: 'brand-concierge',
      subAction: sub || undefined,
    };
  }
  if (BASE.test(base)) {
    const parsed = parseEePath(segments.slice(1));
    return parsed ? { ...common, basePath: base, ...parsed } : undefined;
  }
  // The Server API curl example omits `/ee` (docs/edge-protocol.md §1.1): accept `/v2/…` directly.
  // Only v2: no client sends v1 without a base, and `/v1/collect?configId=` is a common API shape.
  if (base === 'v2') {
    const parsed = parseEePath(segments);
    return parsed && !parsed.region && !parsed.media
      ? { ...common, basePath: '', ...parsed }
      : undefined;
  }
  return undefined;
}

/** Cheap pre-filter for hot paths (the page hook): true when the URL could be an Edge call. */
export function mightBeEdgeUrl(raw: string): boolean {
  return (
    /\/(ee(-[a-z0-9-]+)?\/|v[12]\/|brand-concierge)/i.test(raw) &&
    /(config|datastream)id=/i.test(raw)
  );
}

/** Short label for lists: `interact`, `collect`, `set-consent`, `acquire`, `media:play`… */
export function actionLabel(endpoint: EdgeEndpoint): string {
  switch (endpoint.action) {
    case 'privacy/set-consent':
      return 'set-consent';
    case 'identity/acquire':
      return 'acquire';
    case 'media':
      return `media:${endpoint.subAction ?? ''}`;
    case 'brand-concierge':
      return 'brand-concierge';
    default:
      return endpoint.action;
  }
}
