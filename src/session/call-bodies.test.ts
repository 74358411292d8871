import { describe, expect, it } from 'vitest';
import { MISSING } from './bodies';
import { statusLabel } from './call';
import { CallTable } from './call-table';
import type { Observation } from './observation';
import {
  COLLECT,
  REQUEST_TEXT,
  RESPONSE_TEXT,
  hook,
  monitor,
  named,
  only,
  replay,
  wr,
} from './test-observations';

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

describe('a call some source saw answered is not failed by a later abort', () => {
  // A keepalive fetch or beacon whose page navigates: the page (or DevTools) saw the Edge's 204,
  // then the network reported the request aborted as the document went away.
  const answered = hook('response', { url: COLLECT, status: 204, responseBody: { text: '' } });
  const sent = hook('request', { url: COLLECT });
  const started = wr('request', { url: COLLECT, time: 1_000 });
  const aborted = wr('error', { url: COLLECT, time: 1_040, error: 'net::ERR_ABORTED' });
  const hookAbort = hook('error', { url: COLLECT, error: 'AbortError: The user aborted' });

  it.each(
    named([
      [sent, started, answered, aborted],
      [sent, started, aborted, answered],
      [aborted, sent, answered, started],
      [sent, answered, hookAbort, started, aborted],
      [started, aborted, sent, hookAbort, answered],
    ]),
  )('%s', (_name, order) => {
    const call = only(replay(order).calls);
    expect(call.state).toBe('complete');
    expect(call.status).toBe(204);
    expect(call.error).toBeUndefined();
    expect(statusLabel(call)).not.toMatch(/fail/);
  });
});
