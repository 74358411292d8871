/**
 * MAIN-world hook, injected at document_start in every frame. It watches the page's own Edge
 * calls (fetch, XMLHttpRequest, sendBeacon) and the Web SDK's passive monitors, and posts what it
 * sees to the ISOLATED relay. It changes nothing the page sees: same arguments, same return values,
 * same errors, and response bodies are read from the page's own read, or from a clone made just
 * before it (page-bodies.ts). The Web SDK's monitors are page-alloy.ts; posting is page-post.ts.
 */
import { mightBeEdgeUrl } from '../edge/endpoint';
import { headersOf, type BodyObservation, type HookObservation } from '../session/observation';
import { postSdk, sdk, watchAlloy } from './page-alloy';

import {
  parseRawHeaders,
  readRequestBody,
  readRequestBodySync,
  readXhrResponse,
  installResponseTap,
  tapResponse,
} from './page-bodies';
import { absolute, frameToken, post } from './page-post';
import { watchDataLayer, watchTags } from './page-sdk';

type HookFields = Omit<HookObservation, 'source' | 'tabId' | 'frameId' | 'documentId'>;

const MARK = Symbol.for('aep-edge-inspector.hook');
let counter = 0;

// Captured before the page can replace them: the page sees no difference either way.
const schedule = setTimeout;
const HeadersCtor = Headers;

/** The headers the page set on a fetch (the browser adds its own later; webRequest sees those). */
function pageHeaders(input: RequestInfo | URL, init?: RequestInit): HookFields['requestHeaders'] {
  try {
    const source = init?.headers ?? (input instanceof Request ? input.headers : undefined);
    return source ? headersOf([...new HeadersCtor(source)]) : undefined;
  } catch {
    return undefined;
  }
}

function postHook(fields: HookFields): void {
  post({ source: 'page-hook', ...fields });
}

function watchFetch(): void {
  const original = window.fetch;
  if (typeof original !== 'function') return;
  const wrapped = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    let url: string;
    try {
      url = absolute(input instanceof Request ? input.url : String(input));
    } catch {
      url = '';
    }
    if (!url || !mightBeEdgeUrl(url)) return original.call(this, input, init);
    const hookId = `${frameToken}:${++counter}`;
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    const base = { hookId, url, method, transport: 'fetch' as const };
    const requestSource = init?.body ?? (input instanceof Request ? safeClone(input) : undefined);
    const postRequest = heldRequest(base, readBodyOf(requestSource), pageHeaders(input, init));
    return original.call(this, input, init).then(
      (response) => {
        const at = Date.now();
        // A task later: the page's own continuation gets its response first (the request phase
        // is held until now anyway; pagehide still posts it if the page leaves meanwhile).
        schedule(() => void postRequest(), 0);
        tapResponse(response, (responseBody) =>
          postHook({
            ...base,
            phase: 'response',
            time: at,
            status: response.status,
            statusText: response.statusText,
            responseHeaders: headersOf([...response.headers]),
            responseBody,
          }),
        );
        return response;
      },
      (error: unknown) => {
        const at = Date.now();
        void postRequest().then(() =>
          postHook({ ...base, phase: 'error', time: at, error: String(error) }),
        );
        throw error;
      },
    );
  };
  Object.defineProperty(wrapped, 'length', { value: original.length });
  window.fetch = wrapped as typeof window.fetch;
}

/** Request phases not posted yet, posted at once if the document goes away first. */
const heldRequests = new Set<() => Promise<void>>();
/**
 * From pagehide until the page is shown again: a fetch started now (a page's own unload handler,
 * or the Web SDK's keepalive fallback for a refused beacon) will never bring its response back to
 * this document, so its request phase is posted at once instead of held.
 */
let leaving = false;

/**
 * A fetch's request phase is posted together with its outcome, not when it starts: whatever the
 * relay and the worker do with it then happens after the page has its response, not while the
 * page waits for it (BENCHMARKS.md, "where our millisecond goes"). webRequest reports the call
 * when it starts in any case; if the document unloads first, pagehide posts it.
 */
