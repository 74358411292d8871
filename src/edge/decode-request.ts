/**
 * A request body, whatever its shape (docs/edge-protocol.md §3, §7.2): v1 `events[]`, the v2 single
 * `event`, v2 `collect` batches, `consent[]` for set-consent, query-only identity/acquire bodies
 * and media events. Request-level `query.identity.fetch`, `xdm` and `meta` are decoded too.
 */
import { decodeConsentEntry, type DecodedConsent } from './consent';
import type { EdgeEndpoint } from './endpoint';
import { decodeIdentityMap, type IdentityMapView } from './identity-map';
import { parseJson, type JsonError } from './json';
import { describeType, field, isRecord, list, path, plural, strings } from './read';
import { decodeEvent, type DecodedEvent } from './request-event';
import { decodeRequestMeta, type RequestMeta } from './request-meta';

export type RequestShape =
  'events' | 'event' | 'consent' | 'identity' | 'empty' | 'not-json' | 'unrecognised';

export interface DecodedRequest {
  shape: RequestShape;
  /** `v1 events[] (1 event)`, `v2 collect batch (3 events)`, `set-consent (1 entry)`… */
  label: string;
  parseError?: JsonError;
  events: DecodedEvent[];
  consent: DecodedConsent[];
  /** `query.identity.fetch`: the namespaces asked for (`ECID`, `CORE`). */
  identityFetch?: string[];
  /** Request-level `xdm` (OpenAPI BatchV1Request; alloy never sends it). */
  requestXdm?: unknown;
  /** Request-level identityMap: `xdm.identityMap`, or set-consent's top-level `identityMap`. */
  requestIdentityMap?: IdentityMapView;
  /** Top-level `query` as sent (identity fetch included). */
  query?: unknown;
  meta: RequestMeta;
  notes: string[];
}

/** Decodes request text; an empty or non-JSON body is a value, not a throw. */
export function decodeRequestText(text: string, endpoint?: EdgeEndpoint): DecodedRequest {
  const parsed = parseJson(text);
  if (parsed.ok) return decodeRequestBody(parsed.value, endpoint);
  const empty = parsed.error.empty;
  return {
    ...emptyRequest(empty ? 'empty' : 'not-json', empty ? 'empty body' : 'not JSON'),
    parseError: parsed.error,
  };
}

function emptyRequest(shape: RequestShape, label: string): DecodedRequest {
  return { shape, label, events: [], consent: [], meta: decodeRequestMeta(undefined), notes: [] };
}

/** Decodes an already parsed body. */
export function decodeRequestBody(body: unknown, endpoint?: EdgeEndpoint): DecodedRequest {
  if (!isRecord(body)) {
    const request = emptyRequest('unrecognised', 'unrecognised body');
    request.notes.push(`The body is ${describeType(body)}, not a JSON object.`);
    return request;
  }
  const request = emptyRequest('unrecognised', 'unrecognised body');
  request.meta = decodeRequestMeta(field(body, 'meta'));
  request.query = field(body, 'query');
  readRequestLevel(body, request);
  readShape(body, request, endpoint);
  checkAgainstEndpoint(request, endpoint);
  return request;
}

function readRequestLevel(body: unknown, request: DecodedRequest): void {
  const fetch = path(body, 'query', 'identity', 'fetch');
  if (fetch !== undefined) {
    const { values, others } = strings(fetch);
    request.identityFetch = values;
    if (!Array.isArray(fetch)) request.notes.push('query.identity.fetch is not an array.');
    else if (others > 0)
      request.notes.push('query.identity.fetch has entries that are not strings.');
  }
  request.requestXdm = field(body, 'xdm');
  const map = path(body, 'xdm', 'identityMap') ?? field(body, 'identityMap');
  if (map !== undefined) request.requestIdentityMap = decodeIdentityMap(map);
}

function readShape(body: unknown, request: DecodedRequest, endpoint?: EdgeEndpoint): void {
  const events = field(body, 'events');
  const event = field(body, 'event');
  const consent = field(body, 'consent');
  if (events !== undefined) {
    readEvents(events, request, endpoint);
    if (event !== undefined)
      request.notes.push('The body has both events and event; events was read.');
  } else if (event !== undefined) {
    request.shape = 'event';
    request.label = 'v2 single event';
    request.events = [decodeEvent(event, 0)];
  } else if (consent !== undefined) {
    readConsent(consent, request);
  } else if (request.identityFetch !== undefined) {
    request.shape = 'identity';
    request.label = `identity fetch only (${request.identityFetch.join(', ') || 'nothing'})`;
  } else {
    request.notes.push('The body has no events, event, consent or query.identity.');
  }
}

function readEvents(events: unknown, request: DecodedRequest, endpoint?: EdgeEndpoint): void {
  const array = list(events);
  if (!array) {
    request.notes.push(`events is ${describeType(events)}, not an array.`);
    return;
  }
  request.shape = 'events';
  for (let i = 0; i < array.length; i++) request.events.push(decodeEvent(array[i], i));
  const count = plural(array.length, 'event');
  if (array.length === 0) request.notes.push('events is an empty array.');
  if (endpoint?.action === 'media')
    request.label = `media event ${endpoint.subAction ?? ''} (${count})`;
  else if (endpoint?.version === 'v2') request.label = `v2 collect batch (${count})`;
  else request.label = `${endpoint ? 'v1 ' : ''}events[] (${count})`;
}

function readConsent(consent: unknown, request: DecodedRequest): void {
  const array = list(consent);
  if (!array) {
    request.notes.push(`consent is ${describeType(consent)}, not an array.`);
    return;
  }
  request.shape = 'consent';
  for (let i = 0; i < array.length; i++) request.consent.push(decodeConsentEntry(array[i], i));
  request.label = `set-consent (${plural(array.length, 'entry', 'entries')})`;
  if (array.length === 0) request.notes.push('consent is an empty array.');
}

/** Notes when the body does not fit the action in the URL (matched loosely, never fatal). */
function checkAgainstEndpoint(request: DecodedRequest, endpoint?: EdgeEndpoint): void {
  if (!endpoint) return;
  const { action, version } = endpoint;
  const says = (text: string) => request.notes.push(`The URL says ${text}`);
  if (action === 'privacy/set-consent' && request.shape !== 'consent')
    says('set-consent, but the body has no consent array.');
  if (action === 'identity/acquire' && request.shape !== 'identity')
    says('identity/acquire, which carries only query.identity.fetch.');
  if (action === 'interact' && version === 'v2' && request.shape !== 'event')
    says('v2 interact, which takes exactly one event object.');
  if (
    (action === 'collect' || action === 'media' || (action === 'interact' && version === 'v1')) &&
    request.shape !== 'events'
  )
    says(`${action}, which takes an events array.`);
}
