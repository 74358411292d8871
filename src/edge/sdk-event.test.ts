import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SDK_TEXT_BUDGET, describeValue, sdkEventOf } from './sdk-event';

function cyclic(): unknown {
  const a: Record<string, unknown> = { name: 'a' };
  a.self = a;
  a.list = [a, { back: a }];
  return a;
}

function throwingGetter(): unknown {
  const value = { ok: 1 };
  Object.defineProperty(value, 'bad', {
    enumerable: true,
    get() {
      throw new Error('no');
    },
  });
  return value;
}

describe('describeValue: any page value as bounded JSON text', () => {
  it.each([
    ['a string', 'abc', '"abc"'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a function', () => 1, '"function"'],
    [
      'a function in an object',
      { onBeforeRequest: () => 1, n: 1 },
      '{"onBeforeRequest":"function","n":1}',
    ],
    ['a bigint', 10n, '"10n"'],
    ['a symbol', Symbol('s'), '"symbol"'],
    ['a DOM-like node', { nodeType: 1, nodeName: 'DIV', innerHTML: '<b>x</b>' }, '"<div>"'],
    ['a node in an object', { el: { nodeType: 9, nodeName: '#document' } }, '{"el":"<#document>"}'],
    ['an error', new TypeError('bad xdm'), '"TypeError: bad xdm"'],
    ['a cycle', cyclic(), '{"name":"a","self":"[cycle]","list":["[cycle]",{"back":"[cycle]"}]}'],
    ['a throwing getter', throwingGetter(), '{"ok":1,"bad":"[unreadable]"}'],
    [
      'a repeated (not cyclic) object',
      (() => {
        const x = { v: 1 };
        return [x, x];
      })(),
      '[{"v":1},{"v":1}]',
    ],
    [
      'deep nesting',
      { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } },
      '{"a":{"b":{"c":{"d":{"e":{"f":"[object]"}}}}}}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(describeValue(value, 1000)).toBe(expected);
  });

  it('cuts a huge string to the budget', () => {
    const out = describeValue('x'.repeat(1_000_000), 100);
    expect(out.length).toBeLessThanOrEqual(101);
    expect(out.endsWith('…')).toBe(true);
  });

  it('keeps at most 50 keys and 50 items', () => {
    const wide = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(JSON.parse(describeValue(wide, 10_000)) as object)).toHaveLength(50);
    const long = Array.from({ length: 80 }, (_, i) => i);
    expect(JSON.parse(describeValue(long, 10_000))).toHaveLength(50);
  });

  it('does not walk a wide and deep value to its end', () => {
    const level = (n: number): unknown =>
      n === 0
        ? 'leaf'
        : Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, level(n - 1)]));
    // 50^4 leaves shared by reference: walked in full this takes minutes.
    const shared = level(2);
    const huge = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [
        `a${i}`,
        Object.fromEntries(Array.from({ length: 50 }, (_, j) => [`b${j}`, shared])),
      ]),
    );
    const started = Date.now();
    const out = describeValue(huge, 2000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(out.length).toBeLessThanOrEqual(2001);
  });

  it('never throws, stays within budget + 1 and is JSON or JSON cut with "…"', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }),
        fc.integer({ min: 1, max: 3000 }),
        (value, budget) => {
          const out = describeValue(value, budget);
          expect(typeof out).toBe('string');
          expect(out.length).toBeLessThanOrEqual(budget + 1);
          if (!out.endsWith('…') && out !== 'undefined')
            expect(() => JSON.parse(out)).not.toThrow();
        },
      ),
    );
  });

  it('hostile strings stay text: whatever the page writes comes back as the same string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.constantFrom(
            '</script><script>alert(1)</script>',
            '"},{"kind":"tags"',
            '\u2028\u2029',
            '\\u0000',
            '{"__proto__":{"x":1}}',
          ),
        ),
        (hostile) => {
          expect(JSON.parse(describeValue(hostile, 1000))).toBe(hostile);
          expect(JSON.parse(describeValue({ [hostile]: hostile }, 5000))).toEqual(
            JSON.parse(JSON.stringify({ [hostile]: hostile })),
          );
        },
      ),
    );
  });

  it('an object with a hostile toString or toJSON is not called', () => {
    let called = 0;
    const value = {
      a: 1,
      toString() {
        called++;
        return 'x';
      },
    };
    expect(describeValue(value, 100)).toBe('{"a":1,"toString":"function"}');
    expect(called).toBe(0);
  });
});

describe('sdkEventOf: the guard for stored and imported events', () => {
  it('keeps a well-typed event and drops what is not in the contract', () => {
    const event = {
      at: 5,
      kind: 'command',
      instance: 'alloy',
      command: { name: 'sendEvent', phase: 'rejected', error: 'bad', extra: 'x' },
      html: '<b>',
    };
    expect(sdkEventOf(event)).toEqual({
      at: 5,
      kind: 'command',
      instance: 'alloy',
      command: { name: 'sendEvent', phase: 'rejected', error: 'bad' },
    });
  });

  it.each([
    ['no time', { kind: 'log' }],
    ['an unknown kind', { at: 1, kind: 'render' }],
    ['a non-finite time', { at: Infinity, kind: 'log' }],
    ['not an object', 'log'],
  ])('refuses %s', (_name, value) => {
    expect(sdkEventOf(value)).toBeUndefined();
  });

  it('cuts texts to their budgets', () => {
    const out = sdkEventOf({ at: 1, kind: 'configured', config: 'x'.repeat(100_000) });
    expect(out?.config?.length).toBeLessThanOrEqual(SDK_TEXT_BUDGET.config + 1);
  });

  it('never throws on anything', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        sdkEventOf(value);
      }),
    );
  });
});
