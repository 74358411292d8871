import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import { jsonReportOf } from './report-json';
import { verdictsCsv } from './report-csv';
import { htmlReport } from './report-html';
import { junitReport } from './report-junit';
import { textReport } from './report-text';
import type { SessionVerdicts } from './session-verdicts';
import { MISSING_NAME, MISSING_NAME_RESULT } from './test-verdicts';
import { countVerdicts } from './verdicts';
import type { VisitFinding } from './visit-checks';
import { visitFailed, visitResults, type VisitResult } from './visit-results';

const URL_R1 = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
const URL_NONE = 'https://edge.adobedc.net/ee/v1/collect?configId=ds';

function endpoint(url: string) {
  const found = matchEdgeUrl(url);
  if (!found) throw new Error(url);
  return found;
}

const CHANGED: VisitResult = {
  rule: 'visit:ecid-changed',
  check: 'ecid-changed',
  status: 'warn',
  title: 'The ECID changed during the visit',
  explanation: '#2 interact shows ECID B; before it the visitor was A.',
  next: 'Check the identity cookie.',
  requestIds: ['r-2'],
  page: { url: 'https://shop.example/cart' },
};
const CONSENT: VisitResult = {
  rule: 'visit:sent-after-consent-out',
  check: 'sent-after-consent-out',
  status: 'fail',
  title: 'Events were sent after consent went out',
  explanation:
    'Consent went out at #1 privacy/set-consent; after it one event call was sent: #3 interact.',
  next: 'Check which script sent them.',
  requestIds: ['r-3', 'r-4'],
};
const RENDER: VisitResult = {
  rule: 'visit:render-failed',
  check: 'render-failed',
  status: 'fail',
  title: 'The Web SDK could not render a proposition',
  explanation: '<b>selector</b> "#hero" & co failed',
  next: 'Check the selector.',
  requestIds: [],
};

function planVerdicts(): SessionVerdicts {
  const events = [
    { eventIndex: 0, eventType: 'web.webpagedetails.pageViews', findings: [MISSING_NAME] },
  ];
  const call = { id: 'c1', url: URL_R1, method: 'POST', endpoint: endpoint(URL_R1), startedAt: 0 };
  const validation = { plan: 'Shop plan', events, counts: countVerdicts(events) };
  return { plan: 'Shop plan', summary: validation.counts, calls: [{ call, validation }] };
}

describe('visitResults', () => {
  it('names each finding’s calls by their request id, else the call id, and its page', () => {
    const finding: VisitFinding = {
      check: 'hint-not-followed',
      rule: 'visit:hint-not-followed',
      status: 'warn',
      title: 't',
      explanation: 'e',
      next: 'n',
      callIds: ['c1', 'c2'],
      pageId: 'p1',
    };
    const calls = [
      { id: 'c1', endpoint: endpoint(URL_R1) },
      { id: 'c2', endpoint: endpoint(URL_NONE) },
    ];
    expect(visitResults([finding], calls, [{ id: 'p1', url: 'Home', title: 'Home' }])).toEqual([
      {
        rule: 'visit:hint-not-followed',
        check: 'hint-not-followed',
        status: 'warn',
        title: 't',
        explanation: 'e',
        next: 'n',
        requestIds: ['r-1', 'c2'],
        // A title-only page (Playwright's HAR) has no URL.
        page: { title: 'Home' },
      },
    ]);
  });

  it('fails only on a fail finding', () => {
    expect(visitFailed([CHANGED])).toBe(false);
    expect(visitFailed([CHANGED, CONSENT])).toBe(true);
    expect(visitFailed([])).toBe(false);
  });
});

