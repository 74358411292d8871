import { describe, expect, it } from 'vitest';
import { BODY_CAP, MISSING, decodeRawParts, foldBody, rankOf, utf8Size } from './bodies';
import type { BodyUpdate } from './bodies';
import type { BodyMeta, CaptureSource } from './call';
import type { BodyObservation } from './observation';

const JSON_BODY = '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}';

function bytesOf(text: string): ArrayBuffer {
  const view = new TextEncoder().encode(text);
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}

function slice(buffer: ArrayBuffer, start: number, end?: number): { bytes: ArrayBuffer } {
  return { bytes: buffer.slice(start, end) };
}

describe('rankOf', () => {
  it.each<[CaptureSource, number, number]>([
    ['webRequest', 4, 5],
    ['page-hook', 3, 4],
    ['devtools', 2, 3],
    ['alloy-monitor', 1, 2],
  ])('%s ranks %i for requests and %i for responses', (source, request, response) => {
    expect(rankOf('request', source)).toBe(request);
    expect(rankOf('response', source)).toBe(response);
  });
});

describe('utf8Size', () => {
  it.each([
    ['empty', ''],
    ['ASCII JSON', JSON_BODY],
    ['two-byte é', 'café'],
    ['three-byte CJK', '東京'],
    ['four-byte emoji (surrogate pair)', 'a😀b'],
    ['lone high surrogate (encoded as U+FFFD)', 'x\ud83dy'],
    ['lone low surrogate at the end', 'x\ude00'],
    ['mixed', '{"name":"Zoë 東京 🎉","x":"\\u0000"}'],
  ])('%s matches TextEncoder', (_name, text) => {
    expect(utf8Size(text)).toBe(new TextEncoder().encode(text).byteLength);
  });

  it('counts bytes, not UTF-16 units, above BODY_CAP too', () => {
    const text = 'é'.repeat(BODY_CAP + 1);
    expect(utf8Size(text)).toBe(2 * (BODY_CAP + 1));
  });
});

interface FoldCase {
  name: string;
  direction: 'request' | 'response';
  current: BodyMeta;
  source: CaptureSource;
  body: BodyObservation | undefined;
  expected: BodyUpdate | undefined;
}

const empty: BodyMeta = { captured: false };

