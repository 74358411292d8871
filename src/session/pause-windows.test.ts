import { describe, expect, it } from 'vitest';
import { MAX_WINDOWS, isPaused, setPausedAt, startedWhilePaused } from './pause-windows';

describe('pause windows', () => {
  const paused = setPausedAt([], true, 100);
  const resumed = setPausedAt(paused, false, 200);

  it.each([
    ['before the pause', resumed, 99, false],
    ['at the start of the pause', resumed, 100, true],
    ['during the pause', resumed, 150, true],
    ['at resume', resumed, 200, false],
    ['after resume', resumed, 250, false],
    ['during an open pause', paused, 10_000, true],
    ['never paused', [], 150, false],
  ])('%s', (_name, windows, time, expected) => {
    expect(startedWhilePaused(windows, time)).toBe(expected);
  });

  it('tracks the state and ignores repeated commands', () => {
    expect(isPaused(paused)).toBe(true);
    expect(isPaused(resumed)).toBe(false);
    expect(setPausedAt(paused, true, 150)).toEqual(paused);
    expect(setPausedAt(resumed, false, 300)).toEqual(resumed);
  });

  it('keeps a bounded history', () => {
    let windows = setPausedAt([], true, 0);
    for (let i = 1; i < 100; i++) windows = setPausedAt(windows, i % 2 === 0, i);
    expect(windows.length).toBeLessThanOrEqual(MAX_WINDOWS);
  });
});
