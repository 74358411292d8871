/**
 * The one typed protocol between the worker and its UIs (viewer in DevTools or a tab, popup).
 *
 * A viewer connects a port named VIEWER_PORT and sends `hello` first. The worker answers with a
 * paged snapshot, then live `calls-upserted` batches. After a worker restart the port drops; the
 * viewer reconnects and says `hello` again, and gets a fresh snapshot.
 */
import type { CallWithBodies, CapturedCall, PageVisit } from '../session/call';

export type { CallWithBodies };
import type { ResendFrom, ResendRequest } from '../session/resend-draft';
import type { VisitorState } from '../edge/plain-words';
import type { TabValidation } from '../validate/types';
import type { VisitFinding } from '../validate/visit-checks';

export type { TabValidation };
import type { Observation, PageObservation, Sender } from '../session/observation';
import { isRecord } from '../edge/read';
import type { OverrideRequest, TabOverride } from '../session/override-rules';

/**
 * The handshake. PROTOCOL_VERSION changes whenever a message changes shape. Two messages never
 * change, so that a viewer and a worker of different versions (a panel left open across an update)
 * can still tell each other so: `hello`, and the worker's `protocol-mismatch` answer to a hello of
 * another version. The viewer then says so instead of waiting for a snapshot that never comes.
 */
export const PROTOCOL_VERSION = 1;
export const VIEWER_PORT = 'aep-viewer';

/** Which tab(s) a viewer watches. `tabId` absent = all tabs. */
export interface Scope {
  tabId?: number;
}

/** Whether something of tab `tabId` (a call, a page, a count) is in `scope`. */
export function inScope(scope: Scope, tabId: number): boolean {
  return scope.tabId === undefined || scope.tabId === tabId;
}

export interface CaptureStatus {
  paused: boolean;
  /** Calls evicted by the store caps since the last clear, in this scope. */
  evicted: number;
  /** Total calls stored in this scope. */
  stored: number;
}

/** Viewer → worker. */
export interface ToWorker {
  hello: { protocolVersion: number; scope: Scope };
  'get-call': { id: string };
  clear: { scope: Scope };
  'set-paused': { paused: boolean };
  /** A finished request seen by chrome.devtools.network while the panel is open. */
  'devtools-entry': { observation: Observation };
  /** Bodies of many calls (exports); answered in pages by `calls-detail` with the same `request`. */
  'get-calls': { ids: string[]; request: string };
  'set-note': { id: string; note: string };
  'set-hidden': { id: string; hidden: boolean };
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
  'call-detail': { id: string; detail?: CallWithBodies };
  'calls-detail': { request: string; details: CallWithBodies[]; done: boolean };
  /** The answer to a `hello` of another version, instead of a snapshot (frozen: see above). */
  'protocol-mismatch': { workerVersion: number; viewerVersion: number };
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
  /** Every call of a tab with its bodies (the popup's plain-words lines and its exports). */
  'popup-details': { tabId: number };
  'set-paused': { paused: boolean };
  /** The side panel's view of a tab: its newest calls, pages, visitor and visit findings. */
  'side-panel': { tabId: number };
  /**
   * Turns a tab's override on (or changes it): its Edge calls to another datastream and/or edge
   * domain, its Tags library from another environment. Checked by `checkOverride`.
   */
  'set-override': { tabId: number } & OverrideRequest;
  /** Turns a tab's override off. */
  'clear-override': { tabId: number };
  /** A viewer page is loading (public/wake.js): the worker reads its newest calls first. */
  wake: Record<string, never>;
}

export type OverrideReply = { ok: true; override?: TabOverride } | { ok: false; errors: string[] };

export interface PopupSummary {
  tabId: number;
  count: number;
  failures: number;
  paused: boolean;
  /** The newest calls, each with its stored analysis (plain words included). */
  last: CapturedCall[];
  /** Consent and ECID as the tab's calls show them, later calls winning. */
  visitor?: VisitorState;
  /** The tab's events against the plan in force, and the first problems in words. */
  validation?: TabValidation;
  /** How many visit findings (validate/visit-checks.ts) the tab's calls give. */
  visitFindings?: number;
}

/** The side panel's view of one tab, answered to `side-panel`. */
export interface SidePanelState {
  tabId: number;
  count: number;
  failures: number;
  paused: boolean;
  /** The tab's newest calls, oldest first, each with its stored analysis (plain words). */
  calls: CapturedCall[];
  /** The tab's pages, oldest first (the calls are grouped under them). */
  pages: PageVisit[];
  visitor: VisitorState;
  /** The visit's findings over all the tab's calls (the pages are not over: ended false). */
  findings: VisitFinding[];
}

