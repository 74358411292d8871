/**
 * ISOLATED-world relay: forwards the hook's observations to the worker and keeps each batch until
 * the worker acknowledges it. The worker acknowledges only after its IndexedDB write committed, so
 * a worker stopped mid-traffic just means a resend from here.
 *
 * Observations are sent in the same microtask checkpoint as they arrive (coalesced, not delayed):
 * the unload beacon is reported while its document is being torn down, and a timer might never
 * fire. Several batches may be in flight at once; the merge does not depend on their order.
 */
import browser from 'webextension-polyfill';
import type { RuntimeRequests } from '../shared/protocol';
import { HOOK_EVENT, decodeHookEvent } from './channel';

const BATCH_MAX = 200;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 1_000;
/** After this long without an acknowledgement, give up rather than grow without bound. */
const GIVE_UP_MS = 120_000;

type Payload = RuntimeRequests['observe'];

const top = window === window.top;
// Firefox has no documentId for message senders; this token names the document instead.
const pageToken = `doc-${crypto.randomUUID()}`;
let queue: unknown[] = [];
let page: Payload['page'] | undefined = top ? { url: location.href, time: Date.now() } : undefined;
let flushQueued = false;

async function deliver(
  payload: Payload,
  firstTry = Date.now(),
  delay = RETRY_FIRST_MS,
): Promise<void> {
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'observe', payload })) as
      { ok?: boolean } | undefined;
    if (!reply?.ok) throw new Error('not acknowledged');
  } catch {
    // The worker was stopped or is restarting: send the same batch again a little later.
    if (Date.now() - firstTry > GIVE_UP_MS) {
      console.warn(
        `[AEP Edge Inspector] dropped ${payload.observations.length} observations: the extension did not answer`,
      );
      return;
    }
    setTimeout(() => void deliver(payload, firstTry, Math.min(RETRY_MAX_MS, delay * 2)), delay);
  }
}

function flush(): void {
  flushQueued = false;
  while (queue.length || page) {
    const observations = queue.slice(0, BATCH_MAX) as Payload['observations'];
    queue = queue.slice(observations.length);
    const payload: Payload = { observations, pageToken, ...(page ? { page } : {}) };
    page = undefined;
    void deliver(payload);
  }
}

function enqueueFlush(): void {
  if (flushQueued) return;
  flushQueued = true;
  queueMicrotask(flush);
}

// Listen on window in the capture phase: the hook dispatches on document, so this runs first.
window.addEventListener(
  HOOK_EVENT,
  (event) => {
    const observation = decodeHookEvent(event);
    if (observation === undefined) return;
    queue.push(observation);
    enqueueFlush();
  },
  true,
);

if (top) {
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      page = { url: location.href, title: document.title, time: Date.now() };
      enqueueFlush();
    },
    { once: true },
  );
  enqueueFlush();
}
