/**
 * The JUnit XML report (`--format junit`), for CI test views: one <testsuite> per page (named by
 * its URL, else its title, else `(unknown page)`), one <testcase> per event and rule (classname
 * `requestId[eventIndex]`, name the rule id), a <failure> when the rule failed. A warning is
 * written to the test case's <system-out>, not as <skipped>: the check ran, and a skipped test
 * would say it did not (CI shows system-out beside the test). Every string is captured data:
 * escaped, and stripped of the characters XML 1.0 does not allow.
 *
 * With the visit checks, one more <testsuite name="visit"> after the pages' holds one <testcase>
 * per built-in check (classname `visit`, name `visit:<check>`), whether it found something or not,
 * so a CI view lists every check that ran and a check that starts failing shows as a test that
 * broke. Its fail findings are the test case's <failure>; its warnings go to <system-out>, as the
 * plan's warnings do: they must not fail the build, and a <skipped> would say the check did not run.
 */
import type { CallVerdicts, SessionVerdicts } from './session-verdicts';
import { requestIdOf } from './session-verdicts';
import { allFindings } from './verdicts';
import type { Finding } from './types';
import { VISIT_CHECKS } from './visit-checks';
import type { VisitResult } from './visit-results';

/** Characters outside XML 1.0's Char production: C0 controls but tab, CR, LF; lone surrogates; FFFE/FFFF. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for element content. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Text for an attribute value: also keeps line breaks and tabs (a parser would fold them). */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const UNKNOWN_PAGE = '(unknown page)';

interface TestCase {
  classname: string;
  name: string;
  findings: Array<Pick<Finding, 'status' | 'message'> & { detail: string }>;
}

interface Suite {
  name: string;
  cases: TestCase[];
}

/** One test case per rule of each event, in the order the findings came. */
function casesOf({ call, validation }: CallVerdicts): TestCase[] {
  const cases: TestCase[] = [];
  for (const event of validation.events) {
    const byRule = new Map<string, TestCase>();
    for (const finding of allFindings(event)) {
      let testCase = byRule.get(finding.rule);
      if (!testCase) {
        testCase = {
          classname: `${requestIdOf(call)}[${event.eventIndex}]`,
          name: finding.rule,
          findings: [],
        };
        byRule.set(finding.rule, testCase);
        cases.push(testCase);
      }
      testCase.findings.push({ ...finding, detail: describeFinding(finding) });
    }
  }
  return cases;
}

/** Calls grouped by page visit (else by page URL), in the order pages first appear. */
function suitesOf(verdicts: SessionVerdicts | undefined): Suite[] {
  const suites = new Map<string, Suite>();
  for (const item of verdicts?.calls ?? []) {
    // The page URL; a page known by title only (Playwright's HAR) by its title.
    const name = item.page?.url || item.page?.title || UNKNOWN_PAGE;
    const key = item.call.pageId ? `visit:${item.call.pageId}` : `url:${name}`;
    let suite = suites.get(key);
    if (!suite) {
      suite = { name, cases: [] };
      suites.set(key, suite);
    }
    suite.cases.push(...casesOf(item));
  }
  return [...suites.values()].filter((suite) => suite.cases.length > 0);
}

function describeFinding(finding: Finding): string {
  const parts = [`${finding.status}: ${finding.message}`];
  if (finding.path) parts.push(`  path: ${finding.path}`);
  if (finding.expected !== undefined) parts.push(`  expected: ${finding.expected}`);
  if (finding.actual !== undefined) parts.push(`  actual: ${finding.actual}`);
  return parts.join('\n');
}

export const VISIT_SUITE = 'visit';

function describeVisit(result: VisitResult): string {
  const parts = [`${result.status}: ${result.title}`, `  ${result.explanation}`];
  if (result.requestIds.length) parts.push(`  requests: ${result.requestIds.join(', ')}`);
  const page = result.page?.url || result.page?.title;
  if (page) parts.push(`  page: ${page}`);
  parts.push(`  next: ${result.next}`);
  return parts.join('\n');
}

/** The visit's suite: one test case per built-in check, its findings in the order they came. */
function visitSuite(visit: readonly VisitResult[]): Suite {
  return {
    name: VISIT_SUITE,
    cases: VISIT_CHECKS.map((check) => ({
      classname: VISIT_SUITE,
      name: `visit:${check}`,
      findings: visit
        .filter((result) => result.check === check)
        .map((result) => ({
          status: result.status,
          message: result.explanation,
          detail: describeVisit(result),
        })),
    })),
  };
}

function caseXml(testCase: TestCase): string {
  const open = `    <testcase classname="${xmlAttr(testCase.classname)}" name="${xmlAttr(testCase.name)}"`;
  const failures = testCase.findings.filter((f) => f.status === 'fail');
  const notes = testCase.findings.filter((f) => f.status === 'warn' || f.status === 'info');
  if (!failures.length && !notes.length) return `${open}/>`;
  const body: string[] = [];
  if (failures.length) {
    const first = failures[0]?.message ?? '';
    const message = failures.length > 1 ? `${first} (and ${failures.length - 1} more)` : first;
    const detail = failures.map((f) => f.detail).join('\n');
    body.push(
      `      <failure message="${xmlAttr(message)}" type="fail">${xmlText(detail)}</failure>`,
    );
  }
  if (notes.length)
    body.push(`      <system-out>${xmlText(notes.map((f) => f.detail).join('\n'))}</system-out>`);
  return `${open}>\n${body.join('\n')}\n    </testcase>`;
}

function failed(testCase: TestCase): boolean {
  return testCase.findings.some((f) => f.status === 'fail');
}

/**
 * The report over the plan's verdicts (none: the visit checks alone) and the visit's findings
 * (undefined: the visit checks did not run, and there is no visit suite).
 */
export function junitReport(
  verdicts: SessionVerdicts | undefined,
  visit?: readonly VisitResult[],
): string {
  const suites = [...suitesOf(verdicts), ...(visit ? [visitSuite(visit)] : [])];
  const count = (cases: TestCase[]) => ({
    tests: cases.length,
    failures: cases.filter(failed).length,
  });
  const all = count(suites.flatMap((suite) => suite.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(verdicts ? verdicts.plan : 'visit checks')}" tests="${all.tests}" failures="${all.failures}" errors="0" skipped="0">`,
  ];
  suites.forEach((suite, id) => {
    const { tests, failures } = count(suite.cases);
    lines.push(
      `  <testsuite name="${xmlAttr(suite.name)}" id="${id}" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
      ...suite.cases.map(caseXml),
      '  </testsuite>',
    );
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
