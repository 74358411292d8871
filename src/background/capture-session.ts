/**
 * The worker's capture state: the call and page tables, the durable store, and one write queue.
 *
 * Every input (webRequest events, relay batches, devtools entries, UI commands) goes through
 * `run`, which serialises them: apply in memory, commit one IndexedDB transaction, then
 * acknowledge and notify. A caller's promise resolves only after its data is committed, so the
 * relay can resend whatever a stopped worker did not acknowledge.
 */
import type { CapturedCall, PageVisit } from '../session/call';
import type { CallOverride } from '../session/override-rules';
import { CallTable, DEFAULT_CAPS, ownKey, storedBytes } from '../session/call-table';
import { isPaused, setPausedAt, startedWhilePaused } from '../session/pause-windows';
import type { Caps } from '../session/call-table';
import type { Observation, PageObservation } from '../session/observation';
import { PageTable } from '../session/pages';
import { inScope, type CallWithBodies, type CaptureStatus, type Scope } from '../shared/protocol';
import { PREVIEW_CALLS, previewIn, type Newest } from '../shared/store-schema';
import { pageOf } from '../validate/session-verdicts';
import type { Plan } from '../validate/plan';
import { analysedCall, awaitsVerdict, revalidatedCall, type BatchTexts } from './call-analysis';
import { Store, bodyKey, emptyWrites } from './store';
import type { StoredMeta, Writes } from './store';

export interface Change {
  calls: CapturedCall[];
  pages: PageVisit[];
  cleared?: Scope;
  /** Calls that left the store (evicted by the caps). */
  removed: CapturedCall[];
  statusChanged: boolean;
}

type Listener = (change: Change) => void;

export class CaptureSession {
  readonly table = new CallTable({ newId: () => crypto.randomUUID() });
  readonly pages = new PageTable();
  private meta: StoredMeta = { pauses: [], evicted: {} };
  private queue: Promise<unknown>;
  private readonly listeners = new Set<Listener>();
  /** Own keys (webRequest id, hook id…) of calls left out because they started while paused. */
  private readonly leftOut = new Set<string>();
  /** The tracking plan in force (storage.local, see settings.ts), if any. */
  private plan: Plan | undefined;
  private overrideMarker: ((call: CapturedCall) => CallOverride | undefined) | undefined;
  /** Whether the store has been read into the tables (see `preview`). */
  private rehydrated = false;
  /** The store's newest calls, read before the rest (see `preview`). */
  private readonly early: Promise<Newest | undefined>;

  constructor(
    private readonly store: Promise<Store>,
    private caps: Caps = DEFAULT_CAPS,
  ) {
    this.early = store.then((s) => s.newest(PREVIEW_CALLS)).catch(() => undefined);
    // If the store cannot be read, capture still runs (in memory) rather than stalling forever.
    this.queue = this.rehydrate().catch((error: unknown) =>
      console.error('[aep-edge-inspector] could not load the store', error),
    );
  }

  private async rehydrate(): Promise<void> {
    // The newest calls first (a small read), so that a viewer waiting has rows meanwhile; then
    // only the older ones.
    const newest = await this.early;
    const loaded = await (await this.store).load(newest?.calls[0]?.seq);
    const calls = [...loaded.calls, ...(newest?.calls ?? [])];
    for (const call of calls.sort((a, b) => a.seq - b.seq)) this.table.put(call);
    for (const page of newest?.calls.length ? newest.pages : loaded.pages) this.pages.put(page);
    this.meta = loaded.meta;
    this.rehydrated = true;
  }

  /**
   * While the store is still being read: its PREVIEW_CALLS newest calls in `scope` and their
   * pages, read ahead of the rest, for a viewer's first rows (a cold worker with 10,000 calls
   * reads for several hundred milliseconds). Undefined once the tables are ready (then `calls`
   * has everything).
   */
  async preview(scope: Scope): Promise<Newest | undefined> {
    const newest = await this.early;
    if (!newest || this.rehydrated) return undefined;
    return previewIn(scope, newest);
  }