export interface RuntimeReplies {
  /** `from`: the relay's tab, frame and document, for its outbox (see RelayOutbox). */
  /** `live`: a viewer is open, so the relay sends sooner (relay.ts). */
  observe: { ok: true; stored: number; from: Sender; live: boolean };
  'popup-summary': PopupSummary;
  'popup-details': { details: CallWithBodies[]; pages: PageVisit[] };
  'set-paused': { paused: boolean };
  'side-panel': SidePanelState;
  'set-override': OverrideReply;
  'clear-override': OverrideReply;
  wake: { ok: true };
}

export type RuntimeRequest = Message<RuntimeRequests>;

// Every message type of each direction, checked complete by the compiler (Record over keyof),
// so a new message cannot be forgotten by the guards below.
const TO_WORKER: Record<keyof ToWorker, true> = {
  hello: true,
  'get-call': true,
  clear: true,
  'set-paused': true,
  'devtools-entry': true,
  'get-calls': true,
  'set-note': true,
  'set-hidden': true,
};
const TO_VIEWER: Record<keyof ToViewer, true> = {
  snapshot: true,
  'calls-upserted': true,
  'pages-upserted': true,
  cleared: true,
  'calls-removed': true,
  status: true,
  'call-detail': true,
  'calls-detail': true,
  'protocol-mismatch': true,
};
const RUNTIME: Record<keyof RuntimeRequests, true> = {
  observe: true,
  'popup-summary': true,
  'popup-details': true,
  'set-paused': true,
  'side-panel': true,
  'set-override': true,
  'clear-override': true,
  wake: true,
};

function hasType(value: unknown, types: Record<string, true>): boolean {
  return (
    isRecord(value) &&
    typeof value.type === 'string' &&
    Object.hasOwn(types, value.type) &&
    isRecord(value.payload)
  );
}

/** Guards for anything off the wire: shape only, values are checked where they are used. */
export function isToWorkerMessage(value: unknown): value is ToWorkerMessage {
  return hasType(value, TO_WORKER);
}

export function isToViewerMessage(value: unknown): value is ToViewerMessage {
  return hasType(value, TO_VIEWER);
}

export function isRuntimeRequest(value: unknown): value is RuntimeRequest {
  return hasType(value, RUNTIME);
}

/**
 * Resend has its own port, one request per connection: the viewer connects a port named
 * RESEND_PORT, posts one ToResender message and gets one FromResender reply. A port of its own
 * keeps the viewer port's snapshot/live protocol untouched, and a dropped port (the worker
 * stopped) fails that one request instead of leaving it hanging.
 */
export const RESEND_PORT = 'aep-resend';

export type { ResendFrom, ResendRequest };

export type ResendOutcome =
  | {
      ok: true;
      from: ResendFrom;
      /** The HTTP status the sender saw (a 4xx/5xx is still a completed send). */
      status: number;
      statusText?: string;
      /** The captured call that is the resend, when the worker linked it in time. */
      resendId?: string;
    }
  | {
      ok: false;
      from: ResendFrom;
      /**
       * `tab-gone`: the original's tab (or frame) is no longer there, so the page cannot send it.
       * `no-original`: the original call is no longer stored. `failed`: the request failed
       * (network error, CORS, refused header); `error` says how.
       */
      reason: 'tab-gone' | 'no-original' | 'failed';
      error: string;
      resendId?: string;
    };

/** Viewer → worker, on a RESEND_PORT port. */
export interface ToResender {
  /**
   * Send `request` as a resend of call `originalId`. The worker remembers the request's
   * requestId (or URL) first, so that the call it captures next with that key is linked both ways.
   */
  resend: {
    originalId: string;
    request: ResendRequest;
    from: ResendFrom;
    /**
     * The original's record when the worker does not store it: a call imported from a file,
     * which an imported view holds. It can only be sent from the extension (it has no page).
     */
    imported?: CapturedCall;
  };
  /** The stored records and bodies of these calls, for the comparison. */
  'get-details': { ids: string[] };
}

/** Worker → viewer, on a RESEND_PORT port: the one reply to the one request. */
export interface FromResender {
  'resend-result': ResendOutcome;
  details: { details: Array<{ id: string; detail?: CallWithBodies }> };
}

export type ToResenderMessage = Message<ToResender>;
export type FromResenderMessage = Message<FromResender>;

const TO_RESENDER: Record<keyof ToResender, true> = { resend: true, 'get-details': true };
const FROM_RESENDER: Record<keyof FromResender, true> = { 'resend-result': true, details: true };

export function isToResenderMessage(value: unknown): value is ToResenderMessage {
  return hasType(value, TO_RESENDER);
}

export function isFromResenderMessage(value: unknown): value is FromResenderMessage {
  return hasType(value, FROM_RESENDER);
}

export function message<M, K extends keyof M>(type: K, payload: M[K]): { type: K; payload: M[K] } {
  return { type, payload };
}