const FOLD_CASES: FoldCase[] = [
  {
    name: 'no body: nothing changes',
    direction: 'request',
    current: empty,
    source: 'webRequest',
    body: undefined,
    expected: undefined,
  },
  {
    name: 'first text is taken with its UTF-8 size',
    direction: 'request',
    current: empty,
    source: 'page-hook',
    body: { text: 'Zoë' },
    expected: { meta: { captured: true, source: 'page-hook', size: 4 }, text: 'Zoë' },
  },
  {
    name: 'an empty text is a captured body',
    direction: 'response',
    current: empty,
    source: 'page-hook',
    body: { text: '' },
    expected: { meta: { captured: true, source: 'page-hook', size: 0 }, text: '' },
  },
  {
    name: 'the size a source reports is kept',
    direction: 'request',
    current: empty,
    source: 'webRequest',
    body: { text: 'abc', size: 3 },
    expected: { meta: { captured: true, source: 'webRequest', size: 3 }, text: 'abc' },
  },
  {
    name: 'a source that says it truncated is believed',
    direction: 'response',
    current: empty,
    source: 'devtools',
    body: { text: 'abc', size: 10_000, truncated: true },
    expected: {
      meta: { captured: true, source: 'devtools', size: 10_000, truncated: true },
      text: 'abc',
    },
  },
  {
    name: 'a reason is recorded while nothing is captured',
    direction: 'request',
    current: empty,
    source: 'webRequest',
    body: { missing: MISSING.blobRequest },
    expected: { meta: { captured: false, missing: MISSING.blobRequest } },
  },
  {
    name: 'a reason never replaces a captured text',
    direction: 'request',
    current: { captured: true, source: 'page-hook', size: 3 },
    source: 'webRequest',
    body: { missing: MISSING.blobRequest },
    expected: undefined,
  },
  {
    name: 'a text replaces an earlier reason and clears it',
    direction: 'request',
    current: { captured: false, missing: MISSING.blobRequest },
    source: 'page-hook',
    body: { text: 'abc' },
    expected: { meta: { captured: true, source: 'page-hook', size: 3 }, text: 'abc' },
  },
  {
    name: 'request: webRequest raw text beats the page hook',
    direction: 'request',
    current: { captured: true, source: 'page-hook', size: 3 },
    source: 'webRequest',
    body: { text: 'raw' },
    expected: { meta: { captured: true, source: 'webRequest', size: 3 }, text: 'raw' },
  },
  {
    name: 'request: the page hook does not replace webRequest',
    direction: 'request',
    current: { captured: true, source: 'webRequest', size: 3 },
    source: 'page-hook',
    body: { text: 'hook' },
    expected: undefined,
  },
  {
    name: 'request: the alloy monitor does not replace devtools',
    direction: 'request',
    current: { captured: true, source: 'devtools', size: 3 },
    source: 'alloy-monitor',
    body: { text: 'mon' },
    expected: undefined,
  },
  {
    name: 'response: the page hook beats the alloy monitor',
    direction: 'response',
    current: { captured: true, source: 'alloy-monitor', size: 3 },
    source: 'page-hook',
    body: { text: 'hook' },
    expected: { meta: { captured: true, source: 'page-hook', size: 4 }, text: 'hook' },
  },
  {
    name: 'response: the alloy monitor does not replace the page hook',
    direction: 'response',
    current: { captured: true, source: 'page-hook', size: 4 },
    source: 'alloy-monitor',
    body: { text: 'mon' },
    expected: undefined,
  },
  {
    name: 'response: any text beats the empty 204 that webRequest implies',
    direction: 'response',
    current: { captured: true, source: 'webRequest', size: 0, implied: true },
    source: 'alloy-monitor',
    body: { text: '' },
    expected: { meta: { captured: true, source: 'alloy-monitor', size: 0 }, text: '' },
  },
  {
    name: "response: Firefox's filtered bytes replace the empty body a 204 implied",
    direction: 'response',
    current: { captured: true, source: 'webRequest', size: 0, implied: true },
    source: 'webRequest',
    body: { text: '', size: 0 },
    expected: { meta: { captured: true, source: 'webRequest', size: 0 }, text: '' },
  },
  {
    name: "response: Firefox's filtered bytes (webRequest) beat the page hook",
    direction: 'response',
    current: { captured: true, source: 'page-hook', size: 4 },
    source: 'webRequest',
    body: { text: 'wire', size: 4 },
    expected: { meta: { captured: true, source: 'webRequest', size: 4 }, text: 'wire' },
  },
  {
    name: 'response: the page hook does not replace the filtered bytes',
    direction: 'response',
    current: { captured: true, source: 'webRequest', size: 4 },
    source: 'page-hook',
    body: { text: 'page' },
    expected: undefined,
  },
  {
    name: 'the same source does not replace its own text',
    direction: 'response',
    current: { captured: true, source: 'page-hook', size: 4 },
    source: 'page-hook',
    body: { text: 'again' },
    expected: undefined,
  },
  {
    name: 'a better whole text clears an earlier truncation mark and keeps the content type',
    direction: 'response',
    current: {
      captured: true,
      source: 'alloy-monitor',
      size: 9,
      truncated: true,
      contentType: 'application/json',
    },
    source: 'page-hook',
    body: { text: '{}' },
    expected: {
      meta: { captured: true, source: 'page-hook', size: 2, contentType: 'application/json' },
      text: '{}',
    },
  },
];

describe('foldBody', () => {
  it.each(FOLD_CASES)('$name', ({ direction, current, source, body, expected }) => {
    const before = structuredClone(current);
    expect(foldBody(direction, current, source, body)).toEqual(expected);
    expect(current).toEqual(before);
  });
});

