import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellQuote, templateLiteral, toCurl, toFetch } from './copy-as';
import type { ResendRequest } from './resend-draft';

const request: ResendRequest = {
  method: 'POST',
  url: 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1',
  headers: [{ name: 'Content-Type', value: 'text/plain; charset=UTF-8' }],
  body: '{\n  "name": "it\'s $HOME `x` \\"q\\""\n}',
  credentials: 'include',
};

/** What a real POSIX shell makes of a quoted word. */
function throughShell(word: string): string {
  return execFileSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['https://x/y?a=1&b=2', "'https://x/y?a=1&b=2'"],
    ['line\nbreak', "'line\nbreak'"],
  ])('%j → %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
    expect(throughShell(shellQuote(value))).toBe(value);
  });

  it('gives any string back unchanged through sh', () => {
    // NUL cannot be an argument at all; everything else must survive.
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(text, (value) => {
        expect(throughShell(shellQuote(value))).toBe(value);
      }),
      { numRuns: 60 },
    );
  });
});

describe('toCurl', () => {
  it('quotes the URL, headers and the exact body', () => {
    const { text } = toCurl(request);
    expect(text).toBe(
      [
        "curl 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1'",
        "-H 'Content-Type: text/plain; charset=UTF-8'",
        `--data-raw ${shellQuote(request.body ?? '')}`,
      ].join(' \\\n  '),
    );
  });

  it.each([
    [
      'GET without body',
      { method: 'GET', body: undefined },
      (t: string) => !t.includes('-X') && !t.includes('--data-raw'),
    ],
    ['PUT with body', { method: 'PUT' }, (t: string) => t.includes('-X PUT')],
    [
      'DELETE without body',
      { method: 'DELETE', body: undefined },
      (t: string) => t.includes('-X DELETE'),
    ],
  ])('%s', (_name, change, check) => {
    expect(check(toCurl({ ...request, ...change }).text)).toBe(true);
  });

  it('never prints a secret: it becomes a variable the shell expands', () => {
    const secret = {
      ...request,
      headers: [
        { name: 'Authorization', value: 'Bearer eyJ.SECRET.sig' },
        { name: 'x-api-key', value: 'KEY123' },
      ],
    };
    const { text, notes } = toCurl(secret);
    expect(text).not.toMatch(/SECRET|KEY123/);
    expect(text).toContain('-H "Authorization: Bearer $AEP_ACCESS_TOKEN"');
    expect(text).toContain('-H "x-api-key: $AEP_API_KEY"');
    expect(notes.join(' ')).toMatch(/AEP_ACCESS_TOKEN.*AEP_API_KEY/);
  });
});

describe('toFetch', () => {
  it('is a fetch call whose body is exactly the edited text', async () => {
    const { text } = toFetch(request);
    let seen: { url: string; init: RequestInit } | undefined;
    const fakeFetch = (url: string, init: RequestInit) => {
      seen = { url, init };
      return Promise.resolve();
    };
    // Run the generated code with a stand-in fetch (test only: the extension never evaluates text;
    // the AsyncFunction constructor is how a test runs code that uses top-level await).
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      a: string,
      b: string,
    ) => (f: unknown) => Promise<void>;
    await new AsyncFunction('fetch', text)(fakeFetch);
    expect(seen?.url).toBe(request.url);
    expect(seen?.init).toEqual({
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
      body: request.body,
    });
  });

  it('puts placeholders where secrets were', () => {
    const { text } = toFetch({
      ...request,
      headers: [{ name: 'Authorization', value: 'Bearer abc.def' }],
    });
    expect(text).toContain('"Authorization": "Bearer <AEP_ACCESS_TOKEN>"');
    expect(text).not.toContain('abc.def');
  });

  it.each([['back`tick'], ['${x}'], ['back\\slash'], ['cr\r\nlf'], ['\u2028']])(
    'template literal keeps %j',
    (value) => {
      expect(readTemplateLiteral(templateLiteral(value))).toBe(value);
    },
  );
});

/**
 * Reads a substitution-free template literal the way JavaScript does, without evaluating it
 * (captured data never becomes code, not even in a test). Throws where the literal would end
 * early or start a substitution, which is what an escaping bug looks like.
 */
function readTemplateLiteral(literal: string): string {
  if (!literal.startsWith('`') || !literal.endsWith('`') || literal.length < 2)
    throw new Error('not a template literal');
  const body = literal.slice(1, -1);
  const escapes: Record<string, string> = { '\\': '\\', '`': '`', $: '$', r: '\r', n: '\n' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char === '`') throw new Error(`unescaped backtick at ${i}`);
    if (char === '$' && body[i + 1] === '{') throw new Error(`substitution at ${i}`);
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = body[++i] ?? '';
    const escaped = escapes[next];
    if (escaped === undefined) throw new Error(`unexpected escape \\${next}`);
    out += escaped;
  }
  return out;
}
