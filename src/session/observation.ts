/**
 * The observation contract: what one capture source (src/capture) saw of one call, at one moment,
 * and the one guard every entry point passes it through. The merge (merge.ts) folds observations
 * into CapturedCall records. Every observation carries url, tab and time so that any of them, in
 * any order, can open a record: a lost "before" event never loses the call.
 */
import { matchEdgeUrl } from '../edge/endpoint';
import { finite, isRecord, text } from '../edge/read';
import { renderRecordOf, type RenderRecord } from '../edge/render-event';
import { sdkEventOf, type SdkEvent } from '../edge/sdk-event';
import { OBSERVATION_TEXT_CAP, type BodyObservation } from './bodies';
import type { CaptureSource, Header, Transport } from './call';
import { maskSecretHeaders } from './redact';

export type { BodyObservation };

/** What a source can say of the exchange itself; each source says what it saw of it. */
interface Exchange {
  requestBody?: BodyObservation;
  requestHeaders?: Header[];
  responseBody?: BodyObservation;
  responseHeaders?: Header[];
  status?: number;
  statusText?: string;
  error?: string;
}

interface Base extends Exchange {
  tabId: number;
  frameId?: number;
  /** Top-frame document the call belongs to (Chromium's documentId), when known. */
  documentId?: string;
  url: string;
  /** Epoch ms. */
  time: number;
}

export interface WebRequestObservation extends Base {
  source: 'webRequest';
  phase: 'request' | 'request-headers' | 'response' | 'completed' | 'error';
  webRequestId: string;
  method: string;
  initiator?: string;
  documentUrl?: string;
  /** Firefox only: the bytes webRequest.filterResponseData saw (src/capture/firefox-response.ts). */
  responseBody?: BodyObservation;
}

export interface HookObservation extends Base {
  source: 'page-hook';
  phase: 'request' | 'response' | 'error';
  hookId: string;
  method: string;
  transport: Transport;
}

/**
 * A request the extension itself sent (a resend from the worker), reported as it saw it: the
 * request it made and the response it read. Never from a page.
 */
export interface ExtensionObservation extends Base {
  source: 'extension';
  phase: 'request' | 'response' | 'error';
  sendId: string;
  method: string;
}

export interface MonitorObservation extends Base {
  source: 'alloy-monitor';
  phase: 'request' | 'response' | 'error';
  monitorId: string;
  instance?: string;
}

export interface DevtoolsObservation extends Base {
  source: 'devtools';
  method: string;
  startedAt: number;
  durationMs?: number;
}

export type Observation =
  | WebRequestObservation
  | HookObservation
  | MonitorObservation
  | DevtoolsObservation
  | ExtensionObservation;

// How an observation crosses from the page to the relay.

/**
 * The wire between the MAIN-world hook and the ISOLATED relay: a DOM CustomEvent carrying a
 * JSON string. DOM events are dispatched synchronously across worlds, so the relay has the
 * observation before the hook's call returns — which matters for the unload beacon, sent while
 * the document is going away (window.postMessage, being a task, was seen to lose it).
 * A string, because object `detail`s do not cross worlds reliably (Firefox's Xray wrappers).
 *
 * Pages can dispatch this event too: the relay treats everything as untrusted data, and the
 * worker takes tab and frame from the browser, so a page can at most describe calls in its frame.
 */
export const HOOK_EVENT = 'aep-edge-inspector:hook-v1';

export function encodeObservation(observation: unknown): string | undefined {
  try {
    return JSON.stringify(observation);
  } catch {
    return undefined;
  }
}

/** The observation text inside a hook event, or undefined; the worker parses and checks it. */
export function hookEventText(event: Event): string | undefined {
  const detail = (event as CustomEvent<unknown>).detail;
  return typeof detail === 'string' && detail.length <= OBSERVATION_TEXT_CAP ? detail : undefined;
}

/**
 * Page-visit notice: from the relay of a top frame (its URL and title), from webRequest (the
 * document a top-frame call belongs to), or what the Web SDK reported rendering in any frame.
 * A notice with no documentId, or with an empty url for a page not known yet, is about the
 * tab's current page (pages.ts).
 */