function heldRequest(
  base: Pick<HookFields, 'hookId' | 'url' | 'method' | 'transport'>,
  body: Promise<BodyObservation | undefined>,
  requestHeaders?: HookFields['requestHeaders'],
): () => Promise<void> {
  const time = Date.now();
  let posted: Promise<void> | undefined;
  const post = (): Promise<void> => {
    heldRequests.delete(post);
    posted ??= body.then((requestBody) =>
      postHook({
        ...base,
        phase: 'request',
        time,
        requestBody,
        ...(requestHeaders ? { requestHeaders } : {}),
      }),
    );
    return posted;
  };
  if (leaving) void post();
  else heldRequests.add(post);
  return post;
}

function postHeldRequests(): void {
  leaving = true;
  for (const post of [...heldRequests]) void post();
}

function safeClone(request: Request): Request | undefined {
  try {
    return request.clone();
  } catch {
    return undefined;
  }
}

async function readBodyOf(source: unknown): Promise<BodyObservation | undefined> {
  if (source instanceof Request) {
    try {
      return await readRequestBody(await source.text());
    } catch (error) {
      return { missing: `The page hook could not read the request body: ${String(error)}` };
    }
  }
  return readRequestBody(source);
}

const xhrInfo = new WeakMap<XMLHttpRequest, { url: string; method: string }>();

function watchXhr(): void {
  const proto = window.XMLHttpRequest?.prototype;
  if (!proto) return;
  const open = proto.open;
  const send = proto.send;
  proto.open = function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    try {
      const full = absolute(String(url));
      if (mightBeEdgeUrl(full))
        xhrInfo.set(this, { url: full, method: String(method).toUpperCase() });
      else xhrInfo.delete(this);
    } catch {
      // Never disturb the page.
    }
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const info = xhrInfo.get(this);
    if (info) {
      const base = { hookId: `${frameToken}:${++counter}`, ...info, transport: 'xhr' as const };
      void readRequestBody(body).then((requestBody) =>
        postHook({ ...base, phase: 'request', time: Date.now(), requestBody }),
      );
      this.addEventListener('loadend', () => {
        const at = Date.now();
        if (this.status === 0) {
          postHook({
            ...base,
            phase: 'error',
            time: at,
            error: 'XMLHttpRequest failed (network error, CORS or abort)',
          });
          return;
        }
        void readXhrResponse(this).then((responseBody) =>
          postHook({
            ...base,
            phase: 'response',
            time: at,
            status: this.status,
            statusText: this.statusText,
            responseHeaders: parseRawHeaders(this.getAllResponseHeaders()),
            responseBody,
          }),
        );
      });
    }
    return send.call(this, body as XMLHttpRequestBodyInit | null | undefined);
  };
}

function watchBeacon(): void {
  const original = navigator.sendBeacon;
  if (typeof original !== 'function') return;
  navigator.sendBeacon = function sendBeacon(
    this: Navigator,
    url: string | URL,
    data?: BodyInit | null,
  ) {
    const queued = original.call(this, url, data);
    try {
      const full = absolute(String(url));
      if (mightBeEdgeUrl(full)) {
        const base = {
          hookId: `${frameToken}:${++counter}`,
          url: full,
          method: 'POST',
          transport: 'beacon' as const,
        };
        const time = Date.now();
        // Report at once, before the document can go away (beacons are sent while unloading);
        // a Blob's text only arrives a task later, so it follows as a second report.
        const sync = readRequestBodySync(data);
        postHook({ ...base, phase: 'request', time, ...(sync ? { requestBody: sync } : {}) });
        if (!queued) {
          const error = 'sendBeacon returned false: the browser refused to queue it';
          postHook({ ...base, phase: 'error', time, error });
        }
        if (data instanceof Blob) {
          void readRequestBody(data).then((requestBody) =>
            postHook({ ...base, phase: 'request', time, requestBody }),
          );
        }
      }
    } catch {
      // Never disturb the page.
    }
    return queued;
  };
}

function install(): void {
  const win = window as unknown as Record<symbol, unknown>;
  if (win[MARK]) return;
  Object.defineProperty(win, MARK, { value: true });
  window.addEventListener('pagehide', postHeldRequests, true);
  window.addEventListener('pagehide', sdk.flushDropped, true);
  window.addEventListener(
    'pageshow',
    () => {
      leaving = false;
    },
    true,
  );
  const steps = [
    installResponseTap,
    watchFetch,
    watchXhr,
    watchBeacon,
    watchAlloy,
    () => watchTags(postSdk),
    () => watchDataLayer(postSdk),
  ];
  for (const step of steps) {
    try {
      step();
    } catch {
      // One API missing (old frame, locked-down page) must not stop the others.
    }
  }
}

install();
