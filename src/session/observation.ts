/**
 * What one capture source saw of one call, at one moment. The merge (merge.ts) folds these into
 * CapturedCall records. Every observation carries url, tab and time so that any of them, in any
 * order, can open a record: a lost "before" event never loses the call.
 */
import type { CaptureSource, Header, Transport } from './call';

/** A body as a source delivered it: the text, or why there is none. */
export type BodyObservation =
  { text: string; size?: number; truncated?: boolean } | { missing: string };

interface Base {
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
  requestBody?: BodyObservation;
  /** Firefox only: the bytes webRequest.filterResponseData saw (background/firefox-response.ts). */
  responseBody?: BodyObservation;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  status?: number;
  statusText?: string;
  error?: string;
}

export interface HookObservation extends Base {
  source: 'page-hook';
  phase: 'request' | 'response' | 'error';
  hookId: string;
  method: string;
  transport: Transport;
  requestBody?: BodyObservation;
  requestHeaders?: Header[];
  responseBody?: BodyObservation;
  responseHeaders?: Header[];
  status?: number;
  statusText?: string;
  error?: string;
}

export interface MonitorObservation extends Base {
  source: 'alloy-monitor';
  phase: 'request' | 'response' | 'error';
  monitorId: string;
  instance?: string;
  requestBody?: BodyObservation;
  responseBody?: BodyObservation;
  status?: number;
  error?: string;
}

export interface DevtoolsObservation extends Base {
  source: 'devtools';
  method: string;
  startedAt: number;
  status?: number;
  statusText?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  requestBody?: BodyObservation;
  responseBody?: BodyObservation;
  durationMs?: number;
  error?: string;
}

export type Observation =
  WebRequestObservation | HookObservation | MonitorObservation | DevtoolsObservation;

/** Page-visit notice from the relay of a top frame. */
export interface PageObservation {
  tabId: number;
  documentId?: string;
  url: string;
  title?: string;
  time: number;
}

export const SOURCES: readonly CaptureSource[] = [
  'webRequest',
  'page-hook',
  'alloy-monitor',
  'devtools',
];
