/**
 * The one typed protocol between the worker and its UIs (viewer in DevTools or a tab, popup).
 *
 * A viewer connects a port named VIEWER_PORT and sends `hello` first. The worker answers with a
 * paged snapshot, then live `calls-upserted` batches. After a worker restart the port drops; the
 * viewer reconnects and says `hello` again, and gets a fresh snapshot.
 */
import type { CapturedCall, PageVisit } from '../session/call';
import type { Observation, PageObservation } from '../session/observation';

export const PROTOCOL_VERSION = 1;
export const VIEWER_PORT = 'aep-viewer';

/** Which tab(s) a viewer watches. `tabId` absent = all tabs. */
export interface Scope {
  tabId?: number;
}

export interface CaptureStatus {
  paused: boolean;
  /** Calls evicted by the store caps since the last clear, in this scope. */
  evicted: number;
  /** Total calls stored in this scope. */
  stored: number;
}

export interface CallDetail {
  call: CapturedCall;
  requestBody?: string;
  responseBody?: string;
}

/** Viewer → worker. */
export interface ToWorker {
  hello: { protocolVersion: number; scope: Scope };
  'get-call': { id: string };
  clear: { scope: Scope };
  'set-paused': { paused: boolean };
  /** A finished request seen by chrome.devtools.network while the panel is open. */
  'devtools-entry': { observation: Observation };
}

/** Worker → viewer. */
export interface ToViewer {
  /** One page of the snapshot; `done` on the last. The first page has `reset: true`. */
  snapshot: {
    calls: CapturedCall[];
    pages: PageVisit[];
    reset: boolean;
    done: boolean;
    status: CaptureStatus;
  };
  'calls-upserted': { calls: CapturedCall[] };
  'pages-upserted': { pages: PageVisit[] };
  cleared: { scope: Scope };
  /** Calls that left the store (evicted by its caps). */
  'calls-removed': { ids: string[] };

  status: CaptureStatus;
  'call-detail': { id: string; detail?: CallDetail };
}

export type Message<M> = { [K in keyof M]: { type: K; payload: M[K] } }[keyof M];
export type ToWorkerMessage = Message<ToWorker>;
export type ToViewerMessage = Message<ToViewer>;

/** One-shot runtime messages (relay → worker, popup → worker). */
export interface RuntimeRequests {
  /** Observations from the page hook / alloy monitor of the sender's frame. */
  observe: {
    /** The hook's observations as JSON text (parsed and checked by the worker). */
    observations: string[];
    /** A per-document token from the relay, used where the browser gives no documentId. */
    pageToken?: string;
    page?: Pick<PageObservation, 'url' | 'title' | 'time'>;
  };
  'popup-summary': { tabId: number };
}

export interface PopupSummary {
  tabId: number;
  count: number;
  failures: number;
  paused: boolean;
  last: CapturedCall[];
}

export interface RuntimeReplies {
  observe: { ok: true; stored: number };
  'popup-summary': PopupSummary;
}

export type RuntimeRequest = Message<RuntimeRequests>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Guards for anything off the wire: shape only, values are checked where they are used. */
export function isToWorkerMessage(value: unknown): value is ToWorkerMessage {
  if (!isObject(value) || typeof value.type !== 'string' || !isObject(value.payload)) return false;
  return ['hello', 'get-call', 'clear', 'set-paused', 'devtools-entry'].includes(value.type);
}

export function isToViewerMessage(value: unknown): value is ToViewerMessage {
  if (!isObject(value) || typeof value.type !== 'string' || !isObject(value.payload)) return false;
  return [
    'snapshot',
    'calls-upserted',
    'pages-upserted',
    'cleared',
    'calls-removed',

    'status',
    'call-detail',
  ].includes(value.type);
}

export function isRuntimeRequest(value: unknown): value is RuntimeRequest {
  if (!isObject(value) || typeof value.type !== 'string' || !isObject(value.payload)) return false;
  return value.type === 'observe' || value.type === 'popup-summary';
}

export function message<M, K extends keyof M>(type: K, payload: M[K]): { type: K; payload: M[K] } {
  return { type, payload };
}
