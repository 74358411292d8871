import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareStructure } from './share-structure';

describe('shareStructure', () => {
  it.each<[string, unknown, unknown]>([
    ['equal primitives', 3, 3],
    ['equal objects', { a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] }],
    ['equal nested arrays', [[1], [2, [3]]], [[1], [2, [3]]]],
  ])('%s: the result is prev itself', (_name, prev, next) => {
    expect(shareStructure(prev, structuredClone(next))).toBe(prev);
  });

  it('keeps the unchanged request when only the response arrived', () => {
    const prev = { request: { events: [{ xdm: { a: 1 } }] }, response: undefined };
    const next = {
      request: { events: [{ xdm: { a: 1 } }] },
      response: { handle: [{ type: 'state:store' }] },
    };
    const out = shareStructure(prev, next);
    expect(out).not.toBe(prev);
    expect(out.request).toBe(prev.request);
    expect(out.request.events[0]?.xdm).toBe(prev.request.events[0]?.xdm);
    expect(out.response).toBe(next.response);
  });

  it.each<[string, unknown, unknown]>([
    ['a changed leaf', { a: { b: 1 } }, { a: { b: 2 } }],
    ['a removed key', { a: 1, b: 2 }, { a: 1 }],
    ['an added key', { a: 1 }, { a: 1, b: 2 }],
    ['a longer array', [1], [1, 2]],
    ['a shorter array', [1, 2], [1]],
    ['object to array', { 0: 1 }, [1]],
    ['a `__proto__` key off the wire', {}, JSON.parse('{"__proto__":""}') as unknown],
  ])('%s: a new value, deeply equal to next', (_name, prev, next) => {
    const out = shareStructure(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
  });

  it('property: always deeply equal to next; prev itself when prev equals next', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(shareStructure(a, b)).toEqual(b);
        expect(shareStructure(a, structuredClone(a))).toBe(a);
      }),
    );
  });
});
