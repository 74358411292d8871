/**
 * Resend, the worker's side. A viewer asks, on a RESEND_PORT port, to send an edited
 * request as a resend of a captured call. The worker:
 * 1. remembers the request's link key (its requestId, else its URL) as pending for that original;
 * 2. sends it: from the page, with `scripting.executeScript` in the MAIN world of the frame that
 *    made the original (so origin, cookies and CORS are the page's, and the page hook and
 *    webRequest capture it as usual); or from the worker itself (the tab is gone, or a Server API
 *    call whose token must never reach the page);
 * 3. links the first call captured after that with the pending key, both ways, through the
 *    session's write queue (so the links are stored with the records), and answers the viewer.
 * Tokens are used for the one fetch and forgotten: nothing here stores a request.
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import { matchEdgeUrl } from '../edge/endpoint';
import { isRecord } from '../edge/read';
import type { CapturedCall } from '../session/call';
import type { Observation, PageObservation } from '../session/observation';
import { linkKeyOf } from '../session/resend-draft';
import {
  RESEND_PORT,
  isToResenderMessage,
  message,
  type FromResender,
  type FromResenderMessage,
  type ResendFrom,
  type ResendOutcome,
  type ToResenderMessage,
} from '../shared/protocol';
import type { CaptureSession } from './capture-session';
import { cleanResendRequest, sendViaPage, sendViaWorker } from './resend-send';

type ObservationSink = (obs: Observation, page?: PageObservation) => void;

/** How long a send's key waits for its call: the capture lands within a second or two. */
const PENDING_MS = 60_000;
/** How long the reply waits for the link after the send finished, before answering without it. */
const LINK_WAIT_MS = 4_000;
const MAX_DETAILS = 10;

interface Pending {
  key: string;
  originalId: string;
  /** Only calls created after the send started can be the resend (the original may share a key). */
  afterSeq: number;
  /** The tab the call belongs to; for worker-sent requests, the original's tab. */
  tabId: number;
  fromWorker: boolean;
  expires: number;
  resendId?: string;
  onLinked: Array<(id: string) => void>;
}

export class Resender {
  private pending: Pending[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly session: CaptureSession,
  ) {
    session.onChange((change) => this.link(change.calls));
  }

  /**
   * Wraps the webRequest sink: a request the worker sent for a resend has no tab (-1); it is
   * filed under the original's tab, so it shows in that tab's viewer, joined with the worker's
   * own report of it.
   */
  adopting(sink: ObservationSink): ObservationSink {
    return (obs, page) => {
      if (obs.tabId >= 0) return sink(obs, page);
      const key = linkKeyOf(obs.url);
      const pending = this.pending.find((p) => p.fromWorker && p.key === key);
      sink(pending ? { ...obs, tabId: pending.tabId } : obs, page);
    };
  }

  listen(onConnect: Runtime.Static['onConnect']): void {
    const origin = new URL(this.browser.runtime.getURL('/')).origin;
    onConnect.addListener((port) => {
      if (port.name !== RESEND_PORT) return;
      // Only the extension's own pages (the viewer, in DevTools or a tab) may send requests; a
      // content script's sender URL is its page's, never the extension's.
      if (!port.sender?.url?.startsWith(`${origin}/`)) {
        port.disconnect();
        return;
      }
      port.onMessage.addListener((raw: unknown) => {
        if (!isToResenderMessage(raw)) return;
        void this.answer(raw).then((reply) => {
          try {
            port.postMessage(reply);
          } catch {
            // The viewer closed before the answer: the resend is captured and linked anyway.
          }
        });
      });
    });
  }

  private async answer(request: ToResenderMessage): Promise<FromResenderMessage> {
    if (request.type === 'get-details') {
      const ids = Array.isArray(request.payload.ids)
        ? request.payload.ids.slice(0, MAX_DETAILS)
        : [];
      const details = await Promise.all(
        ids.map(async (id) => ({
          id: String(id),
          detail: await this.session.withBodies(String(id)),
        })),
      );
      return message<FromResender, 'details'>('details', { details });
    }
    const { originalId, from, imported } = request.payload;
    const outcome = await this.resend(
      String(originalId),
      request.payload.request,
      from === 'extension' ? 'extension' : 'page',
      importedOriginal(String(originalId), imported),
    );
    return message<FromResender, 'resend-result'>('resend-result', outcome);
  }

