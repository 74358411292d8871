/**
 * The worker's write-ahead log for webRequest events: they are handed to `storage.session` in
 * groups (ingest-batcher.ts, LOG_GROUP_MS) before they wait for their IndexedDB window, and removed
 * once that window committed. `storage.session` lives in the browser process, so a worker stopped
 * inside a window (by the browser, or by CDP in the fault tests) loses no logged event: the next
 * worker replays what the last one left (`leftovers`). Replaying is safe because the merge is
 * idempotent for sources with an own key (webRequest id, hook id, monitor id, send id); the
 * DevTools source has none, so it is not logged. The relays' batches are not logged: a relay keeps
 * each one until its window committed and sends it again otherwise.
 *
 * Why `storage.session` and not IndexedDB: a `set` is one message to the browser process, kept in
 * memory there, about a tenth of an IndexedDB transaction's CPU (BENCHMARKS.md); and it is the
 * one store that outlives the worker without touching the disk.
 */
import type { Observation, PageObservation } from '../session/observation';
import { isRecord } from '../edge/read';

export interface LogArea {
  set(items: Record<string, unknown>): Promise<void>;
  get(keys: null | string[]): Promise<Record<string, unknown>>;
  remove(keys: string | string[]): Promise<void>;
}

export interface LoggedBatch {
  observations: Observation[];
  pages: PageObservation[];
}

export const INTAKE_PREFIX = 'intake:';

function asBatch(value: unknown): LoggedBatch | undefined {
  if (!isRecord(value) || !Array.isArray(value.observations) || !Array.isArray(value.pages))
    return undefined;
  // Each observation is checked again by the call table (toObservation) when it is applied.
  return {
    observations: value.observations as Observation[],
    pages: value.pages.filter(
      (p): p is PageObservation =>
        isRecord(p) && typeof p.tabId === 'number' && typeof p.url === 'string',
    ),
  };
}

export class IntakeLog {
  private seq = 0;
  private readonly prefix: string;

  constructor(
    private readonly area: LogArea,
    /** This worker's run: its own entries are not leftovers. */
    boot: string,
  ) {
    this.prefix = `${INTAKE_PREFIX}${boot}:`;
  }

  /**
   * Logs one batch. `written` resolves true once the browser holds it, false if it could not
   * (quota, a closing browser): then only the IndexedDB commit keeps it.
   */
  write(batch: LoggedBatch): { key: string; written: Promise<boolean> } {
    const key = `${this.prefix}${(++this.seq).toString(36).padStart(6, '0')}`;
    const written = this.area.set({ [key]: batch }).then(
      () => true,
      () => false,
    );
    return { key, written };
  }

  /** Forgets entries whose window has committed. */
  release(keys: readonly string[]): Promise<void> {
    if (!keys.length) return Promise.resolve();
    return this.area.remove([...keys]).catch(() => undefined);
  }

  /** What earlier runs of the worker logged and never committed, oldest first. */
  async leftovers(): Promise<Array<{ key: string; batch: LoggedBatch }>> {
    let all: Record<string, unknown>;
    try {
      all = await this.area.get(null);
    } catch {
      return [];
    }
    const found: Array<{ key: string; batch: LoggedBatch }> = [];
    const junk: string[] = [];
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(INTAKE_PREFIX) || key.startsWith(this.prefix)) continue;
      const batch = asBatch(value);
      if (batch) found.push({ key, batch });
      else junk.push(key);
    }
    if (junk.length) void this.release(junk);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
