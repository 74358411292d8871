/**
 * Body handling shared by every capture source, the merge and the store: the one body cap (a body
 * is at most BODY_CAP UTF-16 units, cut without splitting a surrogate pair, with its full size
 * kept), precedence between sources, and the plain-words reasons shown when a body is missing.
 */
import type { BodyMeta, CaptureSource } from './call';

/** A body as a source delivered it: the text, or why there is none. */
export type BodyObservation =
  { text: string; size?: number; truncated?: boolean } | { missing: string };

/**
 * Largest body text kept per call and direction, in UTF-16 code units (≈ bytes for JSON).
 * Edge requests are capped at 64 KB by Adobe; responses with many propositions reach a few
 * hundred KB. 2 MiB keeps every real body whole while bounding a hostile or broken one. Sources
 * cut to it before they post (so one broken response cannot flood a channel), and the store
 * cuts again what reaches it from anywhere else.
 */
export const BODY_CAP = 2 * 1024 * 1024;

/**
 * Largest observation text the page-to-relay channel forwards: two bodies of BODY_CAP, each of
 * which JSON escaping can at most double for the characters a body really carries, with room for
 * headers and fields.
 */
export const OBSERVATION_TEXT_CAP = 4 * BODY_CAP;

export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** UTF-8 byte length, counted without encoding a copy; a lone surrogate counts as U+FFFD. */
export function utf8Size(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The first `cap` units of `text`, never ending on half of a surrogate pair (valid UTF-16). */
export function cutText(text: string, cap: number = BODY_CAP): string {
  if (text.length <= cap) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(cap - 1)) ? cap - 1 : cap);
}

/**
 * A body as a source posts it: the text cut to the cap; `size` (UTF-8 bytes of the whole body)
 * when the source knows it or the text was cut, so that a short body costs no count on the page.
 */
export function capText(text: string, size?: number): BodyObservation {
  const truncated = text.length > BODY_CAP;
  const fullSize = size ?? (truncated ? utf8Size(text) : undefined);
  return {
    text: truncated ? cutText(text) : text,
    ...(fullSize !== undefined ? { size: fullSize } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
}

// Request bytes: webRequest's raw bytes are exactly what went on the wire; the page hook reads
// the same value before the browser serialises it; devtools is a HAR copy; the alloy monitor
// re-serialises a parsed copy, so it ranks last. The extension's own send is the value it passed
// to fetch, like the page hook's.
const REQUEST_RANK: Record<CaptureSource, number> = {
  webRequest: 4,
  'page-hook': 3,
  extension: 3,
  devtools: 2,
  'alloy-monitor': 1,
};
// Responses: only Firefox's webRequest has them, from webRequest.filterResponseData
// (capture/firefox-response.ts): the exact bytes the network delivered, read on their way to
// the page, so they rank first. They do not depend on the page hook winning the race against the
// page's own scripts, they include what the page cannot read (sendBeacon responses, XHRs parsed as
// `json`), and a hostile page cannot replace them with page-hook reports. Chromium's webRequest
// never has a response body; there its only one is the empty body a 204 implies (explainMissing in
// merge.ts), marked `implied` so that a source's real text still replaces it.
const RESPONSE_RANK: Record<CaptureSource, number> = {
  webRequest: 5,
  'page-hook': 4,
  extension: 4,
  devtools: 3,
  'alloy-monitor': 2,
};

export function rankOf(direction: 'request' | 'response', source: CaptureSource): number {
  return direction === 'request' ? REQUEST_RANK[source] : RESPONSE_RANK[source];
}

export interface BodyUpdate {
  meta: BodyMeta;
  /** The text to store, when this observation replaced the body. */
  text?: string;
}

/**
 * Folds one source's body into what is known. Returns undefined when nothing changes.
 * A higher-ranked text replaces a lower one, any text replaces an implied empty body, and a reason
 * never replaces a text.
 */
export function foldBody(
  direction: 'request' | 'response',
  current: BodyMeta,
  source: CaptureSource,
  body: BodyObservation | undefined,
): BodyUpdate | undefined {
  if (!body) return undefined;
  if ('missing' in body) {
    if (current.captured) return undefined;
    return { meta: { ...current, missing: body.missing } };
  }
  if (
    current.captured &&
    !current.implied &&
    current.source &&
    rankOf(direction, current.source) >= rankOf(direction, source)
  ) {
    return undefined;
  }
  const fullSize = body.size ?? utf8Size(body.text);
  const text = cutText(body.text);
  const cut = text.length < body.text.length;
  const meta: BodyMeta = { ...current, captured: true, source, size: fullSize };
  delete meta.missing;
  delete meta.implied;
  if (cut || body.truncated) meta.truncated = true;
  else delete meta.truncated;
  return { meta, text };
}

/** Decodes webRequest's raw request body parts (bytes), as UTF-8, never byte by byte. */
export function decodeRawParts(
  parts: ReadonlyArray<{ bytes?: ArrayBuffer; file?: string }>,
): BodyObservation {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    if (part.file !== undefined)
      return { missing: 'The request body is a file upload; webRequest gives only its name.' };
    if (part.bytes) chunks.push(new Uint8Array(part.bytes));
  }
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // `fatal: false` keeps going on invalid UTF-8 (U+FFFD), the decoded view says so elsewhere.
  return { text: new TextDecoder('utf-8').decode(joined), size: total };
}

export const MISSING = {
  blobRequest:
    'webRequest could not read this body (Chromium does not expose Blob bodies, which the Web SDK uses for sendBeacon).',
  beaconResponse:
    'sendBeacon responses cannot be read by the page or by extensions; the status comes from the network.',
  noResponseSource:
    'Chromium does not give extensions response bodies, and no in-page source reported this one. Open the AEP Edge panel in DevTools while capturing to read bodies from the Network panel.',
  responsePending: 'Waiting for the page hook to read the response body.',
  failedNoBody: 'The request failed before a response arrived.',
} as const;
