import { describe, expect, it } from 'vitest';
import { copyText, keyText, STRING_PREVIEW, valueText } from './value-text';

describe('valueText', () => {
  it.each<[unknown, string]>([
    [[], '[]'],
    [{}, '{}'],
    [[1], '[ 1 item ]'],
    [[1, 2], '[ 2 items ]'],
    [{ a: 1 }, '{ 1 key }'],
    ['javascript:alert(1)', '"javascript:alert(1)"'],
    ['<b>bold</b>\n', '"<b>bold</b>\\n"'],
    [12.5, '12.5'],
    [true, 'true'],
    [null, 'null'],
  ])('%j → %s', (value, text) => {
    expect(valueText(value)).toEqual({ text, hidden: 0 });
  });

  it('cuts long strings until shown in full', () => {
    const long = 'x'.repeat(STRING_PREVIEW + 50);
    const cut = valueText(long);
    expect(cut.hidden).toBe(50);
    expect(cut.text).toBe(`"${'x'.repeat(STRING_PREVIEW)}…"`);
    expect(valueText(long, true)).toEqual({ text: JSON.stringify(long), hidden: 0 });
  });
});

describe('keyText', () => {
  it('quotes object keys, not indexes, and names the root', () => {
    expect(keyText('__proto__', 'body')).toBe('"__proto__"');
    expect(keyText(3, 'body')).toBe('3');
    expect(keyText(undefined, 'body')).toBe('body');
  });
});

describe('copyText', () => {
  it('copies strings as they are and the rest as JSON', () => {
    expect(copyText('a "b"')).toBe('a "b"');
    expect(copyText(5)).toBe('5');
    expect(copyText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});
