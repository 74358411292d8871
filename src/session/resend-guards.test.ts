import { describe, expect, it } from 'vitest';
import { maskSecret } from './redact';
import type { ResendDraft, ResendFrom } from './resend-draft';
import { sendIssues } from './resend-guards';

const URL_V1 = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
const draft = { method: 'POST', url: URL_V1, headers: [], body: '{"events":[]}' };

const kinds = (issues: ReturnType<typeof sendIssues>) =>
  issues.map((i) => `${i.kind}${i.blocking ? '!' : '?'}`);

describe('sendIssues', () => {
  it.each([
    ['a clean draft', {}, 'page', []],
    ['invalid JSON', { body: '{\n  "events": [\n    {"a" 1}\n  ]\n}' }, 'page', ['invalid-json?']],
    ['an empty body', { body: '' }, 'page', []],
    ['a GET with junk in the body field', { method: 'GET', body: '{' }, 'page', []],
    [
      'another host',
      { url: URL_V1.replace('edge.adobedc.net', 'data.example.com') },
      'page',
      ['other-host?'],
    ],
    ['a bad URL', { url: 'edge.adobedc.net/ee' }, 'page', ['bad-url!']],
    [
      'a masked token',
      {
        headers: [
          { name: 'Authorization', value: maskSecret('Bearer abcdefghijklmnopqrstuvwxyz') },
        ],
      },
      'extension',
      ['masked-secret!'],
    ],
    [
      'a real token from the extension',
      { headers: [{ name: 'Authorization', value: 'Bearer abc' }] },
      'extension',
      [],
    ],
    [
      'a real token from the page',
      { headers: [{ name: 'x-api-key', value: 'abc' }] },
      'page',
      ['secret-to-page!'],
    ],
  ] as Array<[string, Partial<ResendDraft>, ResendFrom, string[]]>)(
    '%s',
    (_name, change, from, expected) => {
      expect(kinds(sendIssues({ ...draft, ...change }, URL_V1, from))).toEqual(expected);
    },
  );

  it('says where the JSON breaks, in lines and columns', () => {
    const [issue] = sendIssues(
      { ...draft, body: '{\n  "events": [\n    {"a" 1}\n  ]\n}' },
      URL_V1,
      'page',
    );
    expect(issue?.message).toMatch(/line 3, column 10/);
  });

  it('compares hosts case-insensitively', () => {
    expect(sendIssues({ ...draft, url: URL_V1.replace('edge', 'EDGE') }, URL_V1, 'page')).toEqual(
      [],
    );
  });
});
