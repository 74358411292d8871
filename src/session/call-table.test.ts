import { describe, expect, it } from 'vitest';
import { MISSING } from './bodies';
import type { CapturedCall } from './call';
import { statusLabel } from './call';
import { CallTable, JOIN_WINDOW_MS, RECORD_OVERHEAD, storedBytes } from './call-table';
import type { Caps } from './call-table';
import { toObservation } from './merge';
import type {
  HookObservation,
  MonitorObservation,
  Observation,
  WebRequestObservation,
} from './observation';

const CONFIG = 'ebebf826-a01f-4458-8cec-ef61de241c93';
const REQ = '2f3e1c5b-7d4a-4c1e-9a57-0b8e4f6d2a10';
const INTERACT = `https://edge.adobedc.net/ee/or2/v1/interact?configId=${CONFIG}&requestId=${REQ}`;
const COLLECT = `https://edge.adobedc.net/ee/or2/v1/collect?configId=${CONFIG}&requestId=${REQ}`;
/** A Server API call without requestId: joined by URL and time only. */
const NO_REQUEST_ID = 'https://server.adobedc.net/ee/v2/interact?dataStreamId=ds-1';

const REQUEST_TEXT = '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}';
const RESPONSE_TEXT = `{"requestId":"${REQ}-0123456789abcdef","handle":[]}`;
const JSON_HEADERS = [{ name: 'Content-Type', value: 'application/json;charset=utf-8' }];

