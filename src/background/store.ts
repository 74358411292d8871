/**
 * Durable store: IndexedDB in the worker. All writes go through capture-session.ts's one write queue, so
 * there is no read-modify-write race between listeners. Everything the worker knows is here, so a
 * stopped worker loses nothing that was acknowledged.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import type { CapturedCall, PageVisit } from '../session/call';
import type { PauseWindow } from '../session/pause-windows';

export interface StoredMeta {
  /** When capture was paused; paused now = the last window is open (session/pause-windows.ts). */
  pauses: PauseWindow[];
  /** Calls evicted by the caps, per tab id (as a string key). */
  evicted: Record<string, number>;
}

interface Schema extends DBSchema {
  calls: { key: string; value: CapturedCall };
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

export class Store {
  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(name = 'aep-edge-inspector'): Promise<Store> {
    const db = await openDB<Schema>(name, 1, {
      upgrade(database) {
        database.createObjectStore('calls', { keyPath: 'id' });
        database.createObjectStore('bodies');
        database.createObjectStore('pages', { keyPath: 'id' });
        database.createObjectStore('meta');
      },
    });
    return new Store(db);
  }

  async load(): Promise<{ calls: CapturedCall[]; pages: PageVisit[]; meta: StoredMeta }> {
    const tx = this.db.transaction(['calls', 'pages', 'meta'], 'readonly');
    const [calls, pages, meta] = await Promise.all([
      tx.objectStore('calls').getAll(),
      tx.objectStore('pages').getAll(),
      tx.objectStore('meta').get('meta'),
    ]);
    return { calls, pages, meta: { pauses: meta?.pauses ?? [], evicted: meta?.evicted ?? {} } };
  }

  async body(callId: string, direction: 'request' | 'response'): Promise<string | undefined> {
    return this.db.get('bodies', bodyKey(callId, direction));
  }

  /** One transaction for a whole batch; resolves when it is committed. */
  async write(writes: Writes): Promise<void> {
    const tx = this.db.transaction(['calls', 'bodies', 'pages', 'meta'], 'readwrite');
    const calls = tx.objectStore('calls');
    const bodies = tx.objectStore('bodies');
    const pages = tx.objectStore('pages');
    for (const id of writes.deleteCalls) {
      void calls.delete(id);
      void bodies.delete(bodyKey(id, 'request'));
      void bodies.delete(bodyKey(id, 'response'));
    }
    for (const id of writes.deletePages) void pages.delete(id);
    for (const call of writes.calls) void calls.put(call);
    for (const body of writes.bodies) void bodies.put(body.text, body.key);
    for (const page of writes.pages) void pages.put(page);
    if (writes.meta) void tx.objectStore('meta').put(writes.meta, 'meta');
    await tx.done;
  }
}
