/**
 * The relays' outboxes (storage.local, see RelayOutbox): what a page sent while leaving and never
 * saw acknowledged. The worker stores each one it finds, at start and whenever a relay saves one,
 * and removes its key once the write committed. A batch that also arrived by message merges into
 * the same calls (the merge is idempotent for the page's sources), so storing both is harmless.
 */
import type { Storage } from 'webextension-polyfill';
import type { CapturedCall, PageVisit } from '../session/call';
import type { Sender } from '../session/observation';
import {
  OUTBOX_PREFIX,
  UNPLACED,
  type RelayDocuments,
  cleanOutbox,
  outboxSender,
  type OutboxCall,
} from '../session/outbox';
import type { CaptureSession } from './capture-session';
import type { IngestBatcher } from './ingest-batcher';

/** How long an outbox whose relay was never answered waits for that relay's own messages. */
const UNANSWERED_GRACE_MS = 1_000;

async function outboxKeys(local: Storage.StorageArea): Promise<string[]> {
  // getKeys (Chromium 130, Firefox 143) avoids reading every value, the stored plan included.
  const keys =
    typeof local.getKeys === 'function'
      ? await local.getKeys()
      : Object.keys(await local.get(null));
  return keys.filter((key) => key.startsWith(OUTBOX_PREFIX));
}

/** The call URLs an outbox speaks of, for the note when its calls are kept under no tab. */
function outboxUrls(value: unknown): string[] {
  const urls = new Set<string>();
  const payloads = (value as { payloads?: unknown }).payloads;
  for (const payload of Array.isArray(payloads) ? payloads : []) {
    const observations = (payload as { observations?: unknown }).observations;
    for (const text of Array.isArray(observations) ? observations : []) {
      const url = typeof text === 'string' ? /"url":"([^"]+)"/.exec(text)?.[1] : undefined;
      if (url) urls.add(url);
    }
  }
  return [...urls];
}

export function followOutboxes(
  storage: Storage.Static,
  session: CaptureSession,
  batch: IngestBatcher,
  /** Resolves once a stopped worker's leftovers are queued: they may hold the calls to place by. */
  replayed: Promise<unknown>,
  /** The relays' documents, as their messages told them. */
  documents: RelayDocuments,
): void {
  const local = storage.local;
  /**
   * A relay never acknowledged: its own document when one of its messages named it, else the
   * tab and frame of the call its first observation is about,
   * found by the hook's own id (a batch of it may have reached the worker on a retry), else the
   * call webRequest saw at the same URL nearest in time that the page hook has not joined, else
   * the tab of a page at the relay's own URL nearest in time (a reload, back or forward shows the
   * same URL in the same tab: another document, so there the relay's own token names it).
   */
  const place = (wanted: OutboxCall, pageUrl: string): Sender | undefined => {
    const told = documents.get(wanted.pageToken);
    if (told) return told;
    let best: CapturedCall | undefined;
    for (const call of session.table.all()) {
      if (wanted.hookId !== undefined && call.keys.hookId === wanted.hookId) {
        best = call;
        break;
      }
      if (call.url !== wanted.url || call.keys.hookId !== undefined) continue;
      if (!best || Math.abs(call.startedAt - wanted.time) < Math.abs(best.startedAt - wanted.time))
        best = call;
    }
    // The call's page is the relay's document (the call came from it): its notice joins that page
    // rather than opening a second one under the relay's token.
    if (best)
      return {
        tabId: best.tabId,
        frameId: best.frameId ?? 0,
        ...(best.pageId !== undefined ? { documentId: best.pageId } : {}),
      };
    let page: PageVisit | undefined;
    for (const visit of session.pages.all()) {
      if (visit.url !== pageUrl || visit.tabId < 0) continue;
      if (!page || Math.abs(visit.startedAt - wanted.time) < Math.abs(page.startedAt - wanted.time))
        page = visit;
    }
    return page && { tabId: page.tabId, frameId: 0 };
  };
  const store = async (key: string, value: unknown): Promise<void> => {
    if (!outboxSender(value)) {
      // Placed by its calls, which must be in the table first: replayed, then written. A relay
      // saves its outbox at pagehide, while its own message (which names its document) may still
      // be on its way: that message gets a moment to land first, so the outbox is placed by the
      // calls it brought, on their page. Nothing waits in memory meanwhile: the outbox is stored.
      await replayed;
      await new Promise((resolve) => setTimeout(resolve, UNANSWERED_GRACE_MS));
      await batch.flush();
      await session.ready();
    }
    const batchOf = cleanOutbox(value, place);
    const release = () => void local.remove(key).catch(() => undefined);
    if (!batchOf) {
      release();
      return;
    }
    if (batchOf.observations.some((obs) => obs.tabId === UNPLACED.tabId))
      // Kept under no tab: the "All tabs" view and exports have it. Said, so it is never a mystery.
      console.info(
        '[aep-edge-inspector] kept the calls of a page that left before the worker ever answered it, under no tab:',
        key,
        outboxUrls(value).join(' '),
      );
    await batch.replay(batchOf.observations, batchOf.pages, release);
  };
  local.onChanged.addListener((changes) => {
    for (const [key, change] of Object.entries(changes)) {
      if (key.startsWith(OUTBOX_PREFIX) && change.newValue !== undefined)
        void store(key, change.newValue).catch(() => undefined);
    }
  });
  void outboxKeys(local)
    .then(async (keys) => {
      if (!keys.length) return;
      const values = await local.get(keys);
      for (const key of keys) void store(key, values[key]).catch(() => undefined);
    })
    .catch(() => undefined);
}
