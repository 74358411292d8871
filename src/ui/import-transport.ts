/**
 * A viewer transport over an imported file: the calls live in this page's memory, apart from live
 * capture, and answer the same protocol the worker speaks, so the imported view is the very same
 * viewer (list, details, notes, exports) with no second code path.
 */
import type { CapturedCall } from '../session/call';
import type { ReadonlySignal } from '@preact/signals';
import type { ImportResult } from '../session/import';
import type { Plan } from '../validate/plan';
import type {
  CallWithBodies,
  ToViewer,
  ToViewerMessage,
  ToWorker,
  ToWorkerMessage,
} from '../shared/protocol';
import { PROTOCOL_VERSION, message } from '../shared/protocol';
import type { ResendClient } from './resend/resend-client';
import type { ConnectionState, ViewerTransport } from './transport';

type Imported = Extract<ImportResult, { ok: true }>;

/**
 * `plan`, when given, is the plan in force: when it changes, every imported call is validated
 * again here (the bodies are in this page) and sent as an update, as the worker does for live ones.
 */
export function createImportTransport(
  imported: Imported,
  plan?: ReadonlySignal<Plan | undefined>,
  live?: ResendClient,
): ViewerTransport {
  const details = new Map<string, CallWithBodies>(
    imported.calls.map((c) => [
      c.call.id,
      { call: c.call, requestBody: c.requestBody, responseBody: c.responseBody },
    ]),
  );
  let deliver: ((msg: ToViewerMessage) => void) | undefined;
  const send = <K extends keyof ToViewer>(type: K, payload: ToViewer[K]) =>
    // Asynchronous like a port, so the model sees the same ordering as with the worker.
    queueMicrotask(() => deliver?.(message<ToViewer, K>(type, payload) as ToViewerMessage));
  const status = () => ({ paused: false, evicted: 0, stored: details.size });

  function edit(id: string, change: Partial<CapturedCall>): void {
    const current = details.get(id);
    if (!current) return;
    const call = { ...current.call, ...change, rev: (current.call.rev ?? 0) + 1 };
    details.set(id, { ...current, call });
    send('calls-upserted', { calls: [call] });
  }

  let applied = plan?.peek();
  const stopPlan = plan?.subscribe((next) => {
    if (next === applied) return;
    applied = next;
    void revalidate(next);
  });

  /** Every imported call against `next` (the analysis loads on first use, not with the panel). */
  async function revalidate(next: Plan | undefined): Promise<void> {
    const [{ analyzeCall, withAnalysis }, { pageOf }] = await Promise.all([
      import('../session/analysis'),
      import('../validate/session-verdicts'),
    ]);
    const visits = new Map(imported.pages.map((page) => [page.id, page]));
    if (next !== applied) return;
    const calls: CapturedCall[] = [];
    for (const [id, item] of details) {
      const page = pageOf(item.call, visits);
      const analysis = analyzeCall(item.call, item.requestBody, undefined, { plan: next, page }, [
        'validation',
      ]);
      const call = withAnalysis(item.call, analysis, ['validation']);
      details.set(id, { ...item, call });
      calls.push(call);
    }
    if (calls.length) send('calls-upserted', { calls });
  }

  function handle(msg: ToWorkerMessage): void {
    switch (msg.type) {
      case 'hello':
        send('snapshot', {
          calls: [...details.values()].map((d) => d.call),
          pages: imported.pages,
          reset: true,
          done: true,
          status: status(),
        });
        break;
      case 'get-call':
        send('call-detail', { id: msg.payload.id, detail: details.get(msg.payload.id) });
        break;
      case 'get-calls': {
        const found = msg.payload.ids
          .map((id) => details.get(id))
          .filter((d): d is CallWithBodies => !!d);
        send('calls-detail', { request: msg.payload.request, details: found, done: true });
        break;
      }
      case 'set-note':
        edit(msg.payload.id, { note: msg.payload.note || undefined });
        break;
      case 'set-hidden':
        edit(msg.payload.id, { hidden: msg.payload.hidden || undefined });
        break;
      case 'clear':
        details.clear();
        send('cleared', { scope: {} });
        send('status', status());
        break;
      default:
        // Pausing and DevTools entries mean nothing for a file.
        break;
    }
  }

  /**
   * Resend and Compare for imported calls: their records and bodies are here; a resend goes out
   * from the extension (there is no page), is captured live by the worker, and is shown in this
   * view too, linked to its original, so that Compare works here.
   */
  const resender: ResendClient = {
    async details(ids) {
      const elsewhere = ids.filter((id) => !details.has(id));
      const fetched = new Map(
        (elsewhere.length && live ? await live.details(elsewhere) : []).map((f) => [f.id, f]),
      );
      return ids.map((id) => {
        const here = details.get(id);
        return here ? { id, detail: here } : (fetched.get(id) ?? { id });
      });
    },
    async resend(originalId, request, from) {
      const original = details.get(originalId)?.call;
      if (!original || !live)
        return {
          ok: false,
          from,
          reason: 'no-original',
          error: 'The original call is not in this view.',
        };
      if (from === 'page')
        return {
          ok: false,
          from,
          reason: 'tab-gone',
          error: 'This call was imported from a file: there is no page to send it from.',
        };
      const outcome = await live.resend(originalId, request, from, original);
      if (outcome.resendId) await adopt(originalId, outcome.resendId);
      return outcome;
    },
  };

  /** Shows the worker's record of a resend here, linked both ways with its imported original. */
  async function adopt(originalId: string, resendId: string): Promise<void> {
    const [found] = await (live?.details([resendId]) ?? Promise.resolve([]));
    const original = details.get(originalId);
    if (!found?.detail || !original) return;
    const resend = { ...found.detail, call: { ...found.detail.call, resendOf: originalId } };
    const linked = {
      ...original.call,
      resends: [...(original.call.resends ?? []), resendId],
      rev: (original.call.rev ?? 0) + 1,
    };
    details.set(resendId, resend);
    details.set(originalId, { ...original, call: linked });
    send('calls-upserted', { calls: [linked, resend.call] });
  }

  return {
    resender,
    connect(onMessage, onStatus: (state: ConnectionState) => void) {
      deliver = onMessage;
      onStatus('connected');
      handle(message<ToWorker, 'hello'>('hello', { protocolVersion: PROTOCOL_VERSION, scope: {} }));
    },
    send: handle,
    disconnect() {
      deliver = undefined;
      stopPlan?.();
    },
  };
}