  /**
   * Sends `raw` as a resend of `originalId`: a stored call, or `imported`, a call an imported view
   * holds (the worker never stored it; it has no page, so only the extension can send it).
   */
  async resend(
    originalId: string,
    raw: unknown,
    from: ResendFrom,
    imported?: CapturedCall,
  ): Promise<ResendOutcome> {
    await this.session.ready();
    const original = this.session.table.get(originalId) ?? imported;
    if (!original) {
      return {
        ok: false,
        from,
        reason: 'no-original',
        error: 'The original call is no longer stored.',
      };
    }
    const cleaned = cleanResendRequest(raw);
    if (!cleaned)
      return { ok: false, from, reason: 'failed', error: 'The request is not well formed.' };
    // A call from a file names whatever host the file chose: it never goes out with the
    // browser's cookies for that host.
    const request = original.imported ? { ...cleaned, credentials: 'omit' as const } : cleaned;
    if (from === 'page') {
      const gone = await this.tabGone(original);
      if (gone) return { ok: false, from, reason: 'tab-gone', error: gone };
    }
    const pending = this.awaitCall(original, request.url, from === 'extension');
    const result =
      from === 'page'
        ? await sendViaPage(this.browser.scripting, original, request)
        : await sendViaWorker(this.session, original, request);
    const resendId = pending.resendId ?? (await this.linked(pending, LINK_WAIT_MS));
    if ('error' in result) {
      const reason = 'tabGone' in result ? 'tab-gone' : 'failed';
      return { ok: false, from, reason, error: result.error, resendId };
    }
    return { ok: true, from, status: result.status, statusText: result.statusText, resendId };
  }

  /** Why the original's page cannot send it, or undefined when it can. */
  private async tabGone(original: CapturedCall): Promise<string | undefined> {
    if (original.imported)
      return 'This call was imported from a file: there is no page to send it from.';
    if (original.tabId < 0) return 'This call came from no tab: there is no page to send it from.';
    try {
      await this.browser.tabs.get(original.tabId);
      return undefined;
    } catch {
      return 'The tab that made this call is closed.';
    }
  }

  private awaitCall(original: CapturedCall, url: string, fromWorker: boolean): Pending {
    const now = Date.now();
    this.pending = this.pending.filter((p) => p.expires > now);
    const last = this.session.table.all().at(-1);
    const pending: Pending = {
      key: linkKeyOf(url),
      originalId: original.id,
      afterSeq: last?.seq ?? 0,
      tabId: original.tabId,
      fromWorker,
      expires: now + PENDING_MS,
      onLinked: [],
    };
    this.pending.push(pending);
    return pending;
  }

  private linked(pending: Pending, ms: number): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ms);
      pending.onLinked.push((id) => {
        clearTimeout(timer);
        resolve(id);
      });
    });
  }

  /** Links each newly captured call that a pending resend was waiting for. */
  private link(calls: readonly CapturedCall[]): void {
    for (const call of calls) {
      if (call.resendOf !== undefined) continue;
      const key = linkKeyOf(call.url);
      const pending = this.pending.find(
        (p) =>
          p.resendId === undefined &&
          p.key === key &&
          call.seq > p.afterSeq &&
          call.id !== p.originalId,
      );
      if (!pending) continue;
      // Kept until it expires: the worker's own request still needs `adopting` after the link.
      pending.resendId = call.id;
      void this.session
        .amend([call.id, pending.originalId], (record) =>
          record.id === call.id
            ? { ...record, resendOf: pending.originalId }
            : { ...record, resends: [...(record.resends ?? []), call.id] },
        )
        .then(() => {
          for (const notify of pending.onLinked) notify(call.id);
        });
    }
  }
}

/**
 * The record an imported view sent with its resend, checked off the wire: only what the send
 * needs, filed under no tab (-1), and only when it says it came from a file.
 */
function importedOriginal(id: string, value: unknown): CapturedCall | undefined {
  if (!isRecord(value) || !isRecord(value.imported) || typeof value.url !== 'string')
    return undefined;
  const endpoint = matchEdgeUrl(value.url);
  if (!endpoint) return undefined;
  const { importId, fileName, format } = value.imported;
  return {
    id,
    seq: 0,
    tabId: -1,
    url: value.url,
    method: typeof value.method === 'string' ? value.method : 'POST',
    endpoint,
    startedAt: 0,
    state: 'complete',
    request: { captured: false },
    response: { captured: false },
    sources: [],
    keys: {},
    imported: {
      importId: typeof importId === 'string' ? importId : 'import',
      fileName: typeof fileName === 'string' ? fileName : 'file',
      format: format === 'session' ? 'session' : 'har',
    },
  };
}
