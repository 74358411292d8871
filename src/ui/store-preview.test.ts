import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CapturedCall, PageVisit } from '../session/call';
import { PREVIEW_CALLS, SEQ_INDEX, STORE_DB, STORE_VERSION } from '../shared/store-schema';
import { previewSnapshot, readStorePreview } from './store-preview';

let factory: IDBFactory;
beforeEach(() => {
  factory = new IDBFactory();
  // idb's openDB (the test's writer) uses the global factory: the same fresh one.
  globalThis.indexedDB = factory;
});

/** The worker's store as background/store.ts creates it, with `calls` and `pages` written. */
async function storeWith(calls: CapturedCall[], pages: PageVisit[], version = STORE_VERSION) {
  const db = await openDB(STORE_DB, version, {
    upgrade(database) {
      const store = database.createObjectStore('calls', { keyPath: 'id' });
      if (version >= 2) store.createIndex(SEQ_INDEX, 'seq');
      database.createObjectStore('bodies');
      database.createObjectStore('pages', { keyPath: 'id' });
      database.createObjectStore('meta');
    },
  });
  const tx = db.transaction(['calls', 'pages'], 'readwrite');
  for (const call of calls) void tx.objectStore('calls').put(call);
  for (const page of pages) void tx.objectStore('pages').put(page);
  await tx.done;
  db.close();
}

const call = (seq: number, tabId: number) =>
  ({ id: `c${seq}`, seq, tabId, pageId: `p${tabId}-${Math.floor(seq / 50)}` }) as CapturedCall;
const page = (id: string, tabId: number) =>
  ({ id, tabId, url: `https://example.test/${id}`, startedAt: 0 }) as PageVisit;

describe('readStorePreview', () => {
  it('never creates the database: a page opened before any worker leaves none behind', async () => {
    expect(await readStorePreview({}, factory)).toBeUndefined();
    expect(await factory.databases()).toEqual([]);
  });

  it('reads the newest calls, oldest first, and only their pages', async () => {
    const calls = Array.from({ length: PREVIEW_CALLS + 50 }, (_, i) => call(i + 1, 1 + (i % 2)));
    const pages = [...new Set(calls.map((c) => c.pageId ?? ''))].map((id) =>
      page(id, Number(id.slice(1, 2))),
    );
    await storeWith(calls, [...pages, page('elsewhere', 9)]);

    const all = await readStorePreview({}, factory);
    expect(all?.calls.map((c) => c.seq)).toEqual(
      Array.from({ length: PREVIEW_CALLS }, (_, i) => i + 51),
    );
    expect(all?.pages.map((p) => p.id).sort()).toEqual(
      [...new Set(all?.calls.map((c) => c.pageId))].sort(),
    );

    // A tab's viewer: that tab's calls among the newest, and that tab's pages.
    const tab = await readStorePreview({ tabId: 2 }, factory);
    expect(tab?.calls.length).toBe(PREVIEW_CALLS / 2);
    expect(tab?.calls.every((c) => c.tabId === 2)).toBe(true);
    expect(tab?.pages.every((p) => p.tabId === 2)).toBe(true);
  });

  it('gives nothing for an empty store, and previewSnapshot nothing to send', async () => {
    await storeWith([], []);
    const empty = await readStorePreview({}, factory);
    expect(empty).toEqual({ calls: [], pages: [] });
    expect(previewSnapshot(empty)).toBeUndefined();
  });

  it('leaves an older store (no seq index) to the worker', async () => {
    await storeWith([call(1, 1)], [], 1);
    expect(await readStorePreview({}, factory)).toBeUndefined();
  });

  it('closes its connection so that the worker can upgrade the store', async () => {
    await storeWith([call(1, 1)], [page('p1-0', 1)]);
    await readStorePreview({}, factory);
    // Blocked (never opening) if the page had kept the database open.
    const upgraded = await new Promise<Awaited<ReturnType<typeof openDB>>>((resolve, reject) => {
      openDB(STORE_DB, STORE_VERSION + 1, {
        blocked: () => reject(new Error('blocked by the page')),
      }).then(resolve, reject);
    });
    expect(upgraded.version).toBe(STORE_VERSION + 1);
    upgraded.close();
  });

  it('turns the rows into a first snapshot page that says it is still loading', () => {
    const newest = { calls: [call(7, 1)], pages: [page('p1-0', 1)] };
    expect(previewSnapshot(newest)).toEqual({
      type: 'snapshot',
      payload: {
        calls: newest.calls,
        pages: newest.pages,
        reset: true,
        done: false,
        status: { paused: false, evicted: 0, stored: 1 },
      },
    });
  });
});