export interface PageObservation {
  tabId: number;
  documentId?: string;
  /** Empty when the notice only brings renders or SDK events. */
  url: string;
  title?: string;
  time: number;
  renders?: RenderRecord[];
  /** What the Web SDK, Tags and the data layer reported in the page (src/edge/sdk-event.ts). */
  sdk?: SdkEvent[];
}

/**
 * What the hook posts for one `onContentRendering` monitor event (docs/edge-protocol.md §8),
 * already reduced in the page to ids and scopes: `{ source: RENDER_SOURCE, render }`. Not an
 * observation of a call: the guard turns it into a page notice.
 */
export const RENDER_SOURCE = 'alloy-render';

/**
 * What the hook posts for the Web SDK's other monitors, the Tags build and the data layer's
 * pushes (docs/edge-protocol.md §8), already reduced in the page to bounded text:
 * `{ source: SDK_SOURCE, event }`. Like a render, a page notice, not a call.
 */
export const SDK_SOURCE = 'alloy-sdk';

export const SOURCES: readonly CaptureSource[] = [
  'webRequest',
  'page-hook',
  'alloy-monitor',
  'devtools',
  'extension',
];

/** Sources a page speaks for (through the relay); the others are the browser's or ours. */
export const PAGE_SOURCES: readonly CaptureSource[] = ['page-hook', 'alloy-monitor'];

// The guard. Observations come off the wire (a page's relay, a DevTools panel's port, a file):
// junk becomes "not an observation", never an exception further down.

type Fields = Record<string, unknown>;

const transport = (v: unknown) => (v === 'fetch' || v === 'xhr' || v === 'beacon' ? v : undefined);

/** A body with only well-typed fields, or undefined. */
export function bodyOf(v: unknown): BodyObservation | undefined {
  if (!isRecord(v)) return undefined;
  if (typeof v.text !== 'string')
    return typeof v.missing === 'string' ? { missing: v.missing } : undefined;
  const size = finite(v.size);
  return {
    text: v.text,
    ...(size !== undefined && size >= 0 ? { size } : {}),
    ...(v.truncated === true ? { truncated: true } : {}),
  };
}

/**
 * Headers as the one list shape, from whatever a source holds: `{name, value}` records (HAR,
 * webRequest, whose `value` may be absent), `[name, value]` pairs (a `Headers` object spread), or
 * anything else (undefined). Entries without a string name are dropped.
 */
export function headersOf(v: unknown): Header[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const list: Header[] = [];
  for (const entry of v as unknown[]) {
    const [name, value] = Array.isArray(entry)
      ? [entry[0], entry[1]]
      : isRecord(entry)
        ? [entry.name, entry.value]
        : [];
    if (typeof name !== 'string') continue;
    if (value === undefined || value === null) list.push({ name, value: '' });
    else if (typeof value === 'string') list.push({ name, value });
  }
  return list;
}

/** Every field an observation may carry, and how to keep only a well-typed value. */
const FIELDS: Record<string, (v: unknown) => unknown> = {
  url: text,
  phase: text,
  method: text,
  webRequestId: text,
  hookId: text,
  monitorId: text,
  sendId: text,
  documentId: text,
  initiator: text,
  documentUrl: text,
  statusText: text,
  error: text,
  instance: text,
  tabId: finite,
  frameId: finite,
  time: finite,
  startedAt: finite,
  status: finite,
  durationMs: finite,
  transport,
  requestBody: bodyOf,
  responseBody: bodyOf,
  requestHeaders: headersOf,
  responseHeaders: headersOf,
};

const REQUIRED: Record<CaptureSource, string[]> = {
  webRequest: ['phase', 'webRequestId', 'method'],
  'page-hook': ['phase', 'hookId', 'method', 'transport'],
  'alloy-monitor': ['phase', 'monitorId'],
  devtools: ['method', 'startedAt'],
  extension: ['phase', 'sendId', 'method'],
};

const PHASES: Record<CaptureSource, readonly string[]> = {
  webRequest: ['request', 'request-headers', 'response', 'completed', 'error'],
  'page-hook': ['request', 'response', 'error'],
  'alloy-monitor': ['request', 'response', 'error'],
  devtools: [],
  extension: ['request', 'response', 'error'],
};

/**
 * The observation with only well-typed fields, or undefined when a required one is missing or
 * wrong. The one check of the contract: the worker's intake of relay batches, of DevTools entries
 * and the call table all use it.
 */
