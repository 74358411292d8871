import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonError, lineAndColumn, parseJson } from './json';

describe('parseJson', () => {
  it.each([
    ['an object', '{"a":1}', { a: 1 }],
    ['an array', '[1,"x",null]', [1, 'x', null]],
    ['a bare string', '"text"', 'text'],
    ['surrounding whitespace', ' \n {"a":[]} \t', { a: [] }],
    ['escaped U+0000 and a lone surrogate (alloy sends both)', '"\\u0000\\ud83d"', '\u0000\ud83d'],
  ])('parses %s', (_name, text, value) => {
    expect(parseJson(text)).toEqual({ ok: true, value });
  });

  // [name, text, reason, line, column, empty]
  const FAILURES: [string, string, string, number, number, boolean][] = [
    ['empty text', '', 'The body is empty', 1, 1, true],
    ['whitespace only', '  \n ', 'The body is empty', 1, 1, true],
    ['an HTML page', '<!doctype html>', 'Unexpected character "<"', 1, 1, false],
    ['an unquoted key', '{oops', 'Expected a property name in double quotes', 1, 2, false],
    ['a missing value', '{"a":}', 'Unexpected character "}"', 1, 6, false],
    ['a trailing comma', '[1,2,]', 'Unexpected character "]"', 1, 6, false],
    ['truncated after a value', '{"a":1', 'Unexpected end of JSON input', 1, 7, false],
    ['truncated in a string', '{"a":"b', 'Unterminated string', 1, 8, false],
    ['a bad word on line 3', '{\n  "a": 1,\n  "b": x\n}', 'Unexpected character "x"', 3, 8, false],
    ['text after the value', '{} {}', 'Unexpected text after the JSON value', 1, 4, false],
    ['a missing colon', '{"a" 1}', "Expected ':' after the property name", 1, 6, false],
    ['a missing comma', '[1 2]', "Expected ',' or ']'", 1, 4, false],
    ['a raw newline in a string', '"a\nb"', 'Bad control character in string', 1, 3, false],
    ['a bad escape', '"\\x"', 'Bad escape in string', 1, 2, false],
    ['a bad \\u escape', '"\\u12G4"', 'Bad \\u escape in string', 1, 2, false],
    ['a byte-order mark', '\ufeff{}', 'The text starts with a byte-order mark', 1, 1, false],
    ['a leading zero', '01', 'Unexpected text after the JSON value', 1, 2, false],
    ['NaN', '[NaN]', 'Unexpected character "N"', 1, 2, false],
  ];

  it.each(FAILURES)(
    'reports %s with line and column',
    (_name, text, reason, line, column, empty) => {
      const result = parseJson(text);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatchObject({ reason, line, column, empty });
      expect(result.error.message).not.toBe('');
      if (!empty) expect(result.error.summary).toBe(`${reason} (line ${line}, column ${column})`);
    },
  );

  it('keeps __proto__ and constructor as ordinary own keys', () => {
    const result = parseJson('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value as object)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('scans 100 000 levels of nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(100000)}1${']'.repeat(99999)}`;
    const result = parseJson(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('Unexpected end of JSON input');
  });

  it('gives an excerpt around the problem', () => {
    const result = parseJson(`{"padding":"${'x'.repeat(50)}", oops}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.excerpt).toBe('xxxxxxxxxxxxxxxxx", oops}');
  });
});

describe('lineAndColumn', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\nb\nc', 4, 3, 1],
  ])('%j at %i is line %i column %i', (text, offset, line, column) => {
    expect(lineAndColumn(text, offset)).toEqual({ line, column });
  });
});

describe('findJsonError agrees with JSON.parse (property)', () => {
  const engineFails = (text: string): boolean => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  };
  const agree = (text: string) => {
    const found = findJsonError(text);
    expect(found.reason === 'No error found').toBe(!engineFails(text));
  };

  it('on valid JSON text', () => {
    fc.assert(fc.property(fc.json(), agree), { numRuns: 300 });
  });

  it('on JSON text with one character changed, removed or inserted', () => {
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', 'x', '0', ' '),
        fc.boolean(),
      )
      .map(([text, at, c, replace]) => {
        const i = text.length ? at % text.length : 0;
        return text.slice(0, i) + c + text.slice(replace ? i + 1 : i);
      });
    fc.assert(fc.property(mutated, agree), { numRuns: 500 });
    fc.assert(fc.property(fc.string(), agree), { numRuns: 300 });
  });
});
