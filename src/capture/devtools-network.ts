/**
 * The DevTools capture source: while the viewer runs inside DevTools, every finished request of
 * the inspected tab passes through `devtools.network.onRequestFinished`. Edge calls among them
 * become `devtools-entry` observations for the worker, with the response body that webRequest
 * cannot give (docs/browser-testing.md). The API object is passed in, so this module is testable and
 * is the only ui code that knows the HAR shape.
 */
import { matchEdgeUrl } from '../edge/endpoint';
import { capText, utf8Size } from '../session/bodies';
import type { Header } from '../session/call';
import { headersOf, type BodyObservation, type DevtoolsObservation } from '../session/observation';

/** The part of `chrome.devtools.network.Request` (a HAR entry) we read. */
export interface HarEntryLike {
  startedDateTime: string;
  time: number;
  request: {
    url: string;
    method: string;
    headers: Header[];
    postData?: { text?: string };
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    headers: Header[];
    content: { size: number };
    /** HAR: -1 when the size is not known. */
    bodySize?: number;
  };
  getContent(callback: (content: string | null, encoding?: string) => void): void;
}

export interface DevtoolsNetworkLike {
  onRequestFinished: {
    addListener(listener: (entry: HarEntryLike) => void): void;
    removeListener(listener: (entry: HarEntryLike) => void): void;
  };
}

function decodeContent(content: string, encoding: string): string {
  if (encoding !== 'base64') return content;
  try {
    const binary = atob(content);
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return content;
  }
}

/**
 * Bodies are cut to the one cap before they cross the port: the store keeps no more, and one
 * huge message would stall both ends while it is cloned.
 */
function bodyOf(text: string, fullSize?: number): BodyObservation {
  return capText(text, fullSize !== undefined && fullSize >= 0 ? fullSize : utf8Size(text));
}

/** Chromium puts a network error in the non-standard `response._error` (`net::ERR_…`). */
function harError(entry: HarEntryLike): string | undefined {
  const value = (entry.response as { _error?: unknown })._error;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Builds the observation; `content` is what `getContent` gave (null/undefined: nothing). */
export function toDevtoolsObservation(
  entry: HarEntryLike,
  tabId: number,
  content: string | null | undefined,
  encoding: string,
): DevtoolsObservation {
  const started = Date.parse(entry.startedDateTime);
  const time = Number.isFinite(started) ? started : Date.now();
  const { request, response } = entry;
  const postText = request.postData?.text;
  let requestBody: BodyObservation | undefined;
  if (postText !== undefined) requestBody = bodyOf(postText, request.bodySize);
  else if (request.method !== 'GET' && request.method !== 'HEAD') {
    requestBody = { missing: 'DevTools recorded no request body for this call.' };
  }
  // HAR status 0 means no response arrived (blocked, cancelled or failed).
  const status = response.status > 0 ? response.status : undefined;
  const error =
    harError(entry) ?? (status === undefined ? 'No response (DevTools status 0)' : undefined);
  // A beacon's response never reaches DevTools: it reports "" with no known size, which says
  // nothing about the body (the Edge answers an interact beacon with JSON), so it is not empty.
  const noBodyKnown = content === '' && (response.bodySize ?? 0) < 0;
  return {
    source: 'devtools',
    tabId,
    url: request.url,
    time,
    startedAt: time,
    method: request.method,
    status,
    statusText: status !== undefined && response.statusText ? response.statusText : undefined,
    requestHeaders: headersOf(request.headers),
    responseHeaders: headersOf(response.headers),
    requestBody,
    responseBody:
      content === null || content === undefined || noBodyKnown
        ? { missing: 'DevTools had no response body for this call.' }
        : bodyOf(
            decodeContent(content, encoding),
            encoding === 'base64' ? undefined : response.content.size,
          ),
    durationMs: Number.isFinite(entry.time) && entry.time >= 0 ? entry.time : undefined,
    error,
  };
}

/** Listens until the returned function is called; `emit` gets one observation per Edge call. */
export function startDevtoolsSource(
  network: DevtoolsNetworkLike,
  tabId: number,
  emit: (observation: DevtoolsObservation) => void,
): () => void {
  const listener = (entry: HarEntryLike) => {
    if (!matchEdgeUrl(entry.request.url)) return;
    try {
      entry.getContent((content, encoding) => {
        emit(toDevtoolsObservation(entry, tabId, content, encoding ?? ''));
      });
    } catch {
      // getContent can throw once the inspected page is gone; the other sources still have it.
      emit(toDevtoolsObservation(entry, tabId, undefined, ''));
    }
  };
  network.onRequestFinished.addListener(listener);
  return () => network.onRequestFinished.removeListener(listener);
}
