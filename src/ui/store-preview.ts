/**
 * The viewer page reads the store's newest calls itself on open, beside asking the worker. The
 * page and the worker are one origin, so they share the database; a cold worker starts 120–190 ms
 * after it is woken and only then reads, while this read is done in about 20 ms of the page's own
 * loading (BENCHMARKS.md, "The cold open (stop 17)"). The worker's snapshot replaces these rows.
 *
 * Only ever reads: the database is opened at whatever version it has, and a page that finds none
 * (a new profile whose worker has not opened it yet) aborts the open instead of creating an empty
 * one the worker would then fail to upgrade. A newer worker upgrading meanwhile closes it.
 */
import { PREVIEW_CALLS, SEQ_INDEX, STORE_DB, previewIn, type Newest } from '../shared/store-schema';
import { message, type Scope, type ToViewer, type ToViewerMessage } from '../shared/protocol';

/** The newest calls in `scope` and their pages; undefined when the store cannot be read. */
export function readStorePreview(
  scope: Scope,
  factory: IDBFactory | undefined = globalThis.indexedDB,
  limit = PREVIEW_CALLS,
): Promise<Newest | undefined> {
  return new Promise((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      if (!factory) throw new Error('no IndexedDB');
      open = factory.open(STORE_DB);
    } catch {
      resolve(undefined);
      return;
    }
    // Only a database that does not exist yet gets an upgrade here: never create it.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (event) => {
      event.preventDefault();
      resolve(undefined);
    };
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const done = (value: Newest | undefined) => {
        db.close();
        resolve(value);
      };
      try {
        const tx = db.transaction(['calls', 'pages'], 'readonly');
        const bySeq = tx.objectStore('calls').index(SEQ_INDEX);
        let newest: Newest = { calls: [], pages: [] };
        const last = bySeq.openCursor(null, 'prev');
        last.onsuccess = () => {
          const seq = (last.result?.value as { seq?: unknown } | undefined)?.seq;
          if (typeof seq !== 'number') return;
          const calls = bySeq.getAll(IDBKeyRange.lowerBound(seq - limit + 1));
          const pages = tx.objectStore('pages').getAll();
          calls.onsuccess = () => (newest = { ...newest, calls: calls.result as Newest['calls'] });
          pages.onsuccess = () => (newest = { ...newest, pages: pages.result as Newest['pages'] });
        };
        tx.oncomplete = () => done(previewIn(scope, newest));
        tx.onabort = () => done(undefined);
      } catch {
        // An older store (no `seq` index) or one without these tables: the worker answers.
        done(undefined);
      }
    };
  });
}

/**
 * The rows read here as the first snapshot page a viewer applies (`done: false`: still loading).
 * The status is only what the rows show; the worker's own snapshot brings the real one.
 */
export function previewSnapshot(newest: Newest | undefined): ToViewerMessage | undefined {
  if (!newest?.calls.length) return undefined;
  return message<ToViewer, 'snapshot'>('snapshot', {
    ...newest,
    reset: true,
    done: false,
    status: { paused: false, evicted: 0, stored: newest.calls.length },
  });
}
