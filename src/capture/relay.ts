/**
 * ISOLATED-world relay: forwards the hook's observations to the worker and keeps each batch until
 * the worker acknowledges it. The worker acknowledges only after its IndexedDB write committed, so
 * a worker stopped mid-traffic just means a resend from here.
 *
 * Observations are coalesced. Each runtime message costs the browser process, the worker and
 * the page about 1.9 ms of CPU together on the benchmark machine (per-process CPU counts in
 * BENCHMARKS.md), which made one message per Edge call the largest part of our cost. While a
 * viewer is open (the worker's last acknowledgement says so) the window is LIVE_COALESCE_MS: the
 * row comes at once from webRequest and the hook's bodies a quarter of a second later. While
 * nobody watches it is QUIET_COALESCE_MS, so a page's calls share even more of a message; the
 * worker's own window is as long then (ingest-batcher.ts). Two things are sent at once instead: a beacon (the Web SDK sends it while the document is being torn down, when a timer may
 * never fire) and everything queued from pagehide on.
 * Several batches may be in flight at once; the merge does not depend on their order, and a batch
 * stored twice (sent again, or also from the outbox) merges into the same calls.
 * The observations stay the JSON strings the hook wrote: the worker parses and checks them, so
 * the page's own thread does no second parse and serialisation.
 */
/**
 * The relay runs in every frame of every page, so it skips webextension-polyfill (most of its
 * size): MV3's `chrome.runtime.sendMessage` and Firefox's `browser.runtime.sendMessage` both
 * return a promise already.
 */
const api = (globalThis as { browser?: typeof chrome }).browser ?? chrome;
const runtime = api.runtime;

import type { RuntimeReplies, RuntimeRequests } from '../shared/protocol';
import { HOOK_EVENT, hookEventText, type Sender } from '../session/observation';
import { OUTBOX_PREFIX, type RelayOutbox } from '../session/outbox';

const BATCH_MAX = 200;
const LIVE_COALESCE_MS = 250;
const QUIET_COALESCE_MS = 1_000;
const RETRY_FIRST_MS = 50;
const RETRY_MAX_MS = 1_000;
/** After this long without an acknowledgement, give up rather than grow without bound. */
const GIVE_UP_MS = 120_000;

type Payload = RuntimeRequests['observe'];

const top = window === window.top;
/**
 * Firefox has no documentId for message senders; this token names the document instead.
 * `crypto.randomUUID` exists only in secure contexts, and this script also runs in plain-http
 * pages (any browser) and, in Firefox, in a new tab's about:blank (the Firefox e2e saw
 * "crypto.randomUUID is not a function" there), so fall back to getRandomValues, which every
 * context has.
 */