  /** Runs `task` after every earlier task; its writes are committed before it resolves. */
  private run<T>(task: (writes: Writes, change: Change) => T | Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const writes = emptyWrites();
      const change: Change = { calls: [], pages: [], removed: [], statusChanged: false };
      const result = await task(writes, change);
      await (await this.store).write(writes);
      this.emit(change);
      return result;
    });
    // A failed task must not wedge the queue for the tasks behind it.
    this.queue = next.catch((error: unknown) =>
      console.error('[aep-edge-inspector] write failed', error),
    );
    return next;
  }

  /** New limits apply from the next write, which evicts down to them. */
  setCaps(caps: Caps): Promise<void> {
    return this.run((writes, change) => {
      this.caps = caps;
      this.evictInto(writes, change);
    });
  }

  /**
   * Marks each call it returns a mark for, once (a tab's datastream override: the worker knows
   * which tabs have one). The mark stays with the record through later merges.
   */
  setOverrideMarker(marker: (call: CapturedCall) => CallOverride | undefined): void {
    this.overrideMarker = marker;
  }

  private marked(call: CapturedCall): CapturedCall {
    if (call.override || !this.overrideMarker) return call;
    const override = this.overrideMarker(call);
    return override ? { ...call, override } : call;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: Change): void {
    const quiet =
      !change.calls.length && !change.pages.length && !change.removed.length && !change.cleared;
    if (quiet && !change.statusChanged) return;

    for (const listener of this.listeners) listener(change);
  }

  /** Waits until earlier work (and the rehydration) is done. */
  ready(): Promise<unknown> {
    return this.queue;
  }

  ingest(
    observations: readonly Observation[],
    pageNotices: readonly PageObservation[] = [],
  ): Promise<number> {
    return this.run(async (writes, change) => {
      for (const notice of pageNotices) this.notePage(notice, writes, change);
      const touched = new Map<string, CapturedCall>();
      /** Calls whose analysis inputs (a body, the status, the state) changed in this batch. */
      const analyse = new Set<string>();
      /** The bodies of this batch: not committed yet, so not in the store for the analysis. */
      const texts = new Map<string, BatchTexts>();
      for (const obs of observations) {
        if (this.leaveOut(obs)) continue;

        const pageId = this.pages.pageIdFor(obs.tabId, obs.documentId);
        const before = this.table.find(obs);
        const result = this.table.apply(obs, pageId);
        if (!result) continue;
        const { call } = result;
        touched.set(call.id, call);
        if (result.requestText !== undefined) {
          writes.bodies.push({ key: bodyKey(call.id, 'request'), text: result.requestText });
          texts.set(call.id, { ...texts.get(call.id), request: result.requestText });
        }
        if (result.responseText !== undefined) {
          writes.bodies.push({ key: bodyKey(call.id, 'response'), text: result.responseText });
          texts.set(call.id, { ...texts.get(call.id), response: result.responseText });
        }
        if (
          !before ||
          result.requestText !== undefined ||
          result.responseText !== undefined ||
          before.status !== call.status ||
          before.state !== call.state ||
          before.pageId !== call.pageId
        )
          analyse.add(call.id);
      }
      const evicted = this.evictInto(writes, change);
      for (const id of evicted) touched.delete(id);
      for (const id of touched.keys()) {
        const unmarked = this.table.get(id);
        if (!unmarked) continue;
        const merged = this.marked(unmarked);
        const next = analyse.has(id)
          ? await analysedCall(merged, texts.get(id) ?? {}, await this.store, {
              plan: this.plan,
              page: pageOf(merged, this.pages),
            })
          : { ...merged, rev: (merged.rev ?? 0) + 1 };
        this.table.put(next);
        touched.set(id, next);
      }
      writes.calls.push(...touched.values());
      change.calls.push(...touched.values());
      return touched.size;
    });
  }

  /**
   * Changes stored records through the write queue (links between a call and its resend; notes).
   * `edit` gets the current record and returns the new one, or undefined to leave it.
   */
  amend(
    ids: readonly string[],
    edit: (call: CapturedCall) => CapturedCall | undefined,
  ): Promise<CapturedCall[]> {
    return this.run((writes, change) => {
      const changed: CapturedCall[] = [];
      for (const id of ids) {
        const call = this.table.get(id);
        const edited = call && edit(call);
        if (!edited || edited === call) continue;
        const next = { ...edited, rev: (call.rev ?? 0) + 1 };
        this.table.put(next);
        changed.push(next);
      }
      writes.calls.push(...changed);
      change.calls.push(...changed);
      return changed;
    });
  }

  /**
   * Puts a plan in force (or none) and validates every stored call it has not judged yet, a slice
   * at a time so that live capture and the viewers are served between slices. The verdicts reach
   * the viewers as each slice is done; writing them to IndexedDB (the slow part: whole records)
   * follows in larger transactions. A worker stopped before that finds those calls without this
   * plan's id when it wakes, and validates just them again.
   */
  async setPlan(plan: Plan | undefined, slice = 500, persistSlice = 2_500): Promise<void> {
    await this.run(() => {
      this.plan = plan;
    });
    const ids = this.table
      .all()
      .filter((call) => awaitsVerdict(call, plan))
      .map((call) => call.id);
    for (let start = 0; start < ids.length; start += slice) {
      await this.run(async (_writes, change) => {
        const part = ids.slice(start, start + slice);
        // Validation reads the request bodies only: one transaction for the slice.
        const texts = await (await this.store).bodies(part, 'request');
        for (const id of part) {
          const call = this.table.get(id);
          if (!call) continue;
          const context = { plan: this.plan, page: pageOf(call, this.pages) };
          const next = revalidatedCall(call, texts.get(id), context);
          this.table.put(next);
          change.calls.push(next);
        }
      });
    }
    for (let start = 0; start < ids.length; start += persistSlice) {
      await this.run((writes) => {
        for (const id of ids.slice(start, start + persistSlice)) {
          const call = this.table.get(id);
          if (call) writes.calls.push(call);
        }
      });
    }
  }

  /** Evicts down to the caps (oldest first), counting per tab; returns the evicted ids. */
  private evictInto(writes: Writes, change: Change): Set<string> {
    const evicted = this.table.evict(this.caps, storedBytes);
    const ids = new Set(evicted.map((c) => c.id));
    if (!evicted.length) return ids;
    for (const call of evicted) {
      writes.deleteCalls.push(call.id);
      this.meta.evicted[call.tabId] = (this.meta.evicted[call.tabId] ?? 0) + 1;
    }
    // A call evicted in the batch that created it must not have its bodies written either.
    writes.bodies = writes.bodies.filter((b) => !ids.has(b.key.slice(0, b.key.lastIndexOf(':'))));
    writes.meta = this.meta;
    change.removed.push(...evicted);
    change.statusChanged = true;
    return ids;
  }

  private notePage(notice: PageObservation, writes: Writes, change: Change): void {
    const page = this.pages.observe(notice);
    if (page) {
      writes.pages.push(page);
      change.pages.push(page);
    }
  }

  clear(scope: Scope): Promise<void> {
    return this.run((writes, change) => {
      for (const call of this.table.all()) {
        if (!inScope(scope, call.tabId)) continue;
        // Forgotten, not just removed: the relay may still deliver their bodies after the Clear.
        this.table.forget(call.id);
        writes.deleteCalls.push(call.id);
      }
      // Keep each tab's current page: later calls still belong to it.
      const keep = new Set<string>();
      for (const page of this.pages.all()) {
        const current = this.pages.current(page.tabId);
        if (current) keep.add(current.id);
      }
      for (const page of this.pages.all()) {
        if (inScope(scope, page.tabId) && !keep.has(page.id)) {
          this.pages.remove(page.id);
          writes.deletePages.push(page.id);
        }
      }
      for (const tab of Object.keys(this.meta.evicted)) {
        if (inScope(scope, Number(tab))) delete this.meta.evicted[tab];
      }
      writes.meta = this.meta;
      change.cleared = scope;
      change.statusChanged = true;
    });
  }

  setPaused(paused: boolean, now = Date.now()): Promise<void> {
    return this.run((writes, change) => {
      this.meta.pauses = setPausedAt(this.meta.pauses, paused, now);
      writes.meta = this.meta;
      change.statusChanged = true;
    });
  }

  /**
   * Paused: no new call that started during a pause, even when its events arrive after Resume;
   * calls already under way still complete. Later events of a left-out call are left out too.
   */
  private leaveOut(obs: Observation): boolean {
    const key = ownKey(obs);
    if (key && this.leftOut.has(key)) return true;
    const pauses = this.meta.pauses;
    if (!pauses.length || this.table.find(obs)) return false;
    const started = obs.source === 'devtools' ? obs.startedAt : obs.time;
    if (!startedWhilePaused(pauses, started)) return false;
    if (key) {
      // Bounded: a few thousand keys cover any pause; older ones can no longer recur.
      if (this.leftOut.size > 5_000) this.leftOut.clear();
      this.leftOut.add(key);
    }
    return true;
  }

  status(scope: Scope): CaptureStatus {
    let evicted = 0;
    for (const [tab, count] of Object.entries(this.meta.evicted)) {
      if (inScope(scope, Number(tab))) evicted += count;
    }
    const stored = this.table.count(scope.tabId);
    return { paused: isPaused(this.meta.pauses), evicted, stored };
  }

  calls(scope: Scope): CapturedCall[] {
    return this.table.all().filter((call) => inScope(scope, call.tabId));
  }

  pagesIn(scope: Scope): PageVisit[] {
    return this.pages.all().filter((page) => inScope(scope, page.tabId));
  }

  /** A stored call with its bodies, or undefined when it is not stored. */
  async withBodies(id: string): Promise<CallWithBodies | undefined> {
    await this.ready();
    const call = this.table.get(id);
    if (!call) return undefined;
    const store = await this.store;
    const [requestBody, responseBody] = await Promise.all([
      store.body(id, 'request'),
      store.body(id, 'response'),
    ]);
    return { call, requestBody, responseBody };
  }

  /** Many calls with their bodies, in list order (exports). Unknown ids are skipped. */
  async allWithBodies(ids: readonly string[]): Promise<CallWithBodies[]> {
    const found = await Promise.all(ids.map((id) => this.withBodies(id)));
    return found.filter((d): d is CallWithBodies => d !== undefined);
  }

  /** Badge facts for one tab, without scanning the table (it runs after every write). */
  tabFacts(tabId: number): { count: number; last?: CapturedCall } {
    return { count: this.table.count(tabId), last: this.table.last(tabId) };
  }
}
