import { describe, expect, it } from 'vitest';
import { decodeIdentityMap, identityLabel, type IdentityMapView } from './identity-map';
import { field, path } from './read';
import { fixtureNames, requestFixture } from './test-fixtures';

/** The identityMap of the fixture's v2 single event. */
function mapOf(name: string): unknown {
  return path(requestFixture(name, 'identity-map-').body, 'event', 'xdm', 'identityMap');
}

/** Rows as compact tuples: [namespace, position, id, authenticatedState, primary, findings]. */
function table(view: IdentityMapView) {
  return view.rows.map((r) => [
    r.namespace,
    r.position,
    r.id,
    r.authenticatedState,
    r.primary,
    r.findings,
  ]);
}

const NO_PRIMARY =
  'No identity is marked primary; Edge then makes the ECID primary when no person ID is.';

// Every identity-map-*.json fixture with a single event has a row here (checked below).
const CASES: [string, unknown[][], string[], string | undefined][] = [
  [
    'namespace-object',
    [
      [
        'Email',
        0,
        'ada@example.com',
        'ambiguous',
        true,
        ['"Email" holds an object, not an array of identities.'],
      ],
    ],
    [],
    'Email',
  ],
  [
    'missing-id',
    [
      ['CRMID', 0, undefined, 'authenticated', true, ['The id is missing; Edge requires one.']],
      ['Phone', 0, '4915112345678', 'ambiguous', false, ['The id is a number, not a string.']],
    ],
    [],
    'CRMID',
  ],
  [
    'primary-string',
    [
      [
        'Email',
        0,
        'ada@example.com',
        'authenticated',
        false,
        [
          'primary is "true", not a boolean; it is not counted as primary here, and Edge may not honour it.',
        ],
      ],
    ],
    ['No identity has primary: true as a boolean (a non-boolean primary was sent instead).'],
    undefined,
  ],
  [
    'no-primary',
    [
      ['ECID', 0, '41861666193140161934276845651148876988', 'ambiguous', false, []],
      ['Email', 0, 'ada@example.com', 'ambiguous', false, []],
    ],
    [NO_PRIMARY],
    undefined,
  ],
  [
    'two-primaries',
    [
      ['CRMID', 0, 'crm-4711', 'authenticated', true, []],
      ['Email', 0, 'ada@example.com', 'authenticated', true, []],
      ['Email', 1, 'ada@work.example', 'ambiguous', false, []],
    ],
    ['2 identities are marked primary (CRMID[0], Email[0]); exactly one should be.'],
    undefined,
  ],
  [
    'array-map',
    [
      ['CRMID', 0, 'crm-4711', 'ambiguous', true, []],
      ['(no namespace)', 1, 'ada@example.com', 'ambiguous', false, []],
    ],
    ['identityMap is an array; it should be an object keyed by namespace.'],
    'CRMID',
  ],
  [
    'odd-values',
    [
      [
        'CRMID',
        0,
        '',
        'loggedIn',
        true,
        [
          'The id is empty.',
          'authenticatedState "loggedIn" is not ambiguous, authenticated or loggedOut.',
        ],
      ],
      [
        'Email',
        0,
        undefined,
        'ambiguous',
        false,
        ['"Email" has an empty array: no identity is sent for it.'],
      ],
      [
        'Phone',
        0,
        undefined,
        'ambiguous',
        false,
        ['The identity is a string, not an object with an id.'],
      ],
      ['__proto__', 0, 'proto-id', 'ambiguous', false, []],
    ],
    [],
    'CRMID',
  ],
];

describe('decodeIdentityMap over the identity-map fixtures', () => {
  it.each(CASES)('%s', (name, rows, findings, primary) => {
    const view = decodeIdentityMap(mapOf(name));
    expect(table(view)).toEqual(rows);
    expect(view.findings).toEqual(findings);
    expect(view.primary?.namespace).toBe(primary);
  });

  it('covers every single-event fixture', () => {
    const single = fixtureNames('identity-map-').filter((n) => mapOf(n) !== undefined);
    expect(CASES.map((c) => c[0]).sort()).toEqual(single);
  });

  it('keeps the raw value of a non-object entry', () => {
    expect(decodeIdentityMap(mapOf('odd-values')).rows[2]?.raw).toBe('+4915112345678');
  });

  it('keeps a string primary as sent', () => {
    expect(decodeIdentityMap(mapOf('primary-string')).rows[0]?.primaryAsSent).toBe('true');
  });
});

describe('decodeIdentityMap over real alloy bodies', () => {
  it('reads the map alloy sent with a purchase', () => {
    const events = field(requestFixture('purchase-identity-overrides').body, 'events');
    const map = path(Array.isArray(events) ? events[0] : undefined, 'xdm', 'identityMap');
    const view = decodeIdentityMap(map);
    expect(table(view)).toEqual([
      ['CRMID', 0, 'crm-4711', 'authenticated', true, []],
      ['Email', 0, 'ada@example.com', 'ambiguous', false, []],
    ]);
    expect(view.findings).toEqual([]);
    expect(view.primary && identityLabel(view.primary)).toBe('CRMID: crm-4711 (authenticated)');
  });
});

describe('decodeIdentityMap on other shapes', () => {
  it.each([
    [
      'a string',
      'ada@example.com',
      ['identityMap is a string; it should be an object keyed by namespace.'],
    ],
    ['null', null, ['identityMap is null; it should be an object keyed by namespace.']],
    ['an empty object', {}, ['identityMap holds no identities.']],
    ['a number namespace value', { Email: 5 }, []],
  ])('%s', (_name, value, findings) => {
    expect(decodeIdentityMap(value).findings.slice(0, findings.length)).toEqual(findings);
  });

  it('defaults authenticatedState to ambiguous and says so', () => {
    const row = decodeIdentityMap({ Email: [{ id: 'a', primary: true }] }).rows[0];
    expect(row).toMatchObject({
      authenticatedState: 'ambiguous',
      stateDefaulted: true,
      primary: true,
    });
  });
});