describe('the reports with the visit’s findings', () => {
  it('JSON: `visit` whole, and each finding in `results` after the plan’s', () => {
    const report = jsonReportOf(planVerdicts(), [CHANGED, RENDER]);
    expect(report.plan).toBe('Shop plan');
    expect(report.results).toEqual([
      MISSING_NAME_RESULT,
      {
        requestId: 'r-2',
        eventIndex: null,
        eventType: null,
        rule: 'visit:ecid-changed',
        status: 'warn',
        path: null,
        message: CHANGED.explanation,
      },
      {
        requestId: null,
        eventIndex: null,
        eventType: null,
        rule: 'visit:render-failed',
        status: 'fail',
        path: null,
        message: RENDER.explanation,
      },
    ]);
    expect(report.visit).toEqual([CHANGED, RENDER]);
  });

  it('JSON without a plan: plan null, no events counted; without the visit checks: no `visit`', () => {
    expect(jsonReportOf(undefined, [])).toEqual({
      plan: null,
      summary: { events: 0, passed: 0, failed: 0, warned: 0 },
      results: [],
      visit: [],
    });
    expect(jsonReportOf(planVerdicts())).not.toHaveProperty('visit');
  });

  it('text: the visit’s counts, a line per finding with what to check next, and the outcome', () => {
    const text = textReport(planVerdicts(), ['s.har (HAR): 1 Edge calls'], [CHANGED, CONSENT]);
    expect(text).toContain('Plan: Shop plan\ns.har (HAR): 1 Edge calls\nEvents: 1,');
    expect(text).toContain('Visit checks: 2 findings, failed: 1, warned: 1');
    expect(text).toContain(
      `WARN r-2 visit:ecid-changed: ${CHANGED.explanation}\n  next: ${CHANGED.next}`,
    );
    expect(text).toContain(`FAIL r-3 visit:sent-after-consent-out: ${CONSENT.explanation}`);
    expect(text.endsWith('1 event failed.\n1 visit finding failed.\n')).toBe(true);
  });

  it('text without a plan and without findings', () => {
    expect(textReport(undefined, ['s.har (HAR): 1 Edge calls'], [])).toBe(
      'Plan: none (the visit checks only)\ns.har (HAR): 1 Edge calls\nVisit checks: 0 findings, failed: 0, warned: 0\n\nNo visit check failed.\n',
    );
  });

  it('text: control characters in a finding are escaped', () => {
    const text = textReport(undefined, [], [{ ...CHANGED, explanation: 'a\u001b[2Jb' }]);
    expect(text).toContain('a\\u001b[2Jb');
  });

  it('JUnit: a "visit" suite with one test case per check, failures for fails, warnings in system-out', () => {
    const xml = junitReport(undefined, [CHANGED, CONSENT]);
    expect(xml).toContain('<testsuites name="visit checks" tests="8" failures="1"');
    expect(xml).toContain('<testsuite name="visit" id="0" tests="8" failures="1"');
    expect(xml).toContain('<testcase classname="visit" name="visit:media-ping-gap"/>');
    const consent = xml.slice(xml.indexOf('name="visit:sent-after-consent-out"'));
    expect(consent).toMatch(
      /^name="visit:sent-after-consent-out">\n {6}<failure message="Consent went out/,
    );
    expect(consent).toContain('requests: r-3, r-4');
    const changed = xml.slice(xml.indexOf('name="visit:ecid-changed"'));
    expect(changed).toMatch(/^name="visit:ecid-changed">\n {6}<system-out>warn: The ECID changed/);
    expect(changed.slice(0, changed.indexOf('</testcase>'))).not.toContain('<failure');
  });

  it('JUnit with a plan: the pages’ suites first, then the visit’s, counted in the total', () => {
    const xml = junitReport(planVerdicts(), [RENDER]);
    expect(xml).toContain('<testsuites name="Shop plan" tests="9" failures="2"');
    expect(xml.indexOf('<testsuite name="(unknown page)"')).toBeLessThan(
      xml.indexOf('<testsuite name="visit"'),
    );
    expect(xml).toContain('&lt;b&gt;selector&lt;/b&gt; &quot;#hero&quot; &amp; co failed');
  });

  it('CSV: a row per visit finding, in the verdicts’ columns', () => {
    const csv = verdictsCsv(undefined, [CHANGED, RENDER]);
    expect(csv.split('\r\n')).toEqual([
      'requestId,eventIndex,eventType,rule,status,path,expected,actual,message',
      `r-2,,,visit:ecid-changed,warn,,,,${CHANGED.explanation}`,
      ',,,visit:render-failed,fail,,,,"<b>selector</b> ""#hero"" & co failed"',
      '',
    ]);
  });

  it('HTML: a visit section with each finding, its requests, page and next step, escaped', () => {
    const html = htmlReport(planVerdicts(), { visit: [CHANGED, RENDER] });
    const doc = new Window().document;
    doc.write(html);
    const rows = [...doc.querySelectorAll('table.visit tbody tr')];
    expect(rows.map((row) => row.className)).toEqual(['warn', 'fail']);
    expect(rows[0]?.textContent).toContain('visit:ecid-changed');
    expect(rows[0]?.textContent).toContain('r-2');
    expect(rows[0]?.textContent).toContain('https://shop.example/cart');
    expect(rows[0]?.textContent).toContain('Check the identity cookie.');
    expect(rows[1]?.querySelector('b')).toBeNull();
    expect(rows[1]?.textContent).toContain('<b>selector</b> "#hero" & co failed');
  });

  it('HTML without a plan says so; without the visit checks it has no visit section', () => {
    const html = htmlReport(undefined, { visit: [] });
    expect(html).toContain('<title>QA report: visit checks</title>');
    expect(html).toContain('No plan: only the visit checks ran.');
    expect(html).toContain('No visit check found anything.');
    expect(htmlReport(planVerdicts())).not.toContain('Visit checks');
  });
});