describe('foldBody truncation at BODY_CAP', () => {
  it.each([
    ['ASCII, one unit over', 'a'.repeat(BODY_CAP + 1), BODY_CAP + 1],
    ['ASCII, far over', 'x'.repeat(BODY_CAP * 2), BODY_CAP * 2],
    ['two-byte text over the cap', 'é'.repeat(BODY_CAP + 10), 2 * (BODY_CAP + 10)],
  ])('%s: keeps BODY_CAP units, the full byte size, and marks truncated', (_name, text, size) => {
    const update = foldBody('response', empty, 'page-hook', { text });
    expect(update?.text?.length).toBe(BODY_CAP);
    expect(update?.meta).toEqual({ captured: true, source: 'page-hook', size, truncated: true });
  });

  it('a body of exactly BODY_CAP units is whole', () => {
    const update = foldBody('response', empty, 'page-hook', { text: 'a'.repeat(BODY_CAP) });
    expect(update?.text?.length).toBe(BODY_CAP);
    expect(update?.meta.truncated).toBeUndefined();
    expect(update?.meta.size).toBe(BODY_CAP);
  });

  it('does not cut a surrogate pair in half', () => {
    const text = `${'a'.repeat(BODY_CAP - 1)}😀${'b'.repeat(10)}`;
    const update = foldBody('response', empty, 'page-hook', { text });
    const kept = update?.text ?? '';
    expect(kept.length).toBeLessThanOrEqual(BODY_CAP);
    expect(kept.length).toBeGreaterThanOrEqual(BODY_CAP - 1);
    expect(/[\ud800-\udbff]$/.test(kept)).toBe(false);
    expect(update?.meta).toMatchObject({ truncated: true, size: BODY_CAP - 1 + 4 + 10 });
  });

  it('keeps the source-reported full size when the source already cut the text', () => {
    const update = foldBody('request', empty, 'webRequest', {
      text: 'a'.repeat(BODY_CAP + 5),
      size: 9_000_000,
    });
    expect(update?.meta).toEqual({
      captured: true,
      source: 'webRequest',
      size: 9_000_000,
      truncated: true,
    });
  });
});

describe('decodeRawParts', () => {
  const cafe = bytesOf('{"name":"café"}'); // é = C3 A9 at bytes 12..13
  const emoji = bytesOf('x😀y'); // 😀 = F0 9F 98 80 at bytes 1..4
  const tokyo = bytesOf('東京'); // 3 bytes each

  it.each<[string, { bytes?: ArrayBuffer; file?: string }[], BodyObservation]>([
    [
      'one ASCII part',
      [{ bytes: bytesOf(JSON_BODY) }],
      { text: JSON_BODY, size: JSON_BODY.length },
    ],
    [
      'two-byte é split across two parts',
      [slice(cafe, 0, 13), slice(cafe, 13)],
      { text: '{"name":"café"}', size: 16 },
    ],
    ['four-byte emoji split 2|2', [slice(emoji, 0, 3), slice(emoji, 3)], { text: 'x😀y', size: 6 }],
    [
      'four-byte emoji split over three parts 1|2|3',
      [slice(emoji, 0, 2), slice(emoji, 2, 4), slice(emoji, 4)],
      { text: 'x😀y', size: 6 },
    ],
    [
      'three-byte characters split inside each character',
      [slice(tokyo, 0, 1), slice(tokyo, 1, 4), slice(tokyo, 4)],
      { text: '東京', size: 6 },
    ],
    ['no parts', [], { text: '', size: 0 }],
    ['an empty part', [{ bytes: new ArrayBuffer(0) }], { text: '', size: 0 }],
    [
      'a part with neither bytes nor file is skipped',
      [{}, { bytes: bytesOf('{}') }],
      { text: '{}', size: 2 },
    ],
    [
      'invalid UTF-8 becomes U+FFFD and the size stays the byte count',
      [{ bytes: new Uint8Array([0x7b, 0xff, 0x7d]).buffer }],
      { text: '{\ufffd}', size: 3 },
    ],
    [
      'a file part makes the body missing',
      [{ file: 'upload.json' }],
      { missing: 'The request body is a file upload; webRequest gives only its name.' },
    ],
    [
      'a file part after bytes still makes the body missing',
      [{ bytes: bytesOf('{') }, { file: 'upload.json' }],
      { missing: 'The request body is a file upload; webRequest gives only its name.' },
    ],
  ])('%s', (_name, parts, expected) => {
    expect(decodeRawParts(parts)).toEqual(expected);
  });
});
