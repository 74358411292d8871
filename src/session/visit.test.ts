/**
 * The visit and its built-in checks over recorded visits (test-visits.ts): each check fires on
 * the visit built to trigger it, with the calls it names, and the clean visit gives none.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeIdentityCookie } from '../edge/identity-cookie';
import { buildVisit } from '../validate/visit';
import { visitFindings, VISIT_CHECKS, type VisitCheckId } from '../validate/visit-checks';
import { analyzeCall, withAnalysis } from './analysis';
import type { CapturedCall, PageVisit } from './call';
import {
  addToCartRequest,
  cleanSteps,
  CLEAN_RENDERS,
  consentRequest,
  COOKIE_A,
  COOKIE_B,
  displayRequest,
  ECID_A,
  ECID_B,
  mediaPing,
  OFFER,
  pageViewRequest,
  pageViewResponse,
  session,
  type Step,
} from './test-visits';
import type { RenderRecord } from '../edge/render-event';

function run(steps: Step[], renders = CLEAN_RENDERS, ended = true) {
  const { calls, pages } = session(steps, renders);
  const visit = buildVisit(calls, pages, { ended });
  return { visit, findings: visitFindings(visit, calls), calls };
}

const checks = (findings: { check: VisitCheckId }[]) => findings.map((f) => f.check).sort();

const replace = (steps: Step[], id: string, change: Partial<Step>) =>
  steps.map((step) => (step.id === id ? { ...step, ...change } : step));

test('the recorded cookies decode to the ECIDs the builders name', () => {
  expect(decodeIdentityCookie(COOKIE_A).ecid).toBe(ECID_A);
  expect(decodeIdentityCookie(COOKIE_B).ecid).toBe(ECID_B);
});

describe('the clean visit', () => {
  const { visit, findings } = run(cleanSteps());

  test('each call states the Web SDK version its events carry', () => {
    const { calls } = session(cleanSteps());
    expect(calls[0]?.facts?.sdkVersion).toBe('2.33.1');
  });

  test('gives no finding', () => {
    expect(findings).toEqual([]);
  });

  test('shows the ECID, the consent, the hint followed and the offer rendered and shown', () => {
    expect(visit.pages.map((p) => p.id)).toEqual(['home', 'product', 'checkout']);
    expect(visit.identity.map((m) => m.ecid)).toContain(ECID_A);
    expect(visit.identity.some((m) => m.change)).toBe(false);
    expect(visit.consentSpans.map((s) => s.state)).toEqual(['not yet known', 'in']);
    expect(visit.hints).toHaveLength(2);
    expect(visit.hints[0]?.hint.pathSegment).toBe('or2');
    expect(visit.hints[0]?.followers.map((f) => f.callId)).toEqual([
      'home-display',
      'product-view',
    ]);
    expect(visit.hints[0]?.followers.every((f) => f.followed)).toBe(true);
    expect(visit.propositions).toEqual([
      expect.objectContaining({
        id: OFFER,
        scope: '__view__',
        decidedBy: 'home-view',
        render: expect.objectContaining({ status: 'rendered' }),
        displayedBy: 'home-display',
      }),
    ]);
    expect(visit.missing).toEqual([]);
  });
});

/** Each check, the change to the clean visit that triggers it, and the calls it must name. */
const TRIGGERS: {
  check: VisitCheckId;
  steps: () => Step[];
  renders?: Record<string, RenderRecord[]>;
  names: string[];
  words: RegExp;
}[] = [
  {
    check: 'ecid-changed',
    // The identity cookie was cleared before the product page: Edge answers with a new ECID,
    // whose cookie the later calls carry.
    steps: () =>
      replace(
        replace(
          replace(cleanSteps(), 'product-view', {
            request: pageViewRequest('product'),
            response: pageViewResponse({ ecid: ECID_B, cookie: COOKIE_B, decision: false }),
          }),
          'product-cart',
          { request: addToCartRequest(COOKIE_B) },
        ),
        'checkout-consent',
        { request: consentRequest('in', COOKIE_B) },
      ),
    names: ['product-view'],
    words: /identity cookie was not sent/,
  },
  {
    check: 'ecid-cookie-mismatch',
    steps: () =>
      replace(cleanSteps(), 'product-view', {
        response: pageViewResponse({ ecid: ECID_A, cookie: COOKIE_B, decision: false }),
      }),
    names: ['product-view'],
    words: new RegExp(`${ECID_A}.*${ECID_B}`),
  },
  {
    check: 'sent-after-consent-out',
    steps: () => [
      ...cleanSteps().slice(0, 3),
      {
        id: 'product-out',
        page: 'product',
        at: 22,
        path: 'or2/v1/privacy/set-consent',
        request: consentRequest('out'),
        response: { requestId: 'o', handle: [] },
      },
      {
        id: 'product-cart',
        page: 'product',
        at: 25,
        path: 'or2/v1/interact',
        request: addToCartRequest(),
        response: { requestId: 'y', handle: [] },
      },
    ],
    names: ['product-cart'],
    words: /Consent went out at #4 set-consent.*#5 interact/,
  },
  {
    check: 'hint-not-followed',
    steps: () => replace(cleanSteps(), 'product-cart', { path: 'v1/interact' }),
    names: ['product-view', 'product-cart'],
    words: /#3 interact pinned the visitor to \/or2\/ for 1800 s.*#4 interact went to no region/,
  },
  {
    check: 'decision-not-displayed',
    steps: () => cleanSteps().filter((s) => s.id !== 'home-display'),
    names: ['home-view'],
    words: /was rendered, and the page was left without a display notification/,
  },
  {
    check: 'display-without-decision',
    steps: () =>
      replace(cleanSteps(), 'home-display', { request: displayRequest([OFFER, 'AT:other']) }),
    names: ['home-display'],
    words: /AT:other/,
  },
  {
    check: 'render-failed',
    steps: () => cleanSteps().filter((s) => s.id !== 'home-display'),
    renders: {
      home: [
        {
          at: 0.5,
          status: 'rendering-failed',
          propositions: [{ id: OFFER, scope: '__view__' }],
          error: 'Failed to execute setHtml for selector #hero',
        },
      ],
    },
    names: ['home-view'],
    words: /failed: Failed to execute setHtml for selector #hero.*#1 interact/,
  },
  {
    check: 'media-ping-gap',
    steps: () => [
      ...cleanSteps(),
      {
        id: 'media-start',
        page: 'checkout',
        at: 50,
        path: 'or2/v1/interact',
        request: { events: [{ xdm: { eventType: 'media.sessionStart' } }] },
        response: {
          requestId: 'm',
          handle: [
            { type: 'media-analytics:new-session', eventIndex: 0, payload: [{ sessionId: 'S1' }] },
          ],
        },
      },
      {
        id: 'ping-1',
        page: 'checkout',
        at: 60,
        path: 'or2/va/v1/ping',
        request: mediaPing('S1', 10),
      },
      {
        id: 'ping-2',
        page: 'checkout',
        at: 70,
        path: 'or2/va/v1/ping',
        request: mediaPing('S1', 20),
      },
      {
        id: 'ping-3',
        page: 'checkout',
        at: 95,
        path: 'or2/va/v1/ping',
        request: mediaPing('S1', 45),
      },
    ],
    names: ['ping-2', 'ping-3'],
    words: /longest 25\.0 s \(#8 media:ping to #9 media:ping\)/,
  },
];

describe.each(TRIGGERS)('$check', ({ check, steps, renders, names, words }) => {
  test('fires on the visit built to trigger it, naming its calls', () => {
    const { findings } = run(steps(), renders ?? CLEAN_RENDERS);
    const found = findings.filter((f) => f.check === check);
    expect(found).toHaveLength(1);
    expect(found[0]?.rule).toBe(`visit:${check}`);
    expect(found[0]?.callIds).toEqual(names);
    expect(found[0]?.explanation).toMatch(words);
    expect(found[0]?.title.length).toBeGreaterThan(10);
    expect(found[0]?.next.length).toBeGreaterThan(10);
  });
});

test('every check has a trigger here', () => {
  expect(TRIGGERS.map((t) => t.check).sort()).toEqual([...VISIT_CHECKS].sort());
});

test('a media session pinging every 10 s gives no gap', () => {
  const steps = TRIGGERS.find((t) => t.check === 'media-ping-gap')?.steps() ?? [];
  const even = replace(steps, 'ping-3', { at: 80 });
  expect(checks(run(even).findings)).toEqual([]);
});

describe('decision-not-displayed waits for the page to be left', () => {
  const steps = () => cleanSteps().filter((s) => s.id !== 'home-display');

  test('not while the page is still open', () => {
    const only = steps().filter((s) => s.page === 'home');
    expect(checks(run(only, CLEAN_RENDERS, false).findings)).toEqual([]);
    expect(checks(run(only, CLEAN_RENDERS, true).findings)).toEqual(['decision-not-displayed']);
  });

  test('a display merged into a later event on the page counts', () => {
    const merged = pageViewRequest('home', COOKIE_A);
    const event = (merged.events as Record<string, unknown>[])[0] as Record<string, unknown>;
    (event.xdm as Record<string, unknown>)._experience = {
      decisioning: { propositions: [{ id: OFFER }], propositionEventType: { display: 1 } },
    };
    const withMerged: Step[] = [
      ...steps().slice(0, 1),
      { id: 'home-link', page: 'home', at: 3, path: 'or2/v1/interact', request: merged },
      ...steps().slice(1),
    ];
    const { visit, findings } = run(withMerged);
    expect(checks(findings)).toEqual([]);
    expect(visit.propositions[0]).toMatchObject({ displayedBy: 'home-link', displayMerged: true });
  });

  test('without render events, a page-wide decision counts as rendered', () => {
    expect(checks(run(steps(), {}).findings)).toEqual(['decision-not-displayed']);
    expect(checks(run(cleanSteps(), {}).findings)).toEqual([]);
  });

  test('unless the page’s Web SDK monitors were heard and reported no render', () => {
    const { calls, pages } = session(steps(), {});
    const heard = pages.map((page) =>
      page.id === 'home'
        ? { ...page, sdk: [{ at: 0, kind: 'instance', instance: 'alloy' }] }
        : page,
    );
    const visit = buildVisit(calls, heard, { ended: true });
    expect(checks(visitFindings(visit, calls))).toEqual([]);
    expect(visit.missing.join(' ')).not.toMatch(/no render events/);
  });
});

test('consent going out stops at set-consent in; a failed set-consent sets nothing', () => {
  const out: Step = {
    id: 'out',
    page: 'product',
    at: 22,
    path: 'or2/v1/privacy/set-consent',
    request: consentRequest('out'),
    response: { requestId: 'o', handle: [] },
  };
  const back: Step = { ...out, id: 'in', at: 23, request: consentRequest('in') };
  const steps = cleanSteps();
  expect(checks(run([...steps.slice(0, 3), out, back, ...steps.slice(3)]).findings)).toEqual([]);
  const failed = { ...out, status: 500, response: undefined, state: 'complete' as const };
  expect(checks(run([...steps.slice(0, 3), failed, ...steps.slice(3)]).findings)).toEqual([]);
});

test('an ECID change gives its reason: datastream, another cookie, an authenticated id', () => {
  const other = replace(cleanSteps(), 'product-view', {
    request: pageViewRequest('product', COOKIE_B),
    response: pageViewResponse({ ecid: ECID_B, cookie: COOKIE_B, decision: false }),
  });
  const reason = (steps: Step[]) => run(steps).visit.identity.find((m) => m.change)?.change?.reason;
  expect(reason(other)).toBe('other-cookie');
  const login = pageViewRequest('product', COOKIE_A);
  const event = (login.events as Record<string, unknown>[])[0] as Record<string, unknown>;
  (event.xdm as Record<string, unknown>).identityMap = {
    CRMID: [{ id: 'user-1', authenticatedState: 'authenticated' }],
  };
  const stitched = replace(cleanSteps(), 'product-view', {
    request: login,
    response: pageViewResponse({ ecid: ECID_B, cookie: COOKIE_B, decision: false }),
  });
  expect(reason(stitched)).toBe('authenticated');
  expect(run(stitched).visit.identity.find((m) => m.change)?.sent).toEqual([
    'CRMID (authenticated)',
  ]);
});

describe('bad input', () => {
  test('calls without bodies, out of order, say what is missing and never throw', () => {
    const { calls, pages } = session(cleanSteps(), CLEAN_RENDERS);
    const bare = calls.map((call) => {
      const next: CapturedCall = {
        ...call,
        request: { captured: false },
        response: { captured: false },
      };
      delete next.facts;
      return next;
    });
    const visit = buildVisit([...bare].reverse(), pages, { ended: true });
    expect(visit.order).toEqual(calls.map((c) => c.id));
    expect(visit.missing.join(' ')).toMatch(/5 of 5 calls have no request body/);
    expect(visitFindings(visit, bare)).toEqual([]);
    const unread = calls.map((call) => {
      const next = { ...call };
      delete next.facts;
      return next;
    });
    expect(buildVisit(unread, pages).missing.join(' ')).toMatch(
      /5 calls have bodies but were stored before this version read visits/,
    );
  });

  test('any bodies, pages and renders: the visit builds and the checks run', () => {
    const renders = fc.array(
      fc.record({
        at: fc.integer(),
        status: fc.constantFrom(
          'rendering-succeeded',
          'rendering-failed',
          'rendering-started',
          'x',
        ),
        propositions: fc.array(
          fc.record({ id: fc.string(), scope: fc.option(fc.string(), { nil: undefined }) }),
        ),
      }),
      { maxLength: 3 },
    );
    const body = fc.oneof(fc.json(), fc.constant(JSON.stringify(pageViewResponse())));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: 10_000_000 }),
            page: fc.constantFrom('p1', 'p2', 'nowhere'),
            path: fc.constantFrom(
              'v1/interact',
              'or2/v1/interact',
              'va/v1/ping',
              'v1/privacy/set-consent',
            ),
            request: fc.option(body, { nil: undefined }),
            response: fc.option(body, { nil: undefined }),
          }),
          { maxLength: 8 },
        ),
        renders,
        fc.boolean(),
        (steps, pageRenders, ended) => {
          const calls = steps.map((step, i) => {
            const call: CapturedCall = {
              id: `c${i}`,
              seq: i,
              tabId: 1,
              pageId: step.page,
              url: `https://edge.adobedc.net/ee/${step.path}?configId=x`,
              method: 'POST',
              endpoint: {
                host: 'edge.adobedc.net',
                basePath: 'ee',
                media: step.path.includes('va/'),
                action: step.path.includes('consent') ? 'privacy/set-consent' : 'interact',
                adobeHost: true,
              },
              startedAt: step.at,
              state: 'complete',
              request: { captured: step.request !== undefined },
              response: { captured: step.response !== undefined },
              sources: ['webRequest'],
              keys: {},
            };
            return withAnalysis(call, analyzeCall(call, step.request, step.response));
          });
          const pages: PageVisit[] = [
            { id: 'p1', tabId: 1, url: 'u', startedAt: 5, renders: pageRenders } as PageVisit,
            { id: 'p2', tabId: 1, url: 'u', startedAt: 0 },
          ];
          const visit = buildVisit(calls, pages, { ended });
          const findings = visitFindings(visit, calls);
          expect(visit.order).toHaveLength(calls.length);
          for (const finding of findings) expect(finding.rule).toBe(`visit:${finding.check}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
