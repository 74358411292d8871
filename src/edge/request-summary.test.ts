import { describe, expect, it } from 'vitest';
import { eventTypesOf } from './request-summary';

describe('eventTypesOf', () => {
  it.each([
    [
      'v1 page view',
      '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}',
      ['web.webpagedetails.pageViews'],
    ],
    [
      'v1 batch keeps order',
      '{"events":[{"xdm":{"eventType":"a"}},{"xdm":{"eventType":"b"}}]}',
      ['a', 'b'],
    ],
    ['missing eventType', '{"events":[{"data":{"x":1}}]}', ['(no eventType)']],
    ['event not an object', '{"events":[3]}', ['(not an object)']],
    [
      'v2 single event',
      '{"event":{"xdm":{"eventType":"commerce.purchases"}}}',
      ['commerce.purchases'],
    ],
    [
      'set-consent',
      '{"consent":[{"standard":"Adobe","version":"1.0","value":{"general":"in"}}]}',
      ['(consent)'],
    ],
    ['identity/acquire', '{"query":{"identity":{"fetch":["ECID"]}}}', ['(identity fetch)']],
    ['not JSON', '<html>', []],
    ['empty', '', []],
    ['array body', '[1,2]', []],
  ])('%s', (_name, body, expected) => {
    expect(eventTypesOf(body)).toEqual(expected);
  });
});
