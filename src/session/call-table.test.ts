import { describe, expect, it } from 'vitest';
import { MISSING } from './bodies';
import type { CapturedCall } from './call';
import { CallTable, JOIN_WINDOW_MS } from './call-table';

import type { Observation } from './observation';
import {
  COLLECT,
  JSON_HEADERS,
  NO_REQUEST_ID,
  REQ,
  REQUEST_TEXT,
  RESPONSE_TEXT,
  hook,
  interleavings,
  named,
  only,
  permutations,
  replay,
  wr,
} from './test-observations';

describe('one fetch call seen by webRequest and the page hook', () => {
  // Real timing: the hook sees fetch() before the network does and reads the body after it ends.
  const observations: Observation[] = [
    wr('request', { time: 1_002, requestBody: { text: REQUEST_TEXT } }),
    wr('request-headers', {
      time: 1_003,
      requestHeaders: [{ name: 'Content-Type', value: 'text/plain; charset=UTF-8' }],
    }),
    wr('response', { time: 1_080, status: 200, statusText: 'OK', responseHeaders: JSON_HEADERS }),
    wr('completed', { time: 1_081, status: 200, statusText: 'OK' }),
    hook('request', { time: 1_000, requestBody: { text: REQUEST_TEXT } }),
    hook('response', {
      time: 1_085,
      status: 200,
      statusText: 'OK',
      responseBody: { text: RESPONSE_TEXT },
      responseHeaders: JSON_HEADERS,
    }),
  ];

  it.each(named(permutations(observations)))('arrival order %s', (_name, order) => {
    const { calls, texts, created } = replay(order);
    const call = only(calls);
    expect(created).toBe(1);
    expect([...call.sources].sort()).toEqual(['page-hook', 'webRequest']);
    expect(call.keys).toEqual({ webRequestId: 'wr-1', hookId: 'f1:1' });
    expect(call).toMatchObject({
      tabId: 1,
      frameId: 0,
      method: 'POST',
      transport: 'fetch',
      state: 'complete',
      status: 200,
      statusText: 'OK',
      statusSource: 'webRequest',
      startedAt: 1_002,
      endedAt: 1_081,
      durationMs: 79,
      eventTypes: ['web.webpagedetails.pageViews'],
    });
    expect(call.error).toBeUndefined();
    expect(call.endpoint.action).toBe('interact');
    expect(call.request).toEqual({
      captured: true,
      source: 'webRequest',
      size: REQUEST_TEXT.length,
    });
    expect(call.response).toEqual({
      captured: true,
      source: 'page-hook',
      size: RESPONSE_TEXT.length,
      contentType: 'application/json;charset=utf-8',
    });
    expect(texts.get(call.id)).toEqual({ request: REQUEST_TEXT, response: RESPONSE_TEXT });
  });
});

describe('a sendBeacon call (Blob body, transport beacon)', () => {
  const observations: Observation[] = [
    wr('request', { url: COLLECT, time: 1_001, requestBody: { missing: MISSING.blobRequest } }),
    wr('request-headers', {
      url: COLLECT,
      time: 1_002,
      requestHeaders: [{ name: 'Content-Type', value: 'text/plain; charset=utf-8' }],
    }),
    wr('completed', { url: COLLECT, time: 1_040, status: 204, statusText: 'No Content' }),
    hook('request', {
      url: COLLECT,
      time: 1_000,
      transport: 'beacon',
      requestBody: { text: REQUEST_TEXT },
    }),
  ];

  it.each(named(permutations(observations)))('arrival order %s', (_name, order) => {
    const { calls, texts } = replay(order);
    const call = only(calls);
    expect(call.endpoint.action).toBe('collect');
    expect(call).toMatchObject({ transport: 'beacon', state: 'complete', status: 204 });
    expect([...call.sources].sort()).toEqual(['page-hook', 'webRequest']);
    expect(call.request).toEqual({
      captured: true,
      source: 'page-hook',
      size: REQUEST_TEXT.length,
    });
    expect(call.response).toEqual({ captured: true, source: 'webRequest', size: 0, implied: true });
    expect(texts.get(call.id)?.request).toBe(REQUEST_TEXT);
    expect(call.eventTypes).toEqual(['web.webpagedetails.pageViews']);
  });
});

