/**
 * Firefox only: response bodies from `webRequest.filterResponseData`. Chromium gives extensions
 * no response bodies at all (docs/browser-testing.md), so there the page hook reads a clone; Firefox
 * lets the worker see the bytes on their way to the page, which is the better source: exact, read
 * whatever the page's scripts do to fetch/XHR, and also there for sendBeacon responses that no
 * page code can read. Ranked accordingly in session/bodies.ts.
 *
 * The page must not notice: every chunk is written on unchanged and at once, before we look at
 * it, and the filter is closed when the response ends. We keep at most BODY_CAP of decoded text
 * and count the rest. Needs the `webRequestBlocking` permission (Firefox manifest only).
 * MDN: https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/webRequest/filterResponseData
 */
import { matchEdgeUrl } from '../edge/endpoint';
import { BODY_CAP, cutText } from '../session/bodies';
import type { BodyObservation } from '../session/observation';
import type { Details, WebRequestSink } from './webrequest';
import { EDGE_URL_PATTERNS, webRequestBase } from './webrequest';

/** The part of Firefox's StreamFilter used here. */
export interface ResponseFilter {
  ondata: ((event: { data: ArrayBuffer }) => void) | null;
  onstop: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  write(data: ArrayBuffer | Uint8Array): void;
  close(): void;
}

/** The part of Firefox's `webRequest` used here. */
export interface FilteringWebRequest {
  onBeforeRequest: {
    addListener(
      listener: (details: Details) => undefined,
      filter: { urls: string[] },
      extraInfoSpec: string[],
    ): void;
  };
  filterResponseData(requestId: string): ResponseFilter;
}

/** True in Firefox, whose `webRequest` can filter response bodies; false in Chromium. */
export function canFilterResponses(webRequest: unknown): webRequest is FilteringWebRequest {
  return (
    typeof webRequest === 'object' &&
    webRequest !== null &&
    typeof (webRequest as { filterResponseData?: unknown }).filterResponseData === 'function'
  );
}

/**
 * Decodes UTF-8 chunks as they arrive (`stream: true` keeps a character split between chunks
 * whole), keeping at most `cap` UTF-16 units of text while still counting every byte.
 */
export class StreamedBody {
  private readonly decoder = new TextDecoder('utf-8');
  private text = '';
  private bytes = 0;
  private truncated = false;

  constructor(private readonly cap: number = BODY_CAP) {}

  push(chunk: ArrayBuffer): void {
    this.bytes += chunk.byteLength;
    if (this.truncated) return;
    this.keep(this.decoder.decode(new Uint8Array(chunk), { stream: true }));
  }

  finish(): BodyObservation {
    if (!this.truncated) this.keep(this.decoder.decode());
    return { text: this.text, size: this.bytes, ...(this.truncated ? { truncated: true } : {}) };
  }

  private keep(decoded: string): void {
    this.text += decoded;
    if (this.text.length <= this.cap) return;
    this.text = cutText(this.text, this.cap);
    this.truncated = true;
  }
}

/** Attaches a pass-through filter to one Edge request and reports its body when it ends. */
function watchResponse(
  webRequest: FilteringWebRequest,
  details: Details,
  sink: WebRequestSink,
  cap: number,
): void {
  let filter: ResponseFilter;
  try {
    filter = webRequest.filterResponseData(details.requestId);
  } catch (error) {
    // No filter (e.g. the permission is missing): the page hook still reads the body.
    console.warn('[aep-edge-inspector] filterResponseData failed', error);
    return;
  }
  const body = new StreamedBody(cap);
  filter.ondata = (event) => {
    // The page's copy first, unchanged; only then ours.
    filter.write(event.data);
    body.push(event.data);
  };
  filter.onstop = () => {
    filter.close();
    const observation = webRequestBase(details, 'response');
    observation.responseBody = body.finish();
    sink(observation);
  };
  // A failed request (or a response the filter cannot attach to) is reported by onErrorOccurred;
  // the data, if any, has already reached the page untouched.
  filter.onerror = () => undefined;
}

/** Registers the blocking onBeforeRequest listener that filterResponseData requires. */
export function listenResponseBodies(
  webRequest: FilteringWebRequest,
  sink: WebRequestSink,
  cap: number = BODY_CAP,
): void {
  webRequest.onBeforeRequest.addListener(
    (details) => {
      if (matchEdgeUrl(details.url) !== undefined) watchResponse(webRequest, details, sink, cap);
      return undefined;
    },
    { urls: EDGE_URL_PATTERNS },
    ['blocking'],
  );
}
