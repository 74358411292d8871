import { describe, expect, it } from 'vitest';
import { decodeHandle, knownHandleTypes, type DecodedHandle } from './handles';
import { field, list } from './read';
import { responseFixture } from './test-fixtures';

/** Every handle of a response fixture, decoded. */
function handlesOf(name: string): DecodedHandle[] {
  const array = list(field(responseFixture(name).body, 'handle')) ?? [];
  return array.map((handle, i) => decodeHandle(handle, i));
}
const ECID = '41861666193140161934276845651148876988';

// One row per handle type: the fixture, the summary line and the decoded view (minus raw data).
const CASES: [string, string, string, unknown][] = [
  [
    'state:store',
    'state-store',
    'state:store: 5 cookies (identity, cluster, consent, consent_check, personalization_sessionId)',
    { kind: 'state:store' },
  ],
  [
    'identity:result',
    'identity-result',
    `identity:result: ECID ${ECID}, CORE 71265032074538902643759651525003437623`,
    {
      kind: 'identity:result',
      ecid: ECID,
      identities: [
        { namespace: 'ECID', id: ECID, notes: [] },
        { namespace: 'CORE', id: '71265032074538902643759651525003437623', notes: [] },
      ],
    },
  ],
  [
    'identity:exchange',
    'identity-exchange',
    'identity:exchange: 2 ID syncs',
    {
      kind: 'identity:exchange',
      syncs: [
        {
          type: 'url',
          id: '411',
          url: `https://cm.everesttech.net/cm/dd?d_uuid=71265032074538902643759651525003437623`,
          hideReferrer: true,
          ttl: '7 days',
          notes: [],
        },
        {
          type: 'cookie',
          id: '477',
          cookieName: 'sync_477',
          cookieValue: 'abc',
          cookieDomain: 'example.com',
          ttl: '30 (unit not documented)',
          notes: [],
        },
      ],
    },
  ],
  [
    'locationHint:result',
    'location-hint',
    'locationHint:result: Target 35, AAM 9, EdgeNetwork or2',
    { kind: 'locationHint:result' },
  ],
  [
    'consent:preferences',
    'consent-preferences',
    'consent:preferences: collect=y, adId=n',
    {
      kind: 'consent:preferences',
      preferences: [
        {
          choices: [
            { purpose: 'collect', value: 'y', meaning: 'yes' },
            { purpose: 'adId', value: 'n', meaning: 'no' },
          ],
          time: '2024-07-30T23:46:02.089Z',
          notes: [],
        },
      ],
    },
  ],
  [
    'personalization:decisions',
    'personalization-target',
    'personalization:decisions: 5 propositions',
    { kind: 'personalization:decisions' },
  ],
  [
    'activation:push',
    'activation-push',
    'activation:push: 2 destinations',
    {
      kind: 'activation:push',
      destinations: [
        {
          type: 'cookie',
          cookieName: 'C12412',
          cookieValue: 'test=C12412',
          cookieDomain: 'alloyio.com',
          ttl: '30 days',
          notes: [],
        },
        {
          type: 'url',
          id: '4072007',
          url: expect.stringMatching(/^https:\/\/idsync/),
          hideReferrer: true,
          ttl: '7 days',
          notes: [],
        },
      ],
    },
  ],
  [
    'activation:pull',
    'activation-pull',
    'activation:pull: 1 destination',
    {
      kind: 'activation:pull',
      destinations: [
        { id: 'ed6a852f-3e99-4cf3-86f7-0027fabeb4fb', segments: ['seg-AAA', 'seg-BBB'], notes: [] },
      ],
    },
  ],
  [
    'media-analytics:new-session',
    'media-new-session',
    'media-analytics:new-session: session b5d9e8f7a6c54d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e',
    {
      kind: 'media-analytics:new-session',
      sessions: [
        {
          sessionId: 'b5d9e8f7a6c54d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e',
          notes: [],
        },
      ],
    },
  ],
  [
    'brand-concierge:conversation',
    'brand-concierge',
    'brand-concierge:conversation: 1 entry (shown raw)',
    {
      kind: 'brand-concierge:conversation',
      entries: [
        { conversationId: 'conv-1', message: { role: 'assistant', text: 'How can I help?' } },
      ],
    },
  ],
  [
    'identity:persist',
    'identity-persist',
    'identity:persist: 1 entry (shown raw)',
    { kind: 'identity:persist', entries: [{ key: 'identity', value: 'legacy' }] },
  ],
];