export function toObservation(value: unknown): Observation | undefined {
  if (!isRecord(value)) return undefined;
  const source = SOURCES.find((known) => known === value.source);
  if (!source) return undefined;
  const obs: Fields = { source };
  for (const [key, keep] of Object.entries(FIELDS)) {
    const field = keep(value[key]);
    if (field !== undefined) obs[key] = field;
  }
  if (['url', 'tabId', 'time', ...REQUIRED[source]].some((key) => obs[key] === undefined))
    return undefined;
  if (source !== 'devtools' && !PHASES[source].includes(obs.phase as string)) return undefined;
  return obs as unknown as Observation;
}

// What a page's relay forwards (the worker's `observe` message). A page can only speak for its own
// frame: tab, frame and document come from the browser's sender, never from the message, and only
// page-level sources are accepted (a page cannot claim to be webRequest).

export interface Sender {
  tabId: number;
  frameId: number;
  documentId?: string;
}

const MAX_BATCH = 500;

/** The relay forwards the hook's JSON text as it is; it is parsed here, off the page's thread. */
export function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** One page observation through the contract's guard, then the page's limits. */
function cleanObservation(
  value: unknown,
  sender: Sender,
  pageToken?: string,
): Observation | undefined {
  // Where the call happened is the browser's word, not the page's.
  const where = {
    tabId: sender.tabId,
    frameId: sender.frameId,
    documentId: sender.frameId === 0 ? (sender.documentId ?? pageToken) : undefined,
  };
  const obs = isRecord(value) ? toObservation({ ...value, ...where }) : undefined;
  if (!obs || !PAGE_SOURCES.includes(obs.source) || !matchEdgeUrl(obs.url)) return undefined;
  if (where.documentId === undefined) delete obs.documentId;
  // The headers a page set itself (Authorization, API keys) are masked before anything keeps them.
  if (obs.requestHeaders) obs.requestHeaders = maskSecretHeaders(obs.requestHeaders);
  return obs;
}

/** At most this many render records are taken from one batch (a page firing them in a loop). */
const MAX_RENDERS = 50;
/** At most this many SDK events are taken from one batch. */
const MAX_SDK_EVENTS = 200;

export function cleanRelayBatch(
  payload: unknown,
  sender: Sender,
): { observations: Observation[]; pages: PageObservation[] } {
  if (!isRecord(payload) || !Array.isArray(payload.observations))
    return { observations: [], pages: [] };
  const pageToken = typeof payload.pageToken === 'string' ? payload.pageToken : undefined;
  const observations: Observation[] = [];
  const renders: RenderRecord[] = [];
  const sdk: SdkEvent[] = [];
  for (const raw of payload.observations.slice(0, MAX_BATCH)) {
    const value = parsed(raw);
    if (isRecord(value) && value.source === RENDER_SOURCE) {
      const render = renders.length < MAX_RENDERS ? renderRecordOf(value.render) : undefined;
      if (render) renders.push(render);
      continue;
    }
    if (isRecord(value) && value.source === SDK_SOURCE) {
      const event = sdk.length < MAX_SDK_EVENTS ? sdkEventOf(value.event) : undefined;
      if (event) sdk.push(event);
      continue;
    }
    const obs = cleanObservation(value, sender, pageToken);
    if (obs) observations.push(obs);
  }
  const pages: PageObservation[] = [];
  const page = payload.page;
  const top = sender.frameId === 0;
  // A subframe's renders and SDK events belong to the tab's current page: no document of its own.
  const documentId = top ? (sender.documentId ?? pageToken) : undefined;
  const brought = { ...(renders.length ? { renders } : {}), ...(sdk.length ? { sdk } : {}) };
  if (top && documentId && isRecord(page) && typeof page.url === 'string') {
    pages.push({
      tabId: sender.tabId,
      documentId,
      url: page.url,
      title: typeof page.title === 'string' ? page.title.slice(0, 500) : undefined,
      time: typeof page.time === 'number' ? page.time : Date.now(),
      ...brought,
    });
  } else if (renders.length || sdk.length) {
    pages.push({
      tabId: sender.tabId,
      ...(documentId ? { documentId } : {}),
      url: '',
      time: Date.now(),
      ...brought,
    });
  }
  return { observations, pages };
}
