import { describe, expect, it } from 'vitest';
import { importFile } from '../session/import';
import { buildVisit } from '../validate/visit';
import { visitFindings } from '../validate/visit-checks';
import { CART_URL, ECID_AFTER, ECID_BEFORE, HOME_URL, visitHar } from '../session/test-visit-har';
import { FILES, memory, run } from './test-har';
import { runValidate } from './validate';

const VISIT_FILES: Record<string, string> = {
  ...FILES,
  'visit.har': visitHar(),
  'mismatch.har': visitHar({ mismatch: true }),
};

interface Reported {
  rule: string;
  status: string;
  requestIds: string[];
}

function key({ rule, status, requestIds }: Reported): string {
  return `${rule} ${status} ${requestIds.join(',')}`;
}

describe('validate runs the visit checks', () => {
  it('without --plan: the visit checks alone; warnings exit 0', () => {
    const { code, stdout, stderr } = run(['visit.har', '--format', 'json'], VISIT_FILES);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { plan: unknown; visit: Reported[]; results: unknown[] };
    expect(report.plan).toBeNull();
    expect(report.visit.map(key)).toEqual([
      'visit:ecid-changed warn r-cart',
      'visit:hint-not-followed warn r-home,r-cart',
      'visit:decision-not-displayed warn r-home',
    ]);
    expect(report.results).toContainEqual({
      requestId: 'r-cart',
      eventIndex: null,
      eventType: null,
      rule: 'visit:ecid-changed',
      status: 'warn',
      path: null,
      message: expect.stringContaining(
        `shows ECID ${ECID_AFTER}; before it the visitor was ${ECID_BEFORE}`,
      ),
    });
  });

  it('exits 1 when a visit finding fails', () => {
    const { code, stdout } = run(['mismatch.har'], VISIT_FILES);
    expect(code).toBe(1);
    expect(stdout).toContain('Plan: none (the visit checks only)');
    expect(stdout).toContain('Visit checks: 4 findings, failed: 1, warned: 3');
    expect(stdout).toContain('FAIL r-cart visit:ecid-cookie-mismatch: #2 interact returned ECID');
    expect(stdout.endsWith('\n1 visit finding failed.\n')).toBe(true);
  });

  it('with --plan: both, and the plan’s verdicts unchanged', () => {
    const { code, stdout } = run(
      ['visit.har', '--plan', 'plans/plan.yaml', '--format', 'json'],
      VISIT_FILES,
    );
    // Both page views name their page: nothing fails.
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { plan: string; summary: unknown; results: Reported[] };
    expect(report.plan).toBe('Shop plan');
    expect(report.summary).toEqual({ events: 2, passed: 2, failed: 0, warned: 0 });
    expect(report.results.map((r) => `${r.rule} ${r.status}`)).toEqual([
      'page-name pass',
      'page-name pass',
      'visit:ecid-changed warn',
      'visit:hint-not-followed warn',
      'visit:decision-not-displayed warn',
    ]);
  });

  it('a plan failure and a visit warning: exit 1, both in JUnit', () => {
    const { io, out } = memory(VISIT_FILES);
    const code = runValidate(
      [
        'session.har',
        'visit.har',
        '--plan',
        'plans/plan.yaml',
        '--format',
        'junit',
        '--out',
        'j.xml',
      ],
      io,
    );
    expect(code).toBe(1);
    const xml = out.written['j.xml'] ?? '';
    expect(xml).toContain('<testsuite name="visit" id="3" tests="8" failures="0"');
    expect(xml).toContain('<testcase classname="visit" name="visit:ecid-changed">');
    expect(out.stdout).toBe(
      'Wrote junit report to j.xml: 3 events, 2 passed, 1 failed, 0 warned; visit checks: 3 findings, 0 failed.\n',
    );
  });

  it('each file is a finished visit of its own: two visitors are not one whose ECID changed', () => {
    // The home page and its call alone, in two files, with two ECIDs. The page is the file's
    // last: only a finished visit judges its decisions.
    const home = (ecid: string) => {
      const har = JSON.parse(visitHar()) as { log: Record<string, unknown[]> };
      har.log.entries = har.log.entries?.slice(0, 1) ?? [];
      har.log.pages = har.log.pages?.slice(0, 1) ?? [];
      return JSON.stringify(har).split(ECID_BEFORE).join(ecid);
    };
    const files = { 'a.har': home(ECID_BEFORE), 'b.har': home(ECID_AFTER) };
    const { stdout } = run(['a.har', 'b.har', '--format', 'json'], files);
    const rules = (JSON.parse(stdout) as { visit: Reported[] }).visit.map((r) => r.rule);
    expect(rules).not.toContain('visit:ecid-changed');
    expect(rules.filter((rule) => rule === 'visit:decision-not-displayed')).toHaveLength(2);
  });
});

describe('the same findings from the viewer’s import and from the command line', () => {
  it.each([
    { name: 'a HAR with ecid-changed and decision-not-displayed', file: 'visit.har' },
    { name: 'the same with a failing ecid-cookie-mismatch', file: 'mismatch.har' },
  ])('$name', ({ file }) => {
    const text = VISIT_FILES[file] ?? '';
    // The viewer: import, then the visit over the imported calls and pages, as a finished visit.
    const imported = importFile(file, text, 'import-1');
    if (!imported.ok) throw new Error(imported.reason);
    const calls = imported.calls.map((item) => item.call);
    expect(calls.every((call) => call.facts !== undefined)).toBe(true);
    const findings = visitFindings(buildVisit(calls, imported.pages, { ended: true }), calls);
    const requestId = new Map(calls.map((call) => [call.id, call.endpoint.requestId ?? call.id]));
    const viewer = findings.map((f) =>
      key({
        rule: f.rule,
        status: f.status,
        requestIds: f.callIds.map((id) => requestId.get(id) ?? id),
      }),
    );
    expect(viewer).toEqual(
      expect.arrayContaining([
        'visit:ecid-changed warn r-cart',
        'visit:decision-not-displayed warn r-home',
      ]),
    );

    const { stdout } = run([file, '--format', 'json'], VISIT_FILES);
    const cli = (JSON.parse(stdout) as { visit: Reported[] }).visit.map(key);
    expect(new Set(cli)).toEqual(new Set(viewer));
    expect(cli).toHaveLength(viewer.length);
  });

  it('the calls are the ones the HAR names', () => {
    expect(new URL(HOME_URL).searchParams.get('requestId')).toBe('r-home');
    expect(new URL(CART_URL).searchParams.get('requestId')).toBe('r-cart');
  });
});