describe('decodeHandle: one view per handle type', () => {
  it.each(CASES)('%s', (type, fixture, summary, view) => {
    const [handle] = handlesOf(fixture);
    expect(handle?.type).toBe(type);
    expect(handle?.summary).toBe(summary);
    expect(handle?.view).toMatchObject(view as object);
  });

  it('covers every registered type', () => {
    expect(CASES.map((c) => c[0]).sort()).toEqual(knownHandleTypes().sort());
  });

  it('scopes handles by eventIndex', () => {
    expect(handlesOf('state-store')[0]).toMatchObject({ scope: 'request', eventIndex: undefined });
    expect(handlesOf('activation-pull')[0]).toMatchObject({ scope: 'event', eventIndex: 0 });
  });
});

describe('decodeHandle: unknown, missing, malformed and empty', () => {
  const handles = handlesOf('handles-unknown-and-malformed');
  it.each([
    [
      0,
      'raw',
      'analytics:hit: shown raw',
      ['Unknown handle type "analytics:hit": shown raw (Edge adds types without notice).'],
    ],
    [1, 'raw', '(no type): shown raw', ['The handle has no type: shown raw.']],
    [
      2,
      'raw',
      'identity:result: shown raw',
      ['The payload is an object, not an array: shown raw.'],
    ],
    [
      3,
      'raw',
      'locationHint:result: shown raw',
      ['The payload is missing, not an array: shown raw.'],
    ],
    [4, 'raw', '(no type): shown raw', ['The handle is a string, not an object: shown raw.']],
    [
      5,
      'state:store',
      'state:store: 1 cookie (cluster)',
      ['eventIndex is a string, not an event position; listed with the request-level handles.'],
    ],
    [6, 'state:store', 'state:store: 2 cookies (?, ?)', []],
    [
      7,
      'activation:push',
      'activation:push: nothing returned',
      ['Nothing returned: the payload is empty.'],
    ],
  ])('handle %i', (position, kind, summary, notes) => {
    const handle = handles[position];
    expect(handle?.position).toBe(position);
    expect(handle?.view.kind).toBe(kind);
    expect(handle?.summary).toBe(summary);
    expect(handle?.notes).toEqual(notes);
  });

  it('keeps the raw payload of a raw view and the raw handle of every view', () => {
    expect(handles[2]?.view).toMatchObject({ kind: 'raw', payload: { id: ECID } });
    expect(handles[4]?.raw).toBe('not a handle');
  });

  it('notes malformed entries inside a known type without dropping them', () => {
    const view = handles[6]?.view;
    expect(view?.kind === 'state:store' && view.cookies.map((c) => c.notes)).toEqual([
      ['The entry has no key (the cookie name), which is required.'],
      ['The entry is a number, not an object with a key.'],
    ]);
    const cluster = handles[5]?.view;
    expect(cluster?.kind === 'state:store' && cluster.cookies[0]?.notes).toEqual([
      'maxAge is a string, not a number.',
    ]);
  });

  it('says "nothing returned" for empty personalization, and still shows the handle', () => {
    const handle = handlesOf('personalization-empty')[2];
    expect(handle).toMatchObject({ type: 'personalization:decisions', empty: true, count: 0 });
    expect(handle?.notes).toEqual(['Nothing returned: no offers for this event.']);
    expect(handle?.view).toEqual({ kind: 'personalization:decisions', propositions: [] });
  });

  it.each([
    [
      'a __proto__ type',
      { type: '__proto__', payload: [] },
      'Unknown handle type "__proto__": shown raw (Edge adds types without notice).',
    ],
    [
      'a constructor type',
      { type: 'constructor', payload: [] },
      'Unknown handle type "constructor": shown raw (Edge adds types without notice).',
    ],
    ['a numeric type', { type: 7, payload: [] }, 'The handle has no type: shown raw.'],
    [
      'a negative eventIndex',
      { type: 'x:y', eventIndex: -1, payload: [] },
      'eventIndex is -1, not an event position; listed with the request-level handles.',
    ],
  ])('%s', (_name, handle, note) => {
    expect(decodeHandle(handle, 0).notes[0]).toBe(note);
  });

  it('notes entries missing what their type needs', () => {
    const sync = decodeHandle(
      { type: 'identity:exchange', payload: [{ type: 'url', spec: {} }, 'x'] },
      0,
    ).view;
    expect(sync.kind === 'identity:exchange' && sync.syncs.map((s) => s.notes)).toEqual([
      ['A url entry without spec.url.'],
      ['The entry is a string, not an object.'],
    ]);
    const media = decodeHandle({ type: 'media-analytics:new-session', payload: [{}] }, 0).view;
    expect(media.kind === 'media-analytics:new-session' && media.sessions[0]?.notes).toEqual([
      'No sessionId: alloy sends no media events without one.',
    ]);
    const ids = decodeHandle({ type: 'identity:result', payload: [{ id: 'x' }] }, 0).view;
    expect(ids.kind === 'identity:result' && ids.identities[0]?.notes).toEqual([
      'The identity has no namespace.code.',
    ]);
  });
});
