/**
 * Safe JSON parsing for captured bodies: never throws, and a failure says where, in lines and
 * columns, whatever the JavaScript engine's own message looks like (V8's messages differ between
 * versions and often give no position at all).
 *
 * `JSON.parse` creates OWN properties, so `{"__proto__": …}` stays an ordinary key and never
 * touches a prototype; callers must not merge parsed objects into others (see read.ts).
 */

export interface JsonError {
  /** True when the text is empty or only whitespace. */
  empty: boolean;
  /** The engine's message, e.g. `Unexpected token '<', "<html>" is not valid JSON`. */
  message: string;
  /** What is wrong at `offset`, in the scanner's own words. */
  reason: string;
  /** 0-based offset (in UTF-16 code units) of the first problem. */
  offset: number;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
  /** Up to 40 characters of text around the problem. */
  excerpt: string;
  /** One line for the UI: `Unexpected end of JSON input (line 3, column 7)`. */
  summary: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonError };

/** Parses `text`; never throws. */
export function parseJson(text: string): JsonParse {
  if (typeof text !== 'string') return { ok: false, error: failure('', 'Not text', 0, true) };
  if (text.trim() === '') return { ok: false, error: failure(text, 'The body is empty', 0, true) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : 'Invalid JSON';
    const found = findJsonError(text);
    return { ok: false, error: failure(text, message, found.offset, false, found.reason) };
  }
}

function failure(text: string, message: string, offset: number, empty: boolean, reason = message) {
  const { line, column } = lineAndColumn(text, offset);
  const start = Math.max(0, offset - 20);
  const excerpt = text.slice(start, offset + 20);
  const summary = empty ? message : `${reason} (line ${line}, column ${column})`;
  return { empty, message, reason, offset, line, column, excerpt, summary };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close';
interface Found {
  offset: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

/**
 * The offset of the first syntax error, found by an iterative scanner (an explicit stack, so
 * 100 000 levels of nesting cannot overflow the call stack). Only runs after JSON.parse failed.
 */
export function findJsonError(text: string): Found {
  if (text.charCodeAt(0) === 0xfeff)
    return { offset: 0, reason: 'The text starts with a byte-order mark' };
  const stack: number[] = []; // char codes of '{' or '['
  let expect: Expect | 'end' = 'value';
  let i = 0;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) {
      return expect === 'end'
        ? { offset: text.length, reason: 'No error found' }
        : { offset: text.length, reason: 'Unexpected end of JSON input' };
    }
    const step = scanStep(text, i, expect, stack);
    if ('reason' in step) return step;
    i = step.next;
    expect = step.expect;
  }
}

type Step = { next: number; expect: Expect | 'end' } | Found;

function scanStep(text: string, i: number, expect: Expect | 'end', stack: number[]): Step {
  const c = text[i];
  const after = (next: number): Step => ({
    next,
    expect: stack.length ? 'comma-or-close' : 'end',
  });
  switch (expect) {
    case 'end':
      return { offset: i, reason: 'Unexpected text after the JSON value' };
    case 'value-or-close':
      if (c === ']') return (stack.pop(), after(i + 1));
      return scanValue(text, i, stack, after);
    case 'value':
      return scanValue(text, i, stack, after);
    case 'key-or-close':
      if (c === '}') return (stack.pop(), after(i + 1));
      return scanKey(text, i);
    case 'key':
      return scanKey(text, i);
    case 'colon':
      return c === ':'
        ? { next: i + 1, expect: 'value' }
        : { offset: i, reason: "Expected ':' after the property name" };
    case 'comma-or-close': {
      const open = stack[stack.length - 1];
      const close = open === 123 ? '}' : ']';
      if (c === ',') return { next: i + 1, expect: open === 123 ? 'key' : 'value' };
      if (c === close) return (stack.pop(), after(i + 1));
      return { offset: i, reason: `Expected ',' or '${close}'` };
    }
  }
}

function scanValue(text: string, i: number, stack: number[], after: (next: number) => Step): Step {
  const c = text[i];
  if (c === '{') return (stack.push(123), { next: i + 1, expect: 'key-or-close' });
  if (c === '[') return (stack.push(91), { next: i + 1, expect: 'value-or-close' });
  if (c === '"') {
    const end = scanString(text, i);
    return typeof end === 'number' ? after(end) : end;
  }
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(text);
  if (number && number[0].length > 0) return after(i + number[0].length);
  for (const literal of LITERALS) {
    if (text.startsWith(literal, i)) return after(i + literal.length);
  }
  return { offset: i, reason: `Unexpected character ${JSON.stringify(c)}` };
}

function scanKey(text: string, i: number): Step {
  if (text[i] !== '"') return { offset: i, reason: 'Expected a property name in double quotes' };
  const end = scanString(text, i);
  return typeof end === 'number' ? { next: end, expect: 'colon' } : end;
}

/** Returns the offset after the closing quote, or where the string goes wrong. */
function scanString(text: string, start: number): number | Found {
  for (let j = start + 1; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 34) return j + 1; // "
    if (code < 0x20) return { offset: j, reason: 'Bad control character in string' };
    if (code === 92) {
      const next = text[j + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
          return { offset: j, reason: 'Bad \\u escape in string' };
        j += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        j++;
      } else {
        return { offset: j, reason: 'Bad escape in string' };
      }
    }
  }
  return { offset: text.length, reason: 'Unterminated string' };
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
  }
  return i;
}
