import { expect, test } from 'vitest';
import { describeBody, reindentJson, type BodyView } from './body-view';

test.each<{
  name: string;
  meta: Parameters<typeof describeBody>[0];
  text?: string;
  view: BodyView;
}>([
  {
    name: 'missing with a reason',
    meta: { captured: false, missing: 'sendBeacon with a Blob: webRequest gives no bytes' },
    view: { kind: 'missing', reason: 'sendBeacon with a Blob: webRequest gives no bytes' },
  },
  {
    name: 'missing without a reason',
    meta: { captured: false },
    view: { kind: 'missing', reason: 'Not captured.' },
  },
  { name: 'empty', meta: { captured: true, size: 0 }, text: '', view: { kind: 'empty' } },
  {
    name: 'json',
    meta: { captured: true },
    text: '{"a":[1,{"b":"<script>"}],"c":{}}',
    view: {
      kind: 'json',
      pretty: '{\n  "a": [\n    1,\n    {\n      "b": "<script>"\n    }\n  ],\n  "c": {}\n}',
    },
  },
])('$name', ({ meta, text, view }) => {
  expect(describeBody(meta, text).view).toEqual(view);
});

test('invalid JSON keeps the raw text and says why', () => {
  const { view } = describeBody({ captured: true }, '<html>502 Bad Gateway</html>');
  expect(view.kind).toBe('text');
  if (view.kind !== 'text') return;
  expect(view.text).toBe('<html>502 Bad Gateway</html>');
  expect(view.parseError).not.toBe('');
});

test('truncation is noted with the full size', () => {
  const { notes } = describeBody({ captured: true, truncated: true, size: 5_300_000 }, '{"a":');
  expect(notes).toEqual([
    "Truncated: only the first part of 5.3 MB was kept by the store's body cap.",
  ]);
});

test.each([
  [
    'numbers keep their digits',
    '{"id":123456789012345678901234567890,"f":1.0}',
    '{\n  "id": 123456789012345678901234567890,\n  "f": 1.0\n}',
  ],
  ['escapes and brackets inside strings', '["a\\"]{,:","\\\\"]', '[\n  "a\\"]{,:",\n  "\\\\"\n]'],
  [
    '__proto__ is an ordinary key',
    '{"__proto__":{"x":1}}',
    '{\n  "__proto__": {\n    "x": 1\n  }\n}',
  ],
  ['empty containers with spaces', '{ "a" : [ ] , "b" : { } }', '{\n  "a": [],\n  "b": {}\n}'],
  ['a scalar', ' "x" ', '"x"'],
])('reindentJson: %s', (_name, input, output) => {
  expect(reindentJson(input)).toBe(output);
  expect(JSON.parse(reindentJson(input))).toEqual(JSON.parse(input));
});
