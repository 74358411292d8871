/**
 * Decoding the selected call once: `decodeCall` on its bodies, and each body parsed for its JSON
 * tree. The viewer asks again for the detail whenever the call's record changes (a pending call
 * changes often); a record whose `rev` is unchanged is never decoded twice. A record without a
 * `rev` (stored before revisions existed) is decoded each time.
 */
import { decodeCall, type DecodedCall } from '../../edge/decode-call';
import { parseJson, type JsonParse } from '../../edge/json';
import type { CallWithBodies } from '../../shared/protocol';
import { shareStructure } from './share-structure';

export interface DecodedBodies {
  decoded: DecodedCall;
  /** The bodies parsed for the trees; undefined when there is no text. */
  requestJson?: JsonParse;
  responseJson?: JsonParse;
}

interface Entry {
  rev: number | undefined;
  result: DecodedBodies;
}

/** A few recent calls: enough for going back and forth in the list. */
const CACHE_SIZE = 8;
const cache = new Map<string, Entry>();

/** The decoding itself: pure, so it runs the same on the page or in the decode worker. */
export function decodeBodies(detail: CallWithBodies): DecodedBodies {
  const { call, requestBody, responseBody } = detail;
  return {
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
}

/**
 * Bodies larger than this (in characters, both together) are decoded off the UI thread: a 5 MB
 * body takes ~120 ms to decode here, which would freeze the panel (BENCHMARKS.md).
 */
export const OFF_THREAD_CHARS = 256 * 1024;

export function bodyChars(detail: CallWithBodies): number {
  return (detail.requestBody?.length ?? 0) + (detail.responseBody?.length ?? 0);
}

/** The cached result for this exact detail, if it was decoded before. */
export function cachedDecoding(detail: CallWithBodies): DecodedBodies | undefined {
  const { call } = detail;
  const hit = cache.get(call.id);
  if (!hit || call.rev === undefined || hit.rev !== call.rev) return undefined;
  // Most recently used last.
  cache.delete(call.id);
  cache.set(call.id, hit);
  return hit.result;
}

export function remember(detail: CallWithBodies, decoded: DecodedBodies): DecodedBodies {
  const { call } = detail;
  // The same call decoded again (its response arrived, say): unchanged parts keep their objects,
  // so the open trees keep their state (share-structure.ts).
  const result = shareStructure(cache.get(call.id)?.result, decoded);
  cache.delete(call.id);
  cache.set(call.id, { rev: call.rev, result });
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return result;
}

export function decodeBodiesCached(detail: CallWithBodies): DecodedBodies {
  return cachedDecoding(detail) ?? remember(detail, decodeBodies(detail));
}
