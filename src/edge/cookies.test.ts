import { describe, expect, it } from 'vitest';
import {
  decodeCookieEntry,
  describeCookieName,
  describeMaxAge,
  formatDuration,
  parseConsentCookie,
} from './cookies';
import { decodeIdentityCookie } from './identity-cookie';
import { field, list } from './read';
import { requestFixture, responseFixture } from './test-fixtures';

const ORG = '53A16ACB5CC1D3760A495C99_AdobeOrg';

describe('describeCookieName', () => {
  it.each([
    [
      `kndctr_${ORG}_identity`,
      'kndctr',
      'identity',
      'ECID plus metadata (Edge identity)',
      '395 days',
    ],
    [
      `kndctr_${ORG}_cluster`,
      'kndctr',
      'cluster',
      'Edge region (location hint) used in the URL path',
      '30 minutes',
    ],
    [`kndctr_${ORG}_consent`, 'kndctr', 'consent', 'Stored consent, e.g. general=in', '180 days'],
    [
      `kndctr_${ORG}_consent_check`,
      'kndctr',
      'consent_check',
      'Tells Edge to re-check consent server-side after it expires',
      '2 hours',
    ],
    [
      `kndctr_${ORG}_personalization`,
      'kndctr',
      'personalization',
      'Target personalization session',
      '395 days',
    ],
    [
      `kndctr_${ORG}_personalization_sessionId`,
      'kndctr',
      'personalization_sessionId',
      'Target personalization session id',
      'session',
    ],
    [
      `kndctr_${ORG}_somethingNew`,
      'kndctr',
      'somethingNew',
      'Edge client state (a key this debugger does not know)',
      undefined,
    ],
    [
      'kndctr_SomeOrg_cluster',
      'kndctr',
      'cluster',
      'Edge region (location hint) used in the URL path',
      '30 minutes',
    ],
    ['mbox', 'target', undefined, 'Target visitor and session (shared with at.js)', '2 years'],
    [
      'mboxEdgeCluster',
      'target',
      undefined,
      'Target edge cluster; becomes the t{n} location hint',
      '30 minutes',
    ],
    ['at_qa_mode', 'target', undefined, 'Target QA mode', undefined],
    [
      `AMCV_${ORG.replace('_', '@')}`,
      'visitor',
      undefined,
      'visitor.js ECID (MCMID|<ecid>), read for ID migration',
      '395 days',
    ],
    ['demdex', 'audience-manager', undefined, 'Third-party Audience Manager ID (CORE)', '180 days'],
    ['__proto__', 'other', undefined, 'Not a cookie the Web SDK documents', undefined],
    ['', 'other', undefined, 'Not a cookie the Web SDK documents', undefined],
  ])('%s', (name, family, key, meaning, usualLifetime) => {
    const cookie = describeCookieName(name);
    expect([cookie.name, cookie.family, cookie.key, cookie.meaning, cookie.usualLifetime]).toEqual([
      name,
      family,
      key,
      meaning,
      usualLifetime,
    ]);
  });

  it('puts the @ back into the org id', () => {
    expect(describeCookieName(`kndctr_${ORG}_identity`).orgId).toBe(
      '53A16ACB5CC1D3760A495C99@AdobeOrg',
    );
  });
});

