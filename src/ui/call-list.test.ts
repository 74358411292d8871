import { describe, expect, test } from 'vitest';
import { indexOfSeq, orderCalls, upsertCalls } from './call-rows';
import { makeCall } from './test-fixtures';

const ids = (calls: { id: string }[]) => calls.map((call) => call.id);

describe('indexOfSeq', () => {
  const calls = [1, 3, 5, 9].map((seq) => makeCall(seq));
  test.each([
    [1, 0],
    [5, 2],
    [9, 3],
    [2, -1],
    [10, -1],
  ])('seq %i is at %i', (seq, index) => {
    expect(indexOfSeq(calls, seq)).toBe(index);
  });
});

describe('upsertCalls', () => {
  const base = [1, 2, 3].map((seq) => makeCall(seq));
  test.each([
    { name: 'appends new calls', incoming: [makeCall(4), makeCall(5)], want: [1, 2, 3, 4, 5] },
    { name: 'sorts late arrivals into place', incoming: [makeCall(0)], want: [0, 1, 2, 3] },
    { name: 'replaces in place', incoming: [makeCall(2, { status: 500 })], want: [1, 2, 3] },
    {
      name: 'moves a call that came back under another seq',
      incoming: [makeCall(9, { id: 'call-1' })],
      want: [2, 3, 9],
    },
  ])('$name', ({ incoming, want }) => {
    const result = upsertCalls(base, incoming);
    expect(result.map((call) => call.seq)).toEqual(want);
    expect(new Set(ids(result)).size).toBe(result.length);
    expect(ids(base)).toEqual(['call-1', 'call-2', 'call-3']);
  });

  test('the replacement is the new object', () => {
    const updated = makeCall(2, { status: 500 });
    expect(upsertCalls(base, [updated])[1]).toBe(updated);
  });
});

test('orderCalls dedupes by id, last wins, and sorts by seq', () => {
  const result = orderCalls([makeCall(3), makeCall(1), makeCall(3, { status: 404 })]);
  expect(result.map((call) => [call.seq, call.status])).toEqual([
    [1, 200],
    [3, 404],
  ]);
});
