/**
 * One entry point for the UI and exports: everything the decoders know about one captured call.
 * Pure and deterministic (no clock, no shared state), so callers can memoise on the input.
 */
import {
  distinct,
  explainErrors,
  summariseEvents,
  type EventSummary,
  type ExplainedError,
} from './call-summary';
import type { CookieRow } from './cookies';
import { decodeRequestText, type DecodedRequest } from './decode-request';
import { decodeResponse, type DecodedResponse } from './decode-response';
import { actionLabel, matchEdgeUrl, type EdgeEndpoint } from './endpoint';
import type { IdentityMapView } from './identity-map';
import type { LocationHint } from './location-hint';
import type { HeaderLine } from './response-headers';

export interface DecodeCallInput {
  url: string;
  requestText?: string;
  responseText?: string;
  status?: number;
  responseHeaders?: HeaderLine[];
}

export interface IdentityMapAt {
  /** `event 0`, `request`. */
  where: string;
  eventIndex?: number;
  map: IdentityMapView;
}

export interface CallIdentity {
  maps: IdentityMapAt[];
  /** Every map and row finding, prefixed with where it is, plus ECID comparisons. */
  findings: string[];
  /** From `identity:result`. */
  ecidFromResponse?: string;
  /** From the kndctr identity cookie Edge asked to store (`state:store`). */
  ecidFromStoredCookie?: string;
  /** From the kndctr identity cookie alloy sent along (`meta.state.entries`). */
  ecidFromSentCookie?: string;
}

export interface DecodedCall {
  url: string;
  endpoint?: EdgeEndpoint;
  /** `interact`, `set-consent`, `media:play`…, or `not an Edge call`. */
  action: string;
  request?: DecodedRequest;
  response?: DecodedResponse;
  identity: CallIdentity;
  errors: ExplainedError[];
  events: EventSummary[];
  /** Distinct handle types in body order. */
  handleTypes: string[];
  /** Distinct types of the handles without an eventIndex. */
  requestHandleTypes: string[];
  /** Every hint of every locationHint:result handle, to compare with later calls. */
  locationHints: LocationHint[];
  errorCount: number;
  warningCount: number;
  notes: string[];
}

/** Decodes a captured call. Never throws: a decoder bug becomes a note (tests assert none). */
export function decodeCall(input: DecodeCallInput): DecodedCall {
  try {
    return decode(input);
  } catch (err) {
    const call = blank(typeof input?.url === 'string' ? input.url : '');
    call.notes.push(`${DECODER_FAILED} ${err instanceof Error ? err.message : 'unknown error'}`);
    return call;
  }
}

/** Prefix of the note written when a decoder threw (tests look for it). */
export const DECODER_FAILED = 'The decoder failed:';

function blank(url: string): DecodedCall {
  return {
    url,
    action: 'not an Edge call',
    identity: { maps: [], findings: [] },
    errors: [],
    events: [],
    handleTypes: [],
    requestHandleTypes: [],
    locationHints: [],
    errorCount: 0,
    warningCount: 0,
    notes: [],
  };
}

function decode(input: DecodeCallInput): DecodedCall {
  const call = blank(typeof input.url === 'string' ? input.url : '');
  call.endpoint = matchEdgeUrl(call.url);
  if (call.endpoint) call.action = actionLabel(call.endpoint);
  else call.notes.push('The URL is not an Edge Network call; bodies were decoded anyway.');
  if (input.requestText !== undefined)
    call.request = decodeRequestText(input.requestText, call.endpoint);
  if (input.responseText !== undefined || input.status !== undefined) {
    call.response = decodeResponse({
      text: input.responseText,
      status: input.status,
      headers: input.responseHeaders,
      sentRequestId: call.endpoint?.requestId,
      endpoint: call.endpoint,
    });
  }
  call.errors = explainErrors(call.response);
  call.errorCount = call.errors.filter((e) => e.severity !== 'warning').length;
  call.warningCount = call.errors.length - call.errorCount;
  call.events = summariseEvents(call.request, call.response, call.errors);
  const handles = call.response?.handles ?? [];
  call.handleTypes = distinct(handles.map((h) => h.type ?? '(no type)'));
  call.requestHandleTypes = distinct(
    handles.filter((h) => h.eventIndex === undefined).map((h) => h.type ?? '(no type)'),
  );
  call.locationHints = handles.flatMap((h) =>
    h.view.kind === 'locationHint:result' ? h.view.hints : [],
  );
  call.identity = identityOf(call.request, call.response);
  checkEventIndexes(call);
  return call;
}

function identityOf(
  request: DecodedRequest | undefined,
  response: DecodedResponse | undefined,
): CallIdentity {
  const maps: IdentityMapAt[] = [];
  if (request?.requestIdentityMap) maps.push({ where: 'request', map: request.requestIdentityMap });
  for (const event of request?.events ?? []) {
    if (event.identityMap)
      maps.push({ where: `event ${event.index}`, eventIndex: event.index, map: event.identityMap });
  }
  const findings: string[] = [];
  for (const { where, map } of maps) {
    for (const finding of map.findings) findings.push(`${where}: ${finding}`);
    for (const row of map.rows) {
      for (const finding of row.findings)
        findings.push(`${where}, ${row.namespace}[${row.position}]: ${finding}`);
    }
  }
  const handles = response?.handles ?? [];
  const identity: CallIdentity = {
    maps,
    findings,
    ecidFromResponse: handles
      .map((h) => (h.view.kind === 'identity:result' ? h.view.ecid : undefined))
      .find(Boolean),
    ecidFromStoredCookie: cookieEcid(
      handles.flatMap((h) => (h.view.kind === 'state:store' ? h.view.cookies : [])),
    ),
    ecidFromSentCookie: cookieEcid(request?.meta.stateEntries ?? []),
  };
  compareEcids(identity);
  return identity;
}

function cookieEcid(rows: readonly CookieRow[]): string | undefined {
  return rows.map((row) => row.identity?.ecid).find((ecid) => ecid !== undefined);
}

function compareEcids(identity: CallIdentity): void {
  const {
    ecidFromResponse: result,
    ecidFromStoredCookie: stored,
    ecidFromSentCookie: sent,
  } = identity;
  if (result && stored && result !== stored)
    identity.findings.push(
      'The ECID in identity:result differs from the one in the identity cookie Edge stores.',
    );
  if (sent && result && sent !== result)
    identity.findings.push(
      'Edge returned a different ECID from the one in the identity cookie sent: the visitor got a new identity.',
    );
}

/** A handle naming an event the request does not have is worth a note. */
function checkEventIndexes(call: DecodedCall): void {
  const shape = call.request?.shape;
  const events = call.request?.events.length ?? 0;
  if (shape !== 'events' && shape !== 'event') return;
  for (const handle of call.response?.handles ?? []) {
    if (handle.eventIndex !== undefined && handle.eventIndex >= events)
      call.notes.push(
        `Handle ${handle.position} (${handle.type ?? 'no type'}) names event ${handle.eventIndex}, but the request has ${events === 1 ? '1 event' : `${events} events`}.`,
      );
  }
}
