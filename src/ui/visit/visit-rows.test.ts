import { describe, expect, test } from 'vitest';
import type { CallFacts } from '../../edge/visit-facts';
import { buildVisit } from '../../validate/visit';
import type { VisitCall, VisitPage } from '../../validate/visit-types';
import { visitFindings, type VisitFinding } from '../../validate/visit-checks';
import { makeCall, makePage, edgeUrl } from '../test-fixtures';
import {
  callNames,
  findingCounts,
  findingsByCall,
  visitRows,
  type Lane,
  type VisitCallRow,
} from './visit-rows';

const ECID_A = '11111111111111111111111111111111111111';
const ECID_B = '22222222222222222222222222222222222222';

function call(seq: number, facts: CallFacts | undefined, extra: Partial<VisitCall> = {}) {
  return makeCall(seq, { ...(facts ? { facts } : {}), ...extra }) as VisitCall;
}

function rowsOf(calls: VisitCall[], pages: VisitPage[] = [makePage('page-a')]) {
  const visit = buildVisit(calls, pages);
  return visitRows(visit, calls, visitFindings(visit, calls));
}

const lane = (rows: ReturnType<typeof rowsOf>, id: string, name: Lane) =>
  (rows.find((r) => r.kind === 'call' && r.callId === id) as VisitCallRow | undefined)?.lanes[name];