describe('a Web SDK retry after 429 (same URL, same requestId)', () => {
  const problem = '{"type":"https://ns.adobe.com/aep/errors/EXEG-0000-429","status":429}';
  const webRequest: Observation[] = [
    wr('request', { webRequestId: 'wr-1', time: 1_001, requestBody: { text: REQUEST_TEXT } }),
    wr('completed', {
      webRequestId: 'wr-1',
      time: 1_050,
      status: 429,
      responseHeaders: [{ name: 'Retry-After', value: '1' }],
    }),
    wr('request', { webRequestId: 'wr-2', time: 2_101, requestBody: { text: REQUEST_TEXT } }),
    wr('completed', { webRequestId: 'wr-2', time: 2_180, status: 200 }),
  ];
  const pageHook: Observation[] = [
    hook('request', { hookId: 'f1:1', time: 1_000, requestBody: { text: REQUEST_TEXT } }),
    hook('response', {
      hookId: 'f1:1',
      time: 1_052,
      status: 429,
      responseBody: { text: problem },
    }),
    hook('request', { hookId: 'f1:2', time: 2_100, requestBody: { text: REQUEST_TEXT } }),
    hook('response', {
      hookId: 'f1:2',
      time: 2_185,
      status: 200,
      responseBody: { text: RESPONSE_TEXT },
    }),
  ];

  // Each source delivers its own events in order; the two sources interleave freely.
  it.each(named(interleavings(webRequest, pageHook)))('arrival order %s', (_name, order) => {
    const { calls, texts } = replay(order);
    expect(calls).toHaveLength(2);
    const [first, second] = calls as [CapturedCall, CapturedCall];
    expect(first.keys).toEqual({ webRequestId: 'wr-1', hookId: 'f1:1' });
    expect(second.keys).toEqual({ webRequestId: 'wr-2', hookId: 'f1:2' });
    expect(first).toMatchObject({ status: 429, startedAt: 1_001, durationMs: 49 });
    expect(second).toMatchObject({ status: 200, startedAt: 2_101, durationMs: 79 });
    expect(first.endpoint.requestId).toBe(REQ);
    expect(second.endpoint.requestId).toBe(REQ);
    expect(texts.get(first.id)).toEqual({ request: REQUEST_TEXT, response: problem });
    expect(texts.get(second.id)).toEqual({ request: REQUEST_TEXT, response: RESPONSE_TEXT });
  });
});

describe('the same requestId in two tabs', () => {
  const tab = (tabId: number, n: number): Observation[] => [
    wr('request', {
      tabId,
      webRequestId: `wr-${n}`,
      time: 1_000 + n,
      requestBody: { text: REQUEST_TEXT },
    }),
    hook('request', {
      tabId,
      hookId: `f${n}:1`,
      time: 999 + n,
      requestBody: { text: REQUEST_TEXT },
    }),
    wr('completed', { tabId, webRequestId: `wr-${n}`, time: 1_050 + n, status: 200 }),
    hook('response', {
      tabId,
      hookId: `f${n}:1`,
      time: 1_060 + n,
      status: 200,
      responseBody: { text: `${RESPONSE_TEXT} ` },
    }),
  ];

  it.each(named(interleavings(tab(7, 1), tab(9, 2))))('arrival order %s', (_name, order) => {
    const { calls } = replay(order);
    expect(calls).toHaveLength(2);
    const inTab = (tabId: number) => calls.find((c) => c.tabId === tabId);
    expect(inTab(7)?.keys).toEqual({ webRequestId: 'wr-1', hookId: 'f1:1' });
    expect(inTab(9)?.keys).toEqual({ webRequestId: 'wr-2', hookId: 'f2:1' });
    for (const call of calls) {
      expect(call.request.captured && call.response.captured).toBe(true);
    }
  });
});

describe('a call without requestId joins by URL within the time window', () => {
  it.each([
    ['same moment', 0, 1],
    ['just inside the window', JOIN_WINDOW_MS, 1],
    ['just outside the window', JOIN_WINDOW_MS + 1, 2],
    ['hook long after the network', JOIN_WINDOW_MS * 3, 2],
  ])('%s (Δ %i ms) → %i call(s)', (_name, delta, count) => {
    const { calls } = replay([
      wr('request', { url: NO_REQUEST_ID, time: 10_000, requestBody: { text: REQUEST_TEXT } }),
      hook('request', { url: NO_REQUEST_ID, time: 10_000 + delta, requestBody: { text: '{}' } }),
    ]);
    expect(calls).toHaveLength(count);
    expect(calls[0]?.endpoint.requestId).toBeUndefined();
  });

  it('a different URL never joins', () => {
    const { calls } = replay([
      wr('request', { url: NO_REQUEST_ID }),
      hook('request', { url: `${NO_REQUEST_ID.replace('ds-1', 'ds-2')}` }),
    ]);
    expect(calls).toHaveLength(2);
  });
});

