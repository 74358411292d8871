/**
 * Gathers what reaches the worker (webRequest events, the relay's batches) into one IndexedDB
 * transaction per window.
 *
 * Why a window at all, and why a longer one when nobody is watching: each transaction costs the
 * browser process and the worker about 2.5 ms of CPU together on the benchmark machine, and the
 * page shares those 2 cores. Per-process CPU counts (BENCHMARKS.md, "where our millisecond
 * goes") showed storing at two transactions per Edge call to be the largest part of our cost.
 * With a viewer open, rows must show within 100 ms, so the window stays short; with
 * none open, nothing is waiting for a row, and a longer window puts many calls in one write.
 *
 * Durability, per source:
 * - A relay's batch is acknowledged once the window holding it has committed. The relay keeps
 *   every batch until then, sends it again to a new worker, and keeps what it sent while its page
 *   is leaving in its outbox (relay.ts), so a worker stopped inside a window loses none of it.
 *   Nothing else is needed for it: logging it too cost a `storage.session` message of the bodies
 *   per batch (BENCHMARKS.md, "Where the per-call cost went").
 * - webRequest events have no one to send them again, so they are written ahead to the intake log
 *   (intake-log.ts, `storage.session`) in groups: one message per LOG_GROUP_MS, released once
 *   their window committed; the next worker replays what a stopped one left. A window that
 *   commits before its group was written drops the group: it is stored already. What a forced
 *   stop can lose is the last group (at most LOG_GROUP_MS of webRequest facts); calls the page's
 *   hook saw keep their bodies and status from the relay (worker-stop.test.ts).
 * - The events of a document whose relay already reports to this worker are not logged at all
 *   (`needsLog`): the relay sends that call's bodies and status again, so a stop can cost such a
 *   call only the network's own facts of the pending window (headers, timing).
 */
import type { Observation, PageObservation } from '../session/observation';
import type { IntakeLog, LoggedBatch } from './intake-log';

/** With a viewer open: rows appear within this (plus the write) of the event. */
export const LIVE_WINDOW_MS = 20;
/** With no viewer open. */
export const QUIET_WINDOW_MS = 1_000;
/**
 * How many windows an unlogged webRequest event may wait for its relay's batch. The relay sends
 * a second after its first queued observation, so a call late in one window has its batch in the
 * next window or the one after.
 */
export const MAX_WAITS = 2;
/** webRequest events arriving within this share one intake log message. */
export const LOG_GROUP_MS = 250;

