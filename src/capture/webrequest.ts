/**
 * webRequest listeners: the truth for a call's existence, tab, frame, timing, status and headers.
 * Each event becomes an Observation; the session joins them with the page's own view.
 */
import type { WebRequest } from 'webextension-polyfill';
import type browser from 'webextension-polyfill';
import { matchEdgeUrl } from '../edge/endpoint';
import { MISSING, decodeRawParts } from '../session/bodies';
import type { Header } from '../session/call';
import {
  headersOf,
  type BodyObservation,
  type PageObservation,
  type WebRequestObservation,
} from '../session/observation';
import { maskSecretHeaders } from '../session/redact';

/**
 * Coarse filter so the browser only wakes us for likely calls; matchEdgeUrl decides exactly.
 * `/v2/interact|collect` without `/ee` is the Server API form in Adobe's curl example.
 */
export const EDGE_URL_PATTERNS = [
  '*://*/ee/*',
  '*://*/ee-*',
  '*://*/brand-concierge*',
  '*://*/v2/interact*',
  '*://*/v2/collect*',
];

export type Details = WebRequest.OnBeforeRequestDetailsType & {
  documentId?: string;
  frameType?: string;
  documentLifecycle?: string;
};

function maskedHeaders(list: WebRequest.HttpHeaders | undefined): Header[] | undefined {
  const headers = headersOf(list);
  return headers && maskSecretHeaders(headers);
}

function requestBodyOf(
  details: WebRequest.OnBeforeRequestDetailsType,
): BodyObservation | undefined {
  const body = details.requestBody;
  if (!body)
    return details.method === 'POST'
      ? { missing: 'webRequest reported no request body.' }
      : undefined;
  if (body.error !== undefined) return { missing: MISSING.blobRequest };
  if (body.raw) return decodeRawParts(body.raw as Array<{ bytes?: ArrayBuffer; file?: string }>);
  if (body.formData) {
    const params = new URLSearchParams();
    for (const [key, values] of Object.entries(body.formData)) {
      for (const value of values) params.append(key, String(value));
    }
    return { text: params.toString() };
  }
  return undefined;
}

/** The fields every webRequest observation of one request shares. */
export function webRequestBase(
  details: Details,
  phase: WebRequestObservation['phase'],
): WebRequestObservation {
  const top = details.frameType === 'outermost_frame' || details.frameId === 0;
  return {
    source: 'webRequest',
    phase,
    webRequestId: details.requestId,
    tabId: details.tabId,
    frameId: details.frameId,
    documentId: top ? details.documentId : undefined,
    url: details.url,
    method: details.method,
    time: details.timeStamp,
  };
}

export interface WebRequestSink {
  (observation: WebRequestObservation, page?: PageObservation): void;
}

/** Turns the request headers' listener on and off (see listenWebRequest). */
export interface RequestHeadersSwitch {
  (on: boolean): void;
}

/**
 * Registers the listeners (synchronously, as MV3 requires at worker start): onBeforeRequest
 * (the call, its document, its request body), onCompleted (status, response headers) and
 * onErrorOccurred. The request headers' listener (onSendHeaders) is a third event on every call
 * and the least used fact, so it runs only while a viewer is open: the returned switch turns it
 * on and off (BENCHMARKS.md, "Where the per-call cost went"). A call made while no viewer is open
 * has the headers its page set (the hook's), not the ones the browser added.
 */
export function listenWebRequest(
  webRequest: typeof browser.webRequest,
  sink: WebRequestSink,
): RequestHeadersSwitch {
  const filter = { urls: EDGE_URL_PATTERNS };
  const relevant = (url: string) => matchEdgeUrl(url) !== undefined;

  webRequest.onBeforeRequest.addListener(
    (raw) => {
      const details = raw as Details;
      if (!relevant(details.url)) return;
      const obs = webRequestBase(details, 'request');
      obs.requestBody = requestBodyOf(details);
      if (details.initiator) obs.initiator = details.initiator;
      if (details.documentUrl) obs.documentUrl = details.documentUrl;
      // The page a top-frame call belongs to may reach us before the relay's notice does.
      const page =
        obs.documentId && details.documentUrl
          ? {
              tabId: details.tabId,
              documentId: obs.documentId,
              url: details.documentUrl,
              time: details.timeStamp,
            }
          : undefined;
      sink(obs, page);
    },
    filter,
    ['requestBody'],
  );
  const onSendHeaders = (details: WebRequest.OnSendHeadersDetailsType) => {
    if (!relevant(details.url)) return;
    const obs = webRequestBase(details as Details, 'request-headers');
    obs.requestHeaders = maskedHeaders(details.requestHeaders);
    sink(obs);
  };
  // Status and response headers come with onCompleted: one event fewer per call than also
  // listening to onHeadersReceived (each webRequest event is a cross-process hop; see BENCHMARKS.md).
  webRequest.onCompleted.addListener(
    (details) => {
      if (!relevant(details.url)) return;
      const obs = webRequestBase(details as Details, 'completed');
      obs.status = details.statusCode;
      obs.statusText = details.statusLine;
      obs.responseHeaders = maskedHeaders(details.responseHeaders);
      sink(obs);
    },
    filter,
    ['responseHeaders'],
  );

  webRequest.onErrorOccurred.addListener((details) => {
    if (!relevant(details.url)) return;
    const obs = webRequestBase(details as Details, 'error');
    obs.error = details.error;
    sink(obs);
  }, filter);

  return (on) => {
    const listening = webRequest.onSendHeaders.hasListener(onSendHeaders);
    if (on && !listening)
      webRequest.onSendHeaders.addListener(onSendHeaders, filter, ['requestHeaders']);
    else if (!on && listening) webRequest.onSendHeaders.removeListener(onSendHeaders);
  };
}
