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
 * Durability is unchanged in kind: the relay's batch is acknowledged only after the transaction
 * that holds it has committed (the relay resends anything unacknowledged), and webRequest events
 * wait at most one window in memory, as they did before.
 */
import type { Observation, PageObservation } from '../session/observation';

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
  /** The pending window's timer, if one is open. */
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ingest: Ingest,
    /** The window for the next batch, read when its first item arrives. */
    private readonly windowMs: () => number,
  ) {}

  /** One event; stored with the next batch. */
  add(observation: Observation, page?: PageObservation): void {
    this.observations.push(observation);
    if (page) this.pages.push(page);
    this.schedule();
  }

  /** Several at once; resolves when the transaction holding them has committed. */
  addAll(observations: readonly Observation[], pages: readonly PageObservation[]): Promise<void> {
    this.observations.push(...observations);
    this.pages.push(...pages);
    const committed = new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
    this.schedule();
    return committed;
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
    this.observations = [];
    this.pages = [];
    this.waiters = [];
    if (!observations.length && !pages.length) {
      for (const waiter of waiters) waiter.resolve();
      return Promise.resolve();
    }
    return this.ingest(observations, pages).then(
      () => {
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