export type Ingest = (
  observations: readonly Observation[],
  pages: readonly PageObservation[],
) => Promise<number>;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class IngestBatcher {
  private observations: Observation[] = [];
  private pages: PageObservation[] = [];
  private waiters: Waiter[] = [];
  /** What to forget once the pending window has committed (relay outboxes, a dead worker's log). */
  private releases: Array<() => void> = [];
  /** The pending window's own log entries: released together, in one message, once committed. */
  private logKeys: string[] = [];
  /** The pending window's timer, if one is open. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** webRequest events of the pending window not logged yet, and when they will be. */
  private unlogged: LoggedBatch = { observations: [], pages: [] };
  private logTimer: ReturnType<typeof setTimeout> | undefined;
  /** Single events not logged (`needsLog`): only these may wait, each MAX_WAITS windows at most. */
  private readonly waitsLeft = new WeakMap<Observation, number>();

  constructor(
    private readonly ingest: Ingest,
    /** The window for the next batch, read when its first item arrives. */
    private readonly windowMs: () => number,
    /** Without one (unit tests of the windows), a stopped worker loses its pending window. */
    private readonly log?: IntakeLog,
    /**
     * Whether an event needs the log. The worker says no for the events of a document whose hook
     * reports to it: that relay sends the call's bodies and status again after a stop, so logging
     * the network's view too bought little for a `storage.session` message (BENCHMARKS.md).
     */
    private readonly needsLog: (observation: Observation) => boolean = () => true,
    /**
     * Whether an unlogged event may wait for the next window (asked when its window closes, up
     * to MAX_WAITS times). The worker says yes while no viewer is open for the events of a hooked
     * document: the hook's part of the call comes with the relay's next batch (up to a second
     * later), and storing both in one window writes and analyses the call once instead of twice.
     */
    private readonly mayWait: (observation: Observation) => boolean = () => false,
  ) {}

  /** One event (webRequest, DevTools); stored with the next batch. */
  add(observation: Observation, page?: PageObservation): void {
    this.observations.push(observation);
    if (page) this.pages.push(page);
    // DevTools entries have no own key, so a replay could not recognise one already stored.
    if (observation.source !== 'devtools' && this.log && this.needsLog(observation)) {
      this.unlogged.observations.push(observation);
      if (page) this.unlogged.pages.push(page);
      this.logTimer ??= setTimeout(() => this.writeGroup(), LOG_GROUP_MS);
    } else this.waitsLeft.set(observation, MAX_WAITS);
    this.schedule();
  }

  /** Several at once (a relay's batch); resolves once committed (the relay keeps it until then). */
  addAll(observations: readonly Observation[], pages: readonly PageObservation[]): Promise<void> {
    // What waited for a relay's batch goes with this one (its calls' hook part is in it).
    for (const waiting of this.observations) this.waitsLeft.delete(waiting);
    this.observations.push(...observations);
    this.pages.push(...pages);
    const committed = this.committed();
    this.schedule();
    return committed;
  }

  /**
   * Something kept elsewhere until it is stored (a dead worker's log, a relay's outbox): stored
   * with the next window, then `release` forgets it there. Resolves once committed.
   */
  replay(
    observations: readonly Observation[],
    pages: readonly PageObservation[],
    release: () => void,
  ): Promise<void> {
    this.observations.push(...observations);
    this.pages.push(...pages);
    this.releases.push(release);
    const committed = this.committed();
    this.schedule();
    return committed;
  }

  private committed(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }

  /** The group of webRequest events waiting for the log, in one message. */
  private writeGroup(): void {
    this.logTimer = undefined;
    const group = this.unlogged;
    this.unlogged = { observations: [], pages: [] };
    if (!this.log || !group.observations.length) return;
    this.logKeys.push(this.log.write(group).key);
  }

  /**
   * Writes what is waiting now (a viewer just connected, the popup asks for a summary). The write
   * is handed to `ingest` before this returns, so work queued after it (a Clear) comes after it.
   * `closing`: the window's own timer, which may keep events for the next window (`mayWait`).
   */
  flush(closing = false): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = closing ? this.waitingEvents() : [];
    // Events not logged yet are in this window's write: nothing to log for them any more.
    clearTimeout(this.logTimer);
    this.logTimer = undefined;
    this.unlogged = { observations: [], pages: [] };
    const observations = this.observations;
    const pages = this.pages;
    const waiters = this.waiters;
    const logKeys = this.logKeys;
    const releases =
      this.log && logKeys.length
        ? [...this.releases, () => void this.log?.release(logKeys)]
        : this.releases;
    this.observations = waiting;
    this.pages = [];
    this.waiters = [];
    this.releases = [];
    this.logKeys = [];
    if (waiting.length) this.schedule();
    if (!observations.length && !pages.length) {
      for (const release of releases) release();
      for (const waiter of waiters) waiter.resolve();
      return Promise.resolve();
    }
    return this.ingest(observations, pages).then(
      () => {
        // Committed: what was kept for a stopped worker is no longer needed. (If the write failed,
        // it stays logged, and the next worker tries again.)
        for (const release of releases) release();
        for (const waiter of waiters) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of waiters) waiter.reject(error);
      },
    );
  }

  /** Takes out of the closing window the events that wait for the next one. */
  private waitingEvents(): Observation[] {
    const waiting: Observation[] = [];
    const now: Observation[] = [];
    for (const observation of this.observations) {
      const left = this.waitsLeft.get(observation) ?? 0;
      if (left > 0 && this.mayWait(observation)) {
        this.waitsLeft.set(observation, left - 1);
        waiting.push(observation);
      } else now.push(observation);
    }
    this.observations = now;
    return waiting;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(true), this.windowMs());
  }
}
