import { describe, expect, it } from 'vitest';
import { consentLine } from './consent';
import { decodeRequestText, type DecodedRequest } from './decode-request';
import { matchEdgeUrl } from './endpoint';
import { fixtureNames, requestFixture } from './test-fixtures';

const DATASTREAM = '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63';

function decodeFixture(name: string): DecodedRequest {
  const fixture = requestFixture(name);
  return decodeRequestText(fixture.text, matchEdgeUrl(fixture.url));
}

/** The stable facts of a decoded request (captured values such as ECIDs vary per capture). */
function summary(request: DecodedRequest) {
  return {
    shape: request.shape,
    label: request.label,
    eventTypes: request.events.map((e) => e.eventType ?? null),
    pageNames: request.events.map((e) => e.pageName ?? null),
    consent: request.consent.map(consentLine),
    identityFetch: request.identityFetch ?? null,
    stateEntries: request.meta.stateEntries.map((e) => e.cookie.key ?? null),
    configOverrides: request.meta.configOverrides.map((o) => o.key),
    datastreamOriginal: request.meta.datastreamOriginal ?? null,
    notes: [...request.notes, ...request.events.flatMap((e) => e.notes)],
  };
}

const PV = 'web.webpagedetails.pageViews';
const CLICK = 'web.webinteraction.linkClicks';
const KNOWN = ['identity', 'cluster'];
const WITH_CONSENT = ['cluster', 'identity', 'consent'];
type Summary = ReturnType<typeof summary>;
const base: Summary = {
  shape: 'events',
  eventTypes: [],
  label: 'v1 events[] (1 event)',
  pageNames: [null],
  consent: [],
  identityFetch: ['ECID'],
  stateEntries: WITH_CONSENT,
  configOverrides: [],
  datastreamOriginal: null,
  notes: [],
};
const consentBody = (line: string, entries: string[]): Summary => ({
  ...base,
  shape: 'consent',
  label: 'set-consent (1 entry)',
  eventTypes: [],
  pageNames: [],
  consent: [line],
  stateEntries: entries,
});

// One row per request fixture (checked below). Rows spell out every summary field.
const CASES: [string, Summary][] = [
  ['page-view-home', { ...base, eventTypes: [PV], pageNames: ['home'], stateEntries: [] }],
  [
    'proposition-display',
    { ...base, eventTypes: ['decisioning.propositionDisplay'], stateEntries: KNOWN },
  ],
  ['add-to-cart', { ...base, eventTypes: [CLICK], stateEntries: KNOWN }],
  ['unload-beacon-collect', { ...base, eventTypes: [CLICK], stateEntries: KNOWN }],
  [
    'page-view-product',
    { ...base, eventTypes: [PV], pageNames: ['product: trail shoes'], stateEntries: KNOWN },
  ],
  ['consent-out', consentBody('Adobe 1.0: general=out', ['cluster', 'identity'])],
  ['consent-in', consentBody('Adobe 1.0: general=in', WITH_CONSENT)],
  [
    'consent-adobe-2',
    consentBody(
      'Adobe 2.0: collect=y, share=n, personalize.content=y, marketing.preferred=email, marketing.any=p, marketing.email=y',
      WITH_CONSENT,
    ),
  ],
  ['consent-iab-tcf', consentBody('IAB TCF 2.0, gdprApplies=true', WITH_CONSENT)],
  [
    'purchase-identity-overrides',
    {
      ...base,
      eventTypes: ['commerce.purchases'],
      configOverrides: ['com_adobe_analytics', 'com_adobe_experience_platform'],
      datastreamOriginal: DATASTREAM,
    },
  ],
  [
    'data-only',
    { ...base, eventTypes: [null], notes: ['No xdm.eventType: sendEvent without one sends none.'] },
  ],
  ['media-session-start', { ...base, eventTypes: ['media.sessionStart'] }],
  ['media-play', { ...base, label: 'media event play (1 event)', eventTypes: ['media.play'] }],
  [
    'identity-acquire',
    {
      ...base,
      shape: 'identity',
      label: 'identity fetch only (ECID)',
      eventTypes: [],
      pageNames: [],
      stateEntries: [],
    },
  ],
  [
    'v2-interact',
    {
      ...base,
      shape: 'event',
      label: 'v2 single event',
      eventTypes: [PV],
      pageNames: ['home'],
      stateEntries: [],
    },
  ],
  [
    'v2-collect',
    {
      ...base,
      label: 'v2 collect batch (2 events)',
      eventTypes: [PV, CLICK],
      pageNames: ['home', null],
      identityFetch: null,
      stateEntries: [],
    },
  ],
];

