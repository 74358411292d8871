import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import { parsePlan } from './plan';
import { esc, htmlReport } from './report-html';
import { validateSession, type SessionVerdicts, type CallVerdicts } from './session-verdicts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const AMP = 'Tom & Jerry';
const PAYLOAD = `${SCRIPT}${IMG}${AMP}`;

interface Sample {
  plan?: string;
  ruleId?: string;
  url?: string;
  requestId?: string;
  title?: string;
  pageUrl?: string;
  name?: unknown;
  eventType?: string;
  section?: string;
}

function verdictsOf(sample: Sample): SessionVerdicts {
  const planText = JSON.stringify({
    name: sample.plan ?? 'Shop',
    rules: [
      { id: sample.ruleId ?? 'page-name', match: { 'xdm.web.webPageDetails.name': 'home' } },
      { id: 'title', severity: 'warning', require: ['xdm.web.webPageDetails.siteSection'] },
    ],
  });
  const parsed = parsePlan(planText, 'plan.json');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const query = `configId=ds&requestId=${encodeURIComponent(sample.requestId ?? 'r-1')}`;
  const url = sample.url ?? `https://edge.adobedc.net/ee/v1/interact?${query}`;
  const endpoint =
    matchEdgeUrl(url) ?? matchEdgeUrl(`https://edge.adobedc.net/ee/v1/interact?${query}`);
  if (!endpoint) throw new Error(url);
  const call = {
    id: 'c1',
    url,
    endpoint,
    pageId: 'p1',
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  } as CallVerdicts['call'];
  const page: Parameters<typeof validateSession>[2][number] = {
    id: 'p1',
    url: sample.pageUrl ?? 'https://shop.example/',
    title: sample.title ?? 'Shop',
  };
  const xdm = {
    eventType: sample.eventType ?? 'web.webpagedetails.pageViews',
    web: {
      webPageDetails: {
        name: sample.name ?? 'product',
        ...(sample.section ? { siteSection: sample.section } : {}),
      },
    },
  };
  return validateSession(
    parsed.plan,
    [{ call, requestBody: JSON.stringify({ events: [{ xdm }] }) }],
    [page],
  );
}

function parse(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

/** What must hold of any report, whatever was captured. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<(link|iframe|object|embed|base|form)\b/i);
  // `src=` and `onerror=` appear only inside the escaped payload, as text, never as attributes.
  const outside = html.split(esc(IMG)).join('');
  expect(outside).not.toMatch(/\b(src|href|action|srcset)\s*=/i);
  expect(outside).not.toMatch(/\bon[a-z]+\s*=/i);
  expect(outside).not.toMatch(/url\(|@import/i);
  const doc = parse(html);
  expect(doc.querySelectorAll('script, img, link, iframe, object, embed, base')).toHaveLength(0);
  for (const element of doc.querySelectorAll('*'))
    for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on/i);
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
  expect(csp?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'");
}

describe('htmlReport: captured strings are text', () => {
  const cases: Array<{ name: string; sample: Sample; shown: string }> = [
    {
      name: 'in the call URL',
      sample: {
        url: `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1&x=${PAYLOAD}`,
      },
      shown: `x=${PAYLOAD}`,
    },
    { name: 'in the requestId', sample: { requestId: PAYLOAD }, shown: PAYLOAD },
    { name: 'in the page title', sample: { title: PAYLOAD }, shown: PAYLOAD },
    {
      name: 'in the page URL',
      sample: { pageUrl: `https://shop.example/?q=${PAYLOAD}` },
      shown: PAYLOAD,
    },
    { name: 'in an event value', sample: { name: PAYLOAD }, shown: JSON.stringify(PAYLOAD) },
    { name: 'in the event type', sample: { eventType: PAYLOAD }, shown: PAYLOAD },
    { name: 'in the plan name', sample: { plan: PAYLOAD }, shown: PAYLOAD },
    { name: 'in a rule id', sample: { ruleId: PAYLOAD }, shown: PAYLOAD },
  ];

  it.each(cases)('$name', ({ sample, shown }) => {
    const html = htmlReport(verdictsOf(sample));
    expectInert(html);
    // The value is shown, as the text it was.
    expect(parse(html).body.textContent).toContain(shown);
    expect(html).toContain(esc(shown));
  });
});

describe('htmlReport: content', () => {
  const verdicts = verdictsOf({ name: 'product' });
  const html = htmlReport(verdicts, {
    generatedAt: new Date(Date.UTC(2026, 0, 3)),
    sources: ['session.har'],
  });
  const text = parse(html).body.textContent ?? '';

  it('starts with the summary: plan, events, passed, failed, warned', () => {
    expect(verdicts.summary).toEqual({ events: 1, passed: 0, failed: 1, warned: 0 });
    const items = [...parse(html).querySelectorAll('.summary li')].map((li) => li.textContent);
    expect(items).toEqual(['1events', '0passed', '1failed', '0warned']);
    expect(text).toContain('Plan Shop');
    expect(text).toContain('From session.har · Generated 2026-01-03T00:00:00.000Z');
  });

  it('shows the failing event with its call and each finding', () => {
    for (const part of [
      '2026-01-02T03:04:05.000Z',
      'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1',
      'r-1',
      'Shop',
      'https://shop.example/',
      'page-name',
      'xdm.web.webPageDetails.name',
      '"home"',
      '"product"',
      'xdm.web.webPageDetails.name does not match "home"',
      'xdm.web.webPageDetails.siteSection is missing',
    ])
      expect(text).toContain(part);
  });

  it('says so when nothing failed or warned', () => {
    const passing = verdictsOf({ name: 'home', section: 'shop' });
    expect(passing.summary).toEqual({ events: 1, passed: 1, failed: 0, warned: 0 });
    const out = htmlReport(passing);
    expect(parse(out).body.textContent).toContain('No event failed or warned.');
    expect(parse(out).querySelectorAll('.call')).toHaveLength(0);
    expectInert(out);
  });

  it('has light and dark colours and no script at all', () => {
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expectInert(html);
  });
});

describe('esc', () => {
  it.each([
    ['&', '&amp;'],
    ['<b>', '&lt;b&gt;'],
    [`"'`, '&quot;&#39;'],
    [undefined, ''],
    [3, '3'],
  ])('%j → %j', (input, out) => {
    expect(esc(input)).toBe(out);
  });
});