function wr(phase: WebRequestObservation['phase'], over: Partial<WebRequestObservation> = {}) {
  const obs: WebRequestObservation = {
    source: 'webRequest',
    phase,
    webRequestId: 'wr-1',
    method: 'POST',
    tabId: 1,
    frameId: 0,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

function hook(phase: HookObservation['phase'], over: Partial<HookObservation> = {}) {
  const obs: HookObservation = {
    source: 'page-hook',
    phase,
    hookId: 'f1:1',
    method: 'POST',
    transport: 'fetch',
    tabId: 1,
    frameId: 0,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

function monitor(phase: MonitorObservation['phase'], over: Partial<MonitorObservation> = {}) {
  const obs: MonitorObservation = {
    source: 'alloy-monitor',
    phase,
    monitorId: `f1:${REQ}`,
    instance: 'alloy',
    tabId: 1,
    url: INTERACT,
    time: 1_000,
    ...over,
  };
  return obs;
}

/** A table plus the body texts its `apply` results asked to store, as the worker would. */
function replay(observations: readonly Observation[]) {
  let next = 0;
  const table = new CallTable({ newId: () => `call-${++next}` });
  const texts = new Map<string, { request?: string; response?: string }>();
  let created = 0;
  for (const obs of observations) {
    const out = table.apply(obs);
    if (!out) continue;
    if (out.created) created++;
    const stored = texts.get(out.call.id) ?? {};
    if (out.requestText !== undefined) stored.request = out.requestText;
    if (out.responseText !== undefined) stored.response = out.responseText;
    texts.set(out.call.id, stored);
  }
  return { table, texts, created, calls: table.all() };
}

function only(calls: CapturedCall[]): CapturedCall {
  expect(calls).toHaveLength(1);
  return calls[0] as CapturedCall;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Every merge of two ordered streams that keeps each stream's own order. */
function interleavings<T>(a: readonly T[], b: readonly T[]): T[][] {
  if (!a.length) return [[...b]];
  if (!b.length) return [[...a]];
  const [headA, ...restA] = a as [T, ...T[]];
  const [headB, ...restB] = b as [T, ...T[]];
  return [
    ...interleavings(restA, b).map((rest) => [headA, ...rest]),
    ...interleavings(a, restB).map((rest) => [headB, ...rest]),
  ];
}

function label(obs: Observation): string {
  const id =
    obs.source === 'webRequest' ? obs.webRequestId : obs.source === 'page-hook' ? obs.hookId : '';
  return `${obs.source === 'webRequest' ? 'wr' : obs.source}(${id}):${'phase' in obs ? obs.phase : ''}`;
}

function named(orders: Observation[][]): [string, Observation[]][] {
  return orders.map((order) => [order.map(label).join(' → '), order]);
}

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

describe('why a response body is missing', () => {
  const hookMissing = 'The response was opaque (mode: no-cors).';
  it.each<[string, Observation[], string]>([
    [
      'no page hook at all, call complete',
      [wr('request'), wr('completed', { status: 200 })],
      MISSING.noResponseSource,
    ],
    ['no page hook at all, call pending', [wr('request')], MISSING.noResponseSource],
    [
      'beacon seen only by the page hook',
      [hook('request', { url: COLLECT, transport: 'beacon' })],
      MISSING.beaconResponse,
    ],
    [
      'beacon answered 200 with a body nobody can read',
      [
        hook('request', { url: COLLECT, transport: 'beacon' }),
        wr('request', { url: COLLECT }),
        wr('completed', { url: COLLECT, status: 200 }),
      ],
      MISSING.beaconResponse,
    ],
    [
      'failed call, webRequest only',
      [wr('request'), wr('error', { error: 'net::ERR_CONNECTION_CLOSED' })],
      MISSING.failedNoBody,
    ],
    [
      'failed fetch seen by both sources',
      [
        hook('request'),
        wr('request'),
        wr('error', { error: 'net::ERR_CONNECTION_CLOSED' }),
        hook('error', { error: 'TypeError: Failed to fetch' }),
      ],
      MISSING.failedNoBody,
    ],
    [
      'failed call seen only by the page hook',
      [hook('request'), hook('error', { error: 'TypeError: Failed to fetch' })],
      MISSING.failedNoBody,
    ],
    [
      'refused beacon (sendBeacon returned false): nothing reached the network',
      [
        hook('request', { url: COLLECT, transport: 'beacon' }),
        hook('error', { url: COLLECT, transport: 'beacon', error: 'sendBeacon returned false' }),
      ],
      MISSING.failedNoBody,
    ],
    ['page hook has not read the response yet', [hook('request')], MISSING.responsePending],
    [
      'page hook has not read the response yet, network done',
      [hook('request'), wr('request'), wr('completed', { status: 200 })],
      MISSING.responsePending,
    ],
    [
      "the page hook's own reason is kept",
      [
        hook('request'),
        hook('response', { status: 200, responseBody: { missing: hookMissing } }),
        wr('completed', { status: 200 }),
      ],
      hookMissing,
    ],
  ])('%s', (_name, observations, reason) => {
    const call = only(replay(observations).calls);
    expect(call.response.captured).toBe(false);
    expect(call.response.missing).toBe(reason);
  });

  it.each<[string, Observation[]]>([
    ['204 from webRequest', [wr('request'), wr('completed', { status: 204 })]],
    [
      '200 with Content-Length: 0',
      [
        wr('request'),
        wr('response', {
          status: 200,
          responseHeaders: [{ name: 'content-length', value: ' 0 ' }],
        }),
      ],
    ],
    [
      '202 then an empty text from the hook',
      [hook('response', { status: 202, responseBody: { text: '' } })],
    ],
  ])('an empty response is a captured body, not a missing one: %s', (_name, observations) => {
    const call = only(replay(observations).calls);
    expect(call.response).toMatchObject({ captured: true, size: 0 });
    expect(call.response.missing).toBeUndefined();
  });
});

describe('a failed call', () => {
  const failure = [
    wr('request', { time: 1_000 }),
    wr('error', { time: 1_030, error: 'net::ERR_CONNECTION_CLOSED' }),
  ];
  const hookError = hook('error', { time: 1_031, error: 'TypeError: Failed to fetch' });

  it.each(
    named([
      failure,
      [hookError, ...failure],
      [...failure, hookError],
      [failure[0]!, hookError, failure[1]!],
    ]),
  )('keeps the network error: %s', (_name, order) => {
    const call = only(replay(order).calls);
    expect(call).toMatchObject({
      state: 'failed',
      error: 'net::ERR_CONNECTION_CLOSED',
      endedAt: 1_030,
      durationMs: 30,
    });
    expect(call.status).toBeUndefined();
    expect(statusLabel(call)).toBe('failed: net::ERR_CONNECTION_CLOSED');
  });
});

describe('non-Edge URLs', () => {
  it.each<[string, Observation]>([
    [
      'webRequest to an analytics beacon',
      wr('request', { url: 'https://x.sc.omtrdc.net/b/ss/rs/1/JS/s1' }),
    ],
    ['page hook to a site API', hook('request', { url: 'https://www.example.com/api/cart' })],
    [
      'monitor with an Edge path but no datastream',
      monitor('request', { url: 'https://edge.adobedc.net/ee/v1/interact' }),
    ],
    ['junk URL', hook('request', { url: 'javascript:alert(1)' })],
  ])('%s gives undefined and no record', (_name, obs) => {
    const table = new CallTable({ newId: () => 'x' });
    expect(table.apply(obs)).toBeUndefined();
    expect(table.size).toBe(0);
  });
});

describe('body precedence through the table', () => {
  const wrText = `${REQUEST_TEXT}\n`;
  const monitorText = '{"requestId":"from-monitor","handle":[]}';
  it.each<[string, Observation[], { request?: string; response?: string }]>([
    [
      'webRequest raw request beats the page hook (hook first)',
      [
        hook('request', { requestBody: { text: REQUEST_TEXT } }),
        wr('request', { requestBody: { text: wrText } }),
      ],
      { request: wrText },
    ],
    [
      'webRequest raw request beats the page hook (webRequest first)',
      [
        wr('request', { requestBody: { text: wrText } }),
        hook('request', { requestBody: { text: REQUEST_TEXT } }),
      ],
      { request: wrText },
    ],
    [
      'page-hook response beats the alloy monitor (monitor first)',
      [
        monitor('response', { status: 200, responseBody: { text: monitorText } }),
        hook('response', { status: 200, responseBody: { text: RESPONSE_TEXT } }),
      ],
      { response: RESPONSE_TEXT },
    ],
    [
      'page-hook response beats the alloy monitor (hook first)',
      [
        hook('response', { status: 200, responseBody: { text: RESPONSE_TEXT } }),
        monitor('response', { status: 200, responseBody: { text: monitorText } }),
      ],
      { response: RESPONSE_TEXT },
    ],
    [
      'a missing webRequest body never replaces the hook text',
      [
        hook('request', { requestBody: { text: REQUEST_TEXT } }),
        wr('request', { requestBody: { missing: MISSING.blobRequest } }),
      ],
      { request: REQUEST_TEXT },
    ],
    [
      'a missing hook response never replaces the monitor text',
      [
        monitor('response', { status: 200, responseBody: { text: monitorText } }),
        hook('response', { status: 200, responseBody: { missing: 'opaque' } }),
      ],
      { response: monitorText },
    ],
  ])('%s', (_name, observations, expected) => {
    const { calls, texts } = replay(observations);
    const call = only(calls);
    const stored = texts.get(call.id) ?? {};
    if (expected.request !== undefined) {
      expect(stored.request).toBe(expected.request);
      expect(call.request.captured).toBe(true);
      expect(call.request.missing).toBeUndefined();
    }
    if (expected.response !== undefined) {
      expect(stored.response).toBe(expected.response);
      expect(call.response.captured).toBe(true);
      expect(call.response.missing).toBeUndefined();
    }
  });
});

describe('eventTypes come from the kept request body', () => {
  it.each<[string, string, string[]]>([
    ['v1 page view', REQUEST_TEXT, ['web.webpagedetails.pageViews']],
    [
      'v1 batch in order',
      '{"events":[{"xdm":{"eventType":"a"}},{"xdm":{"eventType":"b"}}]}',
      ['a', 'b'],
    ],
    [
      'v2 single event',
      '{"event":{"xdm":{"eventType":"commerce.purchases"}}}',
      ['commerce.purchases'],
    ],
    ['set-consent', '{"consent":[{"standard":"Adobe"}]}', ['(consent)']],
    ['not JSON', '<html>', []],
  ])('%s', (_name, text, expected) => {
    const call = only(replay([wr('request', { requestBody: { text } })]).calls);
    expect(call.eventTypes).toEqual(expected);
  });

  it('are re-derived when a better source replaces the body', () => {
    const call = only(
      replay([
        monitor('request', {
          requestBody: { text: '{"events":[{"xdm":{"eventType":"from.monitor"}}]}' },
        }),
        wr('request', { requestBody: { text: REQUEST_TEXT } }),
      ]).calls,
    );
    expect(call.eventTypes).toEqual(['web.webpagedetails.pageViews']);
  });

  it('are absent while no request text is known', () => {
    const call = only(
      replay([wr('request', { requestBody: { missing: MISSING.blobRequest } })]).calls,
    );
    expect(call.eventTypes).toBeUndefined();
  });
});

describe('evict', () => {
  /** Calls numbered by seq (1 = oldest), in the given tabs. */
  function tableOf(tabs: number[]): CallTable {
    const table = new CallTable({ newId: () => 'unused' });
    tabs.forEach((tabId, i) => {
      const out = replay([wr('request', { tabId, webRequestId: `wr-${i + 1}` })])
        .calls[0] as CapturedCall;
      table.put({ ...out, id: `c${i + 1}`, seq: i + 1 });
    });
    return table;
  }
  const loose: Caps = { perTab: 1_000, total: 1_000, bytes: Number.MAX_SAFE_INTEGER };
  const oneKb = () => 1_024;

  it.each<[string, number[], Caps, string[]]>([
    ['nothing when under every cap', [1, 1, 2], loose, []],
    ['nothing when exactly at the caps', [1, 1, 2], { perTab: 2, total: 3, bytes: 3 * 1_024 }, []],
    [
      'per tab: the oldest of the busy tab only',
      [1, 1, 1, 1, 1, 2, 2],
      { ...loose, perTab: 3 },
      ['c1', 'c2'],
    ],
    ['per tab: interleaved tabs', [1, 2, 1, 2, 1, 1], { ...loose, perTab: 2 }, ['c1', 'c3']],
    ['per tab: several tabs over', [1, 2, 1, 2, 1, 2], { ...loose, perTab: 2 }, ['c1', 'c2']],
    ['total: oldest first whatever the tab', [2, 1, 1, 2, 1], { ...loose, total: 3 }, ['c1', 'c2']],
    [
      'bytes: oldest first until under',
      [1, 2, 1, 2],
      { ...loose, bytes: 2 * 1_024 + 10 },
      ['c1', 'c2'],
    ],
    [
      'per tab and total together evict no more than needed',
      [1, 1, 2, 2, 2, 2],
      { ...loose, perTab: 3, total: 4 },
      ['c1', 'c3'],
    ],
    ['all caps at zero evict everything', [1, 2], { perTab: 0, total: 0, bytes: 0 }, ['c1', 'c2']],
  ])('%s', (_name, tabs, caps, evicted) => {
    const table = tableOf(tabs);
    const before = table.all().map((c) => c.id);
    const out = table.evict(caps, oneKb);
    expect(out.map((c) => c.id)).toEqual(evicted);
    expect(table.all().map((c) => c.id)).toEqual(before.filter((id) => !evicted.includes(id)));
    const left = table.all();
    expect(left.length).toBeLessThanOrEqual(caps.total);
    expect(left.length * 1_024).toBeLessThanOrEqual(Math.max(caps.bytes, 0));
    for (const tabId of new Set(tabs)) {
      expect(left.filter((c) => c.tabId === tabId).length).toBeLessThanOrEqual(caps.perTab);
    }
  });

  it('uses the byte sizes it is given, oldest first', () => {
    const table = tableOf([1, 1, 1, 1]);
    const sizes: Record<string, number> = { c1: 10, c2: 500, c3: 20, c4: 30 };
    const out = table.evict({ ...loose, bytes: 60 }, (c) => sizes[c.id] ?? 0);
    expect(out.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('forgets the join keys of evicted calls', () => {
    const table = tableOf([1]);
    table.evict({ ...loose, total: 0 }, oneKb);
    const out = table.apply(hook('request'));
    expect(out?.created).toBe(true);
    expect(table.size).toBe(1);
  });
});

describe('storedBytes', () => {
  it.each<[string, Partial<CapturedCall>, number]>([
    ['no bodies', {}, RECORD_OVERHEAD],
    [
      'both bodies',
      { request: { captured: true, size: 100 }, response: { captured: true, size: 50 } },
      RECORD_OVERHEAD + 150,
    ],
    [
      'a missing body costs nothing',
      {
        request: { captured: false, size: 100, missing: 'x' },
        response: { captured: true, size: 0 },
      },
      RECORD_OVERHEAD,
    ],
    [
      'a truncated body costs at most BODY_CAP',
      {
        request: { captured: true, size: 50 * 1024 * 1024, truncated: true },
        response: { captured: false },
      },
      RECORD_OVERHEAD + 2 * 1024 * 1024,
    ],
  ])('%s', (_name, over, expected) => {
    const base = only(replay([wr('request')]).calls);
    expect(storedBytes({ ...base, ...over })).toBe(expected);
  });
});

describe('toObservation: values off the wire are checked before use', () => {
  const hookResponse = hook('response', {
    status: 200,
    statusText: 'OK',
    responseBody: { text: RESPONSE_TEXT, size: 60, truncated: true },
    responseHeaders: JSON_HEADERS,
  });

  it.each<[string, Observation]>([
    ['webRequest', wr('completed', { status: 204, initiator: 'https://www.example.com' })],
    ['page hook', hookResponse],
    ['alloy monitor', monitor('request', { requestBody: { text: REQUEST_TEXT } })],
    [
      'devtools',
      {
        source: 'devtools',
        tabId: 1,
        url: INTERACT,
        time: 9,
        method: 'POST',
        startedAt: 1,
        durationMs: 8,
      },
    ],
  ])('keeps a well-formed %s observation as it is', (_name, obs) => {
    expect(toObservation(obs)).toEqual(obs);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [hookResponse]],
    ['an unknown source', { ...hookResponse, source: 'server' }],
    ['a URL that is not a string', { ...hookResponse, url: [INTERACT] }],
    ['no tab', { ...hookResponse, tabId: undefined }],
    ['a time that is not a number', { ...hookResponse, time: '5' }],
    ['a time that is NaN', { ...hookResponse, time: Number.NaN }],
    ['a page-hook phase that only webRequest has', { ...hookResponse, phase: 'completed' }],
    ['a page hook without hookId', { ...hookResponse, hookId: undefined }],
    ['a page hook with an unknown transport', { ...hookResponse, transport: 'websocket' }],
    ['a webRequest without its id', { ...wr('request'), webRequestId: 7 }],
    ['a monitor without its id', { ...monitor('request'), monitorId: {} }],
    [
      'devtools without startedAt',
      { source: 'devtools', tabId: 1, url: INTERACT, time: 1, method: 'POST' },
    ],
  ])('refuses %s', (_name, value) => {
    expect(toObservation(value)).toBeUndefined();
    expect(new CallTable({ newId: () => 'x' }).apply(value as Observation)).toBeUndefined();
  });

  it('drops optional fields of the wrong type and keeps the rest', () => {
    const clean = toObservation({
      ...hookResponse,
      statusText: { html: '<b>' },
      status: '200',
      responseBody: { text: RESPONSE_TEXT, size: 'big', truncated: 'yes' },
      requestBody: 42,
      responseHeaders: [null, { name: 5, value: '1' }, ...JSON_HEADERS, { name: 'x', value: 5 }],
      requestHeaders: 'content-type: text/plain',
      extra: 'ignored',
    });
    expect(clean).toEqual({
      ...hookResponse,
      statusText: undefined,
      status: undefined,
      responseBody: { text: RESPONSE_TEXT },
      responseHeaders: JSON_HEADERS,
    });
    expect(clean && 'extra' in clean).toBe(false);
  });
});
