/**
 * CallTable.apply is total: observations come from the page (through the relay) with shape-only
 * guards, so junk in gives a record or nothing out, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallTable, DEFAULT_CAPS, storedBytes } from './call-table';
import type { Observation } from './observation';
import { CONFIG, NO_REQUEST_ID as NO_REQUEST_ID_URL } from './test-observations';

const EDGE_URL = `https://edge.adobedc.net/ee/or2/v1/interact?configId=${CONFIG}`;

// Observations come from the page (postMessage → relay → worker) with shape-only guards, so
// `apply` must be total: junk in, a record or undefined out, never an exception.
const edgeLikeUrl = fc.oneof(
  fc.constant(`${EDGE_URL}&requestId=req-a`),
  fc.constant(NO_REQUEST_ID_URL),
  fc.string().map((s) => `${EDGE_URL}&requestId=${encodeURIComponent(s)}`),
  fc.string().map((s) => `https://edge.adobedc.net/ee/${s}/v1/interact?configId=${s}`),
  fc.string(),
  fc.webUrl({ withQueryParameters: true }),
);

const body = fc.oneof(
  fc.record({ text: fc.string() }),
  fc.record(
    { text: fc.string(), size: fc.nat(), truncated: fc.boolean() },
    { requiredKeys: ['text'] },
  ),
  fc.record({ missing: fc.string() }),
);
const headers = fc.array(fc.record({ name: fc.string(), value: fc.string() }), { maxLength: 3 });

/** Well-typed fields, random values, any of them missing. */
const sparseObservation = fc.record(
  {
    source: fc.constantFrom('webRequest', 'page-hook', 'alloy-monitor', 'devtools'),
    phase: fc.constantFrom('request', 'request-headers', 'response', 'completed', 'error'),
    url: edgeLikeUrl,
    tabId: fc.integer({ min: -1, max: 3 }),
    frameId: fc.nat(3),
    time: fc.integer({ min: 0, max: 300_000 }),
    startedAt: fc.integer({ min: 0, max: 300_000 }),
    durationMs: fc.nat(),
    webRequestId: fc.constantFrom('wr-1', 'wr-2', ''),
    hookId: fc.constantFrom('h:1', 'h:2', ''),
    monitorId: fc.constantFrom('m:1', ''),
    instance: fc.string(),
    method: fc.constantFrom('POST', 'GET', ''),
    transport: fc.constantFrom('fetch', 'xhr', 'beacon'),
    requestBody: body,
    responseBody: body,
    requestHeaders: headers,
    responseHeaders: headers,
    status: fc.integer({ min: 0, max: 599 }),
    statusText: fc.string(),
    error: fc.string(),
  },
  { requiredKeys: [] },
);

/** Anything at all in any field, as a hostile or broken page could post. */
const junkObservation = fc.dictionary(
  fc.constantFrom(
    'source',
    'phase',
    'url',
    'tabId',
    'time',
    'webRequestId',
    'hookId',
    'monitorId',
    'method',
    'transport',
    'requestBody',
    'responseBody',
    'requestHeaders',
    'responseHeaders',
    'status',
    'error',
  ),
  fc.oneof(
    fc.anything(),
    edgeLikeUrl,
    fc.array(fc.anything(), { maxLength: 3 }),
    fc.constantFrom('webRequest', 'page-hook', 'alloy-monitor', 'devtools'),
  ),
);

function applyAll(observations: unknown[]): void {
  const table = new CallTable({ newId: () => `call-${Math.random()}` });
  for (const obs of observations) table.apply(obs as Observation);
  table.evict({ ...DEFAULT_CAPS, total: 2 }, storedBytes);
}

/** Values that throw when coerced to a primitive (`{valueOf: 1}`), as a hostile page could post. */
const hostile = { toString: 1, valueOf: 1 };
const HOSTILE_FIELDS = ['source', 'phase', 'url', 'tabId', 'time', 'webRequestId', 'hookId']
  .concat(['monitorId', 'method', 'transport', 'status', 'error', 'startedAt', 'statusText'])
  .concat(['requestBody', 'responseBody', 'requestHeaders', 'responseHeaders']);

describe('CallTable.apply is total (examples)', () => {
  const base = {
    url: `${EDGE_URL}&requestId=req-a`,
    phase: 'response',
    tabId: 1,
    time: 5,
    webRequestId: 'w',
    hookId: 'h',
    monitorId: 'm',
    method: 'POST',
    transport: 'fetch',
    startedAt: 1,
    status: 200,
  };
  const sources = ['webRequest', 'page-hook', 'alloy-monitor', 'devtools'];
  it.each(sources.flatMap((source) => HOSTILE_FIELDS.map((field) => [source, field])))(
    '%s observation with a hostile object in %s',
    (source, field) => {
      const obs = { ...base, source, [field]: hostile };
      expect(() => applyAll([{ ...base, source }, obs, { ...obs, hookId: 'h2' }])).not.toThrow();
    },
  );

  it.each([
    ['null', null],
    ['a string', 'observation'],
    ['an array', [1, 2]],
    ['junk headers', { ...base, source: 'page-hook', responseHeaders: [null, { name: 5 }] }],
    ['headers as a string', { ...base, source: 'page-hook', responseHeaders: 'content-length: 0' }],
    ['a body as a number', { ...base, source: 'page-hook', responseBody: 5e-324 }],
    ['a body as null', { ...base, source: 'page-hook', requestBody: null }],
  ])('an observation that is %s', (_name, obs) => {
    expect(() => applyAll([obs])).not.toThrow();
  });
});

describe('CallTable.apply is total (property)', () => {
  it('never throws on random URLs and missing fields', () => {
    fc.assert(
      fc.property(fc.array(sparseObservation, { maxLength: 12 }), (observations) => {
        expect(() => applyAll(observations)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on fields of the wrong type', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(junkObservation, sparseObservation), { maxLength: 12 }),
        (observations) => {
          expect(() => applyAll(observations)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
