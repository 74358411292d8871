/**
 * Reads bodies in the page without disturbing it: request bodies from the value the page passed,
 * response bodies from what the page read or from a clone (response-tap.ts). Never throws; a body
 * that cannot be read says why.
 */
import { capText as textBody } from '../session/body-text';
import type { BodyObservation } from '../session/observation';

export { textBody };

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
