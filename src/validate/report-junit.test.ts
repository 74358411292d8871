import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import { junitReport, xmlAttr, xmlText } from './report-junit';
import type { CallPage, CallVerdicts, SessionVerdicts } from './session-verdicts';
import type { EventVerdict, Finding } from './types';
import { countVerdicts } from './verdicts';

interface Sample {
  id: string;
  requestId?: string;
  pageId?: string;
  page?: CallPage;
  events: EventVerdict[];
}

function verdictsOf(plan: string, ...calls: Sample[]): SessionVerdicts {
  const items: CallVerdicts[] = calls.map(({ id, requestId, pageId, page, events }) => {
    const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds';
    const matched = matchEdgeUrl(url);
    if (!matched) throw new Error(url);
    // Set directly: a URL could not carry every string the escaping tests need.
    const endpoint = { ...matched, ...(requestId === undefined ? {} : { requestId }) };
    const call = {
      id,
      url,
      endpoint,
      startedAt: 0,
      ...(pageId ? { pageId } : {}),
    } as CallVerdicts['call'];
    const validation = { plan, events, counts: countVerdicts(events) };
    return { call, ...(page ? { page } : {}), validation };
  });
  const summary = countVerdicts(items.flatMap((item) => item.validation.events));
  return { plan, summary, calls: items };
}

const f = (rule: string, status: Finding['status'], message = `${rule} ${status}`): Finding => ({
  rule,
  status,
  message,
  path: 'xdm.a',
  expected: 'present',
  actual: '(missing)',
});

