/**
 * The two ways a resend goes out (resend.ts decides which): from the page, through
 * `scripting.executeScript` in the MAIN world of the frame that made the original; or from the
 * worker itself, which then reports the request and its response as the `extension` source
 * (a fetch that saw its request and read its response, which no page made). Also the check of a
 * request that comes off the wire.
 */
import type { Browser } from 'webextension-polyfill';
import type { CapturedCall } from '../session/call';
import { headersOf, type ExtensionObservation } from '../session/observation';
import { maskSecretHeaders } from '../session/redact';
import type { ResendRequest } from '../session/resend-draft';
import type { CaptureSession } from './capture-session';
import { sendFromPage, type PageSendResult } from './page-send';
import { isRecord } from '../edge/read';

export type SendResult = PageSendResult | { error: string; tabGone: true };

/** Checks a request off the wire: shape only; the URL must be http(s). */
export function cleanResendRequest(raw: unknown): ResendRequest | undefined {
  if (!isRecord(raw) || typeof raw.url !== 'string' || typeof raw.method !== 'string') {
    return undefined;
  }
  if (!/^https?:\/\//i.test(raw.url) || !Array.isArray(raw.headers)) return undefined;
  const headers = raw.headers.filter(
    (h): h is { name: string; value: string } =>
      isRecord(h) && typeof h.name === 'string' && typeof h.value === 'string',
  );
  if (headers.length !== raw.headers.length) return undefined;
  if (raw.body !== undefined && typeof raw.body !== 'string') return undefined;
  const credentials = raw.credentials === 'omit' ? 'omit' : 'include';
  const request: ResendRequest = { method: raw.method, url: raw.url, headers, credentials };
  if (typeof raw.body === 'string') request.body = raw.body;
  return request;
}

export async function sendViaPage(
  scripting: Browser['scripting'],
  original: CapturedCall,
  request: ResendRequest,
): Promise<SendResult> {
  try {
    const [injection] = await scripting.executeScript({
      target: { tabId: original.tabId, frameIds: [original.frameId ?? 0] },
      world: 'MAIN',
      func: sendFromPage as (...args: unknown[]) => unknown,
      args: [{ ...request, headers: request.headers.map((h) => [h.name, h.value]) }],
    });
    const result = injection?.result as PageSendResult | undefined;
    return result ?? { error: 'The page gave no answer (it may have navigated away).' };
  } catch (error) {
    // The frame (or the tab) went away, or the page is one extensions may not script.
    const text = String(error instanceof Error ? error.message : error);
    return /no (tab|frame)|frame.*(removed|not found)/i.test(text)
      ? { error: `The page that made this call is gone: ${text}`, tabGone: true }
      : { error: `The page could not send it: ${text}` };
  }
}

/** Sends from the worker, filed under the original's tab; secrets are masked in what is kept. */
export async function sendViaWorker(
  session: CaptureSession,
  original: CapturedCall,
  request: ResendRequest,
): Promise<PageSendResult> {
  const base = {
    source: 'extension' as const,
    sendId: `resend:${crypto.randomUUID()}`,
    tabId: original.tabId,
    url: request.url,
    method: request.method,
  };
  const requestObs: ExtensionObservation = {
    ...base,
    phase: 'request',
    time: Date.now(),
    requestHeaders: maskSecretHeaders(request.headers),
  };
  if (request.body !== undefined) requestObs.requestBody = { text: request.body };
  await session.ingest([requestObs]);
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers.map((h): [string, string] => [h.name, h.value]),
      credentials: request.credentials,
      cache: 'no-store',
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(request.url, init);
    const text = await response.text();
    const responseHeaders = maskSecretHeaders(headersOf([...response.headers]) ?? []);
    const { status, statusText } = response;
    await session.ingest([
      {
        ...base,
        phase: 'response',
        time: Date.now(),
        status,
        statusText,
        responseHeaders,
        responseBody: { text },
      },
    ]);
    return { status, statusText };
  } catch (error) {
    await session.ingest([{ ...base, phase: 'error', time: Date.now(), error: String(error) }]);
    return { error: String(error) };
  }
}
