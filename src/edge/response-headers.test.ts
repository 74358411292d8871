import { describe, expect, it } from 'vitest';
import { findHeader, parseEdgeHeader, readResponseHeaders } from './response-headers';
import { responseFixture } from './test-fixtures';

describe('parseEdgeHeader (x-adobe-edge: <region>;<int>)', () => {
  it.each([
    ['OR2;9', { region: 'OR2', regionId: 9 }],
    ['IRL1;12', { region: 'IRL1', regionId: 12 }],
    [' VA6 ; 3 ', { region: 'VA6', regionId: 3 }],
    [
      'OR2;9x',
      { region: 'OR2', regionId: 9, note: 'The region id is not a plain number; alloy reads 9.' },
    ],
    [';9', { regionId: 9, note: 'The region name before `;` is missing.' }],
    ['OR2', { region: 'OR2', note: 'Not in the `<region>;<number>` form; alloy logs a warning.' }],
    ['OR2;', { region: 'OR2', note: 'Not in the `<region>;<number>` form; alloy logs a warning.' }],
    ['', { note: 'Not in the `<region>;<number>` form; alloy logs a warning.' }],
  ])('%j', (value, expected) => {
    expect(parseEdgeHeader(value)).toEqual({ raw: value, ...expected });
  });
});

describe('findHeader', () => {
  it.each([
    [[{ name: 'Retry-After', value: '1' }], 'retry-after', '1'],
    [
      [
        { name: 'x-adobe-edge', value: 'a' },
        { name: 'X-Adobe-Edge', value: 'b' },
      ],
      'x-adobe-edge',
      'a',
    ],
    [[null, 3, { name: 1, value: 'x' }, { name: 'date' }], 'date', undefined],
    [undefined, 'date', undefined],
  ])('%j %s', (headers, name, value) => {
    expect(findHeader(headers, name)).toBe(value);
  });
});

describe('readResponseHeaders over the fixtures', () => {
  it('503: Retry-After as a date, made a delay by the Date header', () => {
    const headers = readResponseHeaders(responseFixture('503-unavailable').headers);
    expect(headers.retryAfter).toMatchObject({ kind: 'date', seconds: 30 });
    expect(headers.edge).toEqual({ raw: 'OR2;9', region: 'OR2', regionId: 9 });
    expect(headers.contentType).toBe('application/problem+json;charset=utf-8');
  });

  it('429: Retry-After in seconds', () => {
    expect(
      readResponseHeaders(responseFixture('429-retry-after').headers).retryAfter,
    ).toMatchObject({
      kind: 'seconds',
      seconds: 120,
    });
  });

  it('502 HTML: no Edge headers at all', () => {
    const headers = readResponseHeaders(responseFixture('502-html').headers);
    expect(headers.edge).toBeUndefined();
    expect(headers.retryAfter).toBeUndefined();
  });
});
