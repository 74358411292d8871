/**
 * The relays' outboxes (storage.local, see RelayOutbox): what a page sent while leaving and never
 * saw acknowledged. The worker stores each one it finds, at start and whenever a relay saves one,
 * and removes its key once the write committed. A batch that also arrived by message merges into
 * the same calls (the merge is idempotent for the page's sources), so storing both is harmless.
 */
import type { Storage } from 'webextension-polyfill';
import { OUTBOX_PREFIX, cleanOutbox, type Sender } from '../session/observation';
import type { CaptureSession } from './capture-session';
import type { IngestBatcher } from './ingest-batcher';

async function outboxKeys(local: Storage.StorageArea): Promise<string[]> {
  // getKeys (Chromium 130, Firefox 143) avoids reading every value, the stored plan included.
  const keys =
    typeof local.getKeys === 'function'
      ? await local.getKeys()
      : Object.keys(await local.get(null));
  return keys.filter((key) => key.startsWith(OUTBOX_PREFIX));
}

export function followOutboxes(
  storage: Storage.Static,
  session: CaptureSession,
  batch: IngestBatcher,
): void {
  const local = storage.local;
  /** The newest known top-frame page at that URL: a relay that was never acknowledged. */
  const pageOfUrl = (url: string): Sender | undefined => {
    const page = session.pages
      .all()
      .reverse()
      .find((p) => p.url === url);
    return page && { tabId: page.tabId, frameId: 0, documentId: page.id };
  };
  const store = async (key: string, value: unknown): Promise<void> => {
    // Pages must be loaded before a relay can be placed by its URL.
    await session.ready();
    const batchOf = cleanOutbox(value, pageOfUrl);
    const release = () => void local.remove(key).catch(() => undefined);
    if (!batchOf) {
      console.warn('[aep-edge-inspector] an outbox could not be placed in a tab; dropped', key);
      release();
      return;
    }
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
