import { describe, expect, it } from 'vitest';
import { decodeCall } from './decode-call';
import { plainLines, visitorState } from './plain-words';
import { requestFixture } from './test-fixtures';

const INTERACT = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r1';
const CONSENT = 'https://edge.adobedc.net/ee/v1/privacy/set-consent?configId=ds&requestId=r2';

/** A real alloy request body from src/edge/fixtures (`request-<name>.json`). */
function body(file: string): string {
  return requestFixture(file.replace(/^request-/, '').replace(/\.json$/, '')).text;
}

const personalization = JSON.stringify({
  handle: [
    {
      type: 'personalization:decisions',
      eventIndex: 0,
      payload: [
        {
          id: 'a',
          scope: '__view__',
          items: [{ schema: 'https://ns.adobe.com/personalization/dom-action', data: {} }],
        },
        {
          id: 'b',
          scope: 'hero',
          items: [{ schema: 'https://ns.adobe.com/personalization/json-content-item', data: {} }],
        },
        { id: 'c', scope: 'empty', items: [] },
      ],
    },
    {
      type: 'identity:result',
      payload: [{ id: '41861666193140161934276845651148876988', namespace: { code: 'ECID' } }],
    },
  ],
});

describe('plainLines', () => {
  it.each([
    [
      'page view with offers',
      INTERACT,
      body('request-page-view-home.json'),
      personalization,
      false,
      ['Page view: home', 'Personalization: 2 offers'],
    ],
    [
      'link click',
      INTERACT,
      body('request-add-to-cart.json'),
      '{"handle":[]}',
      false,
      ['Link click: Add to cart'],
    ],
    [
      'consent in',
      CONSENT,
      body('request-consent-in.json'),
      '{"handle":[]}',
      false,
      ['Consent: in'],
    ],
    [
      'consent out',
      CONSENT,
      body('request-consent-out.json'),
      '{"handle":[]}',
      false,
      ['Consent: out'],
    ],
    [
      'identity lookup',
      'https://edge.adobedc.net/ee/v1/identity/acquire?configId=ds',
      body('request-identity-acquire.json'),
      '{"handle":[]}',
      false,
      ['Identity lookup'],
    ],
    [
      'no eventType',
      INTERACT,
      body('request-data-only.json'),
      '{"handle":[]}',
      false,
      ['Event without a type'],
    ],
  ])('%s', (_name, url, requestText, responseText, failed, expected) => {
    const lines = plainLines(decodeCall({ url, requestText, responseText, status: 200 }), failed);
    expect(lines.map((l) => l.text)).toEqual(expected);
    expect(lines.every((l) => !l.problem)).toBe(true);
  });

  it('marks a failed call and names its error', () => {
    const problem =
      '{"type":"https://ns.adobe.com/aep/errors/EXEG-0003-400","status":400,"title":"Invalid datastream ID"}';
    const lines = plainLines(
      decodeCall({
        url: INTERACT,
        requestText: body('request-page-view-home.json'),
        responseText: problem,
        status: 400,
      }),
      true,
    );
    expect(lines.map((l) => l.text)).toEqual(['Page view: home', 'Error: Invalid datastream ID']);
    expect(lines.every((l) => l.problem)).toBe(true);
  });
});

describe('visitorState', () => {
  it('takes the latest consent and the ECID', () => {
    const calls = [
      decodeCall({
        url: CONSENT,
        requestText: body('request-consent-out.json'),
        responseText: '{"handle":[]}',
        status: 200,
      }),
      decodeCall({
        url: INTERACT,
        requestText: body('request-page-view-home.json'),
        responseText: personalization,
        status: 200,
      }),
      decodeCall({
        url: CONSENT,
        requestText: body('request-consent-in.json'),
        responseText: '{"handle":[]}',
        status: 200,
      }),
    ];
    // The last call (real alloy consent) sent the identity cookie: its ECID is the latest known.
    const latest = calls[2]?.identity.ecidFromSentCookie;
    expect(latest).toMatch(/^\d{38}$/);
    expect(visitorState(calls)).toEqual({ consent: 'in', ecid: latest });
    expect(visitorState(calls.slice(0, 2))).toEqual({
      consent: 'out',
      ecid: '41861666193140161934276845651148876988',
    });
    expect(visitorState([])).toEqual({});
  });
});