/** A strict XML 1.0 well-formedness check of what the report writes (happy-dom is lenient). */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml))
    problems.push('a character XML 1.0 does not allow');
  const refs = (text: string, where: string) => {
    for (const m of text.matchAll(/&([^;]*);?/g))
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0]))
        problems.push(`${where}: bad reference ${m[0]}`);
  };
  const token =
    /<\?xml[^?]*\?>|<!--(?:(?!--)[\s\S])*-->|<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < xml.length) {
    token.lastIndex = at;
    const m = token.exec(xml);
    if (!m) return [...problems, `cannot read markup at ${at}: ${xml.slice(at, at + 40)}`];
    at = token.lastIndex;
    const [, close, open, attrs, selfClosing, text] = m;
    if (close) {
      if (stack.pop() !== close) problems.push(`</${close}> closes nothing open`);
    } else if (open) {
      if (!stack.length) roots++;
      const names = [...(attrs ?? '').matchAll(/([A-Za-z][\w.-]*)="([^"]*)"/g)];
      if (new Set(names.map((n) => n[1])).size !== names.length)
        problems.push(`<${open}> repeats an attribute`);
      for (const n of names) refs(n[2] ?? '', `<${open} ${n[1]}>`);
      if (!selfClosing) stack.push(open);
    } else if (text !== undefined) {
      if (!stack.length && text.trim()) problems.push('text outside the root');
      if (text.includes(']]>')) problems.push(']]> in text');
      refs(text, 'text');
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

function parse(xml: string): Document {
  const window = new Window();
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  return doc as unknown as Document;
}

const PAGE_A: CallPage = { url: 'https://shop.example/', title: 'Shop' };
const PAGE_B: CallPage = { url: 'https://shop.example/cart' };

describe('junitReport: suites and counts', () => {
  const cases: Array<{
    name: string;
    verdicts: SessionVerdicts;
    suites: Array<{ name: string; tests: number; failures: number }>;
  }> = [
    { name: 'no calls', verdicts: verdictsOf('P'), suites: [] },
    {
      name: 'one page, one event, two rules (one failing)',
      verdicts: verdictsOf('P', {
        id: 'c1',
        requestId: 'r-1',
        pageId: 'p1',
        page: PAGE_A,
        events: [{ eventIndex: 0, findings: [f('a', 'fail'), f('b', 'pass')] }],
      }),
      suites: [{ name: 'https://shop.example/', tests: 2, failures: 1 }],
    },
    {
      name: 'one test case per event and rule, however many findings the rule gave',
      verdicts: verdictsOf('P', {
        id: 'c1',
        page: PAGE_B,
        events: [
          {
            eventIndex: 0,
            findings: [f('a', 'fail'), f('a', 'fail'), f('schema', 'info'), f('schema', 'pass')],
          },
          { eventIndex: 1, findings: [f('a', 'warn'), f('schema', 'fail')] },
        ],
      }),
      suites: [{ name: 'https://shop.example/cart', tests: 4, failures: 2 }],
    },
    {
      name: 'one suite per page; calls without a page go to "(unknown page)"',
      verdicts: verdictsOf(
        'P',
        {
          id: 'c1',
          pageId: 'p1',
          page: PAGE_A,
          events: [{ eventIndex: 0, findings: [f('a', 'pass')] }],
        },
        { id: 'c2', events: [{ eventIndex: 0, findings: [f('a', 'fail')] }] },
        {
          id: 'c3',
          pageId: 'p1',
          page: PAGE_A,
          events: [{ eventIndex: 0, findings: [f('a', 'fail')] }],
        },
        { id: 'c4', events: [{ eventIndex: 0, findings: [f('a', 'warn')] }] },
        { id: 'c5', events: [] },
      ),
      suites: [
        { name: 'https://shop.example/', tests: 2, failures: 1 },
        { name: '(unknown page)', tests: 2, failures: 1 },
      ],
    },
  ];

  it.each(cases)('$name', ({ verdicts, suites }) => {
    const xml = junitReport(verdicts);
    expect(xmlProblems(xml)).toEqual([]);
    const doc = parse(xml);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.tagName).toBe('testsuites');
    const found = [...doc.getElementsByTagName('testsuite')].map((s) => ({
      name: s.getAttribute('name'),
      tests: Number(s.getAttribute('tests')),
      failures: Number(s.getAttribute('failures')),
    }));
    expect(found).toEqual(suites);
    for (const [i, suite] of [...doc.getElementsByTagName('testsuite')].entries()) {
      expect(suite.getElementsByTagName('testcase')).toHaveLength(suites[i]!.tests);
      const failing = [...suite.getElementsByTagName('testcase')].filter(
        (c) => c.getElementsByTagName('failure').length > 0,
      );
      expect(failing).toHaveLength(suites[i]!.failures);
    }
    expect(Number(root.getAttribute('tests'))).toBe(suites.reduce((n, s) => n + s.tests, 0));
    expect(Number(root.getAttribute('failures'))).toBe(suites.reduce((n, s) => n + s.failures, 0));
    expect(doc.getElementsByTagName('skipped')).toHaveLength(0);
  });
});

describe('junitReport: test cases', () => {
  const verdicts = verdictsOf('P', {
    id: 'c1',
    requestId: 'r-1',
    page: PAGE_A,
    events: [
      {
        eventIndex: 0,
        findings: [
          f('page-name', 'fail', 'name is missing'),
          f('page-name', 'fail', 'URL is missing'),
        ],
      },
      { eventIndex: 1, findings: [f('title', 'warn', 'title is missing')] },
    ],
  });
  const doc = parse(junitReport(verdicts));
  const cases = [...doc.getElementsByTagName('testcase')];

  it('names the class by requestId and event index, the case by the rule', () => {
    expect(cases.map((c) => [c.getAttribute('classname'), c.getAttribute('name')])).toEqual([
      ['r-1[0]', 'page-name'],
      ['r-1[1]', 'title'],
    ]);
  });

  it('gives a failure with the first message and every finding in its text', () => {
    const failure = cases[0]?.getElementsByTagName('failure')[0];
    expect(failure?.getAttribute('message')).toBe('name is missing (and 1 more)');
    expect(failure?.textContent).toContain('URL is missing');
    expect(failure?.textContent).toContain('expected: present');
  });

  it('writes a warning to system-out, not as a failure or skipped', () => {
    expect(cases[1]?.getElementsByTagName('failure')).toHaveLength(0);
    expect(cases[1]?.getElementsByTagName('system-out')[0]?.textContent).toContain(
      'warn: title is missing',
    );
  });
});

describe('junitReport: escaping', () => {
  const nasty = `<script>alert(1)</script> "><img src=x onerror=alert(1)> & 'q' ]]> \u0000\u0001\u001b[31m\uFFFE\uD800 😀 end`;
  const kept = `<script>alert(1)</script> "><img src=x onerror=alert(1)> & 'q' ]]> [31m 😀 end`;
  const verdicts = verdictsOf(nasty, {
    id: 'c1',
    requestId: nasty,
    page: { url: `https://shop.example/?q=${nasty}` },
    events: [
      {
        eventIndex: 0,
        eventType: nasty,
        findings: [f(nasty, 'fail', nasty), f('w', 'warn', nasty)],
      },
    ],
  });
  const xml = junitReport(verdicts);

  it('is well-formed XML 1.0 whatever the captured strings hold', () => {
    expect(xmlProblems(xml)).toEqual([]);
    expect(parse(xml).getElementsByTagName('parsererror')).toHaveLength(0);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
  });

  it('reads back as the text, without the characters XML cannot hold', () => {
    const doc = parse(xml);
    expect(doc.documentElement.getAttribute('name')).toBe(kept);
    const testCase = doc.getElementsByTagName('testcase')[0];
    expect(testCase?.getAttribute('name')).toBe(kept);
    expect(testCase?.getAttribute('classname')).toBe(`${kept}[0]`);
    expect(testCase?.getElementsByTagName('failure')[0]?.getAttribute('message')).toBe(kept);
    expect(doc.getElementsByTagName('testsuite')[0]?.getAttribute('name')).toBe(
      `https://shop.example/?q=${kept}`,
    );
  });

  it.each([
    ['&', '&amp;', '&amp;'],
    ['<>', '&lt;&gt;', '&lt;&gt;'],
    [`"'`, '&quot;&apos;', '&quot;&apos;'],
    ['a\nb\tc', 'a\nb\tc', 'a&#10;b&#9;c'],
    ['\u0000\u0008\u000b\u000c\u001f', '', ''],
    ['\uD800x\uDFFF', 'x', 'x'],
    ['\uFFFE\uFFFF', '', ''],
    ['😀', '😀', '😀'],
  ])('escapes %j', (input, text, attr) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttr(input)).toBe(attr);
  });
});

describe('the strict well-formedness check these tests use', () => {
  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['two roots', '<a/><b/>'],
    ['a raw ampersand', '<a>&</a>'],
    ['an undefined entity', '<a>&nbsp;</a>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
    ['a < in an attribute', '<a x="<"/>'],
    ['a control character', '<a>\u0001</a>'],
    ['an unquoted attribute', '<a x=1/>'],
  ])('refuses %s', (_name, xml) => {
    expect(xmlProblems(xml)).not.toEqual([]);
  });

  it('accepts a well-formed document', () => {
    expect(
      xmlProblems('<?xml version="1.0"?>\n<a x="&amp;&#10;"><b>&lt;&#x1F600;</b><c/></a>\n'),
    ).toEqual([]);
  });
});
