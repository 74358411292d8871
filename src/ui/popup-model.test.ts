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

  test('reads no bodies: refreshes use the summary alone; only an export fetches bodies', async () => {
    const fetchSummary = vi.fn(async () => summary());
    const fetchDetails = vi.fn(async () => ({ details: [], pages: [] }));
    const model = createPopupModel({ tabId: 4, fetchSummary, fetchDetails, openViewer: () => {} });
    model.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(fetchSummary).toHaveBeenCalledTimes(4);
    expect(fetchDetails).not.toHaveBeenCalled();
    expect(model.plain.value.map((c) => c.call.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    model.dispose();
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

describe('describeCalls', () => {
  test('puts the tab calls in plain words, newest first, with consent and ECID', async () => {
    const { describeCalls } = await import('./popup-model');
    const { matchEdgeUrl } = await import('../edge/endpoint');
    const { analyzeCall, tabVisitor, withAnalysis } = await import('../session/analysis');
    const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r';
    const consentUrl = 'https://edge.adobedc.net/ee/v1/privacy/set-consent?configId=ds&requestId=c';
    const base = (id: string, seq: number, u: string, status: number) => ({
      id,
      seq,
      tabId: 1,
      url: u,
      method: 'POST',
      endpoint: matchEdgeUrl(u)!,
      startedAt: seq,
      state: 'complete' as const,
      status,
      request: { captured: true },
      response: { captured: true },
      sources: [],
      keys: {},
    });
    const analysed = [
      {
        call: base('a', 1, url, 200),
        requestBody: JSON.stringify({
          events: [
            {
              xdm: {
                eventType: 'web.webpagedetails.pageViews',
                web: { webPageDetails: { name: 'home' } },
              },
            },
          ],
        }),
        responseBody: JSON.stringify({
          handle: [
            {
              type: 'identity:result',
              payload: [
                { id: '12345678901234567890123456789012345678', namespace: { code: 'ECID' } },
              ],
            },
            {
              type: 'personalization:decisions',
              payload: [{ id: 'p', scope: '__view__', items: [{ schema: 'x' }] }],
            },
          ],
        }),
      },
      {
        call: base('b', 2, consentUrl, 200),
        requestBody: JSON.stringify({
          consent: [{ standard: 'Adobe', version: '1.0', value: { general: 'in' } }],
        }),
        responseBody: '{"handle":[]}',
      },
      {
        call: base('c', 3, url, 500),
        requestBody: JSON.stringify({ events: [{ xdm: {} }] }),
        responseBody: '<html>',
      },
    ].map(({ call, requestBody, responseBody }) =>
      withAnalysis(call, analyzeCall(call, requestBody, responseBody)),
    );
    // What the worker sends: the stored analysis, no bodies.
    const calls = describeCalls(summary({ last: analysed }));
    const visitor = tabVisitor(analysed);
    expect(calls.map((c) => c.lines.map((l) => l.text))).toEqual([
      ['Event without a type', 'Error: Server error'],
      ['Consent: in'],
      ['Page view: home', 'Personalization: 1 offer'],
    ]);
    expect(calls[0]?.lines[0]?.problem).toBe(true);
    expect(visitor).toEqual({ consent: 'in', ecid: '12345678901234567890123456789012345678' });
  });
});
