/**
 * Folds one observation into one CapturedCall. Pure: the table (call-table.ts) decides which
 * record an observation belongs to; this module decides what the record becomes. What is derived
 * from the bodies is the analysis's (analysis.ts), run by the worker after the merge.
 */
import { matchEdgeUrl, type EdgeEndpoint } from '../edge/endpoint';
import { MISSING, foldBody } from './bodies';
import type { CaptureSource, CapturedCall } from './call';
import { emptyBody } from './call';
import type { Observation } from './observation';

export interface MergeOutput {
  call: CapturedCall;
  requestText?: string;
  responseText?: string;
}

const STATUS_RANK: Record<CaptureSource, number> = {
  webRequest: 4,
  devtools: 3,
  'page-hook': 2,
  extension: 2,
  'alloy-monitor': 1,
};

/** When the call an observation describes started, as far as this observation knows. */
export function startOf(obs: Observation): number {
  return obs.source === 'devtools' ? obs.startedAt : obs.time;
}

/**
 * Starts a record from the first observation of a call; undefined when it is not an Edge URL.
 * A caller that matched the URL already passes its `endpoint`.
 */
export function newCall(
  obs: Observation,
  id: string,
  seq: number,
  pageId?: string,
  endpoint: EdgeEndpoint | undefined = matchEdgeUrl(obs.url),
): CapturedCall | undefined {
  if (!endpoint) return undefined;
  return {
    id,
    seq,
    tabId: obs.tabId,
    frameId: obs.frameId,
    pageId,
    url: obs.url,
    method: 'method' in obs ? obs.method : 'POST',
    endpoint,
    startedAt: startOf(obs),
    state: 'pending',
    request: emptyBody(),
    response: emptyBody(),
    sources: [],
    keys: {},
  };
}

function setStatus(
  call: CapturedCall,
  source: CaptureSource,
  status?: number,
  statusText?: string,
): void {
  if (status === undefined || status === 0) return;
  const current = call.statusSource ? STATUS_RANK[call.statusSource] : 0;
  if (STATUS_RANK[source] < current) return;
  call.status = status;
  call.statusSource = source;
  if (statusText !== undefined) call.statusText = statusText;
  call.state = 'complete';
  delete call.error;
}

function setError(call: CapturedCall, source: CaptureSource, error?: string): void {
  if (!error) return;
  // A status from any source says the call reached the Edge: an abort noticed afterwards (the page
  // navigated while the network finished, a keepalive fetch the document no longer waits for) does
  // not make it failed. Among errors, the network's text wins.
  if (call.status !== undefined) return;
  if (call.error && source !== 'webRequest') return;
  call.error = error;
  call.state = 'failed';
}

function setEnd(call: CapturedCall, time: number, durationMs?: number): void {
  call.endedAt = time;
  call.durationMs = durationMs ?? Math.max(0, Math.round(time - call.startedAt));
}

function applyKeysAndMeta(call: CapturedCall, obs: Observation): void {
  if (!call.sources.includes(obs.source)) call.sources.push(obs.source);
  // A call kept under no tab takes the tab (and frame) of the first source that knows it.
  if (call.tabId < 0 && obs.tabId >= 0) {
    call.tabId = obs.tabId;
    if (obs.frameId !== undefined) call.frameId = obs.frameId;
  }
  if (obs.frameId !== undefined && call.frameId === undefined) call.frameId = obs.frameId;
  switch (obs.source) {
    case 'webRequest':
      call.keys.webRequestId = obs.webRequestId;
      call.method = obs.method;
      if (obs.phase === 'request') {
        call.startedAt = obs.time;
        // Arrival order is not event order: an end seen first is re-measured from the real start.
        if (call.endedAt !== undefined) setEnd(call, call.endedAt);
      }
      if (obs.initiator) call.initiator = obs.initiator;
      if (obs.documentUrl) call.documentUrl = obs.documentUrl;
      if (obs.tabId >= 0) call.tabId = obs.tabId;
      break;
    case 'page-hook':
      call.keys.hookId = obs.hookId;
      call.transport = obs.transport;
      break;
    case 'alloy-monitor':
      call.keys.monitorId = obs.monitorId;
      if (obs.instance) call.sdkInstance = obs.instance;
      break;
    case 'devtools':
      call.keys.devtools = true;
      break;
    case 'extension':
      call.keys.sendId = obs.sendId;
      call.transport = 'fetch';
      break;
  }
}

/** Applies `obs` to a copy of `call` and returns it with any body text to store. */
export function mergeObservation(previous: CapturedCall, obs: Observation): MergeOutput {
  const call: CapturedCall = {
    ...previous,
    sources: [...previous.sources],
    keys: { ...previous.keys },
  };
  const out: MergeOutput = { call };
  applyKeysAndMeta(call, obs);

  const request = foldBody('request', call.request, obs.source, obs.requestBody);
  if (request) {
    call.request = request.meta;
    if (request.text !== undefined) out.requestText = request.text;
  }
  const response = foldBody('response', call.response, obs.source, obs.responseBody);
  if (response) {
    call.response = response.meta;
    if (response.text !== undefined) out.responseText = response.text;
  }

  if (
    'requestHeaders' in obs &&
    obs.requestHeaders &&
    (!call.requestHeaders || obs.source === 'webRequest')
  ) {
    call.requestHeaders = obs.requestHeaders;
  }
  if (
    'responseHeaders' in obs &&
    obs.responseHeaders &&
    (!call.responseHeaders || obs.source === 'webRequest')
  ) {
    call.responseHeaders = obs.responseHeaders;
    const type = obs.responseHeaders.find((h) => h.name.toLowerCase() === 'content-type');
    if (type) call.response = { ...call.response, contentType: type.value };
  }

  setStatus(call, obs.source, obs.status, 'statusText' in obs ? obs.statusText : undefined);
  setError(call, obs.source, obs.error);

  const ended =
    (obs.source === 'webRequest' && (obs.phase === 'completed' || obs.phase === 'error')) ||
    (obs.source === 'devtools' && call.endedAt === undefined) ||
    ((obs.source === 'page-hook' || obs.source === 'extension') &&
      obs.phase !== 'request' &&
      call.endedAt === undefined);
  if (ended) setEnd(call, obs.time, obs.source === 'devtools' ? obs.durationMs : undefined);

  explainMissing(call);
  return out;
}

/** Keeps each missing body's reason true to what is known now. */
export function explainMissing(call: CapturedCall): void {
  if (!call.response.captured) {
    if (call.status === 204 || (call.status !== undefined && contentLengthZero(call))) {
      call.response = {
        ...call.response,
        captured: true,
        size: 0,
        source: call.statusSource ?? 'webRequest',
        implied: true,
      };
      delete call.response.missing;
    } else if (call.state === 'failed') {
      // Before the beacon case: a refused or failed beacon never got a response at all.
      call.response = { ...call.response, missing: MISSING.failedNoBody };
    } else if (call.transport === 'beacon') {
      call.response = { ...call.response, missing: MISSING.beaconResponse };
    } else if (readsResponse(call) && call.state === 'pending') {
      call.response = { ...call.response, missing: MISSING.responsePending };
    } else if (!readsResponse(call)) {
      call.response = { ...call.response, missing: MISSING.noResponseSource };
    }
  }
}

/** Whether a source that reads the response body (the page hook, our own send) has the call. */
function readsResponse(call: CapturedCall): boolean {
  return call.keys.hookId !== undefined || call.keys.sendId !== undefined;
}

function contentLengthZero(call: CapturedCall): boolean {
  const header = call.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-length');
  return header?.value.trim() === '0';
}
