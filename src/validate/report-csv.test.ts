import { describe, expect, it } from 'vitest';
import { MISSING_NAME } from './test-verdicts';
import { matchEdgeUrl } from '../edge/endpoint';
import { csvCell, verdictsCsv } from './report-csv';
import type { SessionVerdicts, CallVerdicts } from './session-verdicts';
import type { EventVerdict } from './types';
import { countVerdicts } from './verdicts';

function verdictsOf(events: EventVerdict[], requestId = 'r-1'): SessionVerdicts {
  const url = `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=${requestId}`;
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error(url);
  const call = { id: 'c1', url, endpoint, startedAt: 0 } as CallVerdicts['call'];
  const counts = countVerdicts(events);
  return {
    plan: 'P',
    summary: counts,
    calls: [{ call, validation: { plan: 'P', events, counts } }],
  };
}

/** RFC 4180 reader, for checking that the text reads back into the cells written. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const HEADER = 'requestId,eventIndex,eventType,rule,status,path,expected,actual,message';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [undefined, ''],
    [3, '3'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
  ])('%j → %j', (input, cell) => {
    expect(csvCell(input)).toBe(cell);
  });
});

describe('verdictsCsv', () => {
  const cases: Array<{ name: string; events: EventVerdict[]; rows: string[][] }> = [
    { name: 'no events: the header only', events: [], rows: [] },
    {
      name: 'every finding, pass and info included, one row each',
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
      ],
      rows: [
        [
          'r-1',
          '0',
          'web.webpagedetails.pageViews',
          'page-name',
          'fail',
          'xdm.web.webPageDetails.name',
          'present and not empty',
          '(missing)',
          'xdm.web.webPageDetails.name is missing',
        ],
        ['r-1', '0', 'web.webpagedetails.pageViews', 'shop', 'pass', '', '', '', 'passes'],
        [
          'r-1',
          '0',
          'web.webpagedetails.pageViews',
          'schema',
          'info',
          'xdm._id',
          '',
          '',
          'filled in later',
        ],
      ],
    },
    {
      name: 'captured values quoted and defused',
      events: [
        {
          eventIndex: 2,
          eventType: '=cmd|" /C calc"!A0',
          findings: [
            {
              rule: 'price',
              status: 'warn',
              path: 'xdm.commerce.order.priceTotal',
              expected: '/^[0-9]+$/',
              actual: '-12.5',
              message: 'xdm.commerce.order.priceTotal does not match, "really"\r\nnext line',
            },
          ],
        },
      ],
      rows: [
        [
          'r-1',
          '2',
          `'=cmd|" /C calc"!A0`,
          'price',
          'warn',
          'xdm.commerce.order.priceTotal',
          '/^[0-9]+$/',
          "'-12.5",
          'xdm.commerce.order.priceTotal does not match, "really"\r\nnext line',
        ],
      ],
    },
  ];

  it.each(cases)('$name', ({ events, rows }) => {
    const text = verdictsCsv(verdictsOf(events));
    expect(text.startsWith(`${HEADER}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(readCsv(text)).toEqual([HEADER.split(','), ...rows]);
  });

  it('no cell a spreadsheet would run starts a field', () => {
    const text = verdictsCsv(verdictsOf(cases[2]!.events));
    const cells = readCsv(text).flat();
    expect(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });
});
