/** decodeRequestText on bodies real alloy does not send: broken, empty, odd shapes and types. */
import { describe, expect, it } from 'vitest';
import { decodeRequestText } from './decode-request';
import { matchEdgeUrl } from './endpoint';
import { requestFixture } from './test-fixtures';

const DATASTREAM = '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63';

describe('decodeRequestText on malformed or unusual bodies', () => {
  const interact = matchEdgeUrl(`https://edge.adobedc.net/ee/v1/interact?configId=${DATASTREAM}`);
  const consentUrl = matchEdgeUrl(
    `https://edge.adobedc.net/ee/v1/privacy/set-consent?configId=${DATASTREAM}`,
  );
  it.each([
    ['an empty body', '', undefined, 'empty', []],
    ['an HTML page', '<html>', undefined, 'not-json', []],
    ['an array', '[1]', undefined, 'unrecognised', ['The body is an array, not a JSON object.']],
    [
      'events as an object',
      '{"events":{}}',
      undefined,
      'unrecognised',
      ['events is an object, not an array.'],
    ],
    ['an empty events array', '{"events":[]}', interact, 'events', ['events is an empty array.']],
    [
      'consent as a string',
      '{"consent":"in"}',
      undefined,
      'unrecognised',
      ['consent is a string, not an array.'],
    ],
    [
      'an empty object',
      '{}',
      undefined,
      'unrecognised',
      ['The body has no events, event, consent or query.identity.'],
    ],
    [
      'events and event',
      '{"events":[{}],"event":{}}',
      undefined,
      'events',
      ['The body has both events and event; events was read.'],
    ],
    [
      'events sent to set-consent',
      '{"events":[{"xdm":{"eventType":"x"}}]}',
      consentUrl,
      'events',
      ['The URL says set-consent, but the body has no consent array.'],
    ],
    [
      'a v2 event sent to v1 interact',
      '{"event":{"xdm":{"eventType":"x"}}}',
      interact,
      'event',
      ['The URL says interact, which takes an events array.'],
    ],
    [
      'fetch not an array',
      '{"query":{"identity":{"fetch":"ECID"}}}',
      undefined,
      'identity',
      ['query.identity.fetch is not an array.'],
    ],
    [
      'meta as a string',
      '{"events":[],"meta":"x"}',
      undefined,
      'events',
      ['events is an empty array.'],
    ],
  ])('%s', (_name, text, endpoint, shape, notes) => {
    const request = decodeRequestText(text, endpoint);
    expect(request.shape).toBe(shape);
    expect(request.notes).toEqual(notes);
  });

  it('reports where a truncated body breaks', () => {
    const text = requestFixture('page-view-home').text.slice(0, 120);
    const request = decodeRequestText(text);
    expect(request.parseError?.line).toBe(1);
    expect(request.parseError?.column).toBe(121);
  });

  it('notes a non-object event and keeps its index', () => {
    const request = decodeRequestText('{"events":[{"xdm":{"eventType":"a"}},7]}');
    expect(request.events.map((e) => [e.index, e.eventType, e.notes])).toEqual([
      [0, 'a', []],
      [1, undefined, ['Event 1 is a number, not an object.']],
    ]);
  });

  it('reads request-level xdm and its identityMap (OpenAPI BatchV1Request)', () => {
    const request = decodeRequestText(
      '{"xdm":{"identityMap":{"FPID":[{"id":"f-1","primary":true}]}},"events":[{"xdm":{"eventType":"a"}}]}',
    );
    expect(request.requestXdm).toEqual({ identityMap: { FPID: [{ id: 'f-1', primary: true }] } });
    expect(request.requestIdentityMap?.primary?.namespace).toBe('FPID');
  });

  it('notes personalization disabled (Target authoring mode) and odd schema lists', () => {
    const request = decodeRequestText(
      '{"events":[{"xdm":{"eventType":"a"},"query":{"personalization":{"enabled":false,"schemas":"x","decisionScopes":["a",1]}}}]}',
    );
    expect(request.events[0]?.personalization?.notes).toEqual([
      'Personalization is disabled for this event (Target authoring mode).',
      'decisionScopes has 1 non-string entry.',
      'schemas is a string, not an array.',
    ]);
  });
});
