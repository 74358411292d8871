import { describe, expect, it } from 'vitest';
import { MISSING_NAME_RESULT } from './test-verdicts';
import { matchEdgeUrl } from '../edge/endpoint';
import { jsonReport } from './report-json';
import type { CallVerdicts, SessionVerdicts } from './session-verdicts';
import type { EventVerdict, Finding } from './types';
import { countVerdicts } from './verdicts';

function verdictsOf(
  ...calls: Array<{ id: string; url: string; events: EventVerdict[] }>
): SessionVerdicts {
  const items: CallVerdicts[] = calls.map(({ id, url, events }) => {
    const endpoint = matchEdgeUrl(url);
    if (!endpoint) throw new Error(url);
    const call = { id, url, endpoint, startedAt: 0 } as CallVerdicts['call'];
    return { call, validation: { plan: 'Shop', events, counts: countVerdicts(events) } };
  });
  const summary = countVerdicts(items.flatMap((item) => item.validation.events));
  return { plan: 'Shop', summary, calls: items };
}

const URL_R1 = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
const URL_NONE = 'https://edge.adobedc.net/ee/v1/collect?configId=ds';

const fail: Finding = {
  rule: 'page-name',
  status: 'fail',
  path: 'xdm.web.webPageDetails.name',
  expected: 'present and not empty',
  actual: '(missing)',
  message: 'xdm.web.webPageDetails.name is missing',
};
const warn: Finding = {
  rule: 'title',
  status: 'warn',
  path: 'page.title',
  message: 'page.title is missing',
};
const pass: Finding = { rule: 'shop', status: 'pass', message: 'passes' };
const schemaFail: Finding = {
  rule: 'schema',
  status: 'fail',
  path: 'xdm.web',
  message: 'must be an object',
};
const info: Finding = {
  rule: 'schema',
  status: 'info',
  path: 'xdm._id',
  message: 'filled in later',
};

describe('jsonReport', () => {
  const cases: Array<{ name: string; verdicts: SessionVerdicts; expected: unknown }> = [
    {
      name: 'no calls',
      verdicts: verdictsOf(),
      expected: {
        plan: 'Shop',
        summary: { events: 0, passed: 0, failed: 0, warned: 0 },
        results: [],
      },
    },
    {
      name: 'a failing, a warning and a passing finding',
      verdicts: verdictsOf({
        id: 'c1',
        url: URL_R1,
        events: [
          {
            eventIndex: 0,
            eventType: 'web.webpagedetails.pageViews',
            findings: [fail, warn, pass],
          },
        ],
      }),
      expected: {
        plan: 'Shop',
        summary: { events: 1, passed: 0, failed: 1, warned: 0 },
        results: [
          MISSING_NAME_RESULT,
          {
            requestId: 'r-1',
            eventIndex: 0,
            eventType: 'web.webpagedetails.pageViews',
            rule: 'title',
            status: 'warn',
            path: 'page.title',
            message: 'page.title is missing',
          },
          {
            requestId: 'r-1',
            eventIndex: 0,
            eventType: 'web.webpagedetails.pageViews',
            rule: 'shop',
            status: 'pass',
            path: null,
            message: 'passes',
          },
        ],
      },
    },
    {
      name: 'schema findings under rule "schema", info left out, the call id without a requestId',
      verdicts: verdictsOf({
        id: 'c2',
        url: URL_NONE,
        events: [
          { eventIndex: 0, findings: [info, schemaFail] },
          { eventIndex: 1, findings: [warn, info] },
        ],
      }),
      expected: {
        plan: 'Shop',
        summary: { events: 2, passed: 0, failed: 1, warned: 1 },
        results: [
          {
            requestId: 'c2',
            eventIndex: 0,
            eventType: null,
            rule: 'schema',
            status: 'fail',
            path: 'xdm.web',
            message: 'must be an object',
          },
          {
            requestId: 'c2',
            eventIndex: 1,
            eventType: null,
            rule: 'title',
            status: 'warn',
            path: 'page.title',
            message: 'page.title is missing',
          },
        ],
      },
    },
  ];

  it.each(cases)('$name', ({ verdicts, expected }) => {
    const text = jsonReport(verdicts);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(expected);
  });

  it('has exactly the documented keys, in order', () => {
    const parsed = JSON.parse(jsonReport(cases[1]!.verdicts));
    expect(Object.keys(parsed)).toEqual(['plan', 'summary', 'results']);
    expect(Object.keys(parsed.summary)).toEqual(['events', 'passed', 'failed', 'warned']);
    expect(Object.keys(parsed.results[0])).toEqual([
      'requestId',
      'eventIndex',
      'eventType',
      'rule',
      'status',
      'path',
      'message',
    ]);
  });
});
