/**
 * Pausing capture is judged by when a call started, not by when its events reach the worker:
 * events trail the page by tens of milliseconds (batching), so a call made while paused may be
 * processed just after Resume, and must still be left out. Pauses are kept as time windows.
 */
export interface PauseWindow {
  from: number;
  /** Absent while the pause lasts. */
  to?: number;
}

/** Older windows than this are forgotten: a call's events never trail by that many pauses. */
export const MAX_WINDOWS = 20;

export function isPaused(windows: readonly PauseWindow[]): boolean {
  const last = windows[windows.length - 1];
  return last !== undefined && last.to === undefined;
}

/** Opens a pause at `now` (no change when already paused) or closes the open one. */
export function setPausedAt(
  windows: readonly PauseWindow[],
  paused: boolean,
  now: number,
): PauseWindow[] {
  if (paused === isPaused(windows)) return [...windows];
  if (paused) return [...windows, { from: now }].slice(-MAX_WINDOWS);
  const closed = windows.slice(0, -1);
  const last = windows[windows.length - 1];
  return last ? [...closed, { from: last.from, to: Math.max(now, last.from) }] : closed;
}

/** True when a call that started at `time` started during a pause. */
export function startedWhilePaused(windows: readonly PauseWindow[], time: number): boolean {
  return windows.some((w) => time >= w.from && (w.to === undefined || time < w.to));
}
