/**
 * Reads bodies in the page without disturbing it. Never throws; a body that cannot be read says
 * why.
 *
 * - Request bodies: from the value the page passed to fetch, XMLHttpRequest or sendBeacon.
 * - Response bodies of fetches: the response tap (below) shares the page's own read.
 * - Response bodies of XHRs: from the finished request (readXhrResponse).
 */
import { capText as textBody } from '../session/bodies';
import type { BodyObservation } from '../session/observation';

function decodeBytes(bytes: ArrayBuffer | ArrayBufferView): BodyObservation {
  const view =
    bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return textBody(new TextDecoder('utf-8').decode(view));
}

/** Request body as given to fetch/XHR/sendBeacon, for every kind that can be read at once. */
export function readRequestBodySync(body: unknown): BodyObservation | undefined {
  try {
    if (body === undefined || body === null) return undefined;
    if (typeof body === 'string') return textBody(body);
    if (body instanceof Blob)
      return { missing: 'The request body is a Blob; its text is read asynchronously.' };
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return decodeBytes(body);
    if (body instanceof URLSearchParams) return textBody(body.toString());
    if (body instanceof FormData)
      return { missing: 'The request body is FormData; it is not shown.' };
    if (body instanceof ReadableStream)
      return { missing: 'The request body is a stream; reading it would consume it.' };
    return textBody(String(body));
  } catch (error) {
    return { missing: `The page hook could not read the request body: ${String(error)}` };
  }
}

/** Request body as given to fetch/XHR/sendBeacon. Async only for Blobs. */
export async function readRequestBody(body: unknown): Promise<BodyObservation | undefined> {
  if (!(body instanceof Blob)) return readRequestBodySync(body);
  try {
    return textBody(await body.text());
  } catch (error) {
    return { missing: `The page hook could not read the request body: ${String(error)}` };
  }
}

export async function readResponseClone(clone: Response): Promise<BodyObservation> {
  try {
    return textBody(await clone.text());
  } catch (error) {
    return { missing: `The page hook could not read the response body: ${String(error)}` };
  }
}

/** Parses XMLHttpRequest.getAllResponseHeaders(). */
export function parseRawHeaders(raw: string): Array<{ name: string; value: string }> {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0
        ? { name: line, value: '' }
        : { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    });
}

export async function readXhrResponse(xhr: XMLHttpRequest): Promise<BodyObservation> {
  try {
    switch (xhr.responseType) {
      case '':
      case 'text':
        return textBody(xhr.responseText);
      case 'json':
        // The browser already parsed it; the original text is gone, this is a re-serialisation.
        return textBody(JSON.stringify(xhr.response) ?? '');
      case 'arraybuffer':
        return xhr.response ? decodeBytes(xhr.response as ArrayBuffer) : { text: '' };
      case 'blob':
        return xhr.response ? textBody(await (xhr.response as Blob).text()) : { text: '' };
      default:
        return {
          missing: `XMLHttpRequest responseType "${xhr.responseType}" is not readable as text.`,
        };
    }
  } catch (error) {
    return { missing: `The page hook could not read the response body: ${String(error)}` };
  }
}

// The response tap: response bodies of the page's Edge fetches, read without a clone where the
// page lets us.
/*
 * Why not simply `response.clone()` at once: cloning tees the body, and the tee moves
 * the page's own read off the browser's fast path. The side-by-side benchmark (BENCHMARKS.md,
 * "where our millisecond goes") measured the eager clone at about 0.37 ms on every Edge call, the
 * largest single cost the hook put on the page. So the tap shares the page's own read instead:
 *
 * - `text()`, what the Web SDK and most code call: the tap watches the very promise the page gets
 *   (same object, same timing) and reports its string. No clone, no second read.
 * - any other reader (`json`, `arrayBuffer`, `blob`, `formData`, `bytes`, the `body` stream): the
 *   tap clones just before the page's read starts, then reads its clone. What the page sees is
 *   unchanged, as with the eager clone.
 * - a body the page has not started to read after UNREAD_MS: the tap clones it then and reads the
 *   clone, so a fire-and-forget call still has its body. The page can still read its own later.
 *
 * Each watched response is claimed once, by whichever of these comes first.
 *
 * Known limit: a body consumed without going through this realm's readers (`cache.put`, another
 * frame's `Response.prototype.json.call`) is reported as missing, with the reason, where an eager
 * clone would have it. Edge calls are read by the page that made them, with text().
 */
