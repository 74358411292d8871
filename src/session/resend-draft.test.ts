import { describe, expect, it } from 'vitest';
import { isMaskedSecret, maskSecret } from './redact';
import {
  ALLOY_CONTENT_TYPE,
  datastreamParam,
  draftFromCall,
  editableHeaders,
  linkKeyOf,
  prepareSend,
  queryOf,
  withDatastream,
  withQuery,
} from './resend-draft';

const URL_V1 = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-1';

describe('draftFromCall', () => {
  it('pretty-prints a JSON body and keeps only headers a script may set', () => {
    const draft = draftFromCall(
      {
        method: 'POST',
        url: URL_V1,
        requestHeaders: [
          { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
          { name: 'Origin', value: 'https://shop' },
          { name: 'sec-ch-ua', value: '"Chromium"' },
          { name: 'User-Agent', value: 'UA' },
          { name: 'x-custom', value: '1' },
        ],
      },
      '{"events":[{"xdm":{"eventType":"a"}}]}',
    );
    expect(draft.headers.map((h) => h.name)).toEqual(['Content-Type', 'x-custom']);
    expect(draft.body).toBe(
      '{\n  "events": [\n    {\n      "xdm": {\n        "eventType": "a"\n      }\n    }\n  ]\n}',
    );
  });

  it.each([
    ['a body that is not JSON stays as it is', 'not json', 'not json'],
    ['no body', undefined, ''],
  ])('%s', (_name, text, body) => {
    expect(draftFromCall({ method: 'POST', url: URL_V1 }, text).body).toBe(body);
  });

  it("adds alloy's content type when the capture had no headers", () => {
    expect(draftFromCall({ method: 'POST', url: URL_V1 }, '{}').headers).toEqual([
      { name: 'Content-Type', value: ALLOY_CONTENT_TYPE },
    ]);
  });
});

describe('query parameters', () => {
  it('round-trips decoded parameters, repeated names included', () => {
    const url = 'https://h/p?a=1&a=2&b=x%20y';
    expect(queryOf(url)).toEqual([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
      { name: 'b', value: 'x y' },
    ]);
    expect(queryOf(withQuery(url, queryOf(url)))).toEqual(queryOf(url));
    expect(
      withQuery(url, [
        { name: '', value: 'dropped' },
        { name: 'c', value: '&' },
      ]),
    ).toBe('https://h/p?c=%26');
  });

  it.each([
    [
      'v1 configId',
      URL_V1,
      'configId',
      'https://edge.adobedc.net/ee/v1/interact?configId=new&requestId=r-1',
    ],
    [
      'v2 datastreamId',
      'https://server.adobedc.net/ee/v2/interact?dataStreamId=a',
      'dataStreamId',
      'https://server.adobedc.net/ee/v2/interact?dataStreamId=new',
    ],
    [
      'missing, v1',
      'https://h/ee/v1/interact',
      'configId',
      'https://h/ee/v1/interact?configId=new',
    ],
  ])('datastream override on %s', (_name, url, param, expected) => {
    expect(datastreamParam(url).name).toBe(param);
    expect(withDatastream(url, 'new')).toBe(expected);
  });

  it('leaves a URL that does not parse alone', () => {
    expect(queryOf('not a url')).toEqual([]);
    expect(withQuery('not a url', [{ name: 'a', value: '1' }])).toBe('not a url');
  });
});

describe('prepareSend', () => {
  const draft = {
    method: ' post ',
    url: URL_V1,
    headers: [
      { name: ' X-A ', value: '1' },
      { name: '', value: 'x' },
    ],
    body: '{}',
  };

  it.each([
    [
      'a new requestId and cookies',
      { requestId: 'r-2', cookies: true },
      'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-2',
      'include',
    ],
    ['the same requestId, no cookies', { cookies: false }, URL_V1, 'omit'],
  ])('%s', (_name, options, url, credentials) => {
    expect(prepareSend(draft, options)).toEqual({
      method: 'POST',
      url,
      headers: [{ name: 'X-A', value: '1' }],
      body: '{}',
      credentials,
    });
  });

  it('sends no body with GET', () => {
    expect(prepareSend({ ...draft, method: 'get' }, { cookies: true }).body).toBeUndefined();
  });
});

describe('linkKeyOf', () => {
  it.each([
    [URL_V1, 'requestId:r-1'],
    ['https://h/ee/v1/interact?configId=a', 'url:https://h/ee/v1/interact?configId=a'],
  ])('%s', (url, key) => expect(linkKeyOf(url)).toBe(key));
});

describe('secrets', () => {
  it('recognises masked values and nothing else', () => {
    expect(isMaskedSecret(maskSecret('Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig'))).toBe(true);
    expect(isMaskedSecret(maskSecret('short'))).toBe(true);
    expect(isMaskedSecret('Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig')).toBe(false);
  });

  it('keeps secret headers editable (their real value is entered by hand)', () => {
    expect(editableHeaders([{ name: 'Authorization', value: 'x' }])).toHaveLength(1);
  });
});
