/**
 * Durable store: IndexedDB in the worker. All writes go through capture-session.ts's one write
 * queue, so there is no read-modify-write race between listeners. Everything the worker knows is
 * here, so a stopped worker loses nothing that was acknowledged.
 *
 * The bodies it wrote or read last are also kept in memory: the analysis after a merge needs both
 * bodies of a call and usually has only the one that just arrived; the other was written a moment
 * before. A call's bodies arrive within seconds of each other, so a thousand cover every burst.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { CapturedCall, PageVisit } from '../session/call';
import type { PauseWindow } from '../session/pause-windows';
import { SEQ_INDEX, STORE_DB, STORE_VERSION, type Newest } from '../shared/store-schema';

export interface StoredMeta {
  /** When capture was paused; paused now = the last window is open (session/pause-windows.ts). */
  pauses: PauseWindow[];
  /** Calls evicted by the caps, per tab id (as a string key). */
  evicted: Record<string, number>;
}

interface Schema extends DBSchema {
  calls: { key: string; value: CapturedCall; indexes: { seq: number } };
  /** Body texts, keyed `${callId}:request` / `${callId}:response`. */
  bodies: { key: string; value: string };
  pages: { key: string; value: PageVisit };
  meta: { key: string; value: StoredMeta };
}

export interface Writes {
  calls: CapturedCall[];
  bodies: Array<{ key: string; text: string }>;
  pages: PageVisit[];
  deleteCalls: string[];
  deletePages: string[];
  meta?: StoredMeta;
}

export function bodyKey(callId: string, direction: 'request' | 'response'): string {
  return `${callId}:${direction}`;
}

export function emptyWrites(): Writes {
  return { calls: [], bodies: [], pages: [], deleteCalls: [], deletePages: [] };
}

/** Body texts kept in memory (both directions of about 500 calls). */
export const RECENT_BODIES = 1_000;

export class Store {
  /** Recently written or read body texts by body key, oldest first. */
  private readonly recent = new Map<string, string>();

  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  private remember(key: string, text: string): void {
    this.recent.delete(key);
    this.recent.set(key, text);
    while (this.recent.size > RECENT_BODIES) {
      const oldest = this.recent.keys().next().value;
      if (oldest === undefined) break;
      this.recent.delete(oldest);
    }
  }

  static async open(name = STORE_DB): Promise<Store> {
    const db = await openDB<Schema>(name, STORE_VERSION, {
      upgrade(database, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          database.createObjectStore('calls', { keyPath: 'id' });
          database.createObjectStore('bodies');
          database.createObjectStore('pages', { keyPath: 'id' });
          database.createObjectStore('meta');
        }
        // Version 2: calls by `seq`, so the newest can be read without reading them all (newest).
        const calls = transaction.objectStore('calls');
        if (!calls.indexNames.contains(SEQ_INDEX)) calls.createIndex(SEQ_INDEX, 'seq');
      },
    });
    return new Store(db);
  }

  /**
   * Everything; or, given `belowSeq` (after `newest` read the rest), only the calls older than
   * it and no page, so that nothing is read twice.
   */
  async load(
    belowSeq?: number,
  ): Promise<{ calls: CapturedCall[]; pages: PageVisit[]; meta: StoredMeta }> {
    const tx = this.db.transaction(['calls', 'pages', 'meta'], 'readonly');
    const calls = tx.objectStore('calls');
    const [older, pages, meta] = await Promise.all([
      belowSeq === undefined
        ? calls.getAll()
        : calls.index('seq').getAll(IDBKeyRange.upperBound(belowSeq, true)),
      belowSeq === undefined ? tx.objectStore('pages').getAll() : [],
      tx.objectStore('meta').get('meta'),
    ]);
    return {
      calls: older,
      pages,
      meta: { pauses: meta?.pauses ?? [], evicted: meta?.evicted ?? {} },
    };
  }

  /**
   * The `limit` newest calls (oldest first) and every page: what a viewer that opened a cold
   * worker shows first, while `load` still reads the rest (10,000 calls take it several hundred
   * milliseconds on the benchmark machine). Two reads: the newest `seq`, then the range below it
   * (`seq` only grows; evicted calls leave gaps, so the range may hold fewer).
   */
  async newest(limit: number): Promise<Newest> {
    const tx = this.db.transaction(['calls', 'pages'], 'readonly');
    const bySeq = tx.objectStore('calls').index('seq');
    const last = await bySeq.openCursor(null, 'prev');
    const [calls, pages] = await Promise.all([
      last ? bySeq.getAll(IDBKeyRange.lowerBound(last.value.seq - limit + 1)) : [],
      tx.objectStore('pages').getAll(),
    ]);
    return { calls, pages };
  }

  async body(callId: string, direction: 'request' | 'response'): Promise<string | undefined> {
    const key = bodyKey(callId, direction);
    const recent = this.recent.get(key);
    if (recent !== undefined) return recent;
    const text = await this.db.get('bodies', key);
    // A write that landed while this read was in flight has the newer text: keep that one.
    if (text !== undefined && !this.recent.has(key)) this.remember(key, text);
    return this.recent.get(key) ?? text;
  }

  /** Many calls' bodies of one direction, read in one transaction (a plan change reads them all). */
  async bodies(
    callIds: readonly string[],
    direction: 'request' | 'response',
  ): Promise<Map<string, string | undefined>> {
    const found = new Map<string, string | undefined>();
    const missing: string[] = [];
    for (const id of callIds) {
      const recent = this.recent.get(bodyKey(id, direction));
      if (recent !== undefined) found.set(id, recent);
      else missing.push(id);
    }
    if (missing.length) {
      const store = this.db.transaction('bodies', 'readonly').store;
      const texts = await Promise.all(missing.map((id) => store.get(bodyKey(id, direction))));
      missing.forEach((id, i) => found.set(id, texts[i]));
    }
    return found;
  }

  /** One transaction for a whole batch; resolves when it is committed. */
  async write(writes: Writes): Promise<void> {
    const tx = this.db.transaction(['calls', 'bodies', 'pages', 'meta'], 'readwrite');
    const calls = tx.objectStore('calls');
    const bodies = tx.objectStore('bodies');
    const pages = tx.objectStore('pages');
    for (const id of writes.deleteCalls) {
      this.recent.delete(bodyKey(id, 'request'));
      this.recent.delete(bodyKey(id, 'response'));
      void calls.delete(id);
      void bodies.delete(bodyKey(id, 'request'));
      void bodies.delete(bodyKey(id, 'response'));
    }
    for (const id of writes.deletePages) void pages.delete(id);
    for (const call of writes.calls) void calls.put(call);
    for (const body of writes.bodies) {
      void bodies.put(body.text, body.key);
      this.remember(body.key, body.text);
    }
    for (const page of writes.pages) void pages.put(page);
    if (writes.meta) void tx.objectStore('meta').put(writes.meta, 'meta');
    await tx.done;
  }
}