describe('visitRows', () => {
  test.each<{
    name: string;
    calls: VisitCall[];
    id: string;
    lane: Lane;
    want: string[];
  }>([
    {
      name: 'identity: the ECID, the cookie and the identities sent',
      calls: [
        call(1, {
          ecid: ECID_A,
          identityCookieSent: true,
          identities: [{ namespace: 'ECID', id: ECID_A, authenticatedState: 'ambiguous' }],
        }),
      ],
      id: 'call-1',
      lane: 'Identity',
      want: [`ECID ${ECID_A}`, 'identity cookie sent: yes', 'identities sent: ECID (ambiguous)'],
    },
    {
      name: 'identity: a change with its reason in words',
      calls: [
        call(1, { ecid: ECID_A, identityCookieSent: false }),
        call(2, { ecid: ECID_B, identityCookieSent: false }),
      ],
      id: 'call-2',
      lane: 'Identity',
      want: [
        `ECID ${ECID_B}`,
        `ECID changed from ${ECID_A}: identity cookie was not sent`,
        'identity cookie sent: no',
      ],
    },
    {
      name: 'consent: what the set-consent call set and the span it opened',
      calls: [
        call(1, {}),
        call(
          2,
          { consentSet: [{ standard: 'Adobe 1.0', state: 'in' }], consentAnswered: 'in' },
          { url: edgeUrl('privacy/set-consent') },
        ),
        call(3, {}),
      ],
      id: 'call-2',
      lane: 'Consent',
      want: [
        'Adobe 1.0: in (set)',
        'Adobe 2.0: in (Edge answered)',
        'consent not yet known → in: 1 call sent while it held',
      ],
    },
    {
      name: 'consent: an event call says the state it was sent in',
      calls: [
        call(1, {}),
        call(2, { consentAnswered: 'pending' }, { url: edgeUrl('privacy/set-consent') }),
        call(3, {}),
      ],
      id: 'call-1',
      lane: 'Consent',
      want: ['sent while consent not yet known'],
    },
    {
      name: 'routing: the hints, their TTL and how many later calls followed',
      calls: [
        call(1, {
          hints: [
            { scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800, pathSegment: 'or2' },
            { scope: 'Target', hint: '35', ttlSeconds: 1800, pathSegment: 't35' },
          ],
        }),
        call(2, {}),
        call(3, {}, { url: 'https://edge.adobedc.net/ee/va6/v1/interact?configId=x' }),
      ],
      id: 'call-1',
      lane: 'Routing',
      want: [
        'hint EdgeNetwork or2, TTL 1800 s',
        'hint Target 35, TTL 1800 s',
        'pins /or2/: 1 of 2 later calls followed',
      ],
    },
    {
      name: 'routing: a later call that did not follow',
      calls: [
        call(1, { hints: [{ scope: 'EdgeNetwork', hint: 'or2', pathSegment: 'or2' }] }),
        call(2, {}, { url: 'https://edge.adobedc.net/ee/va6/v1/interact?configId=x' }),
      ],
      id: 'call-2',
      lane: 'Routing',
      want: ['to /va6/: did not follow /or2/ of #1 interact'],
    },
    {
      name: 'personalization: a decision, its render, its display and its interactions',
      calls: [
        call(1, {
          propositions: [
            { id: 'p-1', scope: '__view__', activity: 'Hero', experience: 'A', items: 1 },
          ],
        }),
        call(2, {
          notified: [
            { types: ['display'], ids: ['p-1'], eventType: 'decisioning.propositionDisplay' },
          ],
        }),
        call(3, {
          notified: [
            { types: ['interact'], ids: ['p-1'], eventType: 'decisioning.propositionInteract' },
          ],
        }),
      ],
      id: 'call-1',
      lane: 'Personalization',
      want: [
        'scope __view__ · activity Hero · experience A · 1 item',
        '→ render unknown → display notified by #2 interact (own call) → interactions: #3 interact',
      ],
    },
    {
      name: 'personalization: a display merged into a page view',
      calls: [
        call(1, { propositions: [{ id: 'p-1', scope: '__view__', items: 2 }] }),
        call(2, {
          notified: [
            { types: ['display'], ids: ['p-1'], eventType: 'web.webpagedetails.pageViews' },
          ],
        }),
      ],
      id: 'call-2',
      lane: 'Personalization',
      want: ['display of scope __view__ from #1 interact (merged)'],
    },
    {
      name: 'personalization: a display of a proposition no decision returned',
      calls: [call(1, { notified: [{ types: ['display'], ids: ['p-9'] }] })],
      id: 'call-1',
      lane: 'Personalization',
      want: ['display of p-9, which no decision returned'],
    },
    {
      name: 'media: events of a session and the gaps between pings',
      calls: [
        call(1, { mediaSessionsOpened: ['s-1'] }),
        call(2, { media: [{ sessionId: 's-1', event: 'ping', playhead: 10 }] }),
        call(32, { media: [{ sessionId: 's-1', event: 'ping', playhead: 40 }] }),
      ],
      id: 'call-32',
      lane: 'Media',
      want: ['session s-1: ping at 40 s · 30.0 s since the last ping (too long)'],
    },
  ])('$name', ({ calls, id, lane: name, want }) => {
    expect(lane(rowsOf(calls), id, name)).toEqual(want);
  });

  test('pages head their calls; calls that say nothing are left out', () => {
    const pages = [
      makePage('page-a', { title: 'Home' }),
      makePage('page-b', { url: 'https://shop.test/p', startedAt: Date.UTC(2026, 10, 25, 2) }),
    ];
    const calls = [
      call(1, { ecid: ECID_A }),
      call(2, undefined, { url: edgeUrl('identity/acquire') }),
      call(
        3,
        { ecid: ECID_A, identityCookieSent: true },
        { pageId: 'page-b', startedAt: Date.UTC(2026, 10, 25, 2) + 1500 },
      ),
    ];
    const rows = rowsOf(calls, pages);
    expect(
      rows.map((r) => (r.kind === 'page' ? `page ${r.label} (${r.callCount})` : r.name)),
    ).toEqual(['page Home (2)', '#1 interact', 'page https://shop.test/p (1)', '#3 interact']);
    const last = rows[3] as VisitCallRow;
    expect(last.offset).toBe('+1.5 s');
    expect(last.lines).toBe(2);
  });

  test('the same proposition id decided on two pages: each decision is its own track', () => {
    const pages = [
      makePage('page-a'),
      makePage('page-b', { startedAt: Date.UTC(2026, 10, 25, 1, 45, 25, 500) }),
    ];
    const decided = { propositions: [{ id: 'AT:same', scope: '__view__', items: 1 }] };
    const calls = [
      call(1, decided),
      call(3, decided, { pageId: 'page-b' }),
      call(4, { notified: [{ types: ['display'], ids: ['AT:same'] }] }, { pageId: 'page-b' }),
    ];
    const visit = buildVisit(calls, pages);
    expect(visit.propositions.map((t) => [t.decidedBy, t.displayedBy])).toEqual([
      ['call-1', undefined],
      ['call-3', 'call-4'],
    ]);
    expect(visitFindings(visit, calls).map((f) => [f.check, f.callIds])).toEqual([
      ['decision-not-displayed', ['call-1']],
    ]);
  });

  test('a call named by a finding counts it', () => {
    const calls = [call(1, { ecid: ECID_A }), call(2, { ecid: ECID_B, identityCookieSent: false })];
    const rows = rowsOf(calls);
    expect(rows.filter((r) => r.kind === 'call').map((r) => r.findings)).toEqual([0, 1]);
  });
});

describe('names and counts', () => {
  test('calls are numbered in time order, as the findings name them', () => {
    const calls = [call(2, {}), call(1, {}, { url: edgeUrl('privacy/set-consent') })];
    const visit = buildVisit(calls, []);
    expect([...callNames(visit, calls).values()]).toEqual([
      '#1 privacy/set-consent',
      '#2 interact',
    ]);
  });

  const finding = (status: VisitFinding['status'], callIds: string[]) =>
    ({ status, callIds }) as VisitFinding;

  test.each([
    { findings: [], want: 'none' },
    { findings: [finding('warn', [])], want: '1 warn' },
    {
      findings: [finding('fail', []), finding('warn', []), finding('warn', [])],
      want: '1 fail · 2 warn',
    },
  ])('findingCounts: $want', ({ findings, want }) => {
    expect(findingCounts(findings)).toBe(want);
  });

  test('findingsByCall: each call once per finding', () => {
    const a = finding('warn', ['c1', 'c2', 'c1']);
    const b = finding('fail', ['c2']);
    const by = findingsByCall([a, b]);
    expect(by.get('c1')).toEqual([a]);
    expect(by.get('c2')).toEqual([a, b]);
  });
});
