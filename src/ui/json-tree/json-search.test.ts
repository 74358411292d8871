import { describe, expect, it } from 'vitest';
import { primitiveText, searchJson } from './json-search';

const body = {
  events: [
    {
      xdm: {
        eventType: 'web.webpagedetails.pageViews',
        web: { webPageDetails: { name: 'Home', URL: 'https://shop.example/' } },
      },
    },
  ],
  meta: { state: { domain: 'shop.example' } },
};

describe('searchJson', () => {
  it('finds keys and values case-insensitively, in document order', () => {
    const result = searchJson(body, 'PAGE');
    expect(result.matches).toEqual([
      { id: '.events[0].xdm.eventType', inKey: false, inValue: true },
      { id: '.events[0].xdm.web.webPageDetails', inKey: true, inValue: false },
    ]);
  });

  it('reveals the ancestors of every match', () => {
    const result = searchJson(body, 'shop.example');
    expect(result.matches.map((m) => m.id)).toEqual([
      '.events[0].xdm.web.webPageDetails.URL',
      '.meta.state.domain',
    ]);
    expect([...result.reveal]).toEqual([
      '.events[0].xdm.web.webPageDetails',
      '.events[0].xdm.web',
      '.events[0].xdm',
      '.events[0]',
      '.events',
      '',
      '.meta.state',
      '.meta',
    ]);
  });

  it('pins matches beyond the first page, in ascending positions', () => {
    const long = Array.from({ length: 1000 }, (_, i) => (i % 400 === 399 ? 'needle' : 'hay'));
    const result = searchJson(long, 'needle');
    expect(result.matches.map((m) => m.id)).toEqual(['[399]', '[799]']);
    expect(result.pinned.get('')).toEqual([399, 799]);
  });

  it('matches numbers, booleans and null by their text', () => {
    const result = searchJson({ a: 1234, b: true, c: null }, 'null');
    expect(result.matches.map((m) => m.id)).toEqual(['.c']);
    expect(searchJson({ a: 1234 }, '23').matches).toHaveLength(1);
  });

  it('stops at the limit and says so', () => {
    const many = Array.from({ length: 5000 }, () => 'x');
    const result = searchJson(many, 'x', { limit: 10 });
    expect(result.matches).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it('an empty query finds nothing', () => {
    expect(searchJson(body, '  ').matches).toEqual([]);
  });

  it('searches 200 (and 50,000) levels deep without recursion', () => {
    for (const depth of [200, 50_000]) {
      let value: unknown = 'needle';
      for (let i = 0; i < depth; i++) value = { a: value };
      const result = searchJson(value, 'needle');
      expect(result.matches).toHaveLength(1);
      expect(result.reveal.size).toBe(depth);
    }
  });

  it('treats __proto__ keys and markup as data', () => {
    const value = JSON.parse('{"__proto__": {"x": "<img src=x onerror=alert(1)>"}}') as unknown;
    expect(searchJson(value, 'onerror').matches).toEqual([
      { id: '.__proto__.x', inKey: false, inValue: true },
    ]);
    expect(searchJson(value, '__proto__').matches).toEqual([
      { id: '.__proto__', inKey: true, inValue: false },
    ]);
  });
});

describe('primitiveText', () => {
  it.each<[unknown, string | undefined]>([
    ['a', 'a'],
    [1.5, '1.5'],
    [false, 'false'],
    [null, 'null'],
    [{}, undefined],
    [[], undefined],
  ])('%j', (value, text) => {
    expect(primitiveText(value)).toBe(text);
  });
});
