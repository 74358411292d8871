import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { PopupSummary } from '../shared/protocol';
import { createPopupModel, isPopupSummary, recentCalls } from './popup-model';
import { makeCall } from './test-fixtures';

const summary = (overrides: Partial<PopupSummary> = {}): PopupSummary => ({
  tabId: 4,
  count: 7,
  failures: 1,
  paused: false,
  last: [1, 2, 3, 4, 5, 6, 7].map((seq) => makeCall(seq)),
  ...overrides,
});

test.each<[string, unknown, boolean]>([
  ['a summary', summary(), true],
  ['no calls', summary({ last: [] }), true],
  ['null', null, false],
  ['an array', [], false],
  ['count as text', { ...summary(), count: '7' }, false],
  ['a call without endpoint', { ...summary(), last: [{ id: 'x' }] }, false],
  ['an error reply', { error: 'no such tab' }, false],
])('isPopupSummary: %s', (_name, value, want) => {
  expect(isPopupSummary(value)).toBe(want);
});

test('recentCalls: newest first, five at most', () => {
  expect(recentCalls(summary()).map((call) => call.seq)).toEqual([7, 6, 5, 4, 3]);
});

describe('popup model', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('refreshes about every second while open, one request at a time', async () => {
    const fetchSummary = vi.fn(async () => summary());
    const model = createPopupModel({ tabId: 4, fetchSummary, openViewer: () => {} });
    model.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(model.summary.value?.count).toBe(7);
    await vi.advanceTimersByTimeAsync(3000);
    expect(fetchSummary).toHaveBeenCalledTimes(4);
    expect(fetchSummary).toHaveBeenCalledWith(4);
    model.dispose();
    await vi.advanceTimersByTimeAsync(3000);
    expect(fetchSummary).toHaveBeenCalledTimes(4);
  });

  test.each<[string, () => Promise<unknown>, RegExp]>([
    [
      'a rejected request',
      () => Promise.reject(new Error('Receiving end does not exist.')),
      /^Could not reach the extension: Receiving end/,
    ],
    ['a bad reply', () => Promise.resolve({ nope: true }), /unexpected/],
  ])('%s shows an error', async (_name, fetchSummary, pattern) => {
    const model = createPopupModel({ tabId: 4, fetchSummary, openViewer: () => {} });
    await model.refresh();
    expect(model.error.value).toMatch(pattern);
  });

  test('no tab: no request; Open viewer passes the tab on', async () => {
    const fetchSummary = vi.fn(async () => summary());
    const openViewer = vi.fn();
    createPopupModel({ tabId: undefined, fetchSummary, openViewer }).start();
    await vi.advanceTimersByTimeAsync(1500);
    expect(fetchSummary).not.toHaveBeenCalled();
    createPopupModel({ tabId: 4, fetchSummary, openViewer }).openViewer();
    expect(openViewer).toHaveBeenCalledWith(4);
  });
});