describe('describeMaxAge and formatDuration', () => {
  it.each([
    [34128000, 34128000, '395 days', undefined],
    [15552000, 15552000, '180 days', undefined],
    [7200, 7200, '2 hours', undefined],
    [1800, 1800, '30 minutes', undefined],
    [90061, 90061, '1 day 1 hour 1 minute 1 second', undefined],
    [undefined, undefined, 'session', undefined],
    [null, undefined, 'session', undefined],
    [0, 0, '0 seconds (deletes the cookie)', undefined],
    [-5, -5, '-5 seconds (deletes the cookie)', undefined],
    ['1800', 1800, '30 minutes', 'maxAge is a string, not a number.'],
    [1.5, 1.5, '2 seconds', 'maxAge is not a whole number of seconds.'],
    ['soon', undefined, 'unknown', 'maxAge is a string, not a number of seconds.'],
    [{}, undefined, 'unknown', 'maxAge is an object, not a number of seconds.'],
  ])('maxAge %j → %s', (maxAge, seconds, text, note) => {
    expect(describeMaxAge(maxAge)).toEqual({ seconds, text, note });
  });

  it.each([
    [0.5, '0.5 seconds'],
    [1, '1 second'],
    [3600, '1 hour'],
    [Number.NaN, 'unknown'],
  ])('formatDuration(%d) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('parseConsentCookie', () => {
  it.each([
    ['general=in', [{ name: 'general', value: 'in' }]],
    [
      'general=out;pers=in',
      [
        { name: 'general', value: 'out' },
        { name: 'pers', value: 'in' },
      ],
    ],
    [
      'flag; a=b=c',
      [
        { name: 'flag', value: '' },
        { name: 'a', value: 'b=c' },
      ],
    ],
    ['', []],
  ])('%j', (value, pairs) => {
    expect(parseConsentCookie(value)).toEqual(pairs);
  });
});

/** The identity cookie from a fixture's state:store, or a captured request's meta.state.entries. */
function storedIdentityCookie(): string {
  const payload = list(
    field(list(field(responseFixture('state-store').body, 'handle'))?.[0], 'payload'),
  );
  return String(field(payload?.[0], 'value'));
}
function sentIdentityCookie(): string {
  const entries = list(
    field(field(field(requestFixture('add-to-cart').body, 'meta'), 'state'), 'entries'),
  );
  const entry = entries?.find((e) => String(field(e, 'key')).endsWith('_identity'));
  return String(field(entry, 'value'));
}

/** Builds a cookie whose base64 contains `+` and `/`, to check the base64url mapping. */
function cookieWithSymbols(): { standard: string; url: string } {
  const ecid = '12345678901234567890123456789012345678';
  const bytes = [
    0x0a,
    38,
    ...Buffer.from(ecid),
    0xf0,
    0x01,
    0xff,
    0xff,
    0xff,
    0xff,
    0x0f,
    0xfb,
    0xef,
  ];
  // Field 30 is a varint; two trailing bytes make a second unknown record the decoder must note.
  const standard = Buffer.from(bytes).toString('base64');
  return { standard, url: Buffer.from(bytes).toString('base64url') };
}

describe('decodeIdentityCookie', () => {
  it('decodes the ECID and the field-10 metadata of the fixture cookie', () => {
    expect(decodeIdentityCookie(storedIdentityCookie())).toEqual({
      ecid: '41861666193140161934276845651148876988',
      metadata: {
        createdAt: '2025-11-26T04:00:00.000Z',
        isNew: true,
        deviceType: 'browser',
        region: 'OR2',
        source: 'random (new)',
      },
      writeTime: '2025-11-26T05:00:00.000Z',
      notes: [],
    });
  });

  it('decodes the real cookie alloy sent back in meta.state.entries', () => {
    const cookie = decodeIdentityCookie(sentIdentityCookie());
    expect(cookie.ecid).toMatch(/^\d{38}$/);
    expect(cookie.writeTime).toMatch(/^20\d\d-/);
    expect(cookie.notes).toEqual([]);
  });

  it('maps base64url back like alloy does, and reads %-escaped values', () => {
    const { standard, url } = cookieWithSymbols();
    expect(standard).toMatch(/[+/]/);
    const expected = decodeIdentityCookie(standard);
    expect(expected.ecid).toBe('12345678901234567890123456789012345678');
    expect(decodeIdentityCookie(url)).toEqual(expected);
    expect(decodeIdentityCookie(encodeURIComponent(standard))).toEqual(expected);
  });

  it.each([
    ['not base64', '!!!', 'The value is not base64, so it cannot be decoded.'],
    ['empty', '', 'The value is not base64, so it cannot be decoded.'],
    ['a broken %-escape', '%E0%A4%A', 'The value is not base64, so it cannot be decoded.'],
    [
      'truncated in the ECID',
      'CiY0MTg2MTY2',
      'The protobuf is malformed at byte 1; decoding stopped there.',
    ],
    ['a field-0 tag', 'AAAA', 'The protobuf is malformed at byte 0; decoding stopped there.'],
    [
      'a short, non-38-digit ECID',
      Buffer.from([0x0a, 3, 0x31, 0x32, 0x33]).toString('base64'),
      'The ECID is not 38 decimal digits.',
    ],
    [
      'an unknown field',
      Buffer.from([0x28, 0x01]).toString('base64'),
      'Unknown protobuf field 5 skipped.',
    ],
  ])('notes %s', (_name, value, note) => {
    const cookie = decodeIdentityCookie(value);
    expect(cookie.notes).toContain(note);
  });
});

describe('decodeCookieEntry', () => {
  it('decodes every state:store entry of the fixture', () => {
    const payload =
      list(field(list(field(responseFixture('state-store').body, 'handle'))?.[0], 'payload')) ?? [];
    const rows = payload.map((entry) => decodeCookieEntry(entry));
    expect(rows.map((r) => [r.cookie.key, r.value, r.maxAge.text, r.sameSite])).toEqual([
      ['identity', storedIdentityCookie(), '395 days', 'None'],
      ['cluster', 'or2', '30 minutes', 'None'],
      ['consent', 'general=in', '180 days', undefined],
      ['consent_check', '1', '2 hours', undefined],
      ['personalization_sessionId', 'ZDE3YmIwNWEtNjkzZS00', 'session', undefined],
    ]);
    expect(rows[0]?.identity?.ecid).toBe('41861666193140161934276845651148876988');
    expect(rows[2]?.consent).toEqual([{ name: 'general', value: 'in' }]);
    expect(rows.flatMap((r) => r.notes)).toEqual([]);
  });

  it.each([
    ['a number', 7, ['The entry is a number, not an object with a key.']],
    [
      'no key',
      { value: 'x', maxAge: 10 },
      ['The entry has no key (the cookie name), which is required.'],
    ],
    ['a numeric value', { key: 'k', value: 5 }, ['value is a number, not a string.']],
    [
      'attrs as a string',
      { key: 'k', attrs: 'SameSite=None' },
      ['attrs is a string, not a map of strings.'],
    ],
    [
      'a non-string attr',
      { key: 'k', attrs: { SameSite: 1 } },
      ['attrs entry "SameSite" is a number, not a string.'],
    ],
    ['an empty value (allowed)', { key: 'k', value: '' }, []],
  ])('notes %s', (_name, entry, notes) => {
    expect(decodeCookieEntry(entry).notes).toEqual(notes);
  });

  it('does not report a max-age for meta.state.entries (alloy sends none)', () => {
    expect(
      decodeCookieEntry({ key: `kndctr_${ORG}_cluster`, value: 'or2' }, false).maxAge.text,
    ).toBe('not sent');
  });
});
