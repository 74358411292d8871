import { describe, expect, it } from 'vitest';
import { CallTable } from './call-table';
import { toObservation, type Observation } from './observation';
import {
  INTERACT,
  JSON_HEADERS,
  REQUEST_TEXT,
  RESPONSE_TEXT,
  hook,
  monitor,
  wr,
} from './test-observations';

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
