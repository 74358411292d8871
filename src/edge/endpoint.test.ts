import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EdgeEndpoint } from './endpoint';
import { actionLabel, isAdobeHost, matchEdgeUrl, mightBeEdgeUrl } from './endpoint';
import {
  CONFIG,
  DS,
  EDGE,
  MUST_MATCH,
  MUST_NOT_MATCH,
  Q,
  REQ,
  SERVER,
  edge,
} from './endpoint.cases';

describe('matchEdgeUrl: must match', () => {
  it.each(MUST_MATCH)('%s', (_name, url, expected) => {
    expect(matchEdgeUrl(url)).toEqual(expected);
  });
});

describe('matchEdgeUrl: must not match', () => {
  it.each(MUST_NOT_MATCH)('%s', (_name, url) => {
    expect(matchEdgeUrl(url)).toBeUndefined();
  });
});

describe('mightBeEdgeUrl', () => {
  it.each(MUST_MATCH)('never rejects a real call: %s', (_name, url) => {
    expect(mightBeEdgeUrl(url)).toBe(true);
  });

  it.each([
    ['analytics /b/ss/ beacon', 'https://example.sc.omtrdc.net/b/ss/rsid/1/JS-2.22.0/s1234?AQB=1'],
    ['site root', 'https://www.example.com/'],
    ['Edge path without a datastream parameter', `${EDGE}/ee/v1/interact?requestId=${REQ}`],
    ['empty string', ''],
  ])('rejects the obvious non-call: %s', (_name, url) => {
    expect(mightBeEdgeUrl(url)).toBe(false);
  });

  it('accepts every URL built from the documented template (property)', () => {
    // A region is any short token except the path words it would be confused with (v1, v2, va).
    const region = fc.option(
      fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/).filter((r) => !/^v[0-9]+$|^va$/.test(r)),
      { nil: undefined },
    );
    const url = fc.record({
      host: fc.domain(),
      base: fc.constantFrom('ee', 'EE', 'ee-pre-prd', 'ee-stage'),
      region,
      route: fc.constantFrom(
        'v1/interact',
        'v1/collect',
        'v1/privacy/set-consent',
        'v1/identity/acquire',
        'va/v1/play',
        'va/v1/sessionEnd',
        'v2/interact',
        'v2/collect',
      ),
      param: fc.constantFrom('configId', 'dataStreamId', 'datastreamId', 'CONFIGID'),
      id: fc.string({ minLength: 1, maxLength: 40 }),
      requestId: fc.option(fc.uuid(), { nil: undefined }),
    });
    fc.assert(
      fc.property(url, (u) => {
        const query = new URLSearchParams({ [u.param]: u.id });
        if (u.requestId) query.set('requestId', u.requestId);
        const path = [u.base, u.region, u.route].filter((s) => s !== undefined).join('/');
        const raw = `https://${u.host}/${path}?${query.toString()}`;
        const endpoint = matchEdgeUrl(raw);
        expect(endpoint?.datastreamId).toBe(u.id);
        expect(endpoint?.requestId).toBe(u.requestId);
        expect(mightBeEdgeUrl(raw)).toBe(true);
      }),
    );
  });
});

describe('matchEdgeUrl and mightBeEdgeUrl are total', () => {
  it('never throw on arbitrary strings (property)', () => {
    const input = fc.oneof(
      fc.string(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string().map((s) => `${EDGE}/ee/${s}${Q}`),
      fc.string().map((s) => `${EDGE}/ee/v1/interact?configId=${s}`),
    );
    fc.assert(
      fc.property(input, (raw) => {
        const endpoint = matchEdgeUrl(raw);
        expect(typeof mightBeEdgeUrl(raw)).toBe('boolean');
        if (endpoint) expect(mightBeEdgeUrl(raw)).toBe(true);
      }),
    );
  });
});

describe('isAdobeHost', () => {
  it.each([
    ['edge.adobedc.net', true],
    ['EDGE.ADOBEDC.NET', true],
    ['server.adobedc.net', true],
    ['acme.data.adobedc.net', true],
    ['adobedc.net', true],
    ['adobedc.demdex.net', true],
    ['data.example.com', false],
    ['evil-adobedc.net', false],
    ['adobedc.net.example.com', false],
    ['notdemdex.net', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isAdobeHost(host)).toBe(expected);
  });
});

describe('actionLabel', () => {
  it.each([
    [`${EDGE}/ee/v1/interact${Q}`, 'interact'],
    [`${EDGE}/ee/v1/collect${Q}`, 'collect'],
    [`${EDGE}/ee/v1/privacy/set-consent${Q}`, 'set-consent'],
    [`${EDGE}/ee/v1/identity/acquire${Q}`, 'acquire'],
    [`${EDGE}/ee/or2/va/v1/play${Q}`, 'media:play'],
    [`${EDGE}/ee/va/v1/sessionStart${Q}`, 'media:sessionStart'],
    [`${SERVER}/ee/v2/interact?dataStreamId=${DS}`, 'interact'],
    [`${EDGE}/brand-concierge/conversations?sessionId=s&configId=${CONFIG}`, 'brand-concierge'],
  ])('%s → %s', (url, expected) => {
    const endpoint = matchEdgeUrl(url);
    expect(endpoint).toBeDefined();
    expect(actionLabel(endpoint as EdgeEndpoint)).toBe(expected);
  });

  it('labels a media endpoint without subAction as "media:"', () => {
    expect(actionLabel(edge({ action: 'media', media: true }))).toBe('media:');
  });
});
