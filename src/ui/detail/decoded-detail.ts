/**
 * Decoding the selected call once: `decodeCall` on its bodies, and each body parsed for its JSON
 * tree. The viewer asks again for the detail whenever the call's record changes (a pending call
 * changes often); the inputs are compared and an unchanged call is never decoded twice.
 */
import { decodeCall, type DecodedCall } from '../../edge/decode-call';
import { parseJson, type JsonParse } from '../../edge/json';
import type { CallDetail } from '../../shared/protocol';

export interface DecodedDetail {
  decoded: DecodedCall;
  /** The bodies parsed for the trees; undefined when there is no text. */
  requestJson?: JsonParse;
  responseJson?: JsonParse;
}

interface Entry {
  url: string;
  requestText?: string;
  responseText?: string;
  status?: number;
  headers: string;
  result: DecodedDetail;
}

/** A few recent calls: enough for going back and forth in the list. */
const CACHE_SIZE = 8;
const cache = new Map<string, Entry>();

function headerKey(detail: CallDetail): string {
  return (detail.call.responseHeaders ?? []).map((h) => `${h.name}\n${h.value}`).join('\n\n');
}

export function decodeDetail(detail: CallDetail): DecodedDetail {
  const { call, requestBody, responseBody } = detail;
  const headers = headerKey(detail);
  const hit = cache.get(call.id);
  if (
    hit &&
    hit.url === call.url &&
    hit.requestText === requestBody &&
    hit.responseText === responseBody &&
    hit.status === call.status &&
    hit.headers === headers
  ) {
    // Most recently used last.
    cache.delete(call.id);
    cache.set(call.id, hit);
    return hit.result;
  }
  const result: DecodedDetail = {
    decoded: decodeCall({
      url: call.url,
      requestText: requestBody,
      responseText: responseBody,
      status: call.status,
      responseHeaders: call.responseHeaders,
    }),
    requestJson: requestBody === undefined ? undefined : parseJson(requestBody),
    responseJson: responseBody === undefined ? undefined : parseJson(responseBody),
  };
  cache.delete(call.id);
  cache.set(call.id, {
    url: call.url,
    requestText: requestBody,
    responseText: responseBody,
    status: call.status,
    headers,
    result,
  });
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return result;
}
