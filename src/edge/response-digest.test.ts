import { describe, expect, it } from 'vitest';
import { decodeCall } from './decode-call';
import { digestResponse } from './response-digest';
import { fixtureNames, responseFixture } from './test-fixtures';

describe('digestResponse', () => {
  // [fixture, handle types, per-event handle types, errors, warnings]
  const CASES: [string, string[], [number, string[]][], number, number][] = [
    [
      'page-view',
      ['state:store', 'identity:result', 'locationHint:result', 'personalization:decisions'],
      [[0, ['personalization:decisions']]],
      0,
      0,
    ],
    ['207-errors-warnings', ['state:store', 'identity:result'], [], 1, 2],
    ['400-problem', [], [], 1, 0],
    ['502-html', [], [], 0, 0],
    ['204-empty', [], [], 0, 0],
    [
      'handles-unknown-and-malformed',
      [
        'analytics:hit',
        '(no type)',
        'identity:result',
        'locationHint:result',
        'state:store',
        'activation:push',
      ],
      [
        [0, ['analytics:hit']],
        [3, ['activation:push']],
      ],
      0,
      0,
    ],
  ];
  it.each(CASES)('%s', (name, handleTypes, perEvent, errors, warnings) => {
    const digest = digestResponse(responseFixture(name).text);
    expect(digest.handleTypes).toEqual(handleTypes);
    expect(digest.eventHandleTypes).toEqual(
      perEvent.map(([eventIndex, types]) => ({ eventIndex, handleTypes: types })),
    );
    expect(digest.errorCount).toBe(errors);
    expect(digest.warningCount).toBe(warnings);
  });

  it('agrees with decodeCall on every response fixture', () => {
    for (const name of fixtureNames('response-')) {
      const fixture = responseFixture(name);
      const digest = digestResponse(fixture.text);
      const call = decodeCall({
        url: 'https://edge.adobedc.net/ee/v1/interact?configId=ds',
        responseText: fixture.text,
      });
      expect(digest.handleTypes, name).toEqual(call.handleTypes);
      expect(digest.errorCount, name).toBe(call.errorCount);
      expect(digest.warningCount, name).toBe(call.warningCount);
    }
  });

  it.each(['', 'not json', '[]', '{"handle": 5}', '{"__proto__": {"handle": []}}'])(
    'never throws: %j',
    (text) => {
      expect(digestResponse(text)).toMatchObject({ errorCount: expect.any(Number) });
    },
  );
});
