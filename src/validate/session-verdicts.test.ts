import { describe, expect, it } from 'vitest';
import { MISSING_NAME_RESULT } from './test-verdicts';
import { allFindings } from './verdicts';
import { matchEdgeUrl } from '../edge/endpoint';
import { parsePlan, type Plan } from './plan';
import {
  requestIdOf,
  sessionResults,
  validateSession,
  type CallVerdicts,
} from './session-verdicts';

// The call model's types, as validateSession takes them (src/validate imports src/session only
// in session-verdicts.ts).
type CapturedCall = CallVerdicts['call'];
type CallWithBodies = Parameters<typeof validateSession>[1][number];
type PageVisit = Parameters<typeof validateSession>[2][number];

const INTERACT = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-1';
const NO_REQUEST_ID = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1';

function callOf(id: string, url: string, extra: Partial<CapturedCall> = {}): CapturedCall {
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error(`not an Edge URL: ${url}`);
  return {
    id,
    url,
    method: 'POST',
    endpoint,
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    status: 200,
    ...extra,
  };
}

function body(...xdms: unknown[]): string {
  return JSON.stringify({ events: xdms.map((xdm) => ({ xdm })) });
}

function planOf(text: string): Plan {
  const parsed = parsePlan(text, 'plan.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.plan;
}

const PLAN = planOf(`
name: Shop
rules:
  - id: page-name
    when: { xdm.eventType: web.webpagedetails.pageViews }
    require: [xdm.web.webPageDetails.name]
  - id: page-title
    severity: warning
    require: [page.title]
  - id: shop-page
    match: { page.url: /^https:\\/\\/shop\\.example\\// }
`);

const PAGES: PageVisit[] = [
  { id: 'p1', url: 'https://shop.example/', title: 'Shop' },
  // Chrome's HAR names a page by title only; the import may leave its URL empty.
  { id: 'p2', url: '' },
  // Playwright's HAR names a page by its title; the import puts the title in `url` too.
  { id: 'p3', url: 'Shop home', title: 'Shop home' },
];

const VIEW = {
  eventType: 'web.webpagedetails.pageViews',
  web: { webPageDetails: { name: 'home' } },
};
const NAMELESS = { eventType: 'web.webpagedetails.pageViews' };

describe('validateSession: each call with its page', () => {
  const cases: Array<{
    name: string;
    call: CapturedCall;
    page: { url?: string; title?: string } | undefined;
  }> = [
    {
      name: 'the page visit named by pageId',
      call: callOf('c1', INTERACT, { pageId: 'p1', documentUrl: 'https://other.example/' }),
      page: { url: 'https://shop.example/', title: 'Shop' },
    },
    {
      name: 'the document URL when the call has no page visit',
      call: callOf('c2', INTERACT, { documentUrl: 'https://shop.example/cart' }),
      page: { url: 'https://shop.example/cart' },
    },
    {
      name: 'the document URL when the visit has neither URL nor title',
      call: callOf('c3', INTERACT, { pageId: 'p2', documentUrl: 'https://shop.example/x' }),
      page: { url: 'https://shop.example/x' },
    },
    {
      name: 'the document URL when pageId names no known visit',
      call: callOf('c4', INTERACT, { pageId: 'gone', documentUrl: 'https://shop.example/y' }),
      page: { url: 'https://shop.example/y' },
    },
    { name: 'no page at all', call: callOf('c5', INTERACT), page: undefined },
    {
      name: 'a visit known by title only: the title, and no URL',
      call: callOf('c6', INTERACT, { pageId: 'p3' }),
      page: { title: 'Shop home' },
    },
    {
      name: 'a visit known by title only, with the document URL',
      call: callOf('c7', INTERACT, { pageId: 'p3', documentUrl: 'https://shop.example/z' }),
      page: { url: 'https://shop.example/z', title: 'Shop home' },
    },
  ];
  it.each(cases)('$name', ({ call, page }) => {
    const verdicts = validateSession(PLAN, [{ call, requestBody: body(VIEW) }], PAGES);
    expect(verdicts.calls[0]?.page).toEqual(page);
    // The page reaches the rules as the event's `page`.
    const event = verdicts.calls[0]?.validation.events[0];
    const shop = event && allFindings(event).find((f) => f.rule === 'shop-page');
    const onShop = page?.url?.startsWith('https://shop.example/') ?? false;
    expect(shop?.status).toBe(onShop ? 'pass' : 'fail');
  });
});

describe('validateSession: counts', () => {
  it('adds every call’s events; calls without a body count nothing', () => {
    const calls: CallWithBodies[] = [
      { call: callOf('c1', INTERACT, { pageId: 'p1' }), requestBody: body(VIEW, NAMELESS) },
      {
        call: callOf('c2', NO_REQUEST_ID, { documentUrl: 'https://shop.example/' }),
        requestBody: body(VIEW),
      },
      { call: callOf('c3', INTERACT, { pageId: 'p1' }) },
    ];
    const verdicts = validateSession(PLAN, calls, PAGES);
    expect(verdicts.plan).toBe('Shop');
    expect(verdicts.calls).toHaveLength(3);
    // c1: the view passes, the nameless view fails; c2 has no page title, so it warns.
    expect(verdicts.summary).toEqual({ events: 3, passed: 1, failed: 1, warned: 1 });
    expect(verdicts.calls[2]?.validation.events).toEqual([]);
  });

  it('gives zero counts for no calls', () => {
    expect(validateSession(PLAN, [], []).summary).toEqual({
      events: 0,
      passed: 0,
      failed: 0,
      warned: 0,
    });
  });
});

describe('sessionResults', () => {
  const verdicts = validateSession(
    PLAN,
    [
      { call: callOf('c1', INTERACT, { pageId: 'p1' }), requestBody: body(NAMELESS) },
      {
        call: callOf('c2', NO_REQUEST_ID),
        requestBody: JSON.stringify({ events: [{ data: {} }] }),
      },
    ],
    PAGES,
  );
  const results = sessionResults(verdicts);

  it('gives one result per finding, in call, event and finding order', () => {
    expect(results.map((r) => [r.requestId, r.eventIndex, r.rule, r.status])).toEqual([
      ['r-1', 0, 'page-name', 'fail'],
      ['r-1', 0, 'page-title', 'pass'],
      ['r-1', 0, 'shop-page', 'pass'],
      ['c2', 0, 'page-title', 'warn'],
      ['c2', 0, 'shop-page', 'fail'],
    ]);
  });

  it('uses the URL’s requestId, else the call’s id', () => {
    expect(requestIdOf(callOf('c9', INTERACT))).toBe('r-1');
    expect(requestIdOf(callOf('c9', NO_REQUEST_ID))).toBe('c9');
  });

  it('has every key, null for an unknown event type or path', () => {
    expect(results[0]).toEqual(MISSING_NAME_RESULT);
    expect(results[3]).toMatchObject({ eventType: null, rule: 'page-title', path: 'page.title' });
    expect(results[1]).toMatchObject({ path: null, status: 'pass' });
  });

  it('leaves out info findings', () => {
    const withInfo = structuredClone(verdicts);
    withInfo.calls[0]?.validation.events[0]?.findings.push({
      rule: 'schema',
      status: 'info',
      path: 'xdm._id',
      message: 'the Web SDK fills _id in later',
    });
    expect(sessionResults(withInfo)).toEqual(results);
  });
});
