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
 * Durability: what waits for a window is written ahead to the intake log (intake-log.ts,
 * `storage.session`) the moment it arrives, and released once its window committed, so a worker
 * stopped inside a window loses nothing; the next one replays the log. A relay's batch is
 * acknowledged once logged (or, if logging failed, once committed); the relay resends anything
 * unacknowledged, and keeps what it sent while its page is leaving in its outbox (relay.ts).
 */
import type { Observation, PageObservation } from '../session/observation';
import type { IntakeLog } from './intake-log';

/** With a viewer open: rows appear within this (plus the write) of the event. */
export const LIVE_WINDOW_MS = 20;
/** With no viewer open. */
export const QUIET_WINDOW_MS = 250;

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

  constructor(
    private readonly ingest: Ingest,
    /** The window for the next batch, read when its first item arrives. */
    private readonly windowMs: () => number,
    /** Without one (unit tests of the windows), a stopped worker loses its pending window. */
    private readonly log?: IntakeLog,
  ) {}

  /** One event; stored with the next batch. */
  add(observation: Observation, page?: PageObservation): void {
    this.observations.push(observation);
    if (page) this.pages.push(page);
    // DevTools entries have no own key, so a replay could not recognise one already stored.
    if (observation.source !== 'devtools')
      this.logged({ observations: [observation], pages: page ? [page] : [] });
    this.schedule();
  }

  /**
   * Several at once (a relay's batch); resolves once they are safe from a worker stop: logged,
   * or else committed.
   */
  addAll(observations: readonly Observation[], pages: readonly PageObservation[]): Promise<void> {
    this.observations.push(...observations);
    this.pages.push(...pages);
    const committed = this.committed();
    const written = this.logged({ observations: [...observations], pages: [...pages] });
    this.schedule();
    return written.then((ok) => (ok ? undefined : committed));
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

  private logged(batch: { observations: Observation[]; pages: PageObservation[] }) {
    if (!this.log) return Promise.resolve(false);
    const log = this.log;
    const { key, written } = log.write(batch);
    this.logKeys.push(key);
    return written;
  }

  /**
   * Writes what is waiting now (a viewer just connected, the popup asks for a summary). The write
   * is handed to `ingest` before this returns, so work queued after it (a Clear) comes after it.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const observations = this.observations;
    const pages = this.pages;
    const waiters = this.waiters;
    const logKeys = this.logKeys;
    const releases =
      this.log && logKeys.length
        ? [...this.releases, () => void this.log?.release(logKeys)]
        : this.releases;
    this.observations = [];
    this.pages = [];
    this.waiters = [];
    this.releases = [];
    this.logKeys = [];
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

  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs());
  }
}
