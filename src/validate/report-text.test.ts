import { describe, expect, it } from 'vitest';
import { MISSING_NAME } from './test-verdicts';
import { matchEdgeUrl } from '../edge/endpoint';
import { plain, textReport } from './report-text';
import type { SessionVerdicts, CallVerdicts } from './session-verdicts';
import type { EventVerdict } from './types';
import { countVerdicts } from './verdicts';

function verdictsOf(events: EventVerdict[]): SessionVerdicts {
  const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error(url);
  const call = { id: 'c1', url, endpoint, startedAt: 0 } as CallVerdicts['call'];
  const counts = countVerdicts(events);
  return {
    plan: 'Shop',
    summary: counts,
    calls: [{ call, validation: { plan: 'Shop', events, counts } }],
  };
}

describe('textReport', () => {
  const cases: Array<{ name: string; events: EventVerdict[]; lines: string[] }> = [
    {
      name: 'no events',
      events: [],
      lines: [
        'Plan: Shop',
        'Events: 0, passed: 0, failed: 0, warned: 0',
        '',
        'No events to validate.',
      ],
    },
    {
      name: 'passing events: counts only',
      events: [{ eventIndex: 0, findings: [{ rule: 'a', status: 'pass', message: 'passes' }] }],
      lines: ['Plan: Shop', 'Events: 1, passed: 1, failed: 0, warned: 0', '', 'No event failed.'],
    },
    {
      name: 'one line per failing or warning finding',
      events: [
        {
          eventIndex: 0,
          eventType: 'web.webpagedetails.pageViews',
          findings: [
            MISSING_NAME,
            { rule: 'shop', status: 'pass', message: 'passes' },
            { rule: 'schema', status: 'info', path: 'xdm._id', message: 'filled in later' },
          ],
        },
        { eventIndex: 1, findings: [{ rule: 'title', status: 'warn', message: 'no title' }] },
      ],
      lines: [
        'Plan: Shop',
        'Events: 2, passed: 0, failed: 1, warned: 1',
        '',
        'FAIL r-1[0] web.webpagedetails.pageViews page-name: xdm.web.webPageDetails.name: xdm.web.webPageDetails.name is missing (expected present and not empty, actual (missing))',
        'WARN r-1[1] title: no title',
        '',
        '1 event failed.',
      ],
    },
  ];

  it.each(cases)('$name', ({ events, lines }) => {
    expect(textReport(verdictsOf(events))).toBe(`${lines.join('\n')}\n`);
  });

  it('puts header lines under the plan', () => {
    const text = textReport(verdictsOf([]), ['session.har (HAR): 0 Edge calls']);
    expect(text.split('\n').slice(0, 2)).toEqual(['Plan: Shop', 'session.har (HAR): 0 Edge calls']);
  });

  it('never passes terminal control characters through', () => {
    const text = textReport(
      verdictsOf([
        {
          eventIndex: 0,
          findings: [
            {
              rule: 'a',
              status: 'fail',
              message: 'x\u001b[2J\u001b]0;owned\u0007\nFAKE PASS\u202e',
            },
          ],
        },
      ]),
    );
    const controls = [...text].filter((c) => c !== '\n' && /\p{Cc}|\u202e/u.test(c));
    expect(controls).toEqual([]);
    expect(text).toContain('x\\u001b[2J\\u001b]0;owned\\u0007\\u000aFAKE PASS\\u202e');
  });
});

describe('plain', () => {
  it.each([
    ['ok', 'ok'],
    ['a\tb', 'a\\u0009b'],
    ['\u009b31m', '\\u009b31m'],
    ['é 😀', 'é 😀'],
  ])('%j → %j', (input, out) => {
    expect(plain(input)).toBe(out);
  });
});