describe('a call only the page hook saw (webRequest lost)', () => {
  it('still appears with both bodies, status and duration', () => {
    const { calls, texts } = replay([
      hook('request', { time: 1_000, requestBody: { text: REQUEST_TEXT } }),
      hook('response', { time: 1_090, status: 200, responseBody: { text: RESPONSE_TEXT } }),
    ]);
    const call = only(calls);
    expect(call).toMatchObject({
      sources: ['page-hook'],
      state: 'complete',
      status: 200,
      statusSource: 'page-hook',
      startedAt: 1_000,
      endedAt: 1_090,
      durationMs: 90,
    });
    expect(call.request).toEqual({
      captured: true,
      source: 'page-hook',
      size: REQUEST_TEXT.length,
    });
    expect(call.response).toEqual({
      captured: true,
      source: 'page-hook',
      size: RESPONSE_TEXT.length,
    });
    expect(texts.get(call.id)).toEqual({ request: REQUEST_TEXT, response: RESPONSE_TEXT });
  });
});

describe('a call that reached the table before its page did', () => {
  // The relay introduces a page with its first calls, so webRequest's first event of a call can
  // come before the page exists: the call is guessed into the tab's latest page until an
  // observation naming its own document (now a known page) arrives. (Documents are named by the
  // browser for the sending frame, never by the page, so one call has one document.)
  const first = wr('request', { time: 1_000, documentId: 'doc-2' });
  const cases: Array<[string, Observation, string | undefined, string]> = [
    [
      'its own document, now a known page, takes it home',
      hook('request', { time: 999, documentId: 'doc-2' }),
      'doc-2',
      'doc-2',
    ],
    [
      'a document not yet known as a page leaves the guess',
      hook('request', { time: 999, documentId: 'doc-2' }),
      'doc-1',
      'doc-1',
    ],
    [
      'a sub-frame observation (no document) leaves the guess',
      hook('request', { time: 999, documentId: undefined }),
      'doc-3',
      'doc-1',
    ],
  ];
  it.each(cases)('%s', (_name, later, pageIdForLater, expected) => {
    const table = new CallTable({ newId: () => 'call-1' });
    expect(table.apply(first, 'doc-1')?.call.pageId).toBe('doc-1');
    const out = table.apply(later, pageIdForLater);
    expect(out?.created).toBe(false);
    expect(out?.call.pageId).toBe(expected);
    expect(table.get('call-1')?.pageId).toBe(expected);
  });
});

describe('a call kept under no tab (a leaving page nothing placed) finds its tab', () => {
  // The relay's outbox arrived first and no call or page placed it (tab -1); webRequest's own
  // events for it, replayed later, name the tab. One record, in that tab and on its page.
  const kept: Observation[] = [
    hook('request', {
      tabId: -1,
      frameId: -1,
      documentId: 'token-1',
      requestBody: { text: REQUEST_TEXT },
    }),
    hook('response', {
      tabId: -1,
      frameId: -1,
      documentId: 'token-1',
      status: 200,
      responseBody: { text: RESPONSE_TEXT },
    }),
  ];
  const browser: Observation[] = [
    wr('request', { tabId: 4, documentId: 'doc-4', requestBody: { text: REQUEST_TEXT } }),
    wr('completed', { tabId: 4, documentId: 'doc-4', status: 200, time: 1_050 }),
  ];

  it.each(named(interleavings(kept, browser)))('arrival order %s', (_name, order) => {
    const table = new CallTable({
      newId: (() => {
        let n = 0;
        return () => `call-${++n}`;
      })(),
    });
    for (const obs of order) table.apply(obs, obs.tabId < 0 ? 'token-1' : 'doc-4');
    const calls = table.all();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ tabId: 4, frameId: 0, pageId: expect.any(String) });
    expect(calls[0]?.keys).toEqual({ hookId: 'f1:1', webRequestId: 'wr-1' });
    expect(calls[0]?.request.captured && calls[0]?.response.captured).toBe(true);
  });

  it('the page the call ends on is its tab’s', () => {
    const table = new CallTable({ newId: () => 'call-1' });
    for (const obs of [...kept, ...browser]) table.apply(obs, obs.tabId < 0 ? 'token-1' : 'doc-4');
    expect(table.get('call-1')?.pageId).toBe('doc-4');
  });

  it('the extension’s own request (no tab, seen by webRequest) never joins a page’s call', () => {
    const table = new CallTable({
      newId: (() => {
        let n = 0;
        return () => `call-${++n}`;
      })(),
    });
    table.apply(wr('request', { tabId: 4 }));
    table.apply(wr('request', { tabId: -1, webRequestId: 'wr-2' }));
    expect(
      table
        .all()
        .map((c) => c.tabId)
        .sort(),
    ).toEqual([-1, 4]);
  });

  it('a call of a real tab never joins another tab’s call', () => {
    const table = new CallTable({
      newId: (() => {
        let n = 0;
        return () => `call-${++n}`;
      })(),
    });
    table.apply(hook('request', { tabId: 7 }));
    table.apply(wr('request', { tabId: 4 }));
    expect(
      table
        .all()
        .map((c) => c.tabId)
        .sort(),
    ).toEqual([4, 7]);
  });
});
