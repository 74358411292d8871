import { describe, expect, test } from 'vitest';
import { BODY_CAP } from '../session/bodies';
import {
  startDevtoolsSource,
  toDevtoolsObservation,
  type DevtoolsNetworkLike,
  type HarEntryLike,
} from './devtools-network';
import { INTERACT } from '../session/test-observations';

const edgeUrl = () => INTERACT;

function entry(
  overrides: Partial<HarEntryLike> = {},
  body: string | null = '{"handle":[]}',
): HarEntryLike {
  return {
    startedDateTime: '2026-11-25T01:45:23.364Z',
    time: 84.5,
    request: {
      url: edgeUrl(),
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'text/plain; charset=UTF-8' }],
      postData: { text: '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}' },
      bodySize: 66,
    },
    response: {
      status: 200,
      statusText: 'OK',
      headers: [{ name: 'content-type', value: 'application/json' }],
      content: { size: 13 },
    },
    getContent: (callback) => callback(body, ''),
    ...overrides,
  };
}

describe('toDevtoolsObservation', () => {
  test('a complete entry', () => {
    expect(toDevtoolsObservation(entry(), 12, '{"handle":[]}', '')).toEqual({
      source: 'devtools',
      tabId: 12,
      url: edgeUrl(),
      time: Date.UTC(2026, 10, 25, 1, 45, 23, 364),
      startedAt: Date.UTC(2026, 10, 25, 1, 45, 23, 364),
      method: 'POST',
      status: 200,
      statusText: 'OK',
      requestHeaders: [{ name: 'Content-Type', value: 'text/plain; charset=UTF-8' }],
      responseHeaders: [{ name: 'content-type', value: 'application/json' }],
      requestBody: {
        text: '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}',
        size: 66,
      },
      responseBody: { text: '{"handle":[]}', size: 13 },
      durationMs: 84.5,
      error: undefined,
    });
  });

  test.each<{
    name: string;
    har: HarEntryLike;
    content: string | null;
    encoding?: string;
    check: (o: ReturnType<typeof toDevtoolsObservation>) => void;
  }>([
    {
      name: 'base64 content is decoded as UTF-8',
      har: entry(),
      content: btoa(String.fromCharCode(...new TextEncoder().encode('{"名":"é"}'))),
      encoding: 'base64',
      check: (o) => expect(o.responseBody).toEqual({ text: '{"名":"é"}', size: 12 }),
    },
    {
      name: 'no content: missing with a reason',
      har: entry(),
      content: null,
      check: (o) => expect(o.responseBody).toHaveProperty('missing'),
    },
    {
      name: 'no post data on a POST',
      har: entry({ request: { ...entry().request, postData: undefined } }),
      content: '',
      check: (o) => expect(o.requestBody).toHaveProperty('missing'),
    },
    {
      name: 'status 0 with a Chromium error',
      har: entry({
        response: {
          ...entry().response,
          status: 0,
          statusText: '',
          _error: 'net::ERR_BLOCKED_BY_CLIENT',
        } as HarEntryLike['response'],
      }),
      content: '',
      check: (o) => {
        expect(o.status).toBeUndefined();
        expect(o.error).toBe('net::ERR_BLOCKED_BY_CLIENT');
      },
    },
    {
      name: 'huge bodies are cut and marked',
      har: entry(),
      content: 'x'.repeat(BODY_CAP + 10),
      check: (o) => {
        expect(o.responseBody).toMatchObject({ truncated: true, size: 13 });
        expect(o.responseBody && 'text' in o.responseBody && o.responseBody.text.length).toBe(
          BODY_CAP,
        );
      },
    },
  ])('$name', ({ har, content, encoding = '', check }) => {
    check(toDevtoolsObservation(har, 1, content, encoding));
  });
});

test("a beacon's response, which DevTools does not keep, is missing, not empty", () => {
  const beacon = entry({
    response: { status: 200, statusText: '', headers: [], content: { size: 0 }, bodySize: -1 },
  });
  expect(toDevtoolsObservation(beacon, 12, '', '').responseBody).toEqual({
    missing: 'DevTools had no response body for this call.',
  });
  // A body DevTools knows to be empty (a 204) stays empty.
  const empty = entry({
    response: { status: 204, statusText: '', headers: [], content: { size: 0 }, bodySize: 0 },
  });
  expect(toDevtoolsObservation(empty, 12, '', '').responseBody).toEqual({ text: '', size: 0 });
});

test('startDevtoolsSource forwards Edge calls only, until stopped', () => {
  const listeners = new Set<(e: HarEntryLike) => void>();
  const network: DevtoolsNetworkLike = {
    onRequestFinished: {
      addListener: (l) => listeners.add(l),
      removeListener: (l) => listeners.delete(l),
    },
  };
  const seen: string[] = [];
  const stop = startDevtoolsSource(network, 3, (o) => seen.push(o.url));
  const fire = (e: HarEntryLike) => listeners.forEach((l) => l(e));
  fire(entry());
  fire(entry({ request: { ...entry().request, url: 'https://www.example.com/app.js' } }));
  fire(
    entry({
      getContent: () => {
        throw new Error('gone');
      },
    }),
  );
  expect(seen).toEqual([edgeUrl(), edgeUrl()]);
  stop();
  expect(listeners.size).toBe(0);
});
