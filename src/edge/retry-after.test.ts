import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after';

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0); // Wed, 25 Nov 2026 10:00:00 GMT

describe('parseRetryAfter', () => {
  it.each([
    ['120', NOW, { kind: 'seconds', seconds: 120, text: 'retry after 120 seconds (2 minutes)' }],
    ['1', undefined, { kind: 'seconds', seconds: 1, text: 'retry after 1 second' }],
    [' 30 ', undefined, { kind: 'seconds', seconds: 30, text: 'retry after 30 seconds' }],
    ['0', undefined, { kind: 'seconds', seconds: 0, text: 'retry after 0 seconds' }],
    [
      '7200',
      undefined,
      { kind: 'seconds', seconds: 7200, text: 'retry after 7200 seconds (2 hours)' },
    ],
    [
      'Wed, 25 Nov 2026 10:00:30 GMT',
      NOW,
      {
        kind: 'date',
        date: '2026-11-25T10:00:30.000Z',
        seconds: 30,
        text: 'retry at 2026-11-25T10:00:30.000Z (30 seconds after the response)',
      },
    ],
    [
      'Wed, 25 Nov 2026 10:00:30 GMT',
      undefined,
      { kind: 'date', date: '2026-11-25T10:00:30.000Z', text: 'retry at 2026-11-25T10:00:30.000Z' },
    ],
    [
      'Wed, 25 Nov 2026 09:00:00 GMT',
      NOW,
      {
        kind: 'date',
        seconds: 0,
        text: 'retry at 2026-11-25T09:00:00.000Z (0 seconds after the response)',
      },
    ],
    [
      '-5',
      undefined,
      { kind: 'invalid', note: 'Retry-After seconds must be a whole, non-negative number.' },
    ],
    [
      '1.5',
      undefined,
      { kind: 'invalid', note: 'Retry-After seconds must be a whole, non-negative number.' },
    ],
    ['soon', undefined, { kind: 'invalid', text: 'unreadable Retry-After "soon"' }],
    ['Wednesday, 25-Nov-26 10:00:30 GMT', undefined, { kind: 'invalid' }],
    ['Wed, 31 Feb 2026 10:00:30 GMT', undefined, { kind: 'invalid' }],
    ['', undefined, { kind: 'invalid' }],
  ])('%j', (value, receivedAt, expected) => {
    expect(parseRetryAfter(value, receivedAt)).toMatchObject({ raw: value, ...expected });
  });
});

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sun, 06 Nov 1994 08:49:37 UTC', undefined],
    ['Sun, 06 Nov 1994 25:49:37 GMT', undefined],
    ['06 Nov 1994 08:49:37 GMT', undefined],
  ])('%j', (value, epoch) => {
    expect(parseHttpDate(value)).toBe(epoch);
  });
});
