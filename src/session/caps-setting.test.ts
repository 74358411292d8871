import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPS } from './call-table';
import { capsFrom } from './caps-setting';

describe('capsFrom', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_CAPS],
    ['not an object', 'big', DEFAULT_CAPS],
    ['partial', { perTab: 20 }, { ...DEFAULT_CAPS, perTab: 20 }],
    [
      'below the bounds',
      { perTab: 1, total: -5, bytes: 0 },
      { perTab: 10, total: 10, bytes: 1024 * 1024 },
    ],
    ['above the bounds', { total: 1e12 }, { ...DEFAULT_CAPS, total: 100_000 }],
    ['wrong types', { perTab: '30', total: NaN, bytes: null }, DEFAULT_CAPS],
    ['fractions round', { perTab: 20.6 }, { ...DEFAULT_CAPS, perTab: 21 }],
  ])('%s', (_name, stored, expected) => {
    expect(capsFrom(stored)).toEqual(expected);
  });
});