describe('decodeRequestText over the captured alloy bodies', () => {
  it.each(CASES)('%s', (name, expected) => {
    expect(summary(decodeFixture(name))).toEqual(expected);
  });

  it('has a row for every request fixture', () => {
    expect(CASES.map((c) => c[0]).sort()).toEqual(fixtureNames('request-'));
  });

  it('uses real alloy bodies (only the v2 ones are derived, and say so)', () => {
    for (const name of fixtureNames('request-')) {
      const { source } = requestFixture(name);
      expect(source).toMatch(
        name.startsWith('v2-')
          ? /^derived: real alloy events/
          : /^captured from @adobe\/alloy 2\.33\.1/,
      );
    }
  });
});

describe('per-event details', () => {
  it('page view: page URL, timestamp, Analytics data and the personalization query', () => {
    const [event] = decodeFixture('page-view-home').events;
    expect(event?.pageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(event?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(event?.analytics).toEqual({ pageName: 'home' });
    expect(event?.target).toBeUndefined();
    expect(event?.personalization).toMatchObject({
      enabled: true,
      decisionScopes: ['__view__'],
      notes: [],
    });
    expect(event?.personalization?.surfaces).toEqual([
      expect.stringMatching(/^web:\/\/127\.0\.0\.1:\d+\/$/),
    ]);
    expect(event?.personalization?.schemas.map((s) => s.short)).toEqual([
      'default-content-item',
      'html-content-item',
      'json-content-item',
      'redirect-item',
      'ruleset-item',
      'message/in-app',
      'message/content-card',
      'dom-action',
    ]);
    expect(event?.personalization?.schemas[7]?.uri).toBe(
      'https://ns.adobe.com/personalization/dom-action',
    );
  });

  it('product page: a named mbox scope next to __view__', () => {
    const [event] = decodeFixture('page-view-product').events;
    expect(event?.personalization?.decisionScopes).toEqual(['product-recs', '__view__']);
  });

  it('display notification: the propositions it reports', () => {
    const [event] = decodeFixture('proposition-display').events;
    expect(event?.notification).toEqual({
      eventTypes: ['display'],
      propositions: [
        {
          id: 'AT:eyJhY3Rpdml0eUlkIjoiMTAwMDAxIiwiZXhwZXJpZW5jZUlkIjoiMCJ9',
          scope: '__view__',
          activityId: '100001',
        },
      ],
      actionLabel: undefined,
      actionReason: undefined,
    });
  });

  it('purchase: identityMap, __adobe.analytics and __adobe.target called out', () => {
    const [event] = decodeFixture('purchase-identity-overrides').events;
    expect(event?.identityMap?.primary?.id).toBe('crm-4711');
    expect(event?.analytics).toEqual({ eVar1: 'checkout', events: 'purchase' });
    expect(event?.target).toEqual({ 'profile.loyaltyTier': 'gold', entityId: 'trail-shoes-42' });
  });

  it('media: session details on sessionStart, session id and playhead on play', () => {
    const [start] = decodeFixture('media-session-start').events;
    expect(start?.media?.sessionDetails).toEqual([
      { name: 'playerName', value: 'demo-player' },
      { name: 'channel', value: 'Demo videos' },
      { name: 'appVersion', value: '1.0' },
      { name: 'name', value: 'trail-running-101' },
      { name: 'friendlyName', value: 'Trail running 101' },
      { name: 'length', value: '120' },
      { name: 'contentType', value: 'VOD' },
    ]);
    const [play] = decodeFixture('media-play').events;
    expect(play?.media).toMatchObject({
      sessionId: 'b5d9e8f7a6c54d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e',
      playhead: 15,
    });
  });

  it('meta.state: domain and the kndctr cookies alloy copied, identity decoded', () => {
    const { meta } = decodeFixture('add-to-cart');
    expect(meta.stateDomain).toBe('127.0.0.1');
    expect(meta.cookiesEnabled).toBe(true);
    expect(meta.stateEntries[0]?.identity?.ecid).toMatch(/^\d{38}$/);
    expect(meta.stateEntries[1]?.value).toBe('or2');
    expect(meta.queueTimeMillis).toBeGreaterThanOrEqual(0);
  });

  it('meta.configOverrides: which service each key configures', () => {
    const overrides = decodeFixture('purchase-identity-overrides').meta.configOverrides;
    expect(overrides.map((o) => [o.key, o.service])).toEqual([
      ['com_adobe_analytics', 'Adobe Analytics (report suites)'],
      [
        'com_adobe_experience_platform',
        'Experience Platform (datasets, ODE, segmentation, destinations, AJO)',
      ],
    ]);
    expect(overrides[0]?.value).toEqual({ reportSuites: ['demoshop-dev'] });
  });

  it('consent: Adobe 2.0 time and IAB TCF string', () => {
    expect(decodeFixture('consent-adobe-2').consent[0]?.time).toBe('2026-11-25T10:00:00.000Z');
    expect(decodeFixture('consent-iab-tcf').consent[0]).toMatchObject({
      kind: 'iab-tcf-2.0',
      tcString: 'CO052l-O052l-DGAMBFRACBgAIBAAAAAAIYgEawAQEagAAAA',
      gdprApplies: true,
    });
  });
});
