/**
 * What the viewer remembers about resends while it is open: the last request sent for each
 * original, so "Send again" is one click. Memory only, by design: a request may carry a token
 * (Server API), and tokens are never stored or exported.
 */
import { signal, type ReadonlySignal } from '@preact/signals';
import type { ResendRequest } from '../../session/resend-draft';
import type { ResendFrom } from '../../shared/protocol';

export interface RememberedSend {
  request: ResendRequest;
  from: ResendFrom;
  /** Each send gets a fresh requestId (the default). */
  newRequestId: boolean;
}

const sends = signal<ReadonlyMap<string, RememberedSend>>(new Map());

export const lastSends: ReadonlySignal<ReadonlyMap<string, RememberedSend>> = sends;

export function rememberSend(originalId: string, send: RememberedSend): void {
  const next = new Map(sends.peek());
  next.set(originalId, send);
  sends.value = next;
}

/** The request to send again: the same edit, with a fresh requestId unless that was turned off. */
export function againRequest(send: RememberedSend, newId: () => string): ResendRequest {
  if (!send.newRequestId) return send.request;
  // The URL API directly (as resend-draft's withParam does), so the panel's first load does not
  // carry the editor's modules: this runs from the details bar.
  try {
    const url = new URL(send.request.url);
    url.searchParams.set('requestId', newId());
    return { ...send.request, url: url.href };
  } catch {
    return send.request;
  }
}
