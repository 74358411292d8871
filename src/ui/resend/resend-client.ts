/**
 * The viewer's side of the resend port (protocol.ts, RESEND_PORT): one port per request, one
 * reply. The only resend code in the UI that touches the browser API; tests use a fake client.
 * It uses `chrome.runtime.connect` (Firefox has it too) looked up at call time rather than
 * importing webextension-polyfill, which throws when loaded outside an extension and so would
 * break every component test that renders the details bar.
 */
import {
  isFromResenderMessage,
  message,
  RESEND_PORT,
  type CallWithBodies,
  type FromResenderMessage,
  type ResendFrom,
  type ResendOutcome,
  type ResendRequest,
  type ToResender,
  type ToResenderMessage,
} from '../../shared/protocol';
import type { CapturedCall } from '../../session/call';

export interface ResendClient {
  /** `imported`: the original's record, when the worker does not store it (an imported call). */
  resend(
    originalId: string,
    request: ResendRequest,
    from: ResendFrom,
    imported?: CapturedCall,
  ): Promise<ResendOutcome>;
  /** Stored records with bodies; ids the worker no longer has come back without `detail`. */
  details(ids: readonly string[]): Promise<Array<{ id: string; detail?: CallWithBodies }>>;
}

/** A send that hangs this long has gone wrong somewhere; the capture still shows what happened. */
const REPLY_TIMEOUT_MS = 60_000;

function ask(request: ToResenderMessage): Promise<FromResenderMessage> {
  return new Promise((resolve, reject) => {
    let port: chrome.runtime.Port;
    try {
      port = chrome.runtime.connect({ name: RESEND_PORT });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
      port.disconnect();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error('The extension did not answer in time.'))),
      REPLY_TIMEOUT_MS,
    );
    port.onMessage.addListener((raw: unknown) => {
      if (isFromResenderMessage(raw)) settle(() => resolve(raw));
    });
    port.onDisconnect.addListener(() =>
      settle(() =>
        // The MV3 worker can stop at any time; the request may or may not have gone out.
        reject(new Error('The extension restarted before it answered; check the call list.')),
      ),
    );
    port.postMessage(request);
  });
}

export function createPortResendClient(): ResendClient {
  return {
    async resend(originalId, request, from, imported) {
      try {
        const reply = await ask(
          message<ToResender, 'resend'>('resend', {
            originalId,
            request,
            from,
            ...(imported ? { imported } : {}),
          }),
        );
        if (reply.type === 'resend-result') return reply.payload;
        return { ok: false, from, reason: 'failed', error: 'Unexpected answer.' };
      } catch (error) {
        return { ok: false, from, reason: 'failed', error: String((error as Error).message) };
      }
    },
    async details(ids) {
      try {
        const reply = await ask(
          message<ToResender, 'get-details'>('get-details', { ids: [...ids] }),
        );
        return reply.type === 'details' ? reply.payload.details : [];
      } catch {
        return ids.map((id) => ({ id }));
      }
    },
  };
}

let shared: ResendClient | undefined;

/** The viewer's client, made on first use (a test hands its own to the components instead). */
export function resendClient(): ResendClient {
  shared ??= createPortResendClient();
  return shared;
}
