import { describe, expect, it } from 'vitest';
import { decodeCall, DECODER_FAILED, type DecodeCallInput } from './decode-call';
import { locationHintUsage } from './location-hint';
import { fixtureNames, requestFixture, responseFixture } from './test-fixtures';

const ECID = '41861666193140161934276845651148876988';
const FIXTURE_REQUEST_ID = '8fe699d5-2c1d-4f6b-bdb9-5c7e8bd07839';

/**
 * A real captured request joined with a shaped response. The response fixtures carry one fixed
 * requestId; it is rewritten to the captured request's own id plus Edge's suffix, as Edge does.
 */
function call(request: string | undefined, response?: string, url?: string): DecodeCallInput {
  const req =
    request === undefined
      ? undefined
      : request.startsWith('identity-map-')
        ? requestFixture(request.slice('identity-map-'.length), 'identity-map-')
        : requestFixture(request);
  const callUrl = url ?? req?.url ?? 'https://edge.adobedc.net/ee/v1/interact?configId=ds';
  const sentId = new URL(callUrl).searchParams.get('requestId') ?? FIXTURE_REQUEST_ID;
  const res = response === undefined ? undefined : responseFixture(response);
  return {
    url: callUrl,
    requestText: req?.text,
    responseText: res?.text.split(FIXTURE_REQUEST_ID).join(sentId),
    status: res?.status,
    responseHeaders: res?.headers,
  };
}