function newPageToken(): string {
  if (typeof crypto.randomUUID === 'function') return `doc-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `doc-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const pageToken = newPageToken();
let queue: string[] = [];
/**
 * The top document's notice (its URL, then its title) travels with its first observations, never
 * alone: a page that makes no Edge call, and whose Web SDK, Tags library or data layer reports
 * nothing (page-sdk.ts), costs the extension nothing after injection (no message, no worker
 * wake-up, no write). Once the page has been introduced, a later title still goes.
 * For top-frame calls webRequest brings the page's URL and documentId by itself (Chromium).
 */
let page: Payload['page'] | undefined = top ? { url: location.href, time: Date.now() } : undefined;
let introduced = false;
let timer: ReturnType<typeof setTimeout> | undefined;
/** From pagehide until the page is shown again: nothing waits. */
let leaving = false;

/** Batches sent and not yet acknowledged. */
const unacknowledged = new Set<Payload>();
/** Batches waiting to be sent again after a failure, and how to send them now. */
const retries = new Map<Payload, { timer: ReturnType<typeof setTimeout>; again: () => void }>();
/** Who this relay is, as the worker's first acknowledgement said (for the outbox). */
let from: Sender | undefined;
/** The outbox key last written, while one is. */
let outboxKey: string | undefined;
let outboxSaves = 0;
/** Whether a viewer was open at the worker's last acknowledgement (none known: assume one). */
let live = true;

/**
 * While the page is leaving, the batches still unacknowledged are also kept in storage.local,
 * which outlives this document and the worker: if the page is gone before the worker answers,
 * the worker stores them from there (background/relay-outbox.ts). Each save gets a key of its own
 * and the previous one is removed after it, so the worker never removes a newer save. Costs
 * nothing while the page stays: only leaving pages with batches in flight write.
 */
function saveOutbox(): void {
  const previous = outboxKey;
  outboxKey = undefined;
  const local = api.storage?.local;
  if (!local) return;
  if (unacknowledged.size) {
    outboxKey = `${OUTBOX_PREFIX}${pageToken}:${++outboxSaves}`;
    const entry: RelayOutbox = {
      url: location.href,
      top,
      payloads: [...unacknowledged],
      ...(from ? { from } : {}),
    };
    void local.set({ [outboxKey]: entry }).catch(() => undefined);
  }
  if (previous) void local.remove(previous).catch(() => undefined);
}

async function deliver(
  payload: Payload,
  firstTry = Date.now(),
  delay = RETRY_FIRST_MS,
): Promise<void> {
  try {
    const reply = (await runtime.sendMessage({ type: 'observe', payload })) as
      Partial<RuntimeReplies['observe']> | undefined;
    if (!reply?.ok) throw new Error('not acknowledged');
    from ??= reply.from;
    live = reply.live !== false;
    unacknowledged.delete(payload);
    if (outboxKey) saveOutbox();
  } catch {
    // The worker was stopped or is restarting: send the same batch again a little later.
    if (Date.now() - firstTry > GIVE_UP_MS) {
      console.warn(
        `[AEP Edge Inspector] dropped ${payload.observations.length} observations: the extension did not answer`,
      );
      unacknowledged.delete(payload);
      if (outboxKey) saveOutbox();
      return;
    }
    const again = () => {
      retries.delete(payload);
      void deliver(payload, firstTry, Math.min(RETRY_MAX_MS, delay * 2));
    };
    retries.set(payload, { timer: setTimeout(again, delay), again });
  }
}

function flush(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  while (queue.length || (page && introduced)) {
    const observations = queue.slice(0, BATCH_MAX);
    queue = queue.slice(observations.length);
    const payload: Payload = { observations, pageToken, ...(page ? { page } : {}) };
    page = undefined;
    introduced = true;
    unacknowledged.add(payload);
    void deliver(payload);
  }
  if (leaving && unacknowledged.size) saveOutbox();
}

function enqueueFlush(): void {
  if (leaving) return flush();
  timer ??= setTimeout(flush, live ? LIVE_COALESCE_MS : QUIET_COALESCE_MS);
}

// Listen on window in the capture phase: the hook dispatches on document, so this runs first.
window.addEventListener(
  HOOK_EVENT,
  (event) => {
    const text = hookEventText(event);
    if (text === undefined) return;
    queue.push(text);
    if (text.includes('"transport":"beacon"')) flush();
    else enqueueFlush();
  },
  true,
);
// The document is going away: whatever is queued goes now (the worker outlives the page), and so
// does anything the hook posts after this (its held request phases, a last beacon). What is not
// acknowledged yet goes to the outbox too (saveOutbox).
window.addEventListener(
  'pagehide',
  () => {
    leaving = true;
    flush();
    // A batch waiting to be sent again (the worker was stopping when it went) goes now, while
    // this document can still send: its timer would never fire. The browser starts a new worker
    // for it. Without this, a batch from a page the worker never answered could only reach the
    // store through the outbox, which cannot name the tab of a relay never acknowledged.
    for (const { timer, again } of [...retries.values()]) {
      clearTimeout(timer);
      again();
    }
  },
  true,
);
// Back from the back/forward cache: coalesce again.
window.addEventListener(
  'pageshow',
  () => {
    leaving = false;
  },
  true,
);

if (top) {
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      page = { url: location.href, title: document.title, time: Date.now() };
      if (introduced) enqueueFlush();
    },
    { once: true },
  );
}
