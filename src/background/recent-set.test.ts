import { describe, expect, it } from 'vitest';
import { RecentSet } from './recent-set';

describe('RecentSet', () => {
  it('keeps the most recently added values, a value added again counting as new', () => {
    const set = new RecentSet<string>(2);
    set.add('a');
    set.add('b');
    set.add('a');
    set.add('c');
    expect([set.has('a'), set.has('b'), set.has('c')]).toEqual([true, false, true]);
    expect(set.has(undefined)).toBe(false);
  });
});
