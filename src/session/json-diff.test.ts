import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffJson, endsWithPattern, renderPath, sameJson, type DiffRules } from './json-diff';

const byType: DiffRules = {
  itemKey: (_at, item) =>
    typeof item === 'object' && item !== null && 'type' in item
      ? { field: 'type', value: String((item as { type: unknown }).type) }
      : undefined,
};

const summary = (before: unknown, after: unknown, rules?: DiffRules) =>
  diffJson(before, after, rules).map((e) => `${e.change} ${e.path}`);

describe('diffJson', () => {
  it.each([
    ['equal values', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, []],
    ['a changed leaf', { a: { b: 1 } }, { a: { b: 2 } }, ['changed a.b']],
    ['an added key', { a: 1 }, { a: 1, c: { d: 1 } }, ['added c']],
    ['a removed key', { a: 1, c: 2 }, { a: 1 }, ['removed c']],
    ['a type change', { a: [1] }, { a: { 0: 1 } }, ['changed a']],
    ['array positions', { e: [1, 2, 3] }, { e: [1, 5] }, ['changed e[1]', 'removed e[2]']],
    ['an appended item', [1], [1, 2], ['added [1]']],
    [
      'odd keys are quoted',
      { 'a.b': 1, 'x y': 1 },
      { 'a.b': 2 },
      ['changed ["a.b"]', 'removed ["x y"]'],
    ],
    ['null against a value', { a: null }, { a: 0 }, ['changed a']],
  ])('%s', (_name, before, after, expected) => {
    expect(summary(before, after)).toEqual(expected);
  });

  it('lines array items up by identity: one inserted handle is one difference', () => {
    const before = {
      handle: [
        { type: 'a', v: 1 },
        { type: 'b', v: 1 },
      ],
    };
    const after = { handle: [{ type: 'new' }, { type: 'b', v: 2 }, { type: 'a', v: 1 }] };
    expect(summary(before, after, byType)).toEqual([
      'changed handle[type=b].v',
      'added handle[type=new]',
    ]);
  });

  it('numbers repeated identities', () => {
    const before = [
      { type: 'x', n: 1 },
      { type: 'x', n: 2 },
    ];
    const after = [
      { type: 'x', n: 1 },
      { type: 'x', n: 3 },
    ];
    expect(summary(before, after, byType)).toEqual(['changed [type=x#2].n']);
  });

  it('falls back to positions when an item has no identity', () => {
    expect(summary([{ type: 'a' }, 7], [{ type: 'b' }, 7], byType)).toEqual(['changed [0].type']);
  });

  it('keeps before and after values and asks the rules what is volatile', () => {
    const [entry] = diffJson({ t: 1 }, { t: 2 }, { volatile: (s) => renderPath(s) === 't' });
    expect(entry).toMatchObject({ path: 't', before: 1, after: 2, volatile: true });
  });

  it('treats __proto__ as an ordinary key', () => {
    const before = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    const after = JSON.parse('{"__proto__": {"a": 2}}') as unknown;
    expect(summary(before, after)).toEqual(['changed __proto__.a']);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('does not overflow on deep nesting', () => {
    let deep: unknown = 1;
    let other: unknown = 2;
    for (let i = 0; i < 5000; i++) {
      deep = [deep];
      other = [other];
    }
    const entries = diffJson(deep, other);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.change).toBe('changed');
  });

  it('finds no difference between a value and itself, and some between different values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffJson(a, structuredClone(a))).toEqual([]);
        expect(diffJson(a, b).length === 0).toBe(sameJson(a, b));
      }),
    );
  });
});

describe('endsWithPattern', () => {
  it.each([
    [['a', 'b', 'c'], ['b', 'c'], true],
    [['a', 'b', 'c'], ['*', 'c'], true],
    [['a', 'b', 'c'], ['^', 'b', 'c'], false],
    [['b', 'c'], ['^', 'b', 'c'], true],
    [['c'], ['b', 'c'], false],
  ])('%j ends with %j: %s', (tokens, pattern, expected) => {
    expect(endsWithPattern(tokens, pattern)).toBe(expected);
  });
});