/** How long a response may stay unread before the tap reads a clone of it. */
export const UNREAD_MS = 1_000;

type Deliver = (body: BodyObservation) => void;

/**
 * The page's own globals may be patched later (zone.js wraps timers, test harnesses fake them,
 * a library may wrap Promise.prototype.then): the tap uses the originals, captured at
 * document_start before any page script runs, so its work is invisible to such patches.
 */
const schedule = setTimeout;
const unschedule = clearTimeout;
const then = Promise.prototype.then;

interface Watch {
  deliver: Deliver;
  /** The unread-body fallback; cancelled when the page reads first. */
  timer: ReturnType<typeof setTimeout>;
}

const watched = new WeakMap<Response, Watch>();

function claim(response: unknown): Deliver | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const watch = watched.get(response as Response);
  if (!watch) return undefined;
  watched.delete(response as Response);
  unschedule(watch.timer);
  return watch.deliver;
}

/** Reported a task later, so the page's own continuation runs first. */
function later(deliver: Deliver, body: () => BodyObservation): void {
  schedule(() => deliver(body()), 0);
}

function readClone(response: Response, deliver: Deliver): void {
  let clone: Response;
  try {
    clone = response.clone();
  } catch (error) {
    later(deliver, () => ({
      missing: `The page read the response body in a way the hook cannot follow, before the hook could copy it: ${String(error)}`,
    }));
    return;
  }
  schedule(() => void then.call(readResponseClone(clone), deliver), 0);
}

/**
 * Starts watching one response: `deliver` gets its body exactly once. Call it before the page
 * has the response (the fetch wrapper does, in its own `then`).
 */
export function tapResponse(response: Response, deliver: Deliver): void {
  const timer = schedule(() => {
    const pending = claim(response);
    if (pending) readClone(response, pending);
  }, UNREAD_MS);
  watched.set(response, { deliver, timer });
}

/** Replaces the body readers on Response.prototype, once per realm. */
export function installResponseTap(): void {
  const proto = Response.prototype as unknown as Record<string, unknown>;
  const nativeText = proto.text as (this: Response) => Promise<string>;
  if (typeof nativeText === 'function') {
    // Method syntax, like the native one: no `prototype`, not callable with `new`.
    proto.text = {
      text(this: Response): Promise<string> {
        const result = nativeText.call(this);
        const deliver = claim(this);
        if (!deliver) return result;
        // A side subscription: the page keeps the same promise and its handlers run unchanged.
        // (Subscribing marks a rejection as handled; a page that drops its text() promise and
        // whose body read then fails gets no unhandledrejection event. No subscription avoids it.)
        try {
          then.call(
            result,
            (value) => later(deliver, () => textBody(value as string)),
            (error: unknown) =>
              later(deliver, () => ({
                missing: `The response body could not be read: ${String(error)}`,
              })),
          );
        } catch {
          later(deliver, () => ({ missing: "The hook could not follow the page's read." }));
        }
        return result;
      },
    }.text;
  }
  for (const name of ['json', 'arrayBuffer', 'blob', 'formData', 'bytes']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    const reader = {
      [name](this: Response, ...args: unknown[]): unknown {
        const deliver = claim(this);
        if (deliver) readClone(this, deliver);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      },
    }[name];
    Object.defineProperty(reader, 'length', { value: (original as () => unknown).length });
    proto[name] = reader;
  }
  const bodyProperty = Object.getOwnPropertyDescriptor(Response.prototype, 'body');
  const getBody = bodyProperty?.get;
  if (bodyProperty && getBody) {
    // Accessor syntax, so the getter is named "get body" like the native one.
    const tapped = Object.getOwnPropertyDescriptor(
      {
        get body(): unknown {
          const self = this as unknown as Response;
          const deliver = claim(self);
          if (deliver) readClone(self, deliver);
          return getBody.call(self) as unknown;
        },
      },
      'body',
    )?.get;
    if (tapped) Object.defineProperty(Response.prototype, 'body', { ...bodyProperty, get: tapped });
  }
}
