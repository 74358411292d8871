import { expect, test } from 'vitest';
import {
  callSize,
  formatBytes,
  formatDuration,
  formatInstant,
  pluralCalls,
  shortUrl,
} from './format';

test.each([
  [undefined, '—'],
  [-1, '—'],
  [0, '0 B'],
  [999, '999 B'],
  [1000, '1.0 kB'],
  [1234, '1.2 kB'],
  [45_600, '46 kB'],
  [5_300_000, '5.3 MB'],
])('formatBytes(%s) = %s', (bytes, text) => {
  expect(formatBytes(bytes)).toBe(text);
});

test.each([
  [undefined, '—'],
  [0, '0 ms'],
  [12.6, '13 ms'],
])('formatDuration(%s) = %s', (ms, text) => {
  expect(formatDuration(ms)).toBe(text);
});

test.each([
  [{ request: { captured: true }, response: { captured: false } }, undefined],
  [{ request: { captured: true, size: 10 }, response: { captured: false } }, 10],
  [{ request: { captured: true, size: 10 }, response: { captured: true, size: 5 } }, 15],
])('callSize %#', (call, size) => {
  expect(callSize(call)).toBe(size);
});

test.each([
  ['https://www.example.com/', 'www.example.com'],
  ['https://www.example.com/a/b?x=1', 'www.example.com/a/b?x=1'],
  ['not a url', 'not a url'],
])('shortUrl(%s)', (raw, text) => {
  expect(shortUrl(raw)).toBe(text);
});

test('formatInstant and pluralCalls', () => {
  expect(formatInstant(0)).toBe('1970-01-01T00:00:00.000Z');
  expect(formatInstant(undefined)).toBe('—');
  expect(pluralCalls(1)).toBe('1 call');
  expect(pluralCalls(2)).toBe('2 calls');
});
