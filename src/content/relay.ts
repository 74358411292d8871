/**
 * ISOLATED-world relay: forwards the hook's observations to the worker in batches, in order, and
 * keeps each batch until the worker acknowledges it. The worker acknowledges only after its
 * IndexedDB write committed, so a worker stopped mid-traffic just means a resend here.
 */
import browser from 'webextension-polyfill';
import type { RuntimeRequests } from '../shared/protocol';
import { isHookEnvelope } from './channel';

const BATCH_MAX = 200;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 1_000;
/** After this long without an acknowledgement, give up rather than grow without bound. */
const GIVE_UP_MS = 120_000;

const top = window === window.top;
// Firefox has no documentId for message senders; this token names the document instead.
const pageToken = `doc-${crypto.randomUUID()}`;
let queue: unknown[] = [];
let pendingPage: RuntimeRequests['observe']['page'] | undefined = top
  ? { url: location.href, time: Date.now() }
  : undefined;
let sending = false;
let firstFailureAt = 0;

function schedule(delay = 0): void {
  if (sending) return;
  sending = true;
  setTimeout(() => void flush(delay), delay);
}

async function flush(lastDelay: number): Promise<void> {
  const observations = queue.slice(0, BATCH_MAX);
  const page = pendingPage;
  if (!observations.length && !page) {
    sending = false;
    return;
  }
  const payload = { observations, pageToken, ...(page ? { page } : {}) } as RuntimeRequests['observe'];
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'observe', payload })) as { ok?: boolean } | undefined;
    if (!reply?.ok) throw new Error('not acknowledged');
    queue = queue.slice(observations.length);
    if (pendingPage === page) pendingPage = undefined;
    firstFailureAt = 0;
    sending = false;
    if (queue.length || pendingPage) schedule();
  } catch {
    // The worker was stopped or is restarting: resend the same batch a little later.
    const now = Date.now();
    firstFailureAt ||= now;
    sending = false;
    if (now - firstFailureAt > GIVE_UP_MS) {
      console.warn(`[AEP Edge Inspector] dropped ${queue.length} observations: the extension did not answer`);
      queue = [];
      pendingPage = undefined;
      firstFailureAt = 0;
      return;
    }
    schedule(Math.min(RETRY_MAX_MS, Math.max(RETRY_FIRST_MS, lastDelay * 2)));
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the hook in this very frame: not other frames, not other windows.
  if (event.source !== window || !isHookEnvelope(event.data)) return;
  queue.push(event.data.observation);
  schedule();
});

if (top) {
  const notePage = () => {
    pendingPage = { url: location.href, title: document.title, time: Date.now() };
    schedule();
  };
  document.addEventListener('DOMContentLoaded', notePage, { once: true });
  schedule();
}