describe('decodeCall: real requests with shaped responses', () => {
  // [name, request fixture, response fixture, action, event lines, handle types, error lines]
  const CASES: [
    string,
    string | undefined,
    string | undefined,
    string,
    string[],
    string[],
    string[],
  ][] = [
    [
      'a page view with personalization',
      'page-view-home',
      'page-view',
      'interact',
      ['#0 web.webpagedetails.pageViews · page "home" · handles: personalization:decisions'],
      ['state:store', 'identity:result', 'locationHint:result', 'personalization:decisions'],
      [],
    ],
    [
      'a consent call',
      'consent-in',
      'consent-preferences',
      'set-consent',
      ['(consent) Adobe 1.0: general=in · handles: consent:preferences'],
      ['consent:preferences'],
      [],
    ],
    [
      'an identity call',
      'identity-acquire',
      'identity-result',
      'acquire',
      ['(identity fetch) ECID · handles: identity:result'],
      ['identity:result'],
      [],
    ],
    [
      'a 207 with errors and warnings',
      'add-to-cart',
      '207-errors-warnings',
      'interact',
      ['#0 web.webinteraction.linkClicks · 1 error · 2 warnings'],
      ['state:store', 'identity:result'],
      [
        'error: EXEG-0201-503 Upstream unavailable: The service com.adobe.audiencemanager is temporarily unavailable.',
        'warning: EXEG-0204-200 Completed with warnings: com.adobe.experience.platform.ode returned a warning.',
        'warning: EXEG-0301-200 User consent missing: The request was ignored because user consent is missing.',
      ],
    ],
    [
      'a 400 problem body',
      'page-view-product',
      '400-problem',
      'interact',
      ['#0 web.webpagedetails.pageViews · page "product: trail shoes" · 1 error'],
      [],
      ['fatal: EXEG-0003-400 Invalid datastream ID: The datastream ID is missing or invalid.'],
    ],
    [
      'an HTML 502 from a proxy',
      'add-to-cart',
      '502-html',
      'interact',
      ['#0 web.webinteraction.linkClicks · 1 error'],
      [],
      ['fatal: HTTP 502 Bad gateway (an HTML page)'],
    ],
    [
      'a 429 with an empty body',
      'purchase-identity-overrides',
      '429-retry-after',
      'interact',
      ['#0 commerce.purchases · primary CRMID: crm-4711 (authenticated) · 1 error'],
      [],
      ['fatal: HTTP 429 Too many requests (no body)'],
    ],
    [
      'the unload beacon (204, nothing to read)',
      'unload-beacon-collect',
      '204-empty',
      'collect',
      ['#0 web.webinteraction.linkClicks'],
      [],
      [],
    ],
    ['a media event', 'media-play', '204-empty', 'media:play', ['#0 media.play'], [], []],
    [
      'a v2 batch with malformed identity maps',
      'identity-map-collect-batch',
      '202-accepted',
      'collect',
      ['#0 commerce.purchases', '#1 commerce.purchases · primary CRMID: crm-0815 (authenticated)'],
      [],
      [],
    ],
    [
      'a response without a captured request',
      undefined,
      'media-new-session',
      'interact',
      ['(request body not captured) · handles: media-analytics:new-session'],
      ['media-analytics:new-session'],
      [],
    ],
  ];

  it.each(CASES)('%s', (_name, request, response, action, events, handleTypes, errors) => {
    const decoded = decodeCall(call(request, response));
    expect(decoded.action).toBe(action);
    expect(decoded.events.map((e) => e.line)).toEqual(events);
    expect(decoded.handleTypes).toEqual(handleTypes);
    expect(decoded.errors.map((e) => e.line)).toEqual(errors);
    expect(decoded.notes).toEqual([]);
  });

  it('correlates the response with the request by requestId prefix', () => {
    const decoded = decodeCall(call('page-view-home', 'page-view'));
    expect(decoded.response?.requestIdMatch.relation).toBe('edge-suffix');
    expect(decoded.response?.requestIdMatch.sent).toBe(decoded.endpoint?.requestId);
  });

  it('explains errors with a cause and what to check', () => {
    const [error] = decodeCall(call('page-view-product', '400-problem')).errors;
    expect(error).toMatchObject({
      severity: 'fatal',
      code: 'EXEG-0003-400',
      cause: 'Edge does not know this datastream ID.',
      check: expect.stringMatching(/^The configId/),
    });
    const [html] = decodeCall(call('add-to-cart', '502-html')).errors;
    expect(html?.cause).toBe('An upstream service or an intermediary failed.');
  });

  it('counts errors and warnings for the call', () => {
    expect(decodeCall(call('add-to-cart', '207-errors-warnings'))).toMatchObject({
      errorCount: 1,
      warningCount: 2,
    });
  });

  it('shows the ECID from identity:result and from the decoded identity cookies', () => {
    const identity = decodeCall(call('page-view-home', 'page-view')).identity;
    expect(identity).toMatchObject({
      ecidFromResponse: ECID,
      ecidFromStoredCookie: ECID,
      findings: [],
    });
    expect(identity.ecidFromSentCookie).toBeUndefined();
  });

  it('flags a new ECID when Edge did not keep the one the cookie carried', () => {
    const identity = decodeCall(call('add-to-cart', 'identity-result')).identity;
    expect(identity.ecidFromSentCookie).toMatch(/^\d{38}$/);
    expect(identity.findings).toEqual([
      'Edge returned a different ECID from the one in the identity cookie sent: the visitor got a new identity.',
    ]);
  });

  it('lists identity findings with where they are', () => {
    const identity = decodeCall(call('identity-map-collect-batch', '202-accepted')).identity;
    expect(identity.maps.map((m) => m.where)).toEqual(['event 0', 'event 1']);
    expect(identity.findings).toEqual([
      'event 0: No identity has primary: true as a boolean (a non-boolean primary was sent instead).',
      'event 0, Email[0]: primary is "true", not a boolean; it is not counted as primary here, and Edge may not honour it.',
    ]);
  });

  it('collects the location hints, so a later call can be checked against them', () => {
    const first = decodeCall(call('page-view-home', 'page-view'));
    const later = decodeCall(call('add-to-cart'));
    expect(locationHintUsage(first.locationHints, later.endpoint?.region).verdict).toBe('used');
    expect(locationHintUsage(first.locationHints, first.endpoint?.region).verdict).toBe(
      'no-region',
    );
  });

  it('notes a handle that names an event the request does not have', () => {
    const decoded = decodeCall(call('page-view-home', 'handles-unknown-and-malformed'));
    expect(decoded.notes).toEqual([
      'Handle 7 (activation:push) names event 3, but the request has 1 event.',
    ]);
  });

  it('decodes bodies of a URL that is not an Edge call, and says so', () => {
    const decoded = decodeCall({ url: 'https://example.com/api', requestText: '{"events":[]}' });
    expect(decoded.action).toBe('not an Edge call');
    expect(decoded.notes).toEqual([
      'The URL is not an Edge Network call; bodies were decoded anyway.',
    ]);
    expect(decoded.request?.shape).toBe('events');
  });

  it('is pure: the same input gives an equal result, and no decoder ever failed', () => {
    for (const name of fixtureNames('request-')) {
      const input = call(name, 'page-view');
      const first = decodeCall(input);
      expect(decodeCall(input)).toEqual(first);
      expect(first.notes.filter((n) => n.startsWith(DECODER_FAILED))).toEqual([]);
    }
  });
});
