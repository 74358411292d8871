/**
 * The captured-call model: one record per Edge call, whatever sources saw it.
 * Pure data (structured-clone and JSON safe); bodies live apart so lists stay light.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import type { PlainLine, VisitorState } from '../edge/plain-words';
import type { RenderRecord } from '../edge/render-event';
import type { SdkEvent } from '../edge/sdk-event';
import type { EventHandleTypes } from '../edge/response-digest';
import type { CallFacts } from '../edge/visit-facts';
import type { CallValidation } from '../validate/verdicts';
import type { CallOverride } from './override-rules';

/**
 * Who saw the call. `webRequest` is the truth for existence, tab, timing and status; `extension`
 * is a request the extension sent itself (a resend from the worker), which no page made.
 */
export type CaptureSource = 'webRequest' | 'page-hook' | 'alloy-monitor' | 'devtools' | 'extension';

/** How the page sent it, when the page hook saw it. */
export type Transport = 'fetch' | 'xhr' | 'beacon';

export interface Header {
  name: string;
  value: string;
}

/** What is known about one body without its text. The text is stored apart. */
export interface BodyMeta {
  /** True when some source delivered the text (possibly empty). */
  captured: boolean;
  /** Size in bytes of the full body (UTF-8), when known. */
  size?: number;
  /** The text was cut to the store's body cap; `size` is the full size. */
  truncated?: boolean;
  /** Which source the kept text came from. */
  source?: CaptureSource;
  /**
   * The body is known to be empty only because the status says so (a 204, `Content-Length: 0`):
   * no source delivered it, so any source's real text replaces it, whatever its rank.
   */
  implied?: boolean;
  /** Why no text is there, in words a person understands. */
  missing?: string;
  /** Content type from headers, when known. */
  contentType?: string;
}

export type CallState = 'pending' | 'complete' | 'failed';

/** What the analysers (analysis.ts) derive; stored on the call (CapturedCall extends it). */
export interface CallAnalysis {
  /** Event types in body order (`(none)` when absent), from the request body. */
  eventTypes?: string[];
  /** Distinct handle types in body order, and per event, from the response body. */
  handleTypes?: string[];
  eventHandleTypes?: EventHandleTypes[];
  /** From the response body: a fatal problem plus `errors[]`, and `warnings[]`. */
  errorCount?: number;
  warningCount?: number;
  /** The call in plain words (the popup's lines), from both bodies and the status. */
  plain?: PlainLine[];
  /** Consent and ECID as this call shows them (later calls win when a tab's are combined). */
  visitor?: VisitorState;
  /** What the call says about the visit (identity, consent, routing, decisions, media). */
  facts?: CallFacts;
  /** Every event against the plan in force, when there is one. */
  validation?: CallValidation;
}

/** One record per Edge call, whatever sources saw it, with its stored analysis. */
export interface CapturedCall extends CallAnalysis {
  /** Internal id, stable for the life of the record. */
  id: string;
  /**
   * Revision: bumped each time the stored record changes (a source reported, the analysis ran,
   * a note). Anything that caches what it derived from a call compares `rev`.
   */
  rev?: number;
  /** Insertion order: eviction and list order use it. */
  seq: number;
  /** -1 when the request came from no tab (a worker, the extension). */
  tabId: number;
  frameId?: number;
  /** The page (top-frame document) the call belongs to, see PageVisit. */
  pageId?: string;
  url: string;
  method: string;
  endpoint: EdgeEndpoint;
  transport?: Transport;
  /** Epoch ms when the request started / ended. */
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  state: CallState;
  status?: number;
  statusText?: string;
  /** Which source the status came from (webRequest wins over page-level sources). */
  statusSource?: CaptureSource;
  /** Network error text (webRequest error, fetch rejection, beacon refused). */
  error?: string;
  initiator?: string;
  documentUrl?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  request: BodyMeta;
  response: BodyMeta;
  sources: CaptureSource[];
  /** Alloy instance name, when the Web SDK monitor saw the call. */
  sdkInstance?: string;
  /** The user's free-text note; exports keep it. */
  note?: string;
  /** Hidden from the list by the user (still stored and exportable). */
  hidden?: boolean;
  /** Set on calls that came from an imported file, never from live capture. */
  imported?: ImportOrigin;
  /** Set on a call the user resent from the viewer: the id of the captured call it was edited from. */
  resendOf?: string;
  /** Ids of the calls resent from this one, oldest first (the other half of `resendOf`). */
  resends?: string[];
  /** Set on a call sent while its tab's datastream was overridden (override-rules.ts). */
  override?: CallOverride;

  /** Join keys, kept so that joining survives a worker restart. */
  keys: CallKeys;
}

export interface CallKeys {
  /** webRequest's own request id (unique per network attempt). */
  webRequestId?: string;
  /** The page hook's id for one attempt: `${frameToken}:${counter}`. */
  hookId?: string;
  /** The alloy monitor's id for one logical request: `${frameToken}:${requestId}`. */
  monitorId?: string;
  /** Set once the devtools entry was joined. */
  devtools?: boolean;
  /** The extension's id for a request it sent itself (a resend from the worker). */
  sendId?: string;
}

export interface ImportOrigin {
  /** One id per imported file; the viewer shows each import apart from live capture. */
  importId: string;
  fileName: string;
  format: 'har' | 'session';
}

/** A call with the text of its bodies, as the store, exports and the details pane use it. */
export interface CallWithBodies {
  call: CapturedCall;
  requestBody?: string;
  responseBody?: string;
}

/** A top-frame document in a tab: the separator in the list. */
export interface PageVisit {
  id: string;
  tabId: number;
  url: string;
  title?: string;
  startedAt: number;
  /**
   * What the Web SDK reported about rendering propositions on this page (its
   * `onContentRendering` monitor, docs/edge-protocol.md §8), oldest first, at most
   * MAX_RENDERS_PER_PAGE (pages.ts). Absent when it reported nothing.
   */
  renders?: RenderRecord[];
  /**
   * What the Web SDK's other monitors, the Tags build and the data layer reported on this page
   * (src/edge/sdk-event.ts), oldest first, at most MAX_SDK_PER_PAGE (pages.ts). Absent when
   * nothing was reported.
   */
  sdk?: SdkEvent[];
}

export function emptyBody(): BodyMeta {
  return { captured: false };
}

/** The list text of a call's status: `204`, `failed: net::ERR_…`, `pending`. */
export function statusLabel(call: Pick<CapturedCall, 'state' | 'status' | 'error'>): string {
  if (call.status !== undefined) return String(call.status);
  if (call.state === 'failed') return call.error ? `failed: ${call.error}` : 'failed';
  return call.state;
}

export function isFailure(call: Pick<CapturedCall, 'state' | 'status'>): boolean {
  return (
    call.state === 'failed' ||
    (call.status !== undefined && (call.status < 200 || call.status >= 300))
  );
}
